"""rules.d/rueidis.toml: client spans for github.com/redis/rueidis against
Debian's real redis-server on loopback (tests/servers/redis.py)."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/redis/rueidis"
NEWEST = "v1.0.80"          # testdata/app/go.mod (go 1.26)
OLDEST = "v1.0.60"          # the oldest this proxy serves (go 1.23)


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("rueidis")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(spans, server):
    work = spans.one("work")
    # rueidis asks a new client's server for its cluster topology first
    # (CLUSTER SLOTS or SHARDS, an error from a server that is not a
    # cluster): its own command, traced like any other.
    redis = [s for s in sorted(spans, key=lambda s: s.start)
             if s.attrs.get("db.system.name") == "redis" and s.name != "cluster"]
    assert [s.name for s in redis] == ["set", "get", "get", "incr", "BATCH", "MULTI", "get"], spans.tree()
    for s in redis:
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == server.port
        assert "db.namespace" not in s.attrs
    set_, get, missing, incr, batch, tx, cached = redis
    assert set_.attrs["db.query.text"] == "set ? ?"
    assert missing.status[0] == 0, "a missing key is an answer, not an error"
    assert incr.status[0] == 2 and incr.attrs["error.type"]
    assert batch.attrs["db.operation.batch.size"] == 3 and batch.attrs["db.query.text"] == "set ? ?; set ? ?; get ?"
    assert tx.attrs["db.operation.batch.size"] == 2 and tx.attrs["db.query.text"] == "multi; incr ?; incr ?; exec"
    assert cached.attrs["db.query.text"] == "get ?"


def test_commands_batches_and_transactions(app, redis_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[redis_server.addr]).run()
    assert run.stdout == "ok\n"
    check(Spans(run.spans()), redis_server)


def test_without_configuration_the_program_is_unchanged(app, redis_server, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, [redis_server.addr]) == "ok\n"


def test_oldest_version(goenv, tmp_path, redis_server):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    run = Program(exe, tmp_path, args=[redis_server.addr]).run()
    check(Spans(run.spans()), redis_server)
