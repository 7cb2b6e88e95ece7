#!/usr/bin/env python3
"""How selective the launcher stays as the built-in packs multiply (issue 16).

For the first 1, 2, ... N built-in packs (rules.d/*.toml, in name order,
given with ORCH_NO_BUILTIN=1 and ORCH_RULES), a cold build (empty GOCACHE)
of the small net/http program of bench_toolexec.py with ORCH_DEBUG_DIR set
prints: compile calls decided by the launcher alone (compile-fast), those
that reached Python but were left untouched, those rewritten; orch's CPU
seconds over the build; the peak memory of any orch process; and the
cold-build wall time beside plain go's (median of --runs).

usage: tests/bench/bench_selectivity.py [--runs N]
"""

import argparse
import collections
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_toolexec import TOOLEXEC, write_program  # noqa: E402


def build(src, env, orch: bool, out: str) -> float:
    cmd = ["go", "build", "-o", out, "."]
    if orch:
        cmd[2:2] = ["-toolexec", TOOLEXEC]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=src, env=env, check=True)
    return time.perf_counter() - start


def cold(src, tmp, env, orch, runs) -> float:
    times = []
    for i in range(runs):
        cache = os.path.join(tmp, f"cache-{orch}-{i}")
        times.append(build(src, dict(env, GOCACHE=cache), orch, os.path.join(tmp, "app")))
        shutil.rmtree(cache, ignore_errors=True)
    return statistics.median(times)


def profile(src, tmp, env) -> dict:
    debug = os.path.join(tmp, "debug")
    shutil.rmtree(debug, ignore_errors=True)
    cache = os.path.join(tmp, "cache-profile")
    build(src, dict(env, GOCACHE=cache, ORCH_DEBUG_DIR=debug), True, os.path.join(tmp, "app"))
    shutil.rmtree(cache, ignore_errors=True)
    kinds, cpu, peak = collections.Counter(), 0.0, 0
    with open(os.path.join(debug, "timings.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            kinds[r["kind"]] += 1
            cpu += r.get("cpu") or 0
            peak = max(peak, r.get("maxrss_kb") or 0)
    return {"kinds": kinds, "cpu": cpu, "peak_mb": peak / 1024}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    packs = sorted(glob.glob(os.path.join(ROOT, "rules.d", "*.toml")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORCH_") or k == "ORCH_PYTHON"}
    env.update(GOFLAGS="-buildvcs=false", GOTOOLCHAIN="local", ORCH_NO_BUILTIN="1")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        write_program(src)
        plain = cold(src, tmp, env, False, a.runs)
        print(f"plain go, cold build of the net/http program: {plain:.2f} s (median of {a.runs})")
        print("packs  fast  untouched  rewritten  orch-cpu  peak-MB  cold-s  ratio")
        counts = sorted({1, len(packs) // 2, len(packs)})
        for n in counts:
            e = dict(env, ORCH_RULES=":".join(packs[:n]))
            p = profile(src, tmp, e)
            t = cold(src, tmp, e, True, a.runs)
            k = p["kinds"]
            print(f"{n:5d}  {k['compile-fast']:4d}  {k['compile-untouched']:9d}  {k['compile-rewritten']:9d}  "
                  f"{p['cpu']:8.2f}  {p['peak_mb']:7.1f}  {t:6.2f}  {t / plain:5.3f}")
        print("packs, in order:", ", ".join(os.path.basename(p) for p in packs))


if __name__ == "__main__":
    main()
