#!/usr/bin/env python3
"""Fuzz orch's Go parser against go/parser, differentially.

Inputs are random mutations of real GOROOT files (bytes flipped, ranges
deleted or duplicated, tokens inserted, lines swapped, pieces of another
file spliced in), fed in batches to go/parser (tests/golang/goastdump) and
to orch's parser. Both must accept with the same tree, or both reject with
the same first error (test_broken's comparison); orch must never hang (a
parse has 5 s), crash or raise anything but GoSyntaxError. An input that
breaks one of these is written to tests/golang/fuzz_corpus/ (named by its
hash), where test_parser_fuzz.py replays it for ever after.

usage: tests/golang/fuzz_parser.py [--seconds N] [--seed S] [--batch N]
CI runs it for a bounded number of inputs (test_parser_fuzz.py); longer runs: this script.
"""

import argparse
import hashlib
import os
import random
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "fuzz_corpus")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "lib"))

import astdump  # noqa: E402

TOKENS = [b")", b"(", b",", b" func ", b"{", b"}", b";", b" := ", b"\"", b"`", b"'", b"/*", b"*/", b"[", b"]",
          b" type ", b" interface{ ", b" chan ", b"<-", b"...", b" go ", b" defer ", b"\n", b"~", b"|", b" if ",
          b" range ", b"0x", b"1e", b"'\\", b"\\u", b"//line x.go:1\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b"[T any]"]


def mutate(rng: random.Random, src: bytes, other: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        if not src:
            return src
        kind = rng.randrange(7)
        i = rng.randrange(len(src))
        j = min(len(src), i + rng.randint(1, 40))
        if kind == 0:
            src = src[:i] + bytes([rng.randrange(256)]) + src[i + 1:]
        elif kind == 1:
            src = src[:i] + src[j:]
        elif kind == 2:
            src = src[:j] + src[i:j] + src[j:]
        elif kind == 3:
            src = src[:i] + rng.choice(TOKENS) + src[i:]
        elif kind == 4:
            lines = src.split(b"\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            src = b"\n".join(lines)
        elif kind == 5 and other:
            k = rng.randrange(len(other))
            src = src[:i] + other[k:k + rng.randint(1, 200)] + src[j:]
        else:
            src = src[:i]
    return src


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def check_batch(cases, workdir, goastdump, go_minor) -> list:
    """[(name, src, problem)] for the cases where orch and go/parser differ
    or orch misbehaves."""
    from orch.golang import GoSyntaxError
    from orch.golang.parser import parse_file
    paths = []
    for name, src in cases:
        p = os.path.join(workdir, name + ".go")
        with open(p, "wb") as f:
            f.write(src)
        paths.append(p)
    go = goastdump(paths)
    out = []
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for (name, src), p in zip(cases, paths):
            signal.alarm(5)
            try:
                why = astdump.compare(p, go[p], src, go_minor=go_minor)
                if why is None and astdump.go_rejected(go[p]):
                    try:
                        parse_file(src, p, generic_methods=go_minor >= 27)
                        why = "go/parser rejects, orch accepts"
                    except GoSyntaxError as e:
                        first = go[p][1].split(" ", 3)
                        ours = e.errors[0]
                        if str(ours[0]) != first[1] or ours[1].replace("\n", "\\n") != first[3]:
                            why = f"first error differs: go {go[p][1]!r}, orch {ours!r}"
            except Hang:
                why = "orch's parser took more than 5 s"
            except Exception as e:      # anything but GoSyntaxError is a crash of orch
                why = f"orch raised {type(e).__name__}: {e}"
            finally:
                signal.alarm(0)
            if why:
                out.append((name, src, why))
    finally:
        signal.signal(signal.SIGALRM, old)
    return out


def keep(src: bytes) -> str:
    os.makedirs(CORPUS, exist_ok=True)
    path = os.path.join(CORPUS, hashlib.sha256(src).hexdigest()[:16] + ".go")
    with open(path, "wb") as f:
        f.write(src)
    return path


def fuzz(files, seconds, seed, goastdump, go_minor, batch=150, workdir=None, limit=None) -> tuple[int, list]:
    """Run for `seconds` (or until `limit` inputs: the same inputs on any
    machine); returns (inputs tried, [(saved path, problem)])."""
    rng = random.Random(seed)
    sources = []
    for f in files:
        with open(f, "rb") as fh:
            sources.append(fh.read())
    deadline = time.monotonic() + seconds
    tried, found = 0, []
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        while time.monotonic() < deadline and (limit is None or tried < limit):
            cases = []
            for k in range(batch):
                src = mutate(rng, rng.choice(sources), rng.choice(sources))
                cases.append((f"c{tried + k}", src))
            tried += len(cases)
            for name, src, why in check_batch(cases, tmp, goastdump, go_minor):
                found.append((keep(src), why))
    return tried, found


def goroot_files(limit=400, seed=1):
    import subprocess
    root = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    files = []
    for d, _, names in os.walk(os.path.join(root, "src")):
        if "/testdata" in d:
            continue
        files += [os.path.join(d, n) for n in names if n.endswith(".go")]
    files = [f for f in sorted(files) if os.path.getsize(f) < 30000]
    random.Random(seed).shuffle(files)
    return files[:limit]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batch", type=int, default=150)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    with tempfile.TemporaryDirectory() as tmp:
        exe = astdump.build_goastdump(tmp)
        go_minor = astdump.go_minor_version()
        tried, found = fuzz(goroot_files(), a.seconds, seed,
                            lambda paths: astdump.run_goastdump(exe, paths), go_minor, a.batch)
    print(f"seed {seed}: {tried} inputs in {a.seconds:.0f} s, {len(found)} problems")
    for path, why in found:
        print(f"  {path}: {why}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
