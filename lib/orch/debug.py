"""ORCH_DEBUG_DIR: keep every step's JSON and the rewritten files of a build.

With ORCH_DEBUG_DIR=/some/dir, each compile and link call writes, after each
stage, `<dir>/<tool>/<import path with / as %>/<n>-<stage>.json`, and the
rewrite stage copies the files it wrote next to them. Any stage can then be
replayed by hand:  orch-rewrite < <dir>/compile/example.com%hello/1-plan.json

Each call that reaches the dispatcher also appends one line to
`<dir>/timings.jsonl` (see Timer): its kind, the wall time of each stage,
the process's CPU time and peak memory. tests/bench/bench_builds.py sums
these per call kind. What orch decided on its own and a user may want to
know (a built-in rule left out of a package whose version it does not
know: fallback.py) is a line of `<dir>/notices.txt`. Nothing here runs
when ORCH_DEBUG_DIR is unset.
"""

import os


def enabled() -> str | None:
    """The debug directory, or None. A relative one is relative to the
    directory go was started in, whichever directory a tool call runs in
    (see config.env_rule_paths)."""
    d = os.environ.get("ORCH_DEBUG_DIR")
    if not d or os.path.isabs(d):
        return d or None
    from .goprocess import go_cwd
    return os.path.join(go_cwd(), d)


def step_dir(step: dict) -> str | None:
    root = enabled()
    if not root:
        return None
    name = (step.get("import_path") or "_").replace("/", "%").replace(" ", "_")
    d = os.path.join(root, step.get("tool", "tool"), name)
    os.makedirs(d, exist_ok=True)
    return d


def save(step: dict, index: int, stage: str) -> None:
    d = step_dir(step)
    if d is None:
        return
    from . import jsonio
    path = os.path.join(d, f"{index}-{stage}.json")
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(jsonio.dumps(step, pretty=True) + b"\n")
    os.replace(tmp, path)


def notice(message: str) -> None:
    """Append `orch: message` to <dir>/notices.txt (one O_APPEND write, so
    concurrent calls do not interleave)."""
    root = enabled()
    if not root:
        return
    os.makedirs(root, exist_ok=True)
    fd = os.open(os.path.join(root, "notices.txt"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"orch: {message}\n".encode("utf-8", "replace"))
    finally:
        os.close(fd)


class Timer:
    """Where one call's time goes, for ORCH_DEBUG_DIR/timings.jsonl.

    lap(name) charges the wall time since the previous lap to `name`;
    record() appends one JSON line:

        {"kind": "compile-rewritten", "import_path": "net/http", "pid": 4711,
         "startup_cpu": 0.031,           CPU s before the dispatcher ran
                                          (interpreter start, imports)
         "stages": {"plan": 0.012, "rewrite": 0.041, "linkdeps": 0.002,
                    "debug-save": 0.004, "tool": 1.3, "after": 0.001},
                                          ("types": CPU s of the type layer's
                                          questions, part of "rewrite", only
                                          where one was asked)
         "cpu": 0.090,                    CPU s of this process (user+sys),
                                          the real tool excluded
         "maxrss_kb": 21000}              its peak resident memory

    A version call also records its "answer" (the -V=full line go folds
    into every action id: two builds that should share GOCACHE entries
    but do not differ there, or in their inputs).

    kind is the one given, else the step's tool: version, compile-untouched (no file rewritten), compile-rewritten
    or link. (bin/orch-toolexec itself writes short compile-fast and
    version-fast lines for the calls it decides without Python.) "tool" is there only when orch waited for the real tool (a stage
    ran after it); otherwise orch exec'd the tool and its time is not orch's.
    The line is written with one O_APPEND write, so concurrent calls of a
    build do not interleave.
    """

    def __init__(self, root: str, kind: str | None):
        import resource
        import time
        self.root, self.kind, self.clock = root, kind, time.perf_counter
        self.resource = resource
        ru = resource.getrusage(resource.RUSAGE_SELF)
        self.startup_cpu = ru.ru_utime + ru.ru_stime
        self.stages = {}
        self.last = self.clock()

    def lap(self, name: str) -> None:
        now = self.clock()
        self.stages[name] = self.stages.get(name, 0.0) + now - self.last
        self.last = now

    def record(self, step: dict) -> None:
        import json
        r = self.resource
        ru = r.getrusage(r.RUSAGE_SELF)
        kind = self.kind or step.get("tool", "")
        if kind == "compile":
            kind = "compile-rewritten" if (step.get("rewrite") or {}).get("files") else "compile-untouched"
        line = json.dumps({
            "kind": kind, "import_path": step.get("import_path", ""), "pid": os.getpid(),
            "startup_cpu": round(self.startup_cpu, 6),
            "stages": {k: round(v, 6) for k, v in self.stages.items()},
            "cpu": round(ru.ru_utime + ru.ru_stime, 6), "maxrss_kb": peak_rss_kb(ru),
            **({"answer": step["version"].strip()} if "version" in step else {}),
        }, separators=(",", ":")) + "\n"
        os.makedirs(self.root, exist_ok=True)
        fd = os.open(os.path.join(self.root, "timings.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)


def peak_rss_kb(ru) -> int:
    """This process's peak resident memory, in KiB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss across execve, and go
    (like Python's subprocess) starts tools with vfork, so ru_maxrss would
    report the parent's peak (go's, or a test runner's hundreds of MB)
    rather than orch's own. ru_maxrss is the fallback where /proc is absent.
    """
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return ru.ru_maxrss


def timer(kind: str | None = None) -> Timer | None:
    """A Timer when ORCH_DEBUG_DIR is set, else None (and no import, no I/O)."""
    root = enabled()
    return Timer(root, kind) if root else None
