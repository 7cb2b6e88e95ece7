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

`--modules data` runs the own suites of the data libraries that orch's
packs instrument (go-redis v9 and v8, redigo, pgx, gomemcache, rueidis,
kafka-go): package subsets where the rest needs servers that cannot be had
here (PACKAGES), real servers where the tests take their address from the
environment or a flag (SERVERS, TEST_ARGS: a redis-server for go-redis v9,
PostgreSQL with pgx's test setup for pgx, redigo's and gomemcache's tests
start their own redis-server and memcached), and their runs through orch
traced (ORCH_TRACE_FILE; --trace for every module), so that the packs'
hooks run and not only their rewrites: the spans written are counted by
db.system.name / messaging.system.

Prints a table per module (tests passed plainly, passed through orch,
regressions, times) and, for each regression, the test and the tail of its
output. Exit status 1 if any regression is not flaky.

usage: tests/bench/realworld.py [--modules chi,mux,...|data] [--work DIR] [--json FILE]
         [--std] [--trace] [--orch DIR]

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
sys.path.insert(0, os.path.join(ROOT, "tests"))
import servers.postgres  # noqa: E402  (the tests' server fixtures: redis, PostgreSQL)
import servers.redis  # noqa: E402

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
    # The data libraries orch's packs instrument (--modules data).
    "goredis9": ("github.com/redis/go-redis/v9", "v9.23.0", "Redis client (against a redis-server on REDIS_PORT)"),
    "goredis8": ("github.com/go-redis/redis/v8", "v8.11.5", "Redis client (no server: its examples fail both ways)"),
    "redigo": ("github.com/gomodule/redigo", "v1.9.3", "Redis client (against a redis-server the tests start)"),
    "pgx": ("github.com/jackc/pgx/v5", "v5.13.0", "PostgreSQL driver (against PostgreSQL set up by pgx's testsetup)"),
    "gomemcache": ("github.com/bradfitz/gomemcache", "v0.0.0-20260422231931-4d751bb6e37c",  # tests/packs/memcache's
                   "memcached client (a fake server and a memcached the tests start)"),
    "rueidis": ("github.com/redis/rueidis", "v1.0.80", "Redis client (no server: its integration tests fail both ways)"),
    "kafkago": ("github.com/segmentio/kafka-go", "v0.4.51", "Kafka client (the tests that need no broker)"),
}
# Modules whose whole suite is too long for a benchmark run, or needs
# servers: the packages run (go test flags may come first), or a list of
# such runs, whose results add up.
KAFKAGO_NO_BROKER = (  # kafka-go's root package: most of its tests need a broker on localhost:9092
    "TestHashBalancer|TestReferenceHashBalancer|TestCRC32Balancer|TestMurmur2|TestMurmur2Balancer|TestLeastBytes|"
    "TestRoundRobin|TestMakeCommit|TestMessageCRC32|TestDiscardN|TestError|TestFindMembersByTopic|"
    "TestRangeAssignGroups|TestRangeAssignGroupsUnbalanced|TestRoundRobinAssignGroups|"
    "TestFindMembersByTopicSortsByMemberID|TestRackAffinityGroupBalancer|TestMarshalUnmarshal|"
    "TestVersionMarshalUnmarshal|TestV1BatchOffsets|TestMessageSetReader|TestMessageSetReaderEmpty|"
    "TestMessageFixtures|TestMessageSize|TestReadVarInt|TestReadVarIntFailing|TestReadStringArray|"
    "TestReadMapStringInt32|TestReadNewBytes|TestResourceTypeMarshal|TestResourceTypeBroker|"
    "TestPatternTypeMarshal|TestSASLAuthenticateRequestV0|TestSASLAuthenticateResponseV0|"
    "TestSASLHandshakeRequestV0|TestSASLHandshakeResponseV0|TestIssue477|TestIssue672|TestIssue806|"
    "TestBatchQueue|TestValidateWriter|TestValidateReader|TestExtractTopics|TestOffsetStash|"
    "TestCommitLoopImmediateFlushOnGenerationEnd|TestCommitOffsetsWithRetry|"
    # a Writer and Readers that cannot reach their broker (Writer's tests that need one fail both ways)
    "TestWriter|TestErrorCannotConnect|TestErrorCannotConnectGroupSubscription")
