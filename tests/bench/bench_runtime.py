#!/usr/bin/env python3
"""Benchmark orch's Go runtime (rules.d/runtime): what a span costs.

Runs the module's Go benchmarks (plain go; the numbers do not depend on
orch's toolexec) and prints one line each: ns per operation, bytes and
allocations per operation.

  trace  SpanStartEnd    a recorded span, three attributes, queued for export
  trace  ChildSpan       a child of the context's span
  trace  SpanOff         Start+End when no exporter is configured (the default)
  trace  SampledOut      a span the sampler drops (it still propagates)
  trace  EncodeOTLPJSON  OTLP/JSON encoding (ns/span reported separately)
  nethttp Handler/*      a request through the server hook: plain handler,
                         tracing off, traced

usage: tests/bench/bench_runtime.py [--count N] [--benchtime 200000x]
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIME = os.path.join(ROOT, "rules.d", "runtime")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=3)
    ap.add_argument("--benchtime", default="200000x")
    args = ap.parse_args()
    cmd = ["go", "test", "-run", "^$", "-bench", ".", "-benchmem", f"-count={args.count}",
           f"-benchtime={args.benchtime}", "./trace", "./nethttp"]
    out = subprocess.run(cmd, cwd=RUNTIME, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stdout + out.stderr)
    best = {}
    for line in out.stdout.splitlines():
        m = re.match(r"Benchmark(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)", line)
        if not m:
            continue
        name, ns, rest = m.group(1), float(m.group(3)), m.group(4)
        if name not in best or ns < best[name][0]:
            best[name] = (ns, rest.strip())
    print(f"{'benchmark (best of %d)' % args.count:32} {'ns/op':>10}  other")
    for name, (ns, rest) in best.items():
        other = " ".join(rest.split())
        print(f"{name:32} {ns:10.1f}  {other}")


if __name__ == "__main__":
    main()
