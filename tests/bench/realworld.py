#!/usr/bin/env python3
"""Real modules' own test suites, without orch and through orch.

For each module (popular ones, at pinned versions, fetched through the Go
module proxy into the work directory), runs its own

    go test -json -count=1 ./...

once plainly and once with -toolexec orch-toolexec, the built-in rules on
plus a rule that prepends a statement to every function body of every
package outside the standard library (--std: of the standard library too),
and compares the results test by test (subtests included). A test that
passed plainly and did not pass through orch is a regression: it is run
again once, alone, through orch, and reported as flaky if it passes then.

Prints a table per module (tests passed plainly, passed through orch,
regressions, times) and, for each regression, the test and the tail of its
output. Exit status 1 if any regression is not flaky.

usage: tests/bench/realworld.py [--modules chi,mux,...] [--work DIR] [--json FILE]
         [--std] [--orch DIR]

Uses its own GOCACHE under the work directory (default: a temporary one,
removed at the end unless --work is given), never the user's.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MODULES = {
    "chi": ("github.com/go-chi/chi/v5", "v5.5.0", "HTTP router"),
    "mux": ("github.com/gorilla/mux", "v1.8.1", "HTTP router"),
    "httprouter": ("github.com/julienschmidt/httprouter", "v1.3.0", "HTTP router"),
    "restful": ("github.com/emicklei/go-restful/v3", "v3.14.0", "REST framework"),
    "gin": ("github.com/gin-gonic/gin", "v1.12.0", "HTTP framework"),
    "echo4": ("github.com/labstack/echo/v4", "v4.16.5", "HTTP framework"),
    "echo5": ("github.com/labstack/echo/v5", "v5.4.6", "HTTP framework"),
    "logrus": ("github.com/sirupsen/logrus", "v1.10.2", "logging"),
    "zerolog": ("github.com/rs/zerolog", "v1.35.1", "logging"),
    "cobra": ("github.com/spf13/cobra", "v1.10.2", "CLI"),
    "mysql": ("github.com/go-sql-driver/mysql", "v1.10.1", "SQL driver (no server: its DB tests skip)"),
    "grpc": ("google.golang.org/grpc", "v1.85.0", "RPC (a subset: the core package, status, metadata, health)"),
    "fasthttp": ("github.com/valyala/fasthttp", "v1.79.0", "HTTP server and client"),
}
# Modules whose whole suite is too long for a benchmark run: the packages run.
PACKAGES = {"grpc": (".", "./status/...", "./metadata/...", "./health/...", "./codes/...")}
DEFAULT = "chi,mux,httprouter,restful,logrus,zerolog,cobra,mysql"

# Every function body, outside the standard library unless --std: a first-
# element-with-a-dot import path is a module path.
PREPEND_RULE = """\
[meta]
name = "realworld"
description = "A statement prepended to every function body (tests/bench/realworld.py)."

