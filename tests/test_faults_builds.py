"""Builds under stress (issue 19), with the real toolchain: many at once on
one GOCACHE, and builds killed with SIGKILL at arbitrary points (in go, in
the launcher, in orch's Python, in the compiler) and then run again. Every
binary must be the one an undisturbed build makes: byte for byte, since
orch's builds are reproducible (tests/test_reproducible.py)."""

import os
import signal
import subprocess
import threading
import time

from support import TOOLEXEC, clean_env, write_module


def program(n: int) -> dict:
    """A small instrumented program: net/http, database/sql, //orch:span."""
    return {
        "main.go": f"""
            package main

            import (
                "database/sql"
                "fmt"
                "net/http"
                "os"
            )

            //orch:span span.name:work{n}
            func work() int {{ return {n} }}

            func main() {{
                if resp, err := http.Get("http://127.0.0.1:1/"); err == nil {{
                    resp.Body.Close()
                }}
                _, err := sql.Open("nodriver", "")
                fmt.Fprintln(os.Stdout, work(), err != nil)
            }}
            """,
    }


def go_build(src, out, env, *, popen=False):
    cmd = ["go", "build", "-toolexec", TOOLEXEC, "-o", str(out), "."]
    if popen:
        return subprocess.Popen(cmd, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
    return subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=900)


def check_runs(exe, n):
    trace = str(exe) + ".spans"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORCH_", "OTEL_"))}
    env["ORCH_TRACE_FILE"] = trace
    p = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout == f"{n} true\n", (p.stdout, p.stderr)
    text = open(trace).read()
    assert f'"work{n}"' in text and '"GET"' in text, text[:2000]


def test_eight_concurrent_builds_on_one_gocache(tmp_path, gocache):
    """Four modules, each built twice at once (eight go commands): one
    GOCACHE, and an orch cache directory that starts empty, so the launcher
    summaries, version answers and resolved packages are all written by
    racing processes."""
    env = clean_env(gocache)
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    srcs = [write_module(tmp_path / f"m{n}", program(n), module=f"example.com/m{n}") for n in range(4)]
    jobs = [(n, srcs[n], tmp_path / f"app{n}-{k}") for n in range(4) for k in range(2)]
    results = {}

    def run(job):
        n, src, out = job
        results[out] = go_build(src, out, env)

    threads = [threading.Thread(target=run, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, _, out in jobs:
        p = results[out]
        assert p.returncode == 0, p.stdout + p.stderr
        check_runs(out, n)
    for n in range(4):
        a, b = (open(tmp_path / f"app{n}-{k}", "rb").read() for k in range(2))
        assert a == b, f"module {n}: the two concurrent builds differ"


def test_builds_killed_at_any_point_then_rebuilt_give_the_same_binary(tmp_path, gocache):
    """A build with its own empty GOCACHE is killed with SIGKILL (the whole
    process group: go, the launcher, orch's Python, the compiler) after a
    growing delay, again and again, and finally left to finish: the binary
    is byte-identical to the one an undisturbed build made with the shared
    GOCACHE, and runs as it should. A build killed while orch's own Python
    processes alone die (go survives and reports their failure) recovers
    too."""
    src = write_module(tmp_path / "src", program(7), module="example.com/killed")
    reference = tmp_path / "reference"
    p = go_build(src, reference, clean_env(gocache))
    assert p.returncode == 0, p.stdout + p.stderr

    env = clean_env(str(tmp_path / "gocache"))
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    out = tmp_path / "app"
    for delay in (0.3, 1.0, 2.5, 5.0, 9.0, 15.0):
        proc = go_build(src, out, env, popen=True)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()

    # orch's Python processes alone, killed as they run: the build fails
    # (go says a tool call died) or not, and the next one succeeds.
    proc = go_build(src, out, env, popen=True)
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        subprocess.run(["pkill", "-KILL", "-f", "-s", str(proc.pid), "orch.toolexec|orch-toolexec"],
                       capture_output=True)
        time.sleep(0.2)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()

    p = go_build(src, out, env)
    assert p.returncode == 0, p.stdout + p.stderr
    assert open(out, "rb").read() == open(reference, "rb").read(), "the build after the kills differs"
    check_runs(out, 7)
