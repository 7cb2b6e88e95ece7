"""rules.d/memcache.toml: client spans for github.com/bradfitz/gomemcache,
against Debian's real memcached on loopback (tests/servers/memcached.py).

The matrix: gomemcache publishes no releases, only commits; the oldest row
is the 2019 commit that most modules still pin (it has no Ping and no
GetAndTouch), the newest what the module proxy serves as latest."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/bradfitz/gomemcache"
NEWEST = "v0.0.0-20260422231931-4d751bb6e37c"     # testdata/app/go.mod
MATRIX = ["v0.0.0-20190913173617-a41fca850d0b", "v0.0.0-20230905024940-24af94b03874", NEWEST]


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("memcache")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def test_every_operation_is_a_client_span_under_the_caller(app, memcached_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[memcached_server.addr]).run()
    assert run.stdout == "ok\n"
    spans = Spans(run.spans())
    work = spans.one("work")
    ops = [s for s in spans if s.attrs.get("db.system.name") == "memcached"]
    assert [s.name for s in sorted(ops, key=lambda s: s.start)] == [
        "set", "get", "get", "add", "set", "incr", "gets", "delete", "version"]
    for s in ops:
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["db.operation.name"] == s.name
        assert s.attrs["server.address"] == "127.0.0.1"
        assert s.attrs["server.port"] == memcached_server.port
    miss, add = [s for s in ops if s.name == "get"][1], spans.one("add")
    assert miss.status[0] == 0, "a cache miss is an answer, not an error"
    assert add.status[0] == 2 and add.attrs["error.type"] == "*errors.errorString"


def test_without_configuration_the_program_is_unchanged(app, memcached_server, tmp_path):
    exe, tmp = app
    assert run_unconfigured(exe, tmp_path, [memcached_server.addr]) == "ok\n"


@pytest.mark.parametrize("version", MATRIX[:-1])
def test_version_matrix(version, goenv, tmp_path, memcached_server):
    src = HERE / "testdata/app"
    if version == MATRIX[0]:
        # The 2019 client has no Ping: the same program without it.
        copy = tmp_path / "app-2019"
        import shutil
        shutil.copytree(src, copy)
        main = copy / "main.go"
        main.write_text(main.read_text().replace("return mc.Ping()", "return nil"))
        src = copy
    exe = build(src, tmp_path, goenv, requires={MODULE: version})
    spans = Spans(Program(exe, tmp_path, args=[memcached_server.addr]).run().spans())
    work = spans.one("work")
    ops = [s for s in spans if s.attrs.get("db.system.name") == "memcached"]
    assert {s.name for s in ops} >= {"set", "get", "add", "incr", "gets", "delete"}
    assert all(spans.parent(s) is work for s in ops), spans.tree()
