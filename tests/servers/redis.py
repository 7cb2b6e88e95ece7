"""redis-server (Debian's package) on a free loopback port, once per test session."""

import os
import subprocess

import pytest

from . import Endpoint, free_port, need, stop, wait_port


def start(program: str, work) -> tuple[Endpoint, callable]:
    """redis-server on a free loopback port, its files in work: where it
    listens, and what stops it (tests/bench/realworld.py uses it too)."""
    port = free_port()
    with open(os.path.join(work, "redis.log"), "wb") as out:
        proc = subprocess.Popen([program, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(work)], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_port(port, proc, what="redis-server")
    except BaseException:
        stop(proc)
        raise
    return Endpoint("127.0.0.1", port), lambda: stop(proc)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    endpoint, halt = start(need("redis-server", "/usr/bin/redis-server"), tmp_path_factory.mktemp("redis"))
    try:
        yield endpoint
    finally:
        halt()
