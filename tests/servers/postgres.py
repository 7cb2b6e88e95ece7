"""PostgreSQL (Debian's package) on a free loopback port, once per test session.

PostgreSQL refuses to run as root, and on these machines other users cannot
reach the file system: initdb and pg_ctl run in a user namespace of their
own (`unshare -U`), where the server sees a uid that is not root's.
"""

import glob
import os
import shutil
import subprocess

import pytest

from . import Endpoint, free_port, missing, wait_port


def bin_path(name: str) -> str | None:
    """The newest installed PostgreSQL's program name, or None."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def _bin(name: str) -> str:
    path = bin_path(name)
    if not path:
        missing(f"PostgreSQL's {name} is not installed (/usr/lib/postgresql/*/bin)")
    return path


def start(initdb: str, pg_ctl: str, work) -> tuple[Endpoint, callable]:
    """A new cluster in work/data, started on a free loopback port (user
    postgres, trust): where it listens, and what stops it
    (tests/bench/realworld.py uses it too)."""
    data = os.path.join(work, "data")
    log = os.path.join(work, "postgres.log")
    port = free_port()
    p = subprocess.run(["unshare", "-U", initdb, "-D", data, "-A", "trust", "-U", "postgres"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{p.stdout}\n{p.stderr}")
    p = subprocess.run(["unshare", "-U", pg_ctl, "-D", data, "-l", log, "-w",
                        "-o", f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        with open(log) as f:
            raise RuntimeError(f"pg_ctl start failed:\n{p.stdout}\n{p.stderr}\n{f.read()}")

    def halt():
        subprocess.run(["unshare", "-U", pg_ctl, "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
    try:
        wait_port(port, what="postgres")
    except BaseException:
        halt()
        raise
    return Endpoint("127.0.0.1", port, user="postgres", database="postgres",
                    dsn=f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable"), halt


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not shutil.which("unshare"):
        missing("unshare (util-linux) is not installed")
    endpoint, halt = start(initdb, pg_ctl, tmp_path_factory.mktemp("postgres"))
    try:
        yield endpoint
    finally:
        halt()
