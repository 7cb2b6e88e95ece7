"""orch's OTLP exporter against the real OpenTelemetry Collector
(tests/servers/collector.py: the official OTLP receiver, the file exporter
writing what it received as OTLP/JSON).

testdata/collectorapp, built once with the built-in packs, serves and calls
itself over HTTP when told to on stdin, each round one trace of four spans
(client, server, client, server). Every span must reach the Collector,
once, with its resource, names, HTTP attributes and parent links: with
http/protobuf (the default), http/json and gzip; over TLS with the CA in
OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE (and refused, at once, without
it); across a Collector stopped mid-run and started again on its port (the
exporter retries with back-off within OTEL_EXPORTER_OTLP_TIMEOUT, the
queue holds what ends meanwhile); and with a queue too small for what ends
while the Collector is away, the spans dropped are counted and said once on
stderr: received + dropped = made. The metrics (the HTTP duration
histograms and the Go runtime's) arrive beside the spans, counting every
request, cumulative or (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta)
as deltas every OTEL_METRIC_EXPORT_INTERVAL.
"""

import os
import re
import subprocess
import time

import pytest

from servers.collector import running_collector

HERE = os.path.dirname(os.path.abspath(__file__))
SCOPE = "orch.dev/runtime/nethttp"
DROPPED = re.compile(r"^orch: (\d+) spans dropped \(export queue full; raise OTEL_BSP_MAX_QUEUE_SIZE\)$", re.M)


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    from support import build_testdata
    return build_testdata(os.path.join(HERE, "testdata", "collectorapp"), tmp_path_factory.mktemp("collectorapp"),
                          base_env=goenv)


