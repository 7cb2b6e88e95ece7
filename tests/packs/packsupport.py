"""What every integration pack's end-to-end tests share.

A pack's tests live in tests/packs/<pack>/: a Go program (or several) in
testdata/ with a go.mod that pins the library, and test_*.py files that

    exe = build(HERE / "testdata/app", tmp_path, goenv)              # pinned versions
    exe = build(HERE / "testdata/app", tmp_path, goenv,
                requires={"google.golang.org/grpc": "v1.64.0"})     # a matrix row
    with Program(exe, tmp_path, args=["serve"]) as srv:             # waits for "ready ADDR"
        run = Program(exe, tmp_path, args=["call", srv.addr]).run()
    spans = Spans(srv.spans() + run.spans())
    server = spans.one("helloworld.Greeter/SayHello", kind="server")
    assert spans.parent(server) is spans.one("helloworld.Greeter/SayHello", kind="client")

Programs are built with the built-in packs as a user gets them (no
ORCH_RULES), so every pack test shares one rule set and the standard
library is compiled once per session. Spans come from ORCH_TRACE_FILE and
are decoded strictly with the official protobuf definitions
(otlp_receiver.py). A matrix row copies the program, asks `go get` for the
version (the module proxy; the test module's go.sum is not touched) and
builds the copy. own_tests_pass runs a library's own Go tests plainly and
under orch (traced): the same tests must pass.
"""

import itertools
import os
import re
import shutil
import signal
import subprocess
import sys

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from otlp_receiver import read_file  # noqa: E402
from support import run_go  # noqa: E402


def build(src, tmp_path, goenv, *, requires=None, name="app", orch=True, pkg=".", timeout=1800):
    """Build the Go module at src (a copy of it, under tmp_path) with orch
    (or plainly); requires: {module: version} to `go get` first. Returns the
    binary's path."""
    work = os.path.join(str(tmp_path), f"src-{name}")
    shutil.copytree(str(src), work, dirs_exist_ok=True)
    if requires:
        args = [f"{m}@{v}" for m, v in sorted(requires.items())]
        run_go(["get"] + args, work, base_env=goenv, orch=False, timeout=timeout)
    exe = os.path.join(str(tmp_path), name + ("" if orch else "-plain"))
    run_go(["build", "-o", exe, pkg], work, base_env=goenv, orch=orch, timeout=timeout)
    return exe


