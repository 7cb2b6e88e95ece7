"""rules.d/redigo.toml: client spans for github.com/gomodule/redigo, against
Debian's real redis-server on loopback (tests/servers/redis.py)."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/gomodule/redigo"
NEWEST = "v1.9.3"                   # testdata/app/go.mod
MATRIX = ["v1.8.8"]                 # the oldest with DoContext, which the program uses


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("redigo")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(spans, server):
    work = spans.one("work")
    redis = sorted((s for s in spans if s.attrs.get("db.system.name") == "redis"), key=lambda s: s.start)
    assert [s.name for s in redis] == ["SET", "GET", "GET", "INCR", "BATCH", "BATCH GET", "PING"], spans.tree()
    for s in redis:
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == server.port
        assert "db.namespace" not in s.attrs
    set_, get, missing, incr, batch, flushed, ping = redis
    assert set_.attrs["db.query.text"] == "SET ? ?"
    assert missing.status[0] == 0
    assert incr.status[0] == 2
    assert batch.attrs["db.operation.batch.size"] == 3 and batch.attrs["db.query.text"] == "SET ? ?; SET ? ?; GET ?"
    assert flushed.attrs["db.operation.batch.size"] == 2


def test_commands_and_pipelines(app, redis_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[redis_server.addr]).run()
    assert run.stdout == "ok\n"
    check(Spans(run.spans()), redis_server)


def test_without_configuration_the_program_is_unchanged(app, redis_server, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, [redis_server.addr]) == "ok\n"


@pytest.mark.parametrize("version", MATRIX)
def test_version_matrix(version, goenv, tmp_path, redis_server):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: version})
    check(Spans(Program(exe, tmp_path, args=[redis_server.addr]).run().spans()), redis_server)
