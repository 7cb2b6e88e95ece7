"""Real servers for end-to-end tests, started on loopback (never a mock).

One module per server (redis.py, postgres.py, memcached.py, kafka.py,
collector.py ...), each giving a session-scoped pytest fixture that starts
the server once per test session on free loopback ports in a temporary
directory, yields an object with at least `host`, `port` and `addr`
("host:port"), and stops it at the end. tests/conftest.py imports the
fixtures so that any test can ask for them by name.

Where a server's program is missing, `need()` skips the test with a loud
reason, except under CI (CI=true), where a missing server fails the run:
.ci/run installs every server the tests need.
"""

import os
import shutil
import socket
import subprocess
import time

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(reason: str):
    """Skip (outside CI) or fail (under CI) for a server that cannot run here."""
    if IN_CI:
        pytest.fail(f"CI: {reason} (.ci/run must install it)", pytrace=False)
    pytest.skip(f"SERVER MISSING: {reason}")


def need(program: str, *candidates: str) -> str:
    """The path of a server program (on PATH or one of the candidate
    paths), or missing()."""
    for c in (program,) + candidates:
        path = shutil.which(c) if os.sep not in c else (c if os.access(c, os.X_OK) else None)
        if path:
            return path
    missing(f"{program} is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 60, what: str = "server"):
    """Wait until 127.0.0.1:port accepts connections (or proc exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout} s")


def stop(proc: subprocess.Popen, timeout: float = 20):
    """Terminate a server process, then kill it if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Endpoint:
    """What a server fixture yields: where it listens (and anything its
    module adds)."""

    def __init__(self, host: str, port: int, **extra):
        self.host = host
        self.port = port
        self.addr = f"{host}:{port}"
        self.__dict__.update(extra)

    def __repr__(self):
        return f"Endpoint({self.addr})"