[[aspects]]
id = "realworld.prepend-every-function"
join-point.all-of = [ {{ package-filter = "{filter}" }}, {{ function-body = {{ function = [] }} }} ]
[[aspects.advice]]
prepend-statements.template = "_ = 0"
"""

TEST_TIMEOUT = "10m"
GO_TIMEOUT = 3600


def log(msg: str):
    print(msg, flush=True)


def base_env(work: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ORCH_", "GOFLAGS", "GOWORK", "GOOS", "GOARCH", "CGO_")) or k == "ORCH_PYTHON"}
    env.update(GOFLAGS="-buildvcs=false", GOTOOLCHAIN="local", GOCACHE=os.path.join(work, "gocache"))
    return env


def fetch(module: str, version: str, work: str, env: dict) -> str:
    dest = os.path.join(work, "src", module.replace("/", "_") + "@" + version)
    if os.path.isdir(dest):
        return dest
    proc = subprocess.run(["go", "mod", "download", "-json", f"{module}@{version}"], cwd=work, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"realworld: cannot fetch {module}@{version}: {proc.stdout}{proc.stderr}")
    shutil.copytree(json.loads(proc.stdout)["Dir"], dest)
    for d, _, files in os.walk(dest):
        os.chmod(d, 0o755)
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    subprocess.run(["go", "mod", "download"], cwd=dest, env=env, capture_output=True)
    return dest


# --- go test -json ---------------------------------------------------------------


class Results:
    """Final action of each test (package, name), and packages that did not build."""

    def __init__(self):
        self.tests = {}          # (package, test) -> "pass" | "fail" | "skip"
        self.output = {}         # (package, test) -> output lines (kept for failures)
        self.build_failed = {}   # package -> build output
        self.packages = set()

    def feed(self, ev: dict):
        action, pkg, test = ev.get("Action"), ev.get("Package"), ev.get("Test")
        if action == "build-output":
            ip = ev.get("ImportPath", "").split(" [")[0]
            self.build_failed.setdefault(ip, []).append(ev.get("Output", ""))
            return
        if not pkg:
            return
        self.packages.add(pkg)
        if test is None:
            if action == "fail" and ev.get("FailedBuild"):
                self.build_failed.setdefault(pkg, [])
            return
        key = (pkg, test)
        if action == "output":
            lines = self.output.setdefault(key, [])
            lines.append(ev.get("Output", ""))
            del lines[:-40]
        elif action in ("pass", "fail", "skip"):
            self.tests[key] = action

    def count(self, action: str) -> int:
        return sum(1 for a in self.tests.values() if a == action)

    def to_json(self) -> dict:
        return {"passed": self.count("pass"), "failed": self.count("fail"), "skipped": self.count("skip"),
                "packages": len(self.packages), "build_failed": sorted(self.build_failed),
                "failed_tests": sorted(f"{p} {t}" for (p, t), a in self.tests.items() if a == "fail")}


def go_test(src: str, env: dict, toolexec: str | None, args=("./...",)) -> tuple[Results, float, str]:
    cmd = ["go", "test"] + (["-toolexec", toolexec] if toolexec else []) + \
          ["-json", "-count=1", f"-timeout={TEST_TIMEOUT}"] + list(args)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=GO_TIMEOUT)
    elapsed = time.perf_counter() - t0
    res = Results()
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            try:
                res.feed(json.loads(line))
            except json.JSONDecodeError:
                pass
    return res, elapsed, proc.stderr


def regressions(plain: Results, orch: Results) -> list[tuple[str, str]]:
    return sorted(k for k, a in plain.tests.items() if a == "pass" and orch.tests.get(k) != "pass")


def rerun(src: str, env: dict, toolexec: str, regs: list) -> set:
    """Run each regressing test once more, alone, through orch: the ones that pass are flaky."""
    passed = set()
    by_pkg = {}
    for pkg, test in regs:
        by_pkg.setdefault(pkg, set()).add(test.split("/")[0])
    for pkg, tops in by_pkg.items():
        pattern = "^(" + "|".join(re.escape(t) for t in sorted(tops)) + ")$"
        res, _, _ = go_test(src, env, toolexec, ["-run", pattern, pkg])
        passed |= {k for k in regs if res.tests.get(k) == "pass"}
    return passed


# --- the suite -----------------------------------------------------------------------


def run_module(name: str, work: str, env: dict, toolexec: str, rules: str) -> dict:
    module, version, what = MODULES[name]
    src = fetch(module, version, work, env)
    args = PACKAGES.get(name, ("./...",))
    plain, t_plain, _ = go_test(src, env, None, args)
    orch_env = dict(env, ORCH_RULES=rules)
    orch, t_orch, stderr = go_test(src, orch_env, toolexec, args)
    regs = regressions(plain, orch)
    flaky = rerun(src, orch_env, toolexec, regs) if regs else set()
    entry = {"module": module, "version": version, "what": what,
             "plain": plain.to_json(), "orch": orch.to_json(), "time_plain": t_plain, "time_orch": t_orch,
             "regressions": [{"package": p, "test": t, "flaky": (p, t) in flaky,
                              "output": "".join(orch.output.get((p, t), []))[-3000:]} for p, t in regs],
             "orch_build_failed": {p: "".join(o)[-3000:] for p, o in orch.build_failed.items()
                                   if p not in plain.build_failed},
             "orch_stderr": stderr[-2000:] if orch.build_failed else ""}
    return entry


def print_table(entries: list):
    log("")
    log(f"| module | version | packages | passed plain | passed with orch | regressions | go test plain | with orch |")
    log("|---|---|---|---|---|---|---|---|")
    for e in entries:
        real = [r for r in e["regressions"] if not r["flaky"]]
        flaky = len(e["regressions"]) - len(real)
        regs = str(len(real)) + (f" (+{flaky} flaky)" if flaky else "")
        log(f"| {e['module']} | {e['version']} | {e['plain']['packages']} | {e['plain']['passed']} "
            f"(skipped {e['plain']['skipped']}, failed {e['plain']['failed']}) | {e['orch']['passed']} "
            f"(skipped {e['orch']['skipped']}, failed {e['orch']['failed']}) | {regs} | "
            f"{e['time_plain']:.0f} s | {e['time_orch']:.0f} s |")
    for e in entries:
        if e["plain"]["failed_tests"]:
            log(f"\n{e['module']}: failed without orch too (not counted): {', '.join(e['plain']['failed_tests'])}")
        for p, out in e["orch_build_failed"].items():
            log(f"\n{e['module']}: {p} does not build through orch:\n{out}")
        for r in e["regressions"]:
            log(f"\n{e['module']}: {r['package']} {r['test']} passed plainly, not through orch"
                f"{' (passed when run again: flaky)' if r['flaky'] else ''}:\n{r['output']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modules", default=DEFAULT, help=f"comma-separated, of: {', '.join(MODULES)}")
    ap.add_argument("--work", help="work directory (kept and reused); default: a temporary one")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--std", action="store_true", help="prepend to the standard library's functions too")
    ap.add_argument("--orch", default=ROOT, help="the orch checkout to run (default: this one)")
    args = ap.parse_args(argv)
    work = args.work or tempfile.mkdtemp(prefix="orch-realworld-")
    os.makedirs(work, exist_ok=True)
    toolexec = os.path.join(os.path.abspath(args.orch), "bin", "orch-toolexec")
    rules = os.path.join(work, "prepend-every-function.toml")
    with open(rules, "w") as f:
        f.write(PREPEND_RULE.format(filter="**" if args.std else "*.*/**"))
    env = base_env(work)
    entries = []
    try:
        for name in args.modules.split(","):
            log(f"-- {name}: {MODULES[name][0]}@{MODULES[name][1]} (load {os.getloadavg()[0]:.1f})")
            entry = run_module(name, work, env, toolexec, rules)
            entries.append(entry)
            log(f"   plain: {entry['plain']['passed']} passed, {entry['plain']['failed']} failed, {entry['time_plain']:.0f} s; "
                f"orch: {entry['orch']['passed']} passed, {entry['orch']['failed']} failed, {entry['time_orch']:.0f} s; "
                f"regressions {len(entry['regressions'])}")
            if args.json:
                with open(args.json, "w") as f:
                    json.dump(entries, f, indent=1)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print_table(entries)
    bad = sum(1 for e in entries for r in e["regressions"] if not r["flaky"]) + \
        sum(len(e["orch_build_failed"]) for e in entries)
    total_plain = sum(e["plain"]["passed"] for e in entries)
    total_orch = sum(e["orch"]["passed"] for e in entries)
    log(f"\nrealworld: {total_plain} tests passed plainly, {total_orch} through orch; {bad} regressions")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
