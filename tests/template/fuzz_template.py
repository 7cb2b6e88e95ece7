#!/usr/bin/env python3
"""Fuzz orch's template engine against Go's text/template, differentially.

Inputs are random mutations of the hand-written and generated cases'
templates (template_cases.py, template_gen.py): actions, keywords,
delimiters, quotes and pipes inserted, ranges deleted or duplicated, two
templates spliced. Go's text/template (tests/template/tmpldiff) and orch run
each on the case's data: both must give the same output, or both fail in
the same phase with the same message's "template: NAME:LINE" prefix; orch
must never hang (5 s), crash or raise anything but TemplateError. An input
that breaks one of these is written to tests/template/fuzz_corpus/ (JSON,
named by its hash), where test_template_fuzz.py replays it for ever after.

usage: tests/template/fuzz_template.py [--seconds N] [--seed S] [--batch N]
"""

import argparse
import hashlib
import json
import os
import random
import re
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "fuzz_corpus")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "lib"))

import template_cases  # noqa: E402
import template_diff  # noqa: E402
import template_gen  # noqa: E402

PIECES = ["{{", "}}", "{{-", "-}}", " ", "|", "(", ")", "$", "$x", "$x :=", "$x =", ".", ".A", ".B.C", ",", "\"",
          "'", "`", "/*", "*/", "if ", "else ", "else if ", "end", "range ", "with ", "define \"t\"", "template \"t\"",
          "block \"b\" .", "break", "continue", "nil", "true", "1", "-1", "0x1f", "1e3", "'a'", "\\n", "printf \"%d\"",
          "len", "index", "slice", "and", "or", "not", "eq", "call", "print", "html", "js", "urlquery", "\n"]


def mutate(rng: random.Random, text: str, other: str) -> str:
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randint(1, 12))
        kind = rng.randrange(5)
        if kind == 0:
            text = text[:i] + rng.choice(PIECES) + text[i:]
        elif kind == 1:
            text = text[:i] + text[j:]
        elif kind == 2:
            text = text[:j] + text[i:j] + text[j:]
        elif kind == 3 and other:
            k = rng.randrange(len(other))
            text = text[:i] + other[k:k + rng.randint(1, 30)] + text[j:]
        else:
            text = text[:i] + "{{" + rng.choice(PIECES) + rng.choice(PIECES) + "}}" + text[i:]
    return text


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def check_batch(cases, run_go) -> list:
    """[(case, problem)] where orch and Go differ or orch misbehaves."""
    go_results = run_go(cases)
    out = []
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for case, go in zip(cases, go_results):
            if go.get("phase") == "harness":
                continue    # Go's own harness could not run it (a panic in a data method)
            signal.alarm(5)
            try:
                py = template_diff.run_python(case)
                why = template_diff.compare(case, go, py, exact_errors=False)
            except Hang:
                why = "orch took more than 5 s"
            except RecursionError:
                why = None  # deep recursion: Go stops at depth 100000, orch at Python's limit (both fail)
                if "err" not in go:
                    why = "orch ran out of recursion where Go did not"
            except Exception as e:
                why = f"orch raised {type(e).__name__}: {e}"
            finally:
                signal.alarm(0)
            if why and not _harness_difference(case, go, why):
                out.append((case, why))
    finally:
        signal.signal(signal.SIGALRM, old)
    return out


_ADDRESS = re.compile(r"[0-9a-f]{10,}")


def _harness_difference(case, go, why) -> bool:
    """Differences that come from the harness, not from either engine:
    Go's slices decoded from JSON have spare capacity (slice may reach past
    len), %p prints a Go address, tmpldiff's add takes ints, and a value
    read from a JSON map is an interface {} in Go, which orch's values
    (Python's) do not record (test_template_diff's LOOSE cases)."""
    if "slice" in case["text"] and "index out of range" in why:
        return True
    err = go.get("err") or ""
    if "interface {}" in err or ("add" in case["text"] and "expected integer" in err):
        return True
    return bool(_ADDRESS.search(go.get("out") or ""))


def keep(case: dict) -> str:
    os.makedirs(CORPUS, exist_ok=True)
    data = json.dumps(case, sort_keys=True)
    path = os.path.join(CORPUS, hashlib.sha256(data.encode()).hexdigest()[:16] + ".json")
    with open(path, "w") as f:
        f.write(data + "\n")
    return path


def seeds() -> list:
    return template_cases.CASES + template_gen.generate(seed=1, count=300)


def fuzz(seconds, seed, run_go, batch=300, limit=None) -> tuple[int, list]:
    """Run for `seconds` (or until `limit` templates: the same ones on any
    machine); returns (templates tried, [(saved path, problem)])."""
    rng = random.Random(seed)
    base = seeds()
    deadline = time.monotonic() + seconds
    tried, found = 0, []
    while time.monotonic() < deadline and (limit is None or tried < limit):
        cases = []
        for k in range(batch):
            c = rng.choice(base)
            text = mutate(rng, c["text"], rng.choice(base)["text"])
            cases.append(dict(c, id=f"fuzz-{seed}-{tried + k}", name="fuzz", text=text))
        tried += len(cases)
        for case, why in check_batch(cases, run_go):
            found.append((keep(case), why))
    return tried, found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batch", type=int, default=300)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    with tempfile.TemporaryDirectory() as tmp:
        exe = template_diff.build(dict(os.environ), tmp)
        tried, found = fuzz(a.seconds, seed, lambda cases: template_diff.run_go(exe, cases), a.batch)
    print(f"seed {seed}: {tried} templates in {a.seconds:.0f} s, {len(found)} problems")
    for path, why in found:
        print(f"  {path}: {why.splitlines()[0]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