class Program:
    """The running app: rounds(n) makes n traces, exit() ends it."""

    def __init__(self, exe, collector, service, **env):
        full = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
        full.update(OTEL_EXPORTER_OTLP_ENDPOINT=collector.url, OTEL_SERVICE_NAME=service,
                    OTEL_BSP_SCHEDULE_DELAY="50")
        full.update(env)
        self.service = service
        self.proc = subprocess.Popen([exe], env=full, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)

    def rounds(self, n: int) -> int:
        self.proc.stdin.write(f"rounds {n}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line.startswith("done "), (line, self.proc.poll(), self.proc.stderr.read() if self.proc.poll() else "")
        return int(line.split()[1])

    def exit(self) -> str:
        """Stop it (orch flushes at exit); its stderr."""
        try:
            out, err = self.proc.communicate("exit\n", timeout=60)
        finally:
            self.proc.kill()
        assert self.proc.returncode == 0, err
        return err


def check_traces(spans, rounds: int, service: str):
    """spans are `rounds` whole traces of the app, each span once."""
    ids = [s["spanId"] for s in spans]
    assert len(ids) == len(set(ids)), "a span arrived twice"
    traces = {}
    for s in spans:
        traces.setdefault(s["traceId"], []).append(s)
    assert len(spans) == 4 * rounds and len(traces) == rounds, (len(spans), len(traces), rounds)
    seen = set()
    for tid, group in traces.items():
        by_name = {}
        for s in group:
            assert s["resource"]["service.name"] == service and s["resource"]["telemetry.sdk.name"] == "orch"
            assert s["resource"]["telemetry.sdk.language"] == "go" and s["scope"] == SCOPE
            assert s["attrs"]["http.request.method"] == "GET" and s["attrs"]["http.response.status_code"] == "200"
            by_name.setdefault((s["name"], s["kind"]), []).append(s)
        assert sorted(by_name) == [("GET", 3), ("GET /front/{n}", 2), ("GET /items/{id}", 2)], by_name.keys()
        front, item = by_name[("GET /front/{n}", 2)][0], by_name[("GET /items/{id}", 2)][0]
        outer, inner = sorted(by_name[("GET", 3)], key=lambda s: "parentSpanId" in s and s["parentSpanId"] != "")
        n = front["attrs"]["url.path"].rsplit("/", 1)[1]
        seen.add(int(n))
        assert not outer.get("parentSpanId") and outer["attrs"]["url.full"].endswith(f"/front/{n}")
        assert outer["attrs"]["server.address"] == "127.0.0.1" and int(outer["attrs"]["server.port"]) > 0
        assert front["parentSpanId"] == outer["spanId"] and front["attrs"]["http.route"] == "/front/{n}"
        assert inner["parentSpanId"] == front["spanId"] and inner["attrs"]["url.full"].endswith(f"/items/{n}")
        assert item["parentSpanId"] == inner["spanId"] and item["attrs"]["http.route"] == "/items/{id}"
        assert item["attrs"]["url.path"] == f"/items/{n}"
        assert all(s["traceId"] == tid and len(tid) == 32 for s in group)
        assert int(outer["startTimeUnixNano"]) <= int(front["startTimeUnixNano"]) <= int(item["endTimeUnixNano"]) \
            <= int(outer["endTimeUnixNano"])
    assert seen == set(range(1, rounds + 1))


def received(collector, service, count):
    """The service's spans once `count` have arrived (at most a few seconds
    after the program's exit: the file exporter writes every 20 ms)."""
    spans = collector.wait(lambda c: len(s := c.spans(service)) >= count and s, what=f"{count} spans of {service}")
    time.sleep(0.2)     # and no more than that
    return collector.spans(service)


@pytest.mark.parametrize("case,env", [
    ("protobuf", {}),
    ("json", {"OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"}),
    ("gzip", {"OTEL_EXPORTER_OTLP_COMPRESSION": "gzip"}),
    ("json-gzip", {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip"}),
])
def test_every_span_and_metric_arrives(app, otel_collector, case, env):
    service = f"collector-{case}"
    p = Program(app, otel_collector, service, **env)
    assert p.rounds(3) == 3
    err = p.exit()
    assert "orch:" not in err, err
    check_traces(received(otel_collector, service, 12), 3, service)
    # The metrics went the same way (OTEL_METRICS_EXPORTER defaults to otlp
    # when an endpoint is set), at exit, cumulative.
    check_request_metrics(otel_collector, service, 3, temporality=2)


def check_request_metrics(collector, service, rounds: int, temporality: int):
    """The HTTP duration histograms count every request of `rounds` rounds
    (summing the data points: deltas add up); the runtime's metrics came."""
    points = collector.wait(lambda c: [p for p in c.points(service) if p["name"] == "http.server.request.duration"]
                            and c.points(service), what=f"the metrics of {service}")
    counts = {}
    for p in points:
        if p["kind"] != "histogram":
            continue
        assert p["temporality"] == temporality and sum(p["buckets"]) == p["count"] and p["unit"] == "s"
        assert len(p["buckets"]) == len(p["bounds"]) + 1 and p["bounds"][0] == 0.005
        key = (p["name"], p["attrs"].get("http.route") or p["attrs"].get("server.address"))
        counts[key] = counts.get(key, 0) + p["count"]
        assert p["attrs"]["http.request.method"] == "GET" and p["attrs"]["http.response.status_code"] == "200"
    assert counts == {("http.server.request.duration", "/front/{n}"): rounds,
                      ("http.server.request.duration", "/items/{id}"): rounds,
                      ("http.client.request.duration", "127.0.0.1"): 2 * rounds}, counts
    names = {p["name"] for p in points}
    assert {"go.memory.used", "go.memory.allocated", "go.goroutine.count", "go.processor.limit"} <= names, names


def test_metrics_every_interval_as_deltas(app, otel_collector):
    """OTEL_METRIC_EXPORT_INTERVAL and the delta temporality preference:
    exports while the program runs, each counting what came since the last."""
    service = "collector-delta"
    p = Program(app, otel_collector, service, OTEL_METRIC_EXPORT_INTERVAL="200",
                OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE="delta")
    p.rounds(2)
    otel_collector.wait(lambda c: c.points(service, "http.server.request.duration"), what="a periodic export")
    p.rounds(3)
    time.sleep(0.5)
    assert "orch:" not in p.exit()
    check_request_metrics(otel_collector, service, 5, temporality=1)
    exports = {pt["time"] for pt in otel_collector.points(service, "go.goroutine.count")}
    assert len(exports) >= 3, "one export every 200 ms while the program ran, and one at exit"


def test_tls_with_the_ca_in_otel_exporter_otlp_certificate(app, otel_collector_tls):
    c = otel_collector_tls
    assert c.url.startswith("https://")
    p = Program(app, c, "collector-tls", OTEL_EXPORTER_OTLP_CERTIFICATE=c.ca)
    p.rounds(2)
    assert "orch:" not in p.exit()
    check_traces(received(c, "collector-tls", 8), 2, "collector-tls")

    check_request_metrics(c, "collector-tls", 2, temporality=2)

    # The per-signal variables win over OTEL_EXPORTER_OTLP_CERTIFICATE.
    p = Program(app, c, "collector-tls-traces", OTEL_EXPORTER_OTLP_CERTIFICATE="/nonexistent/ca.pem",
                OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE=c.ca, OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE=c.ca)
    p.rounds(1)
    assert "orch:" not in p.exit()
    check_traces(received(c, "collector-tls-traces", 4), 1, "collector-tls-traces")
    check_request_metrics(c, "collector-tls-traces", 1, temporality=2)

    # An unreadable file: a warning, the system's roots, which do not know
    # the test CA: the export fails at once (no retry for a bad certificate).
    start = time.monotonic()
    p = Program(app, c, "collector-tls-untrusted", OTEL_EXPORTER_OTLP_CERTIFICATE="/nonexistent/ca.pem",
                OTEL_EXPORTER_OTLP_TIMEOUT="20000")
    p.rounds(1)
    err = p.exit()
    assert time.monotonic() - start < 10
    assert "orch: OTLP certificate: open /nonexistent/ca.pem: no such file or directory; using the system's root CAs" \
        in err, err
    assert re.search(r"^orch: export: .*certificate signed by unknown authority", err, re.M), err
    time.sleep(0.3)
    assert not c.spans("collector-tls-untrusted")


def test_collector_restarted_mid_run(app, tmp_path):
    """Spans that end while the Collector is down are retried until it is
    back: all arrive, none twice."""
    service = "collector-restart"
    with running_collector(tmp_path) as c:
        p = Program(app, c, service, OTEL_EXPORTER_OTLP_TIMEOUT="30000")
        p.rounds(5)
        c.wait(lambda c: len(c.spans(service)) == 20, what="the first 20 spans")
        c.stop()
        p.rounds(5)
        time.sleep(1.0)         # the exporter has been refused, and waits to try again
        assert len(c.spans(service)) == 20
        c.start()
        assert p.rounds(5) == 15
        err = p.exit()
        assert "orch:" not in err, err
        check_traces(received(c, service, 60), 15, service)
        check_request_metrics(c, service, 15, temporality=2)


def test_drops_beyond_the_queue_are_counted_and_reported_once(app, tmp_path):
    """A queue of 8 while the Collector is away: the export in progress
    retries, 8 spans wait, the rest are dropped; at exit orch says how many,
    once, and every span is either received or counted."""
    service = "collector-drops"
    with running_collector(tmp_path) as c:
        c.stop()
        p = Program(app, c, service, OTEL_BSP_MAX_QUEUE_SIZE="8", OTEL_BSP_MAX_EXPORT_BATCH_SIZE="8",
                    OTEL_EXPORTER_OTLP_TIMEOUT="30000")
        p.rounds(1)
        time.sleep(0.3)         # taken by an export that is refused and retried
        assert p.rounds(10) == 11
        c.start()
        c.wait(lambda c: c.spans(service), what="the retried batch")
        err = p.exit()
        spans = received(c, service, 1)
    drops = DROPPED.findall(err)
    assert len(drops) == 1, err
    dropped = int(drops[0])
    assert dropped >= 44 - 8 - 8 and len(spans) + dropped == 44, (len(spans), dropped, err)
    assert len({s["spanId"] for s in spans}) == len(spans)
    assert err.count("orch:") == 1, err
