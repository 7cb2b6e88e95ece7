"""redis-server (Debian's package) on a free loopback port, once per test session."""

import subprocess

import pytest

from . import Endpoint, free_port, need, stop, wait_port


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    program = need("redis-server", "/usr/bin/redis-server")
    port = free_port()
    work = tmp_path_factory.mktemp("redis")
    with open(work / "redis.log", "wb") as out:
        proc = subprocess.Popen([program, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(work)], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_port(port, proc, what="redis-server")
        yield Endpoint("127.0.0.1", port)
    finally:
        stop(proc)
