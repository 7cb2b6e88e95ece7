#!/usr/bin/env python3
"""Benchmark the rule template engine (lib/orch/template).

Prints, for a few templates shaped like real aspects:
  - import: the cost of importing orch.template in a fresh interpreter;
  - parse: microseconds per Template(text, name) (done once per rule set);
  - execute: microseconds per execute(dot) (done once per match);
and a parse-time check of linearity (a template 10x longer parses in about
10x the time).

usage: tests/bench/bench_template.py [--repeat N]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "lib"))

from orch.template import Template  # noqa: E402


class Node:
    def __init__(self, src):
        self.src = src

    def __go_str__(self):
        return self.src


class Function:
    Name = "Do"

    def Argument(self, i):
        return Node(("ctx", "req")[i])

    def Result(self, i):
        return Node(("resp", "err")[i])

    def ResultOfType(self, t):
        return Node("err") if t == "error" else None


class Dot:
    Function = Function()


SPAN = """\
{{- $req := .Function.Argument 1 -}}
__orch_span := __orch_trace.Start({{ $req }}.Context(), {{ printf "%q" .Function.Name }})
{{ with .Function.ResultOfType "error" }}defer func() { __orch_span.End({{ . }}) }(){{ else }}defer __orch_span.End(nil){{ end }}
"""

RANGE = """\
{{- range $i, $a := .args }}{{ if $i }}, {{ end }}{{ $a.name }} {{ $a.type }}{{ end }}
{{ range $k, $v := .tags }}span.SetTag({{ printf "%q" $k }}, {{ printf "%v" $v }})
{{ end -}}"""

RANGE_DATA = {"args": [{"name": "a%d" % i, "type": "int"} for i in range(6)],
              "tags": {"component": "net/http", "span.kind": "client", "rate": 0.5}}


def per_call(fn, repeat):
    fn()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best * 1e6


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--repeat", type=int, default=2000)
    args = ap.parse_args(argv)

    # Import cost with compiled bytecode, as an installed orch has it.
    code = "import time; t=time.perf_counter(); import orch.template; print((time.perf_counter()-t)*1e3)"
    with tempfile.TemporaryDirectory() as pyc:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=os.path.join(ROOT, "lib"), PYTHONPYCACHEPREFIX=pyc)
        ms = min(float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                      text=True, check=True).stdout) for _ in range(6))
    print("import orch.template: %.2f ms (with bytecode)" % ms)

    for name, text, data in [("span (methods)", SPAN, Dot()), ("range (dicts)", RANGE, RANGE_DATA)]:
        t = Template(text, name)
        parse_us = per_call(lambda: Template(text, name), args.repeat // 4)
        exec_us = per_call(lambda: t.execute(data), args.repeat)
        print("%-16s %5d bytes  parse %7.1f us  execute %7.1f us" % (name, len(text), parse_us, exec_us))

    big1 = SPAN * 10
    big10 = SPAN * 100
    p1 = per_call(lambda: Template(big1, "b"), 50)
    p10 = per_call(lambda: Template(big10, "b"), 5)
    print("parse linearity: %d bytes %.0f us, %d bytes %.0f us (ratio %.1f for 10x the text)"
          % (len(big1), p1, len(big10), p10, p10 / p1))


if __name__ == "__main__":
    main()
