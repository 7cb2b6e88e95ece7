#!/usr/bin/env python3
"""Benchmark the type layer (orch.types) on the standard library.

Prints, for each package named (default: net/http and some of its
neighbours), with the export data that `go list -export` names:
  - export data read throughput: the __.PKGDEF payload's size over the CPU
    time to open it and decode every object of the package (types with their
    method sets);
  - the cold cost of one question (the method set of one type) on a fresh
    importer, as a compile asks it;
  - the time to read the package's own source for the type layer (every
    non-test file parsed, as the first type question in a package does);
  - peak memory of the process (ru_maxrss).
CPU time (process_time), since the machine is shared.

usage: tests/bench/bench_types.py [PKG...]
"""

import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lib"))

from orch.types import archive  # noqa: E402
from orch.types.importer import Importer  # noqa: E402
from orch.types.methodset import method_set  # noqa: E402
from orch.types.source import SourcePackage  # noqa: E402

DEFAULT = ["net/http", "database/sql", "encoding/json", "os", "context", "io"]
QUESTION = {"net/http": "*net/http.Client", "database/sql": "*database/sql.DB",
            "encoding/json": "*encoding/json.Decoder", "os": "*os.File",
            "context": "context.Context", "io": "io.Writer"}


def main(pkgs):
    out = subprocess.run(["go", "list", "-export", "-deps", "-f",
                          "{{.ImportPath}}={{.Export}}"] + pkgs,
                         capture_output=True, text=True, check=True).stdout
    files = dict(line.split("=", 1) for line in out.split())
    dirs = dict(line.split("=", 1) for line in subprocess.run(
        ["go", "list", "-f", "{{.ImportPath}}={{.Dir}}"] + pkgs,
        capture_output=True, text=True, check=True).stdout.split())
    print("%-16s %9s %8s %9s %9s %10s %10s" % ("package", "PKGDEF", "objects", "all (ms)",
                                              "MB/s", "1 q (ms)", "source(ms)"))
    for p in pkgs:
        size = len(archive.read_file(files[p]))
        t0 = time.process_time()
        imp = Importer(files)
        pkg = imp.package(p)
        n = 0
        for name in pkg.names():
            o = pkg.lookup(name)
            if o is not None and o.kind == "type":
                method_set(o.type)
            n += 1
        t1 = time.process_time()
        q = QUESTION.get(p)
        tq = 0.0
        if q:
            t = time.process_time()
            method_set(Importer(files).type(q))
            tq = time.process_time() - t
        srcs = [os.path.join(dirs[p], f) for f in sorted(os.listdir(dirs[p]))
                if f.endswith(".go") and not f.endswith("_test.go")]
        t = time.process_time()
        sp = SourcePackage(p, [], Importer(files))
        sp.pending = srcs
        sp.complete()
        ts = time.process_time() - t
        print("%-16s %8.0fK %8d %9.1f %9.1f %10.1f %10.0f" % (
            p, size / 1e3, n, (t1 - t0) * 1e3, size / 1e6 / max(t1 - t0, 1e-9), tq * 1e3,
            ts * 1e3))
    print("peak memory: %.0f MB" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
