"""rules.d/otel.toml: the OpenTelemetry API in the program shares orch's
traces. One program (testdata/app) makes spans through the API around and
inside orch's HTTP spans, without an SDK (the API's spans are then orch's,
exported by orch) and with the SDK and its stdouttrace exporter (then
orch's spans go through the program's SDK, and orch exports nothing)."""

import json
import pathlib
import shutil

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
NEWEST = "v1.47.0"       # testdata/app/go.mod (go 1.26)
OLDEST = "v1.24.0"       # go 1.20 in its go.mod; the SDK of the same release
MODULES = ("go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/sdk",
           "go.opentelemetry.io/otel/exporters/stdout/stdouttrace")

# The chain every run must make, each span the child of the one before.
CHAIN = [("main", "internal"), ("GET", "client"), ("GET /work/{id}", "server"), ("handle", "internal"),
         ("GET", "client"), ("GET /leaf", "server"), ("leaf-work", "internal")]


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("otel")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check_chain(chain):
    """chain: [(name, kind, span)] root first, as CHAIN says; the spans'
    own checks are the callers'."""
    assert [(n, k) for n, k, _ in chain] == CHAIN


def orch_chain(spans: Spans):
    root = spans.one("main")
    chain, s = [("main", root.kind, root)], root
    while True:
        kids = spans.children(s)
        if not kids:
            return chain
        assert len(kids) == 1, spans.tree()
        s = kids[0]
        chain.append((s.name, s.kind, s))


def test_without_an_sdk_the_apis_spans_are_orchs(app):
    exe, tmp = app
    run = Program(exe, tmp, args=["nosdk"]).run()
    assert run.stdout == "work:leaf[tp]\nok\n"
    spans = Spans(run.spans())
    assert len({s.trace_id for s in spans}) == 1, spans.tree()
    chain = orch_chain(spans)
    check_chain(chain)
    by = {(n, k): s for n, k, s in chain}
    server = by["GET /work/{id}", "server"]
    assert server.attrs["app.user"] == "u-7"          # set through trace.SpanFromContext
    handle = by["handle", "internal"]
    assert handle.attrs == {"app.items": 3}
    assert handle.events == [("looked up", {"app.cached": False})]
    assert by["leaf-work", "internal"].status == (2, "leaf failed")
    assert handle.scope == "example.com/app"


def read_stdouttrace(path):
    """The spans the SDK's stdouttrace exporter wrote (JSON objects, one
    after another)."""
    text, dec, i, out = open(path).read(), json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)


def test_with_an_sdk_orchs_spans_go_through_it(app):
    exe, tmp = app
    sdk_file = tmp / "sdk.json"
    run = Program(exe, tmp, args=["sdk", str(sdk_file)]).run()
    assert run.stdout == "work:leaf[tp]\nok\n"
    assert not run.spans()                           # orch exported nothing of its own
    kinds = {1: "internal", 2: "server", 3: "client"}
    spans = read_stdouttrace(sdk_file)
    assert len({s["SpanContext"]["TraceID"] for s in spans}) == 1
    by_id = {s["SpanContext"]["SpanID"]: s for s in spans}
    (root,) = [s for s in spans if s["Name"] == "main"]
    chain, s = [], root
    while s:
        chain.append((s["Name"], kinds[s["SpanKind"]], s))
        kids = [k for k in spans if k["Parent"]["SpanID"] == s["SpanContext"]["SpanID"]]
        assert len(kids) <= 1
        s = kids[0] if kids else None
    check_chain(chain)
    by = {(n, k): s for n, k, s in chain}
    attrs = {a["Key"]: a["Value"]["Value"] for a in by["GET /work/{id}", "server"]["Attributes"]}
    assert attrs["app.user"] == "u-7" and attrs["http.route"] == "/work/{id}" and attrs["http.response.status_code"] == 200
    assert by["GET /work/{id}", "server"]["InstrumentationScope"]["Name"] == "orch.dev/runtime/nethttp"
    assert by["leaf-work", "internal"]["Status"] == {"Code": "Error", "Description": "leaf failed"}
    assert set(by_id) == {s["SpanContext"]["SpanID"] for _, _, s in chain}


def test_without_configuration_the_program_is_unchanged(app, goenv, tmp_path):
    exe, _ = app
    plain = build(HERE / "testdata/app", tmp_path, goenv, orch=False)
    # (With an SDK installed the program configured tracing itself: orch's
    # spans go through it, and its requests carry traceparent.)
    for args in (["nosdk"], ["prop"]):
        out = run_unconfigured(exe, tmp_path, args)
        assert out == Program(plain, tmp_path, args=args).run().stdout == "work:leaf\nok\n"   # nothing injected


@pytest.mark.parametrize("names, want", [("b3", "[b3]"), ("b3multi", "[b3]"), ("tracecontext,baggage", "[tp]")])
def test_otel_propagators_choose_orchs_own(app, names, want):
    exe, tmp = app
    run = Program(exe, tmp, args=["nosdk"], env={"OTEL_PROPAGATORS": names}).run()
    assert run.stdout == f"work:leaf{want}\nok\n"
    check_chain(orch_chain(Spans(run.spans())))       # one trace, through B3 headers too


def test_the_programs_propagator_wins(app):
    """otel.SetTextMapPropagator(TraceContext, Baggage): orch's HTTP spans
    inject and extract with it, so the baggage main put in its context
    reaches the second server, whatever OTEL_PROPAGATORS says."""
    exe, tmp = app
    for env in ({}, {"OTEL_PROPAGATORS": "b3"}):
        run = Program(exe, tmp, args=["prop"], env=env).run()
        assert run.stdout == "work:leaf[tp][bag:user=alice]\nok\n"
        check_chain(orch_chain(Spans(run.spans())))


def test_oldest_version(goenv, tmp_path):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={m: OLDEST for m in MODULES})
    run = Program(exe, tmp_path, args=["prop"]).run()
    assert run.stdout == "work:leaf[tp][bag:user=alice]\nok\n"
    check_chain(orch_chain(Spans(run.spans())))
    sdk_file = tmp_path / "sdk.json"
    Program(exe, tmp_path, args=["sdk", str(sdk_file)]).run()
    assert {s["Name"] for s in read_stdouttrace(sdk_file)} == {n for n, _ in CHAIN}


# otel's own packages that the bridge changes, or that use them most.
SUITES = ["go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/internal/global",
          "go.opentelemetry.io/otel/propagation", "go.opentelemetry.io/otel/baggage",
          "go.opentelemetry.io/otel/sdk/trace"]


@pytest.mark.slow
def test_otels_own_tests_pass_under_orch(tmp_path, goenv):
    """The API's, the global state's, the propagators' and the SDK's own
    test suites, built with orch (the bridge compiled in, tracing off as
    in a program run without configuration), pass as they do plainly.
    (With tracing on they need not: orch's exporter then has a goroutine
    that goleak counts, and the global propagator is orch's own until the
    program sets one, as README says.)"""
    from support import run_go
    work = tmp_path / "app"
    shutil.copytree(HERE / "testdata/app", work)
    env = {**goenv, "GOFLAGS": "-mod=mod"}  # the suites' own test dependencies
    proc = run_go(["test", "-count=1"] + SUITES, work, base_env=env, check=False, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
