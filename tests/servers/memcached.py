"""memcached (Debian's package) on a free loopback port, once per test session."""

import subprocess

import pytest

from . import Endpoint, free_port, need, stop, wait_port


@pytest.fixture(scope="session")
def memcached_server(tmp_path_factory):
    program = need("memcached", "/usr/bin/memcached")
    port = free_port()
    log = tmp_path_factory.mktemp("memcached") / "memcached.log"
    # -u root: memcached refuses to run as root without it (CI is root).
    with open(log, "wb") as out:
        proc = subprocess.Popen([program, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "64", "-u", "root"],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_port(port, proc, what="memcached")
        yield Endpoint("127.0.0.1", port)
    finally:
        stop(proc)
