"""rules.d/goredis.toml: client spans for github.com/redis/go-redis/v9,
against Debian's real redis-server on loopback (tests/servers/redis.py)."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/redis/go-redis/v9"
NEWEST = "v9.23.0"          # testdata/app/go.mod (it wants go 1.26)
MATRIX = ["v9.0.5", "v9.17.3"]   # the oldest v9 (go 1.18), and the newest that wants no newer Go than 1.18


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("goredis")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(spans, server):
    work = spans.one("work")
    # (no spans for a connection's set-up: hello, select, client setinfo)
    redis = [s for s in spans if s.attrs.get("db.system.name") == "redis"]
    assert [s.name for s in sorted(redis, key=lambda s: s.start)] == [
        "set", "get", "get", "incr", "BATCH", "BATCH GET", "MULTI", "ping"], spans.tree()
    for s in redis:
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == server.port
    by_name = {}
    for s in sorted(redis, key=lambda s: s.start):
        by_name.setdefault(s.name, []).append(s)
    set_ = by_name["set"][0]
    assert set_.attrs["db.operation.name"] == "set"
    assert set_.attrs["db.query.text"] == "set ? ?"      # values are not recorded
    assert set_.attrs["db.namespace"] == "2"
    missing = by_name["get"][1]
    assert missing.status[0] == 0, "redis.Nil is an answer, not an error"
    incr = by_name["incr"][0]
    assert incr.status[0] == 2 and incr.attrs["error.type"], incr
    batch = by_name["BATCH"][0]
    assert batch.attrs["db.operation.batch.size"] == 3
    assert batch.attrs["db.query.text"] == "set ? ?; set ? ?; get ?"
    assert by_name["BATCH GET"][0].attrs["db.operation.batch.size"] == 2
    tx = by_name["MULTI"][0]
    assert tx.attrs["db.operation.batch.size"] == 2 and tx.attrs["db.query.text"].startswith("multi; incr ?")
    assert by_name["ping"][0].attrs["db.namespace"] == "0"     # the universal client, DB 0


def test_commands_pipelines_and_transactions(app, redis_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[redis_server.addr]).run()
    assert run.stdout == "ok\n"
    check(Spans(run.spans()), redis_server)


def test_query_values_on_request(app, redis_server, tmp_path):
    exe, _ = app
    run = Program(exe, tmp_path, args=[redis_server.addr], env={"ORCH_REDIS_QUERY_VALUES": "1"}).run()
    spans = Spans(run.spans())
    assert spans.find("set")[0].attrs["db.query.text"] == "set greeting hello"


def test_without_configuration_the_program_is_unchanged(app, redis_server, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, [redis_server.addr]) == "ok\n"


@pytest.mark.parametrize("version", MATRIX)
def test_version_matrix(version, goenv, tmp_path, redis_server):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: version})
    run = Program(exe, tmp_path, args=[redis_server.addr]).run()
    check(Spans(run.spans()), redis_server)