PACKAGES = {
    "grpc": (".", "./status/...", "./metadata/...", "./health/...", "./codes/..."),
    # not doctests and maintnotifications/e2e (a server with redis-stack's modules, fixed ports)
    "goredis9": (".", "./auth/...", "./helper/...", "./internal/...", "./logging/...", "./maintnotifications",
                 "./push/..."),
    "redigo": ("./redis",),
    "rueidis": (".", "./internal/..."),
    "kafkago": [("-run", f"^({KAFKAGO_NO_BROKER})$", "."),
                ("./compress/...", "./protocol/...", "./sasl/...", "./testing/...")],
}
# Arguments of the test binaries (go test's -args); {port} is a free
# loopback port, chosen for each run.
TEST_ARGS = {"redigo": ("-redis-port={port}",)}
# Server programs that a module's tests start themselves, run with these
# arguments first: memcached refuses to run as root without -u.
WRAPPERS = {"gomemcache": {"memcached": ("-u", "root")}}
# Real servers that realworld.py starts for a module's two runs (on free
# loopback ports), and the environment that tells its tests where: see
# start_server().
SERVERS = {
    "goredis9": ("redis", {"REDIS_PORT": "{port}"}),
    "pgx": ("postgres", {"PGX_TEST_DATABASE": "postgres://postgres@127.0.0.1:{port}/pgx_test?sslmode=disable"}),
}
# Modules whose run through orch also traces (ORCH_TRACE_FILE), so that the
# pack's code runs, not only its rewrite: their spans are counted.
GROUPS = {"data": "goredis9,goredis8,redigo,pgx,gomemcache,rueidis,kafkago"}
TRACED = set(GROUPS["data"].split(","))
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


# A t.TempDir() path in a subtest's name (pgconn's TestParseConfigSSLCertMode
# names its cases after a service file in one): random in each run.
TEMP_DIR_IN_NAME = re.compile(re.escape(tempfile.gettempdir()) + r"/[^/]+?\d+/\d{3}")


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
        key = (pkg, TEMP_DIR_IN_NAME.sub("$TMPDIR", test))
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


def go_test(src: str, env: dict, toolexec: str | None, args=("./...",), test_args=()) -> tuple[Results, float, str]:
    """go test -json with args: one run, or each of a list of runs (their
    results add up)."""
    res, elapsed, stderr = Results(), 0.0, ""
    for run in (args if isinstance(args, list) else [args]):
        cmd = ["go", "test"] + (["-toolexec", toolexec] if toolexec else []) + \
              ["-json", "-count=1", f"-timeout={TEST_TIMEOUT}"] + list(run)
        if test_args:
            port = servers.free_port()
            cmd += ["-args"] + [a.replace("{port}", str(port)) for a in test_args]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=GO_TIMEOUT)
        elapsed += time.perf_counter() - t0
        stderr += proc.stderr
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                try:
                    res.feed(json.loads(line))
                except json.JSONDecodeError:
                    pass
    return res, elapsed, stderr


def regressions(plain: Results, orch: Results) -> list[tuple[str, str]]:
    return sorted(k for k, a in plain.tests.items() if a == "pass" and orch.tests.get(k) != "pass")


def rerun(src: str, env: dict, toolexec: str, regs: list, test_args=()) -> set:
    """Run each regressing test once more, alone, through orch: the ones that pass are flaky."""
    passed = set()
    by_pkg = {}
    for pkg, test in regs:
        by_pkg.setdefault(pkg, set()).add(test.split("/")[0])
    for pkg, tops in by_pkg.items():
        pattern = "^(" + "|".join(re.escape(t) for t in sorted(tops)) + ")$"
        res, _, _ = go_test(src, env, toolexec, ["-run", pattern, pkg], test_args)
        passed |= {k for k in regs if res.tests.get(k) == "pass"}
    return passed


