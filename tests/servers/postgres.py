"""PostgreSQL (Debian's package) on a free loopback port, once per test session.

PostgreSQL refuses to run as root, and on these machines other users cannot
reach the file system: initdb and pg_ctl run in a user namespace of their
own (`unshare -U`), where the server sees a uid that is not root's.
"""

import glob
import shutil
import subprocess

import pytest

from . import Endpoint, free_port, missing, wait_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        missing(f"PostgreSQL's {name} is not installed (/usr/lib/postgresql/*/bin)")
    return found[-1]


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not shutil.which("unshare"):
        missing("unshare (util-linux) is not installed")
    work = tmp_path_factory.mktemp("postgres")
    data = work / "data"
    port = free_port()
    p = subprocess.run(["unshare", "-U", initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{p.stdout}\n{p.stderr}")
    p = subprocess.run(["unshare", "-U", pg_ctl, "-D", str(data), "-l", str(work / "postgres.log"), "-w",
                        "-o", f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError(f"pg_ctl start failed:\n{p.stdout}\n{p.stderr}\n{(work / 'postgres.log').read_text()}")
    try:
        wait_port(port, what="postgres")
        yield Endpoint("127.0.0.1", port, user="postgres", database="postgres",
                       dsn=f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable")
    finally:
        subprocess.run(["unshare", "-U", pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