def program_env(trace_file, extra=None) -> dict:
    """The environment of an instrumented program under test: none of the
    test runner's OTEL_/ORCH_ settings, spans to trace_file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
    if trace_file:
        env["ORCH_TRACE_FILE"] = str(trace_file)
    env.update(extra or {})
    return env


_RUNS = itertools.count(1)


class Program:
    """A test program run with ORCH_TRACE_FILE.

    run() runs it to the end. As a context manager it is started in the
    background and waited for until it prints a line `ready [ADDR]` (addr
    is then ADDR); leaving the block sends SIGTERM, which the runtime turns
    into a flush of its spans, and waits for the exit."""

    def __init__(self, exe, tmp_path, *, args=(), env=None, name=None, timeout=120):
        self.exe = str(exe)
        self.args = list(args)
        self.name = name or os.path.basename(self.exe) + "-" + "-".join(a.replace("/", "_") for a in self.args[:1])
        # A number of its own: id(self) is reused once a Program is freed,
        # and a later run then read an earlier one's spans from the same file.
        self.trace_file = os.path.join(str(tmp_path), f"spans-{self.name}-{next(_RUNS)}.jsonl")
        self.env = program_env(self.trace_file, env)
        self.timeout = timeout
        self.proc = None
        self.addr = None
        self.returncode = None
        self.stdout = ""
        self.stderr = ""

    def run(self, check=True):
        p = subprocess.run([self.exe] + self.args, env=self.env, capture_output=True, text=True,
                           timeout=self.timeout)
        self.returncode, self.stdout, self.stderr = p.returncode, p.stdout, p.stderr
        if check and p.returncode != 0:
            raise AssertionError(f"{self.exe} {' '.join(self.args)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
        return self

    def __enter__(self):
        self.proc = subprocess.Popen([self.exe] + self.args, env=self.env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        lines = []
        for line in self.proc.stdout:
            lines.append(line)
            if line.startswith("ready"):
                self.addr = line.split(None, 1)[1].strip() if " " in line.strip() else None
                return self
        err = self.proc.stderr.read()
        self.proc.wait()
        raise AssertionError(f"{self.exe} {' '.join(self.args)} exited {self.proc.returncode} before ready:\n"
                             f"{''.join(lines)}\n{err}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc is None or self.returncode is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        self.returncode, self.stdout, self.stderr = self.proc.returncode, self.stdout + out, err

    def spans(self) -> list:
        return read_file(self.trace_file) if os.path.exists(self.trace_file) else []


def run_unconfigured(exe, tmp_path, args) -> str:
    """Run the program with no ORCH_/OTEL_ variable at all; it must export
    nothing. Returns its stdout (to compare with a traced run's)."""
    p = Program(exe, tmp_path, args=args)
    p.env.pop("ORCH_TRACE_FILE")
    out = p.run().stdout
    assert not p.spans()
    return out


class Spans(list):
    """Decoded spans (otlp_receiver.Span) with tree look-ups; assertion
    messages print the whole forest."""

    def find(self, name=None, **where):
        return [s for s in self if (name is None or s.name == name)
                and all((getattr(s, k) if hasattr(s, k) else s.attrs.get(k)) == v for k, v in where.items())]

    def one(self, name=None, **where):
        found = self.find(name, **where)
        assert len(found) == 1, f"{len(found)} spans {name!r} {where}, want 1:\n{self.tree()}"
        return found[0]

    def parent(self, span):
        found = [s for s in self if s.span_id == span.parent_id and s.trace_id == span.trace_id]
        return found[0] if found else None

    def children(self, span, name=None, **where):
        return [s for s in Spans(self).find(name, **where) if s.parent_id == span.span_id
                and s.trace_id == span.trace_id]

    def attr(self, name, key):
        """The value of attribute key on the one span called name."""
        return self.one(name).attrs.get(key)

    def tree(self) -> str:
        """Every trace as an indented tree: name [kind] attrs status."""
        by_parent = {}
        ids = {(s.trace_id, s.span_id) for s in self}
        for s in self:
            key = (s.trace_id, s.parent_id) if (s.trace_id, s.parent_id) in ids else (s.trace_id, "")
            by_parent.setdefault(key, []).append(s)
        out = []

        def walk(s, depth):
            status = {0: "", 1: " OK", 2: " ERROR"}.get(s.status[0], "") + (f" {s.status[1]!r}" if s.status[1] else "")
            out.append(f"{'  ' * depth}{s.name} [{s.kind}] {s.attrs}{status}")
            for c in sorted(by_parent.get((s.trace_id, s.span_id), []), key=lambda x: x.start):
                walk(c, depth + 1)

        for (trace, parent), roots in sorted(by_parent.items()):
            if parent == "":
                out.append(f"trace {trace}:")
                for r in sorted(roots, key=lambda x: x.start):
                    walk(r, 1)
        return "\n".join(out) or "(no spans)"


def own_tests_pass(app, tmp_path, goenv, package, pattern, *, skip=None):
    """Runs the library's own tests `pattern` of package from a copy of the
    test module app, plainly then built with orch and traced (spans to
    tmp_path/spans.jsonl, so the pack's code is in play); the same tests
    must pass. skip: a -skip pattern (tests that need what the machine has
    not). Tests that fail run once more (some time their fakes' answers
    closely, and the machine may be busy). Returns their names."""
    work = tmp_path / "work"
    shutil.copytree(app, work)
    env = {**goenv, "GOFLAGS": "-mod=mod"}  # the suite's own test dependencies
    passed = {}
    for orch in (False, True):
        traced = {"ORCH_TRACE_FILE": str(tmp_path / "spans.jsonl")} if orch else {}

        def go_test(pattern):
            args = ["test", "-count=1", "-v", "-run", pattern] + (["-skip", skip] if skip else []) + [package]
            proc = run_go(args, work, base_env=env, orch=orch,
                          env=traced, check=False, timeout=1500)
            return proc, sorted(re.findall(r"^--- PASS: (\S+)", proc.stdout, re.M)), \
                sorted(re.findall(r"^--- FAIL: (\S+)", proc.stdout, re.M))

        proc, ok, failed = go_test(pattern)
        if proc.returncode != 0 and failed:
            proc, again, failed = go_test("^(" + "|".join(f.split("/")[0] for f in failed) + ")$")
            ok = sorted(set(ok) | set(again))
        assert proc.returncode == 0, f"orch={orch} failed: {failed}\n" + proc.stdout[-4000:] + proc.stderr[-2000:]
        passed[orch] = ok
    assert passed[True] == passed[False]
    return passed[True]