# --- spans and programs ----------------------------------------------------------------


def count_spans(path: str) -> dict:
    """The spans of an ORCH_TRACE_FILE (OTLP/JSON lines) by their
    db.system.name or messaging.system ("" for others)."""
    counts = {}
    if not os.path.exists(path):
        return counts
    with open(path) as f:
        for line in f:
            try:
                request = json.loads(line)
            except json.JSONDecodeError:
                continue
            for rs in request.get("resourceSpans", []):
                for ss in rs.get("scopeSpans", []):
                    for span in ss.get("spans", []):
                        system = next((a["value"].get("stringValue", "") for a in span.get("attributes", [])
                                       if a.get("key") in ("db.system.name", "messaging.system")), "")
                        counts[system] = counts.get(system, 0) + 1
    return counts


def wrap_programs(name: str, work: str, env: dict) -> dict:
    """env with WRAPPERS[name]'s programs first on PATH."""
    bindir = os.path.join(work, "bin-" + name)
    for program, args in WRAPPERS.get(name, {}).items():
        real = shutil.which(program, path=env.get("PATH"))
        if real:
            os.makedirs(bindir, exist_ok=True)
            with open(os.path.join(bindir, program), "w") as f:
                f.write(f'#!/bin/sh\nexec {real} {" ".join(args)} "$@"\n')
            os.chmod(os.path.join(bindir, program), 0o755)
    if not os.path.isdir(bindir):
        return env
    return dict(env, PATH=bindir + os.pathsep + env.get("PATH", ""))


# --- servers --------------------------------------------------------------------------


def start_redis(work: str, src: str) -> tuple[int, callable]:
    """Debian's redis-server, as the tests' fixture starts it."""
    program = shutil.which("redis-server")
    if not program:
        raise RuntimeError("redis-server is not installed")
    data = tempfile.mkdtemp(prefix="redis-", dir=work)
    endpoint, stop = servers.redis.start(program, data)
    return endpoint.port, stop


