"""rules.d/goredisv8.toml: client spans for github.com/go-redis/redis/v8
(go-redis before v9 changed its module path and its hook API), against
Debian's real redis-server; the same program and the same spans as v9's."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured
from test_goredis import check

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/go-redis/redis/v8"
NEWEST = "v8.11.5"          # testdata/appv8/go.mod
OLDEST = "v8.0.0"


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("goredisv8")
    return build(HERE / "testdata/appv8", tmp, goenv), tmp


def test_commands_pipelines_and_transactions(app, redis_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[redis_server.addr]).run()
    assert run.stdout == "ok\n"
    check(Spans(run.spans()), redis_server)


def test_without_configuration_the_program_is_unchanged(app, redis_server, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, [redis_server.addr]) == "ok\n"


def test_oldest_version(goenv, tmp_path, redis_server):
    exe = build(HERE / "testdata/appv8", tmp_path, goenv, requires={MODULE: OLDEST})
    run = Program(exe, tmp_path, args=[redis_server.addr]).run()
    check(Spans(run.spans()), redis_server)
