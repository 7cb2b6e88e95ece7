#!/usr/bin/env python3
"""Benchmark the runtime cost of orch's instrumentation on an HTTP server.

tests/bench/httpbench/server (one handler doing trivial work) is built
plain and with orch (the built-in rules); tests/bench/httpbench/load, built
plain, drives it from -c keep-alive connections. Four variants, run in
turn (plain, off, traced, metrics) so that the machine's load drifts evenly over them:

  plain   built without orch
  off     built with orch, no exporter configured (tracing off: the default)
  traced  built with orch, ORCH_TRACE_FILE set: one server span per request,
          batched, encoded as OTLP/JSON and written to a file
  metrics traced, and ORCH_METRICS_FILE set: every request also counted in
          http.server.request.duration, exported every second with the Go
          runtime's metrics

It prints the median requests/s of each, the traced/plain and
metrics/plain ratios (target: at most 10% loss), the heap allocations per request from runtime.MemStats
in the server (traced minus plain = allocations per span, export included),
the server's CPU time per request (/proc: steadier than requests/s on a
shared machine),
and the runtime's own Go benchmark of the server hook (ns and allocs per
request, no network). The traced run checks that the file got one span per
request.

usage: tests/bench/bench_http.py [--runs 5] [--seconds 3] [--conns 8]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests"))
BENCH = os.path.join(HERE, "httpbench")
RUNTIME = os.path.join(ROOT, "rules.d", "runtime")


def go_env():
    from support import clean_env
    cache = os.environ.get("ORCH_TEST_GOCACHE") or os.path.expanduser("~/.cache/orch-test/gocache")
    return clean_env(cache)


def build(out, env):
    from support import run_go
    t = time.monotonic()
    run_go(["build", "-o", f"{out}/orch/", "./server"], BENCH, base_env=env, timeout=3000)
    t_orch = time.monotonic() - t
    run_go(["build", "-o", f"{out}/plain/", "./server", "./load"], BENCH, base_env=env, orch=False, timeout=3000)
    return t_orch


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def run(binary, load, env, seconds, conns):
    """One server run: (requests/s, allocations per request, spans exported)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(env)
        trace_file = os.path.join(tmp, "spans.jsonl")
        if env.pop("TRACED", None):
            env["ORCH_TRACE_FILE"] = trace_file
        if env.pop("METRICS", None):
            env["ORCH_METRICS_FILE"] = os.path.join(tmp, "metrics.jsonl")
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000"
        srv = subprocess.Popen([binary], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            base = "http://" + srv.stdout.readline().strip()
            url = base + "/hello/bench"
            subprocess.run([load, "-c", str(conns), "-d", "500ms", url], check=True, capture_output=True)
            m0, cpu0 = int(fetch(base + "/mallocs")), cpu_seconds(srv.pid)
            out = subprocess.run([load, "-c", str(conns), "-d", f"{seconds}s", url], check=True,
                                 capture_output=True, text=True).stdout.split()
            m1, cpu1 = int(fetch(base + "/mallocs")), cpu_seconds(srv.pid)
        finally:
            srv.stdin.close()
            srv.wait(timeout=60)  # exit flushes the spans
        n, secs = int(out[0]), float(out[1])
        spans = 0
        if os.path.exists(trace_file):
            with open(trace_file) as f:
                spans = sum(line.count('"spanId"') for line in f)
        return n / secs, (m1 - m0) / n, (cpu1 - cpu0) / n * 1e6, spans, n


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def go_benchmark():
    """The runtime's BenchmarkHandler: {variant: (ns/op, allocs/op)}."""
    out = subprocess.run(["go", "test", "-run", "^$", "-bench", "Handler", "-benchmem", "-count=3",
                          "-benchtime=100000x", "./nethttp"], cwd=RUNTIME, capture_output=True, text=True)
    best = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if parts and parts[0].startswith("BenchmarkHandler/") and "allocs/op" in parts:
            name = parts[0].split("/")[1].rsplit("-", 1)[0]
            ns, allocs = float(parts[2]), int(parts[parts.index("allocs/op") - 1])
            if name not in best or ns < best[name][0]:
                best[name] = (ns, allocs)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--conns", type=int, default=8)
    args = ap.parse_args()
    env = go_env()
    with tempfile.TemporaryDirectory() as out:
        t_orch = build(out, env)
        print(f"built (orch build {t_orch:.1f} s); {args.runs} runs x {args.seconds:g} s, "
              f"{args.conns} connections, GOMAXPROCS={os.cpu_count()}")
        run_env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
        variants = {
            "plain": (f"{out}/plain/server", run_env),
            "off": (f"{out}/orch/server", run_env),
            "traced": (f"{out}/orch/server", dict(run_env, TRACED="1", OTEL_SERVICE_NAME="bench")),
            "metrics": (f"{out}/orch/server", dict(run_env, TRACED="1", METRICS="1", OTEL_SERVICE_NAME="bench")),
        }
        results = {v: [] for v in variants}
        for _ in range(args.runs):
            for name, (binary, venv) in variants.items():
                rps, allocs, cpu, spans, n = run(binary, f"{out}/plain/load", venv, args.seconds, args.conns)
                if name in ("traced", "metrics") and spans < n:
                    sys.exit(f"bench_http: {n} requests but {spans} spans exported")
                results[name].append((rps, allocs, cpu))
    print(f"{'variant':8} {'req/s (median)':>15} {'min':>9} {'max':>9} {'allocs/req':>11} {'server CPU us/req':>18}")
    med = {}
    for name, rs in results.items():
        rps = [r[0] for r in rs]
        med[name] = [statistics.median(r[i] for r in rs) for i in range(3)]
        print(f"{name:8} {med[name][0]:15.0f} {min(rps):9.0f} {max(rps):9.0f} {med[name][1]:11.1f} {med[name][2]:18.1f}")
    off = med["off"][0] / med["plain"][0]
    for name in ("traced", "metrics"):
        ratio = med[name][0] / med["plain"][0]
        print(f"{name}/plain = {ratio:.3f} ({(1 - ratio) * 100:+.1f}% loss; target <= 10%: "
              f"{'met' if ratio >= 0.9 else 'MISSED'})")
    print(f"off/plain = {off:.3f}")
    print(f"per span (traced - plain, per request, export included): "
          f"{med['traced'][1] - med['plain'][1]:.1f} allocations, {med['traced'][2] - med['plain'][2]:.1f} us server CPU")
    gb = go_benchmark()
    if {"plain", "traced"} <= gb.keys():
        print("runtime Go benchmark, server hook without network (BenchmarkHandler, best of 3):")
        for name, (ns, allocs) in gb.items():
            print(f"  {name:8} {ns:8.0f} ns/op {allocs:3d} allocs/op")
        print(f"  per span: {gb['traced'][0] - gb['plain'][0]:.0f} ns, {gb['traced'][1] - gb['plain'][1]} allocs")
        if "traced+metrics" in gb:
            print(f"  per metric (traced+metrics - traced): {gb['traced+metrics'][0] - gb['traced'][0]:.0f} ns, "
                  f"{gb['traced+metrics'][1] - gb['traced'][1]} allocs")


if __name__ == "__main__":
    main()
