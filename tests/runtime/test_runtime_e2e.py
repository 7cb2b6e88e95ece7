"""End to end: the built-in rule packs (rules.d/*.toml) and the Go
runtime module, through a real `go build -toolexec orch-toolexec`.

testdata/app imports nothing of orch's. Built with the packs, its server,
client, database and //orch:span spans come out as one tree in the
ORCH_TRACE_FILE (OTLP/JSON lines), nested through contexts, the goroutine's
active span (calls without a context) and goroutines started with `go`;
spans are flushed when main returns, at os.Exit, on SIGINT without
changing what SIGINT does to the program, and before an unrecovered panic
kills it. Client spans last until the response body is closed, and requests
sent by httputil.ReverseProxy (Transport.RoundTrip, no Client) are traced.
"""

import json
import os
import signal
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    """The instrumented binary (built once for this module's tests)."""
    from support import build_testdata
    # The default configuration, as a user gets it: the built-in packs.
    return build_testdata(os.path.join(HERE, "testdata", "app"), tmp_path_factory.mktemp("runtime-e2e"),
                          base_env=goenv)


def run(exe, tmp_path, mode="", sig=None, extra_env=None):
    """Run the app; with sig, send it once the app says "ready". Returns
    (returncode, stdout, stderr, spans by name)."""
    trace_file = tmp_path / "spans.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
    env.update({"ORCH_TRACE_FILE": str(trace_file), "APP_MODE": mode})
    env.update(extra_env or {})
    # SIGINT back to its default, in case the test runner was started with it ignored.
    p = subprocess.Popen([str(exe)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if sig:
        for line in p.stdout:
            if line.strip() == "ready":
                break
        p.send_signal(sig)
    try:
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    spans = []
    if trace_file.exists():
        for line in trace_file.read_text().splitlines():
            for rs in json.loads(line)["resourceSpans"]:
                for ss in rs["scopeSpans"]:
                    for s in ss["spans"]:
                        s["scope"] = ss["scope"]["name"]
                        s["attrs"] = {a["key"]: list(a["value"].values())[0] for a in s.get("attributes", [])}
                        spans.append(s)
    return p.returncode, out, err, spans


def one(spans, name, **attrs):
    found = [s for s in spans if s["name"] == name and all(s["attrs"].get(k) == v for k, v in attrs.items())]
    assert len(found) == 1, (name, attrs, [(s["name"], s["attrs"]) for s in spans])
    return found[0]


def test_span_tree(app, tmp_path):
    code, out, err, spans = run(app, tmp_path)
    assert code == 0 and out.strip() == "42", (out, err)
    fetch = one(spans, "fetch-user", source="test")
    clients = [s for s in spans if s["attrs"].get("url.full", "").endswith("/users/7")]
    assert len(clients) == 1, "one client span per request (the Client and Transport hooks do not both trace it)"
    client = clients[0]
    server = one(spans, "GET /users/{id}")
    assert "parentSpanId" not in fetch and fetch["kind"] == 1
    assert client["parentSpanId"] == fetch["spanId"] and client["kind"] == 3
    assert client["attrs"]["http.response.status_code"] == "200"
    assert server["parentSpanId"] == client["spanId"] and server["kind"] == 2
    assert server["flags"] & 0x300 == 0x300, "the server's parent is remote"
    assert server["attrs"]["http.route"] == "/users/{id}" and server["attrs"]["url.path"] == "/users/7"
    assert len({s["traceId"] for s in (fetch, client, server)}) == 1

    # Calls without a context, transactions and goroutines nest under the handler.
    select = one(spans, "SELECT", **{"db.query.text": "SELECT n FROM users WHERE id = ?"})
    assert select["attrs"]["db.system.name"] == "other_sql"
    for s in (select, one(spans, "BEGIN"), one(spans, "UPDATE"), one(spans, "COMMIT"), one(spans, "audit")):
        assert s["parentSpanId"] == server["spanId"], s["name"]
    assert not [s for s in spans if s["name"] == "ROLLBACK"], "Rollback after Commit makes no span"

    # A panic fails its server span, with the panic as an exception event;
    # the query run by a deferred call during the panic is not failed.
    panicked = [s for s in spans if s["name"] == "GET /panic"]
    assert panicked, "no server span for /panic"
    for s in panicked:
        assert s["status"]["code"] == 2 and s["status"]["message"] == "panic: handler failed"
        ev = {a["key"]: a["value"] for a in s["events"][0]["attributes"]}
        assert ev["exception.message"] == {"stringValue": "handler failed"}
        assert "main.main.func2" in ev["exception.stacktrace"]["stringValue"]
    for s in spans:
        if s["name"] == "DELETE":
            assert s["status"] == {} and s["parentSpanId"] in {p["spanId"] for p in panicked}
    # The server's own panic log is unchanged: it names the handler's line.
    assert "http: panic serving" in err and "panic(" in err


def test_client_and_query_spans_cover_body_and_rows_and_reverse_proxies(app, tmp_path):
    code, out, err, spans = run(app, tmp_path)
    assert code == 0, err
    report = one(spans, "report")
    client = one(spans, "GET", **{"url.full": next(s["attrs"]["url.full"] for s in spans
                                                    if s["attrs"].get("url.full", "").endswith("/proxy/ping"))})
    proxy = one(spans, "GET /proxy/")
    assert client["parentSpanId"] == report["spanId"] and proxy["parentSpanId"] == client["spanId"]
    # The client span ends when the body is closed, after the server answered...
    assert int(client["endTimeUnixNano"]) >= int(proxy["endTimeUnixNano"])
    # ...but a query run before that does not nest under it.
    assert one(spans, "INSERT")["parentSpanId"] == report["spanId"]
    # A query's span lasts until its rows are closed, and does not take the
    # INSERT run meanwhile.
    stream = one(spans, "SELECT", **{"db.query.text": "SELECT n FROM stream"})
    assert stream["parentSpanId"] == report["spanId"] and stream["status"] == {}
    assert int(stream["endTimeUnixNano"]) - int(stream["startTimeUnixNano"]) >= 20_000_000
    # httputil.ReverseProxy calls Transport.RoundTrip without a Client: still a
    # client span, and the next hop's server span nests under it.
    hop = [s for s in spans if s["kind"] == 3 and s.get("parentSpanId") == proxy["spanId"]]
    assert len(hop) == 1 and hop[0]["attrs"]["url.full"].endswith("/ping")
    assert one(spans, "GET /ping")["parentSpanId"] == hop[0]["spanId"]


def test_unrecovered_panic_is_recorded_and_flushed(app, tmp_path):
    code, out, err, spans = run(app, tmp_path, mode="crash")
    # The crash is what it would be without orch...
    assert code == 2 and "panic: assignment to entry in nil map" in err and "main.crash.func1()" in err, err
    assert "orch:" not in err
    # ...and the spans still queued were exported first.
    one(spans, "fetch-user")
    job = one(spans, "crash-job")
    assert job["status"] == {"code": 2, "message": "panic: assignment to entry in nil map"}
    ev = {a["key"]: a["value"] for a in job["events"][0]["attributes"]}
    assert ev["exception.type"] == {"stringValue": "runtime.plainError"} or "Error" in ev["exception.type"]["stringValue"]
    assert "main.crash.func1" in ev["exception.stacktrace"]["stringValue"]


def test_nothing_configured_means_nothing_happens(app, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
    p = subprocess.run([str(app)], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.strip() == "42"
    assert "orch" not in p.stderr


def test_os_exit_flushes(app, tmp_path):
    code, _, _, spans = run(app, tmp_path, mode="exit")
    assert code == 3
    one(spans, "fetch-user")


def test_sigint_kills_as_before_after_flushing(app, tmp_path):
    code, _, _, spans = run(app, tmp_path, mode="wait", sig=signal.SIGINT)
    assert code == -signal.SIGINT
    one(spans, "fetch-user")


def test_sigint_handled_by_the_program_stays_handled(app, tmp_path):
    code, out, _, spans = run(app, tmp_path, mode="handle", sig=signal.SIGINT)
    assert code == 7 and "handled" in out
    one(spans, "fetch-user")


def test_console_exporter(app, tmp_path):
    code, _, err, _ = run(app, tmp_path, extra_env={"OTEL_TRACES_EXPORTER": "console"})
    assert code == 0
    assert "orch: trace " in err and "\n  fetch-user  internal  " in err
    assert "\n      GET /users/{id}  server  " in err


def test_otlp_http_export_is_not_traced_itself(app, tmp_path):
    """OTLP/HTTP export: the exporter package arrives by link-time dependency;
    its own requests (through the instrumented net/http) make no spans."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    received = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], self.headers["X-Key"], json.loads(body)))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        port = srv.server_address[1]
        code, _, err, _ = run(app, tmp_path, extra_env={
            "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{port}", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_HEADERS": "x-key=s%3Dcret", "OTEL_SERVICE_NAME": "app-e2e"})
    finally:
        srv.shutdown()
    assert code == 0 and "orch:" not in err, err
    metrics = [r for r in received if r[0] == "/v1/metrics"]
    received = [r for r in received if r[0] != "/v1/metrics"]
    assert received and all(r[:3] == ("/v1/traces", "application/json", "s=cret") for r in received)
    # The endpoint gets the metrics too (OTEL_METRICS_EXPORTER defaults to
    # otlp), at exit; the exporter's own requests measure nothing either.
    assert metrics and all(r[1:3] == ("application/json", "s=cret") for r in metrics)
    names = {m["name"]: m for *_, doc in metrics for rm in doc["resourceMetrics"]
             for sm in rm["scopeMetrics"] for m in sm["metrics"]}
    assert {"http.server.request.duration", "http.client.request.duration", "go.goroutine.count"} <= set(names)
    client_ports = {a["value"]["intValue"] for p in names["http.client.request.duration"]["histogram"]["dataPoints"]
                    for a in p["attributes"] if a["key"] == "server.port"}
    assert str(port) not in client_ports
    spans, services = [], set()
    for *_, doc in received:
        for rs in doc["resourceSpans"]:
            services |= {a["value"]["stringValue"] for a in rs["resource"]["attributes"] if a["key"] == "service.name"}
            for ss in rs["scopeSpans"]:
                spans += ss["spans"]
    assert services == {"app-e2e"}
    assert "fetch-user" in {s["name"] for s in spans}
    urls = [a["value"]["stringValue"] for s in spans for a in s.get("attributes", []) if a["key"] == "url.full"]
    assert urls and not [u for u in urls if f":{port}/" in u], urls


def metric_points(tmp_path, name=None):
    from otlp_receiver import read_metrics_file
    path = tmp_path / "metrics.jsonl"
    points = read_metrics_file(path) if path.exists() else []
    return [p for p in points if name is None or p.name == name]


def test_metrics_from_the_spans(app, tmp_path):
    """ORCH_METRICS_FILE: the conventions' duration histograms, one data
    point per attribute set, counted from the same hooks as the spans."""
    code, _, err, spans = run(app, tmp_path, extra_env={"ORCH_METRICS_FILE": str(tmp_path / "metrics.jsonl")})
    assert code == 0 and "orch:" not in err, err
    server = metric_points(tmp_path, "http.server.request.duration")
    by_route = {}
    for p in server:
        assert p.unit == "s" and p.kind == "histogram" and p.temporality == 2 and "url.path" not in p.attrs
        assert sum(p.buckets) == p.count and len(p.bounds) == 14
        by_route[(p.attrs.get("http.route"), p.attrs.get("http.response.status_code"))] = p.count
    expected = {}
    for s in spans:
        if s["kind"] == 2:
            code = s["attrs"].get("http.response.status_code")
            key = (s["attrs"].get("http.route"), code and int(code))
            expected[key] = expected.get(key, 0) + 1
    assert by_route == expected and by_route[("/users/{id}", 200)] == 1
    panic_points = [p for p in server if p.attrs.get("http.route") == "/panic"]
    assert panic_points and all(p.attrs.get("error.type") for p in panic_points)
    client = metric_points(tmp_path, "http.client.request.duration")
    assert sum(p.count for p in client) == len([s for s in spans if s["kind"] == 3 and "url.full" in s["attrs"]])
    assert all(p.attrs["server.address"] == "127.0.0.1" for p in client)
    db = metric_points(tmp_path, "db.client.operation.duration")
    ops = {p.attrs["db.operation.name"]: p.count for p in db}
    assert ops["SELECT"] >= 2 and ops["COMMIT"] == 1 and all(p.attrs["db.system.name"] == "other_sql" for p in db)
    runtime = {p.name for p in metric_points(tmp_path) if p.name.startswith("go.")}
    assert {"go.memory.used", "go.memory.allocated", "go.goroutine.count", "go.processor.limit"} <= runtime


def test_metrics_only_changes_nothing_on_the_wire_or_in_the_logs(app, tmp_path):
    """Metrics without traces: the spans are made for their durations only,
    nothing is exported as a span and no trace context is sent."""
    code, out, err, spans = run(app, tmp_path, extra_env={"ORCH_TRACE_FILE": "", "ORCH_METRICS_FILE": str(tmp_path / "metrics.jsonl")})
    assert code == 0 and out.strip() == "42" and "orch:" not in err and spans == []
    assert not (tmp_path / "spans.jsonl").exists()
    assert sum(p.count for p in metric_points(tmp_path, "http.server.request.duration")) >= 3


@pytest.mark.parametrize("mode,sig,code", [("crash", None, 2), ("exit", None, 3), ("wait", signal.SIGINT, -signal.SIGINT)])
def test_metrics_flushed_at_crash_exit_and_signal(app, tmp_path, mode, sig, code):
    got, _, err, _ = run(app, tmp_path, mode=mode, sig=sig, extra_env={"ORCH_METRICS_FILE": str(tmp_path / "metrics.jsonl")})
    assert got == code, err
    assert metric_points(tmp_path, "http.server.request.duration") and metric_points(tmp_path, "go.goroutine.count")
