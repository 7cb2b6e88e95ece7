"""rules.d/grpc.toml: server and client spans for google.golang.org/grpc,
a real server and a real client in two processes on loopback (grpc's own
health service: unary Check, server-streaming Watch), one trace across
them through the request metadata."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "google.golang.org/grpc"
NEWEST = "v1.85.0"            # testdata/app/go.mod (2026)
# v1.63.0 (April 2024, go 1.19 in its go.mod) is the first with NewClient,
# which the pack hooks (Dial and DialContext call it from then on); older
# clients are built uninstrumented, their servers traced.
MATRIX = ["v1.63.0", "v1.70.0"]

CHECK = "grpc.health.v1.Health/Check"
WATCH = "grpc.health.v1.Health/Watch"
SUM = "orch.test.Tally/Sum"          # client streaming
ECHO = "orch.test.Tally/Echo"        # bidirectional


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("grpc")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def calls(exe, tmp):
    with Program(exe, tmp, args=["serve"]) as server:
        client = Program(exe, tmp, args=["call", server.addr]).run()
    assert client.stdout == "ok\n"
    return Spans(server.spans() + client.spans()), server.addr


def check(spans, addr):
    root = spans.one("calls")
    clients = sorted(spans.find(kind="client"), key=lambda s: s.start)
    assert [s.name for s in clients] == [CHECK, CHECK, WATCH, SUM, ECHO], spans.tree()
    port = int(addr.rsplit(":", 1)[1])
    for c in clients:
        assert spans.parent(c) is root, spans.tree()
        assert c.attrs["rpc.system"] == "grpc" and c.attrs["rpc.service"] == c.name.rsplit("/", 1)[0]
        assert c.attrs["server.address"] == "127.0.0.1" and c.attrs["server.port"] == port
        (server,) = spans.children(c, kind="server")       # one server span per RPC, in the caller's trace
        assert server.name == c.name and server.attrs["rpc.method"] == c.name.rsplit("/", 1)[1]
        assert server.attrs["network.peer.address"] == "127.0.0.1"
    ok, missing, watch, sum_, echo = clients
    assert ok.attrs["rpc.grpc.status_code"] == 0 and ok.status[0] == 0
    missing_server = spans.children(missing, kind="server")[0]
    assert missing.attrs["rpc.grpc.status_code"] == 5 and missing.status[0] == 2   # NOT_FOUND: the client's error
    assert missing_server.attrs["rpc.grpc.status_code"] == 5 and missing_server.status[0] == 0   # not the server's
    assert watch.attrs["rpc.grpc.status_code"] == 1 and watch.status[0] == 2       # CANCELLED by the client
    assert watch.end > watch.start
    for stream in (sum_, echo):       # ended by the answer (Sum) or by the end of the server's (Echo)
        assert stream.attrs["rpc.grpc.status_code"] == 0 and stream.status[0] == 0, spans.tree()
        (server,) = spans.children(stream, kind="server")
        assert server.attrs["rpc.grpc.status_code"] == 0 and server.end <= stream.end


def test_one_trace_across_client_and_server(app):
    exe, tmp = app
    spans, addr = calls(exe, tmp)
    check(spans, addr)


def test_rpc_duration_metrics(app, tmp_path):
    """rpc.server.duration and rpc.client.duration (ms, semconv 1.37.0):
    one count per RPC, by service, method and status code."""
    from otlp_receiver import read_metrics_file
    exe, _ = app
    metrics = {"ORCH_METRICS_FILE": str(tmp_path / "metrics.jsonl")}
    with Program(exe, tmp_path, args=["serve"], env=metrics) as server:
        Program(exe, tmp_path, args=["call", server.addr], env=metrics).run()
    counts = {}
    for p in read_metrics_file(metrics["ORCH_METRICS_FILE"]):
        if p.name.startswith("rpc."):
            assert p.unit == "ms" and p.attrs["rpc.system"] == "grpc" and sum(p.buckets) == p.count
            key = (p.name, p.attrs["rpc.service"] + "/" + p.attrs["rpc.method"], p.attrs["rpc.grpc.status_code"])
            counts[key] = counts.get(key, 0) + p.count
    for side in ("rpc.client.duration", "rpc.server.duration"):
        assert counts[(side, CHECK, 0)] == 1 and counts[(side, CHECK, 5)] == 1, counts
        assert counts[(side, SUM, 0)] == 1 and counts[(side, ECHO, 0)] == 1, counts
    assert counts[("rpc.client.duration", WATCH, 1)] == 1, counts


def test_without_configuration_the_program_is_unchanged(app, tmp_path):
    exe, _ = app
    p = Program(exe, tmp_path, args=["serve"])
    p.env.pop("ORCH_TRACE_FILE")
    with p as server:
        assert run_unconfigured(exe, tmp_path, ["call", server.addr]) == "ok\n"
    assert not p.spans()


@pytest.mark.parametrize("version", MATRIX)
def test_version_matrix(version, goenv, tmp_path):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: version})
    check(*calls(exe, tmp_path))


def test_a_server_with_otelgrpc_keeps_one_server_span_per_rpc(goenv, tmp_path):
    """The program added OpenTelemetry's stats handler to its server (no
    SDK): otelgrpc's server span is the RPC's only one, a child of orch's
    client span in the other process, through the OTel API bridge."""
    exe = build(HERE / "testdata/otelapp", tmp_path, goenv, name="otelapp")
    with Program(exe, tmp_path, args=["serve"]) as server:
        client = Program(exe, tmp_path, args=["call", server.addr]).run()
    assert client.stdout == "ok\n"
    spans = Spans(server.spans() + client.spans())
    (c,) = spans.find(CHECK, kind="client")
    (s,) = spans.find(CHECK, kind="server")
    assert spans.parent(s) is c, spans.tree()
    assert "otelgrpc" in s.scope and c.scope == "orch.dev/runtime/grpctrace"
