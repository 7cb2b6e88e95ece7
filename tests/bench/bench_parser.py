#!/usr/bin/env python3
"""Benchmark the Go front end over GOROOT/src.

Prints, for all .go files of GOROOT/src (or --every N: every Nth file):
  - full parse (orch.golang.parse_file) throughput in MB/s;
  - import-only scan (orch.golang.scan_imports) throughput in MB/s
    (MB of whole files per second: the scan reads only their headers);
  - scanner alone, for reference;
  - peak memory of parse_file (tracemalloc) relative to the file's size, on
    the largest files and on typical ones, with the part that is the
    returned tree itself ("retained"). Each file is parsed in a fresh
    interpreter, so that tables shared by all files of a process (the
    identifier names) count fully, as for the first file a build parses.
Throughput is CPU time (process_time), since the machine is shared; the
wall-clock figure is printed too.

Targets (issue 2): full parse >= 1.5 MB/s, import-only scan >= 30 MB/s,
peak memory < 10x the file size.

usage: tests/bench/bench_parser.py [--goroot DIR] [--every N] [--profile]
       tests/bench/bench_parser.py --peak FILE    (one file's peak/retained ratios)
"""

import argparse
import gc
import os
import subprocess
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "lib"))

from orch.golang import GoSyntaxError, parse_file, scan_imports  # noqa: E402
from orch.golang import scanner as _scanner  # noqa: E402


def load(goroot: str, every: int) -> list:
    paths = []
    for d, dirs, files in os.walk(os.path.join(goroot, "src")):
        dirs.sort()
        paths.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".go"))
    paths = [p for p in paths[::every] if os.path.isfile(p)]
    out = []
    for p in paths:
        with open(p, "rb") as f:
            out.append((p, f.read()))
    return out


def timed(fn, files) -> tuple:
    cpu, wall = time.process_time(), time.perf_counter()
    errors = 0
    for path, src in files:
        try:
            fn(src, path)
        except GoSyntaxError:
            errors += 1
    return time.process_time() - cpu, time.perf_counter() - wall, errors


def scan_only(src, path):
    sc = _scanner.Scanner(src, _scanner_lines(src, path))
    while not sc.done:
        sc.scan()


def _scanner_lines(src, path):
    from orch.golang.lines import LineTable
    return LineTable(src, path)


def peak_memory(path: str) -> tuple:
    """(peak, retained) / file size of parse_file(path) in a fresh interpreter;
    None if the file is rejected."""
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--peak", path],
                         capture_output=True, text=True, check=True).stdout.split()
    return (float(out[0]), float(out[1])) if out else None


def _peak_here(path: str) -> int:
    import orch.golang.constraint  # noqa: F401  (load the code first: not part of the tree)
    import orch.golang.parser  # noqa: F401
    with open(path, "rb") as f:
        src = f.read()
    gc.collect()
    tracemalloc.start()
    try:
        tree = parse_file(src, path)
        retained, peak = tracemalloc.get_traced_memory()
    except GoSyntaxError:
        return 0
    finally:
        tracemalloc.stop()
    del tree
    print(peak / len(src), retained / len(src))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark orch's Go parser over GOROOT/src.")
    ap.add_argument("--goroot", default=None)
    ap.add_argument("--every", type=int, default=1, help="use every Nth file")
    ap.add_argument("--profile", action="store_true", help="cProfile the full parse instead")
    ap.add_argument("--peak", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.peak:
        return _peak_here(args.peak)
    goroot = args.goroot or subprocess.run(["go", "env", "GOROOT"], capture_output=True,
                                           text=True, check=True).stdout.strip()
    files = load(goroot, args.every)
    mb = sum(len(s) for _, s in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB from {goroot}/src ({sys.version.split()[0]})")

    if args.profile:
        import cProfile
        import pstats
        cProfile.runctx("timed(parse_file, files)", globals(), {"files": files}, "/tmp/bench_parser.prof")
        pstats.Stats("/tmp/bench_parser.prof").sort_stats("tottime").print_stats(25)
        return 0

    cpu, wall, errors = timed(scan_imports, files)
    print(f"import-only scan: {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall; "
          f"{errors} malformed headers)   target >= 30")
    cpu, wall, _ = timed(scan_only, files)
    print(f"scanner alone:    {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall)")
    cpu, wall, errors = timed(parse_file, files)
    print(f"full parse:       {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall; "
          f"{errors} files rejected, all testdata)   target >= 1.5")

    by_size = sorted(files, key=lambda f: len(f[1]), reverse=True)
    typical = [f for f in by_size if 20_000 <= len(f[1]) <= 60_000][::max(1, len(by_size) // 400)][:12]
    print("peak memory of parse_file / file size (retained: the tree itself):   target < 10x")
    worst = 0.0
    for label, group in (("largest", by_size[:8]), ("typical (20-60 KB)", typical)):
        print(f"  {label}:")
        for path, src in group:
            ratios = peak_memory(path)
            if ratios is None:
                continue
            peak, retained = ratios
            worst = max(worst, peak)
            print(f"    {peak:5.1f}x peak {retained:5.1f}x retained  {len(src) / 1e3:7.0f} KB  "
                  f"{os.path.relpath(path, goroot)}")
    print(f"  worst peak: {worst:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
