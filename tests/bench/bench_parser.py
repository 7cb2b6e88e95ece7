#!/usr/bin/env python3
"""Benchmark the Go front end over GOROOT/src.

Prints, for all .go files of GOROOT/src (or --every N: every Nth file):
  - full parse (orch.golang.parse_file) throughput in MB/s;
  - import-only scan (orch.golang.scan_imports) throughput in MB/s
    (MB of whole files per second: the scan reads only their headers);
  - scanner alone, for reference;
  - skimmed parses (parse_file's skim="funcless", what the plan matches
    rules on functions with, and "signatures", what the type layer reads);
  - peak memory of parse_file (tracemalloc) relative to the file's size, for
    every file (of at least --min-size bytes): the median and worst by file
    size, and the worst files, with the part that is the returned tree
    itself ("retained"). Each file is parsed in a child forked before the
    benchmark parsed anything, so that tables shared by all files of a
    process (the identifier names) count fully, as for the first file a
    build parses. Small files have a high ratio whatever the parser does
    (the File node, the line table and each new name cost the same in a
    10-byte file), so compare sizes like with like.
Throughput is CPU time (process_time), since the machine is shared; the
wall-clock figure is printed too.

Targets (issue 2): full parse >= 1.5 MB/s, import-only scan >= 30 MB/s,
peak memory < 10x the file size.

usage: tests/bench/bench_parser.py [--goroot DIR] [--every N] [--min-size BYTES]
                                   [--jobs N] [--memory-only] [--profile]
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


def _measure(path: str):
    """(peak, retained) bytes of parse_file(path) in this process (None if
    the file is rejected), and the file's size."""
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
        return None, len(src)
    finally:
        tracemalloc.stop()
    del tree
    return (peak, retained), len(src)


def _peak_here(path: str) -> int:
    m, size = _measure(path)
    if m is not None:
        print(m[0] / size, m[1] / size)
    return 0


def peak_sweep(paths: list, jobs: int = 2) -> list:
    """[(peak ratio, retained ratio, size, path)] for every file parse_file
    accepts, each parsed in a child forked from this process before it
    parsed anything (as fresh as a new interpreter, with the code loaded,
    so that tables shared by all files of a process count fully), jobs at
    a time. Worst first."""
    import orch.golang.constraint  # noqa: F401
    import orch.golang.parser  # noqa: F401
    running, rows = {}, []

    def reap():
        pid, _ = os.wait()
        r = running.pop(pid)
        with os.fdopen(r, "rb") as f:
            out = f.read().split()
        if out:
            rows.append((float(out[0]), float(out[1]), int(out[2]), out[3].decode()))

    for p in paths:
        while len(running) >= jobs:
            reap()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(r)
                m, size = _measure(p)
                if m is not None and size:
                    os.write(w, f"{m[0] / size} {m[1] / size} {size} {p}".encode())
            finally:
                os._exit(0)
        os.close(w)
        running[pid] = r
    while running:
        reap()
    return sorted(rows, reverse=True)


def print_sweep(rows: list, goroot: str, show: int, show_from: int = 10_000) -> float:
    """Distribution of the peak ratios by file size, and the worst files of
    show_from bytes or more; returns the worst ratio of those."""
    import statistics
    print("  by size:            files   median   worst   >=10x   >=9x")
    for lo, hi in ((0, 1e3), (1e3, 4e3), (4e3, 1e4), (1e4, 2e4), (2e4, 5e4), (5e4, 1e5), (1e5, 1e12)):
        peaks = [r[0] for r in rows if lo <= r[2] < hi]
        if peaks:
            label = f"{lo / 1e3:g}-{hi / 1e3:g} KB" if hi < 1e12 else f">= {lo / 1e3:g} KB"
            print(f"    {label:18s} {len(peaks):6d} {statistics.median(peaks):7.1f}x {max(peaks):6.1f}x "
                  f"{sum(p >= 10 for p in peaks):7d} {sum(p >= 9 for p in peaks):6d}")
    peaks = [r[0] for r in rows]
    if not peaks:
        return 0.0
    print(f"    all                {len(peaks):6d} {statistics.median(peaks):7.1f}x {max(peaks):6.1f}x "
          f"{sum(p >= 10 for p in peaks):7d} {sum(p >= 9 for p in peaks):6d}")
    rows = [r for r in rows if r[2] >= show_from]
    print(f"  worst {show} of {show_from / 1e3:g} KB or more:")
    for peak, retained, size, path in rows[:show]:
        print(f"    {peak:5.1f}x peak {retained:5.1f}x retained  {size / 1e3:7.1f} KB  "
              f"{os.path.relpath(path, goroot)}")
    return rows[0][0] if rows else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark orch's Go parser over GOROOT/src.")
    ap.add_argument("--goroot", default=None)
    ap.add_argument("--every", type=int, default=1, help="use every Nth file")
    ap.add_argument("--profile", action="store_true", help="cProfile the full parse instead")
    ap.add_argument("--peak", metavar="FILE", help="print one file's peak and retained ratios")
    ap.add_argument("--min-size", type=int, default=0, metavar="BYTES",
                    help="measure the peak memory of files of at least this size (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="files measured at a time")
    ap.add_argument("--show", type=int, default=12, help="worst files to list")
    ap.add_argument("--memory-only", action="store_true", help="skip the throughput runs")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak memory sweep")
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

    # Memory first: the children must fork from a process that has parsed nothing.
    if not args.no_memory:
        print("peak memory of parse_file / file size (tracemalloc; each file parsed in a fresh "
              "child process)   target < 10x")
        rows = peak_sweep([p for p, src in files if len(src) >= args.min_size], args.jobs)
        print_sweep(rows, goroot, args.show)
    if args.memory_only:
        return 0

    cpu, wall, errors = timed(scan_imports, files)
    print(f"import-only scan: {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall; "
          f"{errors} malformed headers)   target >= 30")
    cpu, wall, _ = timed(scan_only, files)
    print(f"scanner alone:    {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall)")
    cpu, wall, errors = timed(parse_file, files)
    print(f"full parse:       {mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall; "
          f"{errors} files rejected, all testdata)   target >= 1.5")
    for skim in ("funcless", "signatures"):
        cpu, wall, _ = timed(lambda src, path: parse_file(src, path, skim=skim), files)
        print(f"{'skim ' + skim + ':':18s}{mb / cpu:7.1f} MB/s  ({cpu:.2f}s CPU, {wall:.2f}s wall)")

    return 0


if __name__ == "__main__":
    sys.exit(main())