def start_postgres(work: str, src: str) -> tuple[int, callable]:
    """Debian's PostgreSQL, as the tests' fixture starts it, with a database
    pgx_test set up by the module's testsetup/postgresql_setup.sql (pgx's)."""
    initdb, pg_ctl = servers.postgres.bin_path("initdb"), servers.postgres.bin_path("pg_ctl")
    if not initdb or not pg_ctl or not shutil.which("unshare") or not shutil.which("psql"):
        raise RuntimeError("PostgreSQL (initdb, pg_ctl, psql) or unshare is not installed")
    endpoint, stop = servers.postgres.start(initdb, pg_ctl, tempfile.mkdtemp(prefix="postgres-", dir=work))
    psql = ["psql", "-h", endpoint.host, "-p", str(endpoint.port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    setup = os.path.join(src, "testsetup", "postgresql_setup.sql")
    for cmd in [psql + ["-c", "create database pgx_test"]] + \
               ([psql + ["-d", "pgx_test", "-f", setup]] if os.path.exists(setup) else []):
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            stop()
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stdout}\n{p.stderr}")
    return endpoint.port, stop


STARTERS = {"redis": start_redis, "postgres": start_postgres}


def start_server(name: str, work: str, src: str, env: dict) -> tuple[dict, callable]:
    """SERVERS[name]'s server started: env with its variables, and what stops it."""
    if name not in SERVERS:
        return env, lambda: None
    kind, variables = SERVERS[name]
    try:
        port, stop = STARTERS[kind](work, src)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        log(f"   SERVER MISSING: {kind} for {name}: {e}; the tests that need it fail or skip both ways")
        return env, lambda: None
    log(f"   {kind} on 127.0.0.1:{port}")
    return dict(env, **{k: v.replace("{port}", str(port)) for k, v in variables.items()}), stop


# --- the suite -----------------------------------------------------------------------


def run_module(name: str, work: str, env: dict, toolexec: str, rules: str, trace: bool = False) -> dict:
    module, version, what = MODULES[name]
    src = fetch(module, version, work, env)
    env, stop = start_server(name, work, src, wrap_programs(name, work, env))
    try:
        return run_suite(name, src, work, env, toolexec, rules, trace)
    finally:
        stop()


def run_suite(name: str, src: str, work: str, env: dict, toolexec: str, rules: str, trace: bool) -> dict:
    module, version, what = MODULES[name]
    args = PACKAGES.get(name, ("./...",))
    test_args = TEST_ARGS.get(name, ())
    plain, t_plain, _ = go_test(src, env, None, args, test_args)
    orch_env = dict(env, ORCH_RULES=rules)
    spans_file = os.path.join(work, f"spans-{name}.jsonl")
    if trace or name in TRACED:
        if os.path.exists(spans_file):
            os.remove(spans_file)
        orch_env["ORCH_TRACE_FILE"] = spans_file
    orch, t_orch, stderr = go_test(src, orch_env, toolexec, args, test_args)
    spans = count_spans(spans_file) if "ORCH_TRACE_FILE" in orch_env else None
    regs = regressions(plain, orch)
    flaky = rerun(src, orch_env, toolexec, regs, test_args) if regs else set()
    entry = {"module": module, "version": version, "what": what, "spans": spans,
             "plain": plain.to_json(), "orch": orch.to_json(), "time_plain": t_plain, "time_orch": t_orch,
             "regressions": [{"package": p, "test": t, "flaky": (p, t) in flaky,
                              "output": "".join(orch.output.get((p, t), []))[-3000:]} for p, t in regs],
             "orch_build_failed": {p: "".join(o)[-3000:] for p, o in orch.build_failed.items()
                                   if p not in plain.build_failed},
             "orch_stderr": stderr[-2000:] if orch.build_failed else ""}
    return entry


def print_table(entries: list):
    log("")
    log("| module | version | packages | passed plain | passed with orch | regressions | go test plain | with orch |")
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
        if e["spans"] is not None:
            log(f"\n{e['module']}: spans written through orch: "
                + (", ".join(f"{k or 'other'} {v}" for k, v in sorted(e["spans"].items())) or "none"))
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
    ap.add_argument("--modules", default=DEFAULT,
                    help=f"comma-separated, of: {', '.join(MODULES)}; {', '.join(f'{g} (= {m})' for g, m in GROUPS.items())}")
    ap.add_argument("--work", help="work directory (kept and reused); default: a temporary one")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--std", action="store_true", help="prepend to the standard library's functions too")
    ap.add_argument("--orch", default=ROOT, help="the orch checkout to run (default: this one)")
    ap.add_argument("--trace", action="store_true",
                    help="trace every module's run through orch (ORCH_TRACE_FILE), not only the data libraries'")
    args = ap.parse_args(argv)
    names = [n for g in args.modules.split(",") for n in GROUPS.get(g, g).split(",")]
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        ap.error(f"unknown modules: {', '.join(unknown)}")
    work = args.work or tempfile.mkdtemp(prefix="orch-realworld-")
    os.makedirs(work, exist_ok=True)
    toolexec = os.path.join(os.path.abspath(args.orch), "bin", "orch-toolexec")
    rules = os.path.join(work, "prepend-every-function.toml")
    with open(rules, "w") as f:
        f.write(PREPEND_RULE.format(filter="**" if args.std else "*.*/**"))
    env = base_env(work)
    entries = []
    try:
        for name in names:
            log(f"-- {name}: {MODULES[name][0]}@{MODULES[name][1]} (load {os.getloadavg()[0]:.1f})")
            entry = run_module(name, work, env, toolexec, rules, args.trace)
            entries.append(entry)
            log(f"   plain: {entry['plain']['passed']} passed, {entry['plain']['failed']} failed, {entry['time_plain']:.0f} s; "
                f"orch: {entry['orch']['passed']} passed, {entry['orch']['failed']} failed, {entry['time_orch']:.0f} s; "
                f"regressions {len(entry['regressions'])}" + (f"; spans {entry['spans']}" if entry["spans"] is not None else ""))
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
