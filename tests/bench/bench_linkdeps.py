#!/usr/bin/env python3
"""Benchmark the linkdeps stage: what it costs when nothing is injected,
and what the first resolution of a build costs.

Prints:
  - importing orch.stages.linkdeps (it is imported for every compile call);
  - run() on a compile step with nothing injected (the common case);
  - the link-time scan: reading the orch.linkdeps member (or finding none)
    in every archive of a net/http program's link importcfg;
  - resolution of orchtest.dev/probe (tests/toolchain/testdata) in a fresh
    work directory, the GOCACHE warm: the first call (a nested go list) and
    the next calls (the per-build index);
  - a warm `go build` of a hello-world whose main gets a probe call and a
    link-only package, with and without orch (the link resolves and
    recompiles main each time).

usage: tests/bench/bench_linkdeps.py [--runs N]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "lib"))
TOOLEXEC = os.path.join(ROOT, "bin", "orch-toolexec")
TESTDATA = os.path.join(ROOT, "tests", "toolchain", "testdata")

HTTP_PROGRAM = '''package main

import (
	"fmt"
	"net/http"
)

func main() { fmt.Println(http.StatusOK) }
'''
HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def go_env(extra=None) -> dict:
    env = dict(os.environ)
    env.setdefault("GOCACHE", os.path.expanduser("~/.cache/orch-test/gocache"))
    env["GOFLAGS"] = "-buildvcs=false"
    env.update(extra or {})
    return env


def write(root: str, files: dict) -> None:
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def bench_import() -> float:
    # os and orch.errors are loaded by the dispatcher before any stage.
    code = ("import time,sys,os; sys.path.insert(0, %r); import orch.errors; t=time.perf_counter(); "
            "import orch.stages.linkdeps; print(time.perf_counter()-t)" % os.path.join(ROOT, "lib"))
    out = [float(subprocess.run([sys.executable, "-S", "-E", "-c", code], capture_output=True, text=True,
                                check=True).stdout) for _ in range(9)]
    return statistics.median(out)


def bench_untouched_run(runs: int) -> float:
    from orch.stages import linkdeps
    argv = ["-o", "/tmp/go-build1/b042/_pkg_.a", "-trimpath", "/tmp/go-build1/b042=>", "-p", "example.com/x",
            "-lang=go1.22", "-complete", "-buildid", "A/B", "-goversion", "go1.26.8", "-c=2",
            "-nolocalimports", "-importcfg", "/tmp/go-build1/b042/importcfg", "-pack", "./a.go", "./b.go"]
    n = 10000

    def many():
        for _ in range(n):
            linkdeps.run({"tool": "compile", "argv": argv, "rewrite": {"files": {}, "added_imports": [],
                                                                        "link_deps": []}})
    return median_time(many, runs) / n


def bench_link_scan(tmp: str, runs: int) -> tuple[int, float]:
    """The archives of a net/http program, kept in a -work directory of ours."""
    from orch.stages import linkdeps
    from orch.toolchain import importcfg
    d = os.path.join(tmp, "http")
    write(d, {"go.mod": "module example.com/http\n\ngo 1.22\n", "main.go": HTTP_PROGRAM})
    gotmp = os.path.join(tmp, "gotmp")
    os.makedirs(gotmp)
    proc = subprocess.run(["go", "build", "-work", "-o", os.path.join(d, "prog"), "."], cwd=d,
                          env=go_env({"GOTMPDIR": gotmp}), capture_output=True, text=True, check=True)
    work = proc.stderr.split("WORK=", 1)[1].split()[0]
    files = list(importcfg.read(os.path.join(work, "b001", "importcfg.link")).packagefile.values())

    def scan():
        for a in files:
            linkdeps.read_record(a)
    return len(files), median_time(scan, runs)


def bench_resolution(tmp: str, runs: int) -> tuple[float, float, float]:
    """(go list, results saved by an earlier build, per-build index) in seconds."""
    from orch.toolchain import resolve
    go = shutil.which("go")
    goroot = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    gotooldir = subprocess.run([go, "env", "GOTOOLDIR"], capture_output=True, text=True, check=True).stdout.strip()
    os.environ.update({"ORCH_NO_BUILTIN": "1", "ORCH_RULES": os.path.join(TESTDATA, "pack"),
                       "GOCACHE": go_env()["GOCACHE"], "GOFLAGS": "-buildvcs=false",
                       "XDG_CACHE_HOME": os.path.join(tmp, "xdg")})
    n = 0

    def new_ctx():
        nonlocal n
        n += 1
        work = os.path.join(tmp, f"go-build{n}")
        os.makedirs(os.path.join(work, "b001"))
        step = {"tool": "compile", "tool_path": os.path.join(gotooldir, "compile"), "import_path": "example.com/x",
                "build": {"go_argv": [os.path.join(goroot, "bin", "go"), "build", "-toolexec", TOOLEXEC, "."],
                          "go_cwd": tmp, "module_root": None}}
        return resolve.Context(step, os.path.join(work, "b001", "_pkg_.a"), "off")

    def timed(ctx):
        t = time.perf_counter()
        resolve.resolve(ctx, ["orchtest.dev/probe"])
        return time.perf_counter() - t

    os.environ["ORCH_RESOLVE_CACHE"] = "off"
    golist = statistics.median(timed(new_ctx()) for _ in range(runs))
    del os.environ["ORCH_RESOLVE_CACHE"]
    timed(new_ctx())
    saved = statistics.median(timed(new_ctx()) for _ in range(runs))
    ctx = new_ctx()
    timed(ctx)
    index = statistics.median(timed(ctx) for _ in range(100))
    return golist, saved, index


def bench_warm_builds(tmp: str, runs: int) -> dict:
    d = os.path.join(tmp, "hello")
    write(d, {"go.mod": "module example.com/hello\n\ngo 1.22\n", "main.go": HELLO})
    rules = {"ORCH_NO_BUILTIN": "1",
             "ORCH_RULES": os.path.join(TESTDATA, "pack") + ":" + os.path.join(TESTDATA, "linked")}
    os.environ.pop("XDG_CACHE_HOME", None)
    results = {}
    for name, cmd, extra in (("plain", ["go", "build", "-o", "prog", "."], {}),
                             ("orch", ["go", "build", "-toolexec", TOOLEXEC, "-o", "prog", "."], rules)):
        env = go_env(extra)
        subprocess.run(cmd, cwd=d, env=env, check=True, capture_output=True)   # warm up

        def build():
            os.unlink(os.path.join(d, "prog"))   # go skips the link when the output is up to date
            subprocess.run(cmd, cwd=d, env=env, check=True, capture_output=True)
        results[name] = median_time(build, runs)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-linkdeps-")
    try:
        print(f"import orch.stages.linkdeps:            {bench_import() * 1e3:8.2f} ms")
        print(f"run() on an untouched compile step:     {bench_untouched_run(args.runs) * 1e6:8.2f} us")
        n, t = bench_link_scan(tmp, args.runs)
        print(f"link scan of {n} archives:              {t * 1e3:8.2f} ms ({t / n * 1e6:.1f} us/archive)")
        golist, saved, index = bench_resolution(tmp, args.runs)
        print(f"first resolution of a build, go list:   {golist * 1e3:8.1f} ms")
        print(f"first resolution, saved by a past build:{saved * 1e3:8.1f} ms")
        print(f"later resolutions (per-build index):    {index * 1e3:8.3f} ms")
        r = bench_warm_builds(tmp, args.runs)
        print(f"warm go build, link only (hello):       plain {r['plain'] * 1e3:.0f} ms, "
              f"orch {r['orch'] * 1e3:.0f} ms (+{(r['orch'] - r['plain']) * 1e3:.0f} ms: orch's -V=full, "
              "link-time resolution, main recompiled for the link-only package)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
