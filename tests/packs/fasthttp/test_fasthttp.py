"""rules.d/fasthttp.toml: server and client spans for
github.com/valyala/fasthttp (which does not use net/http), one program
that serves on loopback and calls itself through fasthttp's client."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/valyala/fasthttp"
NEWEST = "v1.79.0"        # testdata/app/go.mod (go 1.26)
OLDEST = "v1.72.0"        # the oldest this proxy serves (go 1.25)


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("fasthttp")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(run):
    assert run.stdout == "200 hello /hello/x tp=true; 500\nok\n"
    spans = Spans(run.spans())
    calls = spans.one("calls")
    hello_client, boom_client = sorted(spans.children(calls, kind="client"), key=lambda s: s.start)
    assert hello_client.attrs["url.full"].endswith("/hello/x?q=1") and hello_client.attrs["http.response.status_code"] == 200
    assert hello_client.status[0] == 0 and hello_client.scope == "orch.dev/runtime/fasthttptrace"
    assert boom_client.attrs["http.response.status_code"] == 500 and boom_client.status[0] == 2
    (hello_server,) = spans.children(hello_client, kind="server")    # the trace context crossed in headers
    assert hello_server.name == "GET"
    assert hello_server.attrs["url.path"] == "/hello/x" and hello_server.attrs["url.query"] == "q=1"
    assert hello_server.attrs["server.port"] == hello_client.attrs["server.port"]
    assert hello_server.attrs["client.address"] == "127.0.0.1" and hello_server.attrs["user_agent.original"] == "fasthttp"
    (boom_server,) = spans.children(boom_client, kind="server")
    assert boom_server.attrs["http.response.status_code"] == 500 and boom_server.status[0] == 2
    assert len(spans) == 5, spans.tree()


def test_server_and_client_spans_in_one_trace(app):
    exe, tmp = app
    check(Program(exe, tmp).run())


def test_without_configuration_the_program_is_unchanged(app, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, []) == "200 hello /hello/x tp=false; 500\nok\n"


def test_oldest_version(goenv, tmp_path):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    check(Program(exe, tmp_path).run())
