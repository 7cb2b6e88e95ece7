"""rules.d/pgx.toml: client spans for github.com/jackc/pgx/v5's own API,
against Debian's real PostgreSQL on loopback (tests/servers/postgres.py)."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/jackc/pgx/v5"
NEWEST = "v5.13.0"                    # testdata/app/go.mod (go 1.25)
MATRIX = ["v5.5.5", "v5.7.1"]         # go 1.19 and go 1.21 in their go.mod: they build with Go 1.22


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("pgx")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(spans, server):
    work = spans.one("work")
    pg = sorted((s for s in spans if s.scope == "orch.dev/runtime/pgxtrace"), key=lambda s: s.start)
    names = [s.name for s in pg]
    assert names[:10] == ["DROP", "CREATE", "SELECT", "SELECT", "BEGIN", "INSERT", "COMMIT", "BATCH INSERT", "COPY",
                         "SELECT"], spans.tree()
    for s in pg:
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["db.system.name"] == "postgresql" and s.attrs["db.namespace"] == "postgres"
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == server.port
    pg = pg[1:]
    select = pg[1]
    assert select.attrs["db.query.text"] == "SELECT id FROM items WHERE id > $1"
    batch = pg[6]
    assert batch.attrs["db.operation.batch.size"] == 2
    assert batch.attrs["db.query.text"] == "INSERT INTO items VALUES (2, 'two'); INSERT INTO items VALUES (3, 'three')"
    copy = pg[7]
    assert copy.attrs["db.collection.name"] == '"items"'
    failed = pg[8]
    assert failed.status[0] == 2 and failed.attrs["db.response.status_code"] == "42P01", failed
    # The pool's query, then database/sql through pgx/stdlib: one span for
    # it (database/sql's), never a second one from pgx under it.
    assert [s.name for s in pg[9:] if "count(*)" in s.attrs["db.query.text"]] == ["SELECT"]
    by_name = [s for s in spans if "WHERE id = $1" in s.attrs.get("db.query.text", "")]
    assert [s.scope for s in by_name] == ["orch.dev/runtime/sqltrace"], spans.tree()


def test_queries_transactions_batches_copies(app, postgres_server):
    exe, tmp = app
    run = Program(exe, tmp, args=[postgres_server.dsn]).run()
    assert run.stdout == "ok\n"
    check(Spans(run.spans()), postgres_server)


def test_without_configuration_the_program_is_unchanged(app, postgres_server, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, [postgres_server.dsn]) == "ok\n"


@pytest.mark.parametrize("version", MATRIX)
def test_version_matrix(version, goenv, tmp_path, postgres_server):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: version})
    check(Spans(Program(exe, tmp_path, args=[postgres_server.dsn]).run().spans()), postgres_server)
