#!/usr/bin/env python3
"""Record DataDog Orchestrion's rewrite of every differential case.

    python3 tests/rules/differential/regen.py [--work DIR] [CASE...]

Builds the cases (one package each of the module example.com/diff, as
test_differential.py does) in a temporary copy with
`go build -work -toolexec 'orchestrion toolexec'`, Orchestrion at the
release that tests/bench/bench_builds.py pins, its aspects those of the
cases (each aspect.yml, scoped to its package with import-path, all in
the copy's root orchestrion.yml). Orchestrion leaves the files it
rewrote in go's work directory; each one starts with a //line directive
naming its source file, which tells which case file it is. It is stored
beside the source as <file>.orchestrion ($SRC for the copy's directory);
a case file that Orchestrion left alone gets none. The build's programs
are run too and what each prints is recorded as its output.txt: the
output that orch's build of the case must print.

Needs the module proxy (once: Orchestrion and its dependencies); CI does
not run this, it compares with the recorded files.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = "example.com/diff"


def cases() -> list[str]:
    return sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "aspect.yml")))


def packages() -> list[str]:
    """Every package directory of the module: the cases and their helpers."""
    return sorted(d for d in os.listdir(HERE)
                  if os.path.isdir(os.path.join(HERE, d)) and any(n.endswith(".go") for n in os.listdir(os.path.join(HERE, d))))


def scoped_aspects(names) -> list[dict]:
    """Each case's aspect (JSON, which is also YAML), its join point under
    all-of with the case's import path, its id prefixed with the case."""
    out = []
    for case in names:
        with open(os.path.join(HERE, case, "aspect.yml")) as f:
            doc = json.load(f)
        for a in doc if isinstance(doc, list) else [doc]:
            a = dict(a)
            a["id"] = f"{case}.{a['id']}"
            a["join-point"] = {"all-of": [{"import-path": f"{MODULE}/{case}"}, a["join-point"]]}
            out.append(a)
    return out


def lay_out(dest: str) -> None:
    for pkg in packages():
        os.makedirs(os.path.join(dest, pkg))
        for name in os.listdir(os.path.join(HERE, pkg)):
            if name.endswith(".go"):
                shutil.copy(os.path.join(HERE, pkg, name), os.path.join(dest, pkg, name))


def main() -> int:  # noqa: C901 (one straight script)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--work", help="work directory (kept, and Orchestrion installed there reused)")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
    from bench_builds import ORCHESTRION, base_env, run
    names = args.cases or cases()
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="difforch-")
    env = base_env()
    gobin = os.path.join(work, "gobin")
    tool = os.path.join(gobin, "orchestrion")
    if not os.path.exists(tool):
        run(["go", "install", f"{ORCHESTRION[0]}@{ORCHESTRION[1]}"], work,
            dict(env, GOBIN=gobin, GOFLAGS="-mod=mod"), "install orchestrion")
    src = os.path.join(work, "src")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    lay_out(src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write(f"module {MODULE}\n\ngo 1.24\n")
    with open(os.path.join(src, "orchestrion.tool.go"), "w") as f:
        f.write(f'//go:build tools\n\npackage tools\n\nimport _ "{ORCHESTRION[0]}"\n')
    # JSON is YAML: Orchestrion reads this file as it is.
    with open(os.path.join(src, "orchestrion.yml"), "w") as f:
        json.dump({"meta": {"name": "differential", "description": "orch's differential corpus"},
                   "aspects": scoped_aspects(names)}, f, indent=1)
    run(["go", "get", f"{ORCHESTRION[0]}@{ORCHESTRION[1]}"], src, env, "pin orchestrion")
    run(["go", "mod", "tidy"], src, env, "pin orchestrion")
    bindir = os.path.join(work, "bin")
    shutil.rmtree(bindir, ignore_errors=True)
    os.makedirs(bindir)
    benv = dict(env, GOCACHE=os.path.join(work, "gocache"))
    # -a: a cached package would leave no rewritten file in the work directory.
    pkgs = [f"./{c}" for c in names]
    proc = subprocess.run(["go", "build", "-a", "-work", "-toolexec", f"{tool} toolexec", "-o", bindir + "/"] + pkgs,
                          cwd=src, env=benv, capture_output=True, text=True)
    m = re.search(r"^WORK=(\S+)", proc.stderr, re.M)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-6000:])
        return 1
    gowork = m.group(1)
    found = {}
    for d, _, files in os.walk(gowork):
        for n in files:
            if not n.endswith(".go"):
                continue
            p = os.path.join(d, n)
            with open(p, errors="replace") as f:
                first = f.readline()
            lm = re.match(r"//line (.*\.go):1(:1)?$", first.strip())
            if lm and lm.group(1).startswith(src + os.sep):
                found[os.path.relpath(lm.group(1), src)] = p
    bad = []
    for case in names:
        for name in sorted(os.listdir(os.path.join(HERE, case))):
            if name.endswith(".orchestrion"):
                os.unlink(os.path.join(HERE, case, name))
        for rel, p in found.items():
            if os.path.dirname(rel) == case:
                with open(p) as f:
                    text = f.read().replace(src, "$SRC")
                with open(os.path.join(HERE, rel + ".orchestrion"), "w") as f:
                    f.write(text)
        got = subprocess.run([os.path.join(bindir, case)], capture_output=True, text=True, timeout=60)
        if got.returncode != 0:
            bad.append(case)
        else:
            with open(os.path.join(HERE, case, "output.txt"), "w") as f:
                f.write(got.stdout)
        print(f"{case}: {sum(os.path.dirname(r) == case for r in found)} file(s) rewritten, "
              + ("ran" if got.returncode == 0 else f"exit {got.returncode}: {got.stderr[-300:]}"))
    subprocess.run(["chmod", "-R", "u+w", gowork])
    shutil.rmtree(gowork, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
