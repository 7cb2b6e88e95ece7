#!/usr/bin/env python3
"""Compare orch's Go parser with go/parser on every .go file of a GOROOT.

    python3 tests/golang/diff_goroot.py [--goroot DIR] [--go GO] [--show N] [PATH...]

For each file, go/parser's tree (via tests/golang/goastdump) and orch's must
print identically (every node's kind, offsets and scalar fields, and the
comment groups); when go/parser rejects a file, orch must reject it too.
Prints a summary: files compared, agreeing, and the first disagreements.
Default GOROOT: `go env GOROOT`. For Go 1.27:

    GOTOOLCHAIN=go1.27.3 python3 tests/golang/diff_goroot.py \\
        --goroot "$(GOTOOLCHAIN=go1.27.3 go env GOROOT)"

(the dumper is then built by that toolchain, so its go/parser is 1.27's).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import astdump  # noqa: E402


def go_files(root: str) -> list:
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".go"):
                out.append(os.path.join(d, f))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--goroot", help="GOROOT whose src/ to compare (default: go env GOROOT)")
    ap.add_argument("--go", default="go", help="go command that builds the dumper")
    ap.add_argument("--show", type=int, default=20, help="disagreements to print")
    ap.add_argument("--batch", type=int, default=400)
    ap.add_argument("paths", nargs="*", help="files or directories (default: GOROOT/src)")
    args = ap.parse_args(argv)
    goroot = args.goroot or subprocess.run([args.go, "env", "GOROOT"], capture_output=True,
                                           text=True, check=True).stdout.strip()
    paths = []
    for p in args.paths or [os.path.join(goroot, "src")]:
        paths.extend(go_files(p) if os.path.isdir(p) else [p])
    gover = subprocess.run([args.go, "version"], capture_output=True, text=True).stdout.strip()

    minor = astdump.go_minor_version(args.go)
    with tempfile.TemporaryDirectory() as tmp:
        exe = astdump.build_goastdump(tmp, go=args.go)
        t0 = time.time()
        agree = 0
        both_reject = 0
        go_reject_testdata = 0
        bad = []
        for i in range(0, len(paths), args.batch):
            batch = paths[i:i + args.batch]
            go_out = astdump.run_goastdump(exe, batch)
            for p in batch:
                lines = go_out.get(p)
                if lines is None:
                    bad.append((p, "missing from the Go dump"))
                    continue
                why = astdump.compare(p, lines, go_minor=minor)
                if why is None:
                    agree += 1
                    if astdump.go_rejected(lines):
                        both_reject += 1
                        if "/testdata/" in p:
                            go_reject_testdata += 1
                else:
                    bad.append((p, why))
            print(f"\r{min(i + args.batch, len(paths))}/{len(paths)} files, "
                  f"{len(bad)} disagreements", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    for p, why in bad[:args.show]:
        print(f"DIFF {p}\n  {why}")
    print(f"{gover}: {agree}/{len(paths)} files agree "
          f"({both_reject} rejected by both, {go_reject_testdata} of them under testdata), "
          f"{len(bad)} disagree, {time.time() - t0:.0f}s")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
