"""rules.d/mongo.toml: client spans for go.mongodb.org/mongo-driver (v1)
and go.mongodb.org/mongo-driver/v2, tested without a MongoDB server.

No MongoDB server is packaged for these machines (Debian has none), so the
programs in testdata/ run the real driver against the connection of its
own test package (x/mongo/driver/drivertest.ChannelConn in a
driver.SingleConnectionDeployment, set as the client's Deployment): every
command goes through the driver's operation, wire-message and
command-monitoring code, and testdata/wire.go answers the OP_MSG messages
it writes. What this does not test: a real server's replies, the
driver's topology (server discovery, the connection pool, handshakes) and
the connection IDs it gives (the test connection reports one of their
form, "host:port[-N]"). The spans come from the driver's own
Started/Succeeded/Failed events, as they would with a server.

Each program is put together here (source()): testdata/work.go (the
commands, written against v1's import paths: v2's copy gets /v2 in them)
and testdata/wire.go, with the version's own setup.go and go.mod.

The matrix: per major version, the oldest release `go get` builds (v1.3.0:
v1.0.3 and v1.1.x have no go.mod, and none before v1.3.0 has the Deployment
option the test needs) and the newest served."""

import pathlib
import shutil

import pytest

from packsupport import Program, Spans, build, own_tests_pass, run_unconfigured
from support import run_go

HERE = pathlib.Path(__file__).parent
V1, V2 = "go.mongodb.org/mongo-driver", "go.mongodb.org/mongo-driver/v2"
NEWEST = {"v1": "v1.17.10", "v2": "v2.10.0"}            # testdata/v1, v2/go.mod
MATRIX = [("v1", "v1.3.0"), ("v2", "v2.0.0")]
COMMANDS = ["insert users", "find users", "find users", "getMore users", "update users", "insert dups", "ping",
            "aggregate users"]
SEEN = ("started: insert find find getMore update insert ping aggregate\n"
        "succeeded: insert find find getMore insert ping aggregate\n"
        "failed: update\n")


def source(major, tmp):
    """The program for a major version ("v1", "v2"), put together in tmp."""
    src = pathlib.Path(tmp) / f"mongo-{major}"
    shutil.copytree(HERE / "testdata" / major, src)
    shutil.copy(HERE / "testdata/wire.go", src)
    work = (HERE / "testdata/work.go").read_text()
    if major == "v2":
        work = work.replace('"go.mongodb.org/mongo-driver/', '"go.mongodb.org/mongo-driver/v2/')
    (src / "work.go").write_text(work)
    return src


@pytest.fixture(scope="module", params=["v1", "v2"])
def app(request, tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("mongo-" + request.param)
    return build(source(request.param, tmp), tmp, goenv), tmp, request.param


def check(spans, major):
    work = spans.one("work")
    ops = sorted((s for s in spans if s.scope == "orch.dev/runtime/mongotrace"), key=lambda s: s.start)
    assert [s.name for s in ops] == COMMANDS, spans.tree()
    for s in ops:
        op, _, coll = s.name.partition(" ")
        assert s.kind == "client" and spans.parent(s) is work, spans.tree()
        assert s.attrs["db.system.name"] == "mongodb" and s.attrs["db.operation.name"] == op
        assert s.attrs.get("db.collection.name") == (coll or None)
        assert s.attrs["db.namespace"] == ("admin" if op == "ping" else "app")
        assert s.attrs["server.address"] == "mongo.test" and s.attrs["server.port"] == 27018
        assert "db.query.text" not in s.attrs
    failed = {s.name: s for s in ops if s.status[0] == 2}
    assert set(failed) == {"update users", "insert dups"}, spans.tree()
    update, dup = failed["update users"], failed["insert dups"]
    assert "not authorized" in update.status[1]
    if major == "v2":  # the failed event's error carries the code
        assert update.attrs["error.type"] == update.attrs["db.response.status_code"] == "13"
    else:              # v1's carries the error's text: "(Unauthorized) not authorized ..."
        assert update.attrs["error.type"] == "Unauthorized"
    # a write error comes in a succeeded event's reply (ok: 1)
    assert dup.attrs["error.type"] == dup.attrs["db.response.status_code"] == "11000"


@pytest.mark.parametrize("monitor", ["first", "last", "none"])
def test_every_command_is_a_client_span_and_the_programs_monitor_still_sees_it(app, monitor):
    exe, tmp, major = app
    run = Program(exe, tmp, args=[monitor]).run()
    expected = SEEN if monitor != "none" else "started: \nsucceeded: \nfailed: \n"
    assert run.stdout == expected + "ok\n"
    check(Spans(run.spans()), major)


def test_without_configuration_the_program_is_unchanged(app, tmp_path):
    exe, _, _ = app
    assert run_unconfigured(exe, tmp_path, ["first"]) == SEEN + "ok\n"


@pytest.mark.parametrize("major,version", MATRIX)
def test_version_matrix(major, version, goenv, tmp_path):
    # The package, not the module: go get then adds the go.sum lines of
    # that release's own dependencies.
    module = V1 if major == "v1" else V2
    exe = build(source(major, tmp_path), tmp_path, goenv, requires={module + "/mongo": version})
    run = Program(exe, tmp_path, args=["last"]).run()
    assert run.stdout == SEEN + "ok\n"
    check(Spans(run.spans()), major)


def test_a_driver_api_the_pack_does_not_know_is_built_uninstrumented(goenv, tmp_path):
    # testdata/otherapi: a stand-in driver module (go.mod's replace) with
    # v1's NewClient but command events of another shape.
    src = tmp_path / "otherapi"
    shutil.copytree(HERE / "testdata/otherapi", src)
    debug = tmp_path / "debug"
    run_go(["build", "-o", str(tmp_path / "app"), "."], src, base_env=goenv, env={"ORCH_DEBUG_DIR": str(debug)})
    assert Program(tmp_path / "app", tmp_path).run().stdout == "true <nil>\n"
    notices = (debug / "notices.txt").read_text()
    assert "go.mongodb.org/mongo-driver/mongo: built without the built-in rules orch.mongo.v1.new-client" in notices


# The v2 driver's own tests of package mongo that need no server (85 with
# their subtests): they make clients with Connect and check what the
# options gave them, and under orch every one of those clients has the
# pack's monitor and copied options (no command reaches a server there:
# the spans are test_every_command's). TestClient/endSessions needs one.
OWN_TESTS = "^(TestClient|TestCollection|TestDatabase|TestCursor|TestChangeStream|TestSingleResult_Decode)$"


def test_the_drivers_own_tests_pass_under_orch(goenv, tmp_path):
    passed = own_tests_pass(source("v2", tmp_path), tmp_path, goenv, V2 + "/mongo", OWN_TESTS,
                            skip="^TestClient$/^endSessions$")
    assert len(passed) == 6, passed
