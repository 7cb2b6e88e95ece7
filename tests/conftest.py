"""Shared test fixtures: the real go command, one GOCACHE for the session.

Every end-to-end test runs the real go toolchain. Cold builds are slow, so
all tests share one GOCACHE (ORCH_TEST_GOCACHE, default
~/.cache/orch-test/gocache: content-addressed, so sharing it between runs is
safe) and tests that use the same rule set run one after the other, since each
distinct rule set changes the compile tool's id and so rebuilds the standard
library. Tests that need a cold cache make their own.
"""

import os
import shutil
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, "lib")
BIN = os.path.join(ROOT, "bin")
TOOLEXEC = os.path.join(BIN, "orch-toolexec")
sys.path.insert(0, LIB)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a long real-world or stress run")


@pytest.fixture(scope="session")
def go_bin():
    go = shutil.which("go")
    if not go:
        pytest.exit("the go command is not on PATH: orch's tests need the real Go toolchain", returncode=3)
    return go


@pytest.fixture(scope="session")
def gocache():
    path = os.environ.get("ORCH_TEST_GOCACHE") or os.path.expanduser("~/.cache/orch-test/gocache")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def goenv(go_bin, gocache):
    """The environment for go commands in tests: shared cache, no user orch settings."""
    from support import clean_env
    return clean_env(gocache)


@pytest.fixture
def gorun(goenv):
    """gorun(args, cwd, orch=True, env={}, check=True) -> CompletedProcess (text)."""
    from support import run_go

    def _run(args, cwd, *, orch=True, env=None, check=True, timeout=900):
        return run_go(args, cwd, base_env=goenv, orch=orch, env=env, check=check, timeout=timeout)
    return _run


# Real servers (tests/servers/): session fixtures, started on first use.
# Each server module adds its fixture's import here.
from servers.memcached import memcached_server  # noqa: E402,F401
from servers.kafka import kafka_broker  # noqa: E402,F401
from servers.redis import redis_server  # noqa: E402,F401
from servers.postgres import postgres_server  # noqa: E402,F401
from servers.collector import otel_collector, otel_collector_tls  # noqa: E402,F401
