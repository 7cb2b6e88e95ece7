#!/usr/bin/env python3
"""What the type layer costs in real builds (issue 13, "Cost").

With the built-in rules plus tests/bench/typepack.toml (method-call and
*-implements on popular types: net/http.Client, database/sql.DB,
bytes.Buffer, strings.Builder, io.Writer, context.Context, error, ...),
for the small net/http program of bench_toolexec.py and real-world modules
of realworld.py (fetched at their pinned versions, `go build ./...`),
prints:
  - export data read throughput (bench_types.py, on net/http);
  - per build, from one cold build with ORCH_DEBUG_DIR: compiles rewritten,
    the type layer's CPU time per package where a question was asked
    (timings.jsonl's "types": median, p90, max and its package), and the
    peak memory of any orch process, naming the package (target < 100 MB);
  - the cold-build wall ratio orch/plain (median of --runs, plain and orch
    alternating: bench_toolexec.bench_kind), against the 1.10x target.

--pack tests/bench/typepack-syntactic.toml builds with the pack's syntactic
twin instead (the same breadth, no type question): the difference between
the two ratios is what the type layer itself costs, the rest is the cost
of parsing and rewriting every package such rules reach.
--pack tests/bench/typepack-scoped.toml scopes the *-implements rule to the
main module (package-filter root), as Orchestrion's own aspects scope such
rules; its method-call rule is typepack.toml's, over every package.

usage: tests/bench/bench_typecost.py [--runs N] [--modules chi,logrus,...|none] [--pack FILE]
"""

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_types  # noqa: E402
import realworld  # noqa: E402
from bench_toolexec import TOOLEXEC, bench_kind, write_program  # noqa: E402

PACK = os.path.join(HERE, "typepack.toml")
MODULES = "chi,mux,logrus,cobra,mysql"
RATIO_TARGET, MEMORY_MB = 1.10, 100


def profile(src: str, tmp: str, env: dict, pkgs) -> dict:
    """One cold orch build with ORCH_DEBUG_DIR: its timings.jsonl summed up."""
    debug, cache = os.path.join(tmp, "debug"), os.path.join(tmp, "cache-profile")
    for d in (debug, cache):
        shutil.rmtree(d, ignore_errors=True)
    subprocess.run(["go", "build", "-toolexec", TOOLEXEC, "-o", os.devnull] + list(pkgs), cwd=src,
                   env=dict(env, GOCACHE=cache, ORCH_DEBUG_DIR=debug), check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(cache, ignore_errors=True)
    kinds, types, peak = collections.Counter(), [], (0, "")
    with open(os.path.join(debug, "timings.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            kinds[r["kind"]] += 1
            if "types" in r.get("stages", {}):
                types.append((r["stages"]["types"], r["import_path"]))
            peak = max(peak, (r.get("maxrss_kb") or 0, r["import_path"]))
    return {"kinds": kinds, "types": sorted(types), "peak": peak}


def report(name: str, prof: dict, plain: list, orch: list):
    t = prof["types"]
    secs = [x for x, _ in t]
    k = prof["kinds"]
    print(f"{name}: {k['compile-rewritten']} compiles rewritten, {k['compile-untouched']} untouched, "
          f"{k['compile-fast']} by the launcher")
    if t:
        p90 = statistics.quantiles(secs, n=10)[-1] if len(secs) >= 2 else secs[0]
        print(f"  type layer CPU per package ({len(t)} packages asked): median {statistics.median(secs)*1e3:.0f} ms, "
              f"p90 {p90*1e3:.0f} ms, max {t[-1][0]*1e3:.0f} ms ({t[-1][1]}); total {sum(secs):.2f} s")
    mb = prof["peak"][0] / 1024
    print(f"  peak memory of an orch process: {mb:.0f} MB ({prof['peak'][1]}) "
          f"(target < {MEMORY_MB} MB: {'met' if mb < MEMORY_MB else 'MISSED'})")
    p, o = statistics.median(plain), statistics.median(orch)
    print(f"  cold build, {len(plain)} runs each alternating: plain {p:.2f} s, orch {o:.2f} s, ratio {o/p:.3f} "
          f"(target <= {RATIO_TARGET}x: {'met' if o / p <= RATIO_TARGET else 'MISSED'}; "
          f"load average {os.getloadavg()[0]:.1f})", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--modules", default=MODULES, help="realworld.py names, comma-separated, or none")
    ap.add_argument("--pack", default=PACK, help="the benchmark's rule pack (default typepack.toml)")
    a = ap.parse_args()
    print(f"{subprocess.run(['go', 'version'], capture_output=True, text=True).stdout.strip()}; "
          f"built-in rules + {os.path.relpath(a.pack)}")
    bench_types.main(["net/http"])
    with tempfile.TemporaryDirectory() as tmp:
        env = realworld.base_env(tmp)
        env["ORCH_RULES"] = os.path.abspath(a.pack)
        targets = [("net/http program", None)]
        if a.modules != "none":
            targets += [(n, realworld.MODULES[n]) for n in a.modules.split(",")]
        for name, mod in targets:
            if mod is None:
                src = os.path.join(tmp, "src", "small")
                os.makedirs(src)
                write_program(src)
                pkgs = (".",)
            else:
                src = realworld.fetch(mod[0], mod[1], tmp, env)
                pkgs = ("./...",)
            prof = profile(src, tmp, env, pkgs)
            plain, orch = bench_kind("cold", a.runs, src, tmp, env, pkgs)
            report(f"{name}" + (f" ({mod[0]}@{mod[1]}, ./...)" if mod else ""), prof, plain, orch)


if __name__ == "__main__":
    main()
