#!/usr/bin/env python3
"""Benchmark orch-plan and orch-rewrite: throughput and the cost of untouched packages.

Prints:
  - rewrite throughput: plan + rewrite of standard-library packages under a
    rule that prepends a statement to every function body (every file is a
    candidate), in MB/s of candidate source, with plan (parse + match) and
    rewrite (parse + templates + splice) apart;
  - the cost of a compile call that no rule can touch, with a rule set of
    a realistic shape in force (import-path rules, a function-call rule, a
    directive rule, whose file test reads every file): the plan stage in a
    fresh process (-S -E, the rules' pre-tests cached under $WORK as in a
    build), and the whole orch-toolexec call in front of a stand-in compiler
    that exits at once, minus the stand-in alone.

Budget (issue 3): an untouched package costs no parse and at most 20 ms of
orch time in its compile call.

usage: tests/bench/bench_rewrite.py [--calls N] [--packages P ...]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIB = os.path.join(ROOT, "lib")
TOOLEXEC = os.path.join(ROOT, "bin", "orch-toolexec")
sys.path.insert(0, LIB)

DEFAULT_PACKAGES = ["encoding/json", "net/url", "text/template/parse", "strconv", "go/parser", "net/http"]

EVERY_FUNCTION = """
[[aspects]]
id = "bench.enter"
join-point.function-body.function = []
[aspects.advice.prepend-statements]
template = '__orch_calls++; _ = {{printf "%q" .Function.Name}}'
[[aspects]]
id = "bench.counter"
join-point.function-body.function = []
advice.inject-declarations.template = "var __orch_calls int"
"""

# A rule set shaped like real packs: most rules name their package.
REALISTIC = "".join(f"""
[[aspects]]
id = "pkg{i}"
join-point.all-of = [ {{ import-path = "example.org/lib{i}" }}, {{ function-body = {{ function = [ {{ name = "Do" }} ] }} }} ]
advice.prepend-statements.template = "_ = {i}"
""" for i in range(20)) + """
[[aspects]]
id = "http-get"
join-point = { function-call = "net/http.Get" }
advice.wrap-expression.template = "{{.}}"
[[aspects]]
id = "span"
join-point = { function-body = { directive = "orch:span" } }
advice.prepend-statements.template = "_ = 1"
[[aspects]]
id = "runtime-g"
join-point = { struct-definition = "runtime.g" }
advice.add-struct-field = { name = "__orch", type = "any" }
"""


def goroot() -> str:
    return subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()


def package_files(pkgdir: str) -> list[str]:
    return sorted(n for n in os.listdir(pkgdir)
                  if n.endswith(".go") and not n.endswith("_test.go") and "windows" not in n
                  and "darwin" not in n and "plan9" not in n and "wasm" not in n and "js" not in n)


def compile_step(pkgdir, files, import_path, objdir):
    return {"tool": "compile", "dir": pkgdir, "import_path": import_path,
            "argv": ["-o", os.path.join(objdir, "_pkg_.a"), "-p", import_path, "-lang=go1.22", "-complete",
                     *["./" + f for f in files]],
            "build": {"module_root": None}}


def bench_throughput(packages, tmp):
    from orch.stages import plan, rewrite
    rules = os.path.join(tmp, "every.toml")
    with open(rules, "w") as f:
        f.write(EVERY_FUNCTION)
    os.environ["ORCH_RULES"] = rules
    os.environ["ORCH_NO_BUILTIN"] = "1"
    root = goroot()
    total_bytes = plan_s = rewrite_s = 0.0
    matches = 0
    for n, ip in enumerate(packages):
        pkgdir = os.path.join(root, "src", ip)
        files = package_files(pkgdir)
        total_bytes += sum(os.path.getsize(os.path.join(pkgdir, f)) for f in files)
        objdir = os.path.join(tmp, "go-build1", f"b{n + 1:03d}")
        os.makedirs(objdir)
        step = compile_step(pkgdir, files, ip, objdir)
        if n == 0:
            plan.run(json.loads(json.dumps(step)))       # load the rules once (cached, as in a build)
        t0 = time.perf_counter()
        step = plan.run(step)
        t1 = time.perf_counter()
        step = rewrite.run(step)
        t2 = time.perf_counter()
        plan_s += t1 - t0
        rewrite_s += t2 - t1
        matches += sum(len(f["matches"]) for f in step["plan"]["files"])
    mb = total_bytes / 1e6
    print(f"rewrite throughput: {len(packages)} packages, {mb:.2f} MB of candidate source, {matches} matches")
    print(f"  plan    (parse + match):            {plan_s:6.2f} s  {mb / plan_s:5.2f} MB/s")
    print(f"  rewrite (parse + templates + splice): {rewrite_s:6.2f} s  {mb / rewrite_s:5.2f} MB/s")
    print(f"  both:                               {plan_s + rewrite_s:6.2f} s  {mb / (plan_s + rewrite_s):5.2f} MB/s")


def bench_untouched(calls, tmp):
    rules = os.path.join(tmp, "realistic.toml")
    with open(rules, "w") as f:
        f.write(REALISTIC)
    pkgdir = os.path.join(goroot(), "src", "strings")
    files = package_files(pkgdir)
    objdir = os.path.join(tmp, "go-build2", "b001")
    os.makedirs(objdir)
    with open(os.path.join(objdir, "importcfg"), "w") as f:
        f.write("packagefile errors=/x/errors.a\npackagefile unicode=/x/unicode.a\n")
    step = compile_step(pkgdir, files, "strings", objdir)
    step["argv"][2:2] = ["-importcfg", os.path.join(objdir, "importcfg")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORCH_")}
    env.update(ORCH_RULES=rules, ORCH_NO_BUILTIN="1", TOOLEXEC_IMPORTPATH="strings")

    # The plan stage alone, in fresh processes like the dispatcher's.
    code = ("import sys, json, time\n"
            "t = time.perf_counter()\n"
            "sys.path.insert(0, %r)\n"
            "from orch.stages import plan\n"
            "p = plan.run(json.loads(sys.stdin.read()))['plan']\n"
            "assert not any(f['matches'] for f in p['files'])\n"
            "assert not [m for m in sys.modules if m.startswith('orch.golang')]\n"
            "print(time.perf_counter() - t)\n") % LIB
    py = sys.executable
    subprocess.run([py, "-S", "-E", "-c", code], input=json.dumps(step), text=True,
                   capture_output=True, env=env, check=True)    # loads the rules, writes the cache
    times = []
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(calls):
        out = subprocess.run([py, "-S", "-E", "-c", code], input=json.dumps(step), text=True,
                             capture_output=True, env=env, check=True)
        times.append(float(out.stdout))
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    base0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(calls):
        subprocess.run([py, "-S", "-E", "-c", "import sys, json, time; sys.stdin.read()"], input="{}",
                       text=True, check=True)
    base1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = lambda a, b: (b.ru_utime - a.ru_utime) + (b.ru_stime - a.ru_stime)
    stage_cpu = (cpu(r0, r1) - cpu(base0, base1)) / calls
    print(f"untouched package (strings, {len(files)} files, {len(REALISTIC.split('[[aspects]]')) - 1} rules): "
          f"plan stage {statistics.median(times) * 1e3:.1f} ms median wall, {stage_cpu * 1e3:.1f} ms CPU "
          f"beyond Python's start (imports included; no file parsed)")

    # The whole compile call through orch-toolexec, against a stand-in compiler.
    fake = os.path.join(tmp, "compile")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nexit 0\n")
    os.chmod(fake, 0o755)

    def per_call(cmd):
        """(wall, CPU) seconds per call; CPU time is what a loaded machine
        distorts least."""
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        for _ in range(calls):
            subprocess.run(cmd, check=True, env=env, cwd=pkgdir)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        return (time.perf_counter() - t) / calls, cpu / calls

    direct, direct_cpu = per_call([fake] + step["argv"])
    via, via_cpu = per_call([TOOLEXEC, fake] + step["argv"])
    print(f"untouched compile call through orch-toolexec: orch adds {(via - direct) * 1e3:.1f} ms/call wall, "
          f"{(via_cpu - direct_cpu) * 1e3:.1f} ms/call CPU (budget 20 ms; load average "
          f"{os.getloadavg()[0]:.1f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=30)
    ap.add_argument("--packages", nargs="*", default=DEFAULT_PACKAGES)
    args = ap.parse_args()
    print(f"{subprocess.run(['go', 'version'], capture_output=True, text=True).stdout.strip()}; "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        bench_untouched(args.calls, tmp)
        bench_throughput(args.packages, tmp)


if __name__ == "__main__":
    main()
