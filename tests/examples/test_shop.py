"""End to end: examples/shop built with orch (the built-in rules, as a user
gets them) and without, run for real: a shopper visits the frontend, which
calls the backend, which uses SQLite through modernc.org/sqlite.

The spans come from two exporters at once: ORCH_TRACE_FILE and OTLP/HTTP to
a real endpoint in this test; both are decoded with the official
OpenTelemetry protobuf definitions (otlp_receiver.py), strictly. The plain
build must behave the same apart from tracing: same output, same exit
statuses, same answers.
"""

import os
import re
import signal
import subprocess
from dataclasses import dataclass

import pytest

from otlp_receiver import Receiver, read_file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHOP = os.path.join(ROOT, "examples", "shop")

SHOPPER_OUTPUT = """\
GET  /shop/1              -> 200 teapot: 30.00 EUR incl. VAT, 3 in stock
POST /buy/2?quantity=1    -> 200 order 1 placed
POST /buy/2?quantity=1    -> 409 sorry, out of stock
GET  /shop/9              -> 404 no such product
GET  /shop/1/reviews      -> 502 reviews: backend answered 500 Internal Server Error
GET  /shop/1/photo/7      -> error: EOF
shopper: 1 visits without an answer
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory, goenv):
    from support import run_go
    tmp = tmp_path_factory.mktemp("shop")
    pkgs = ["./backend", "./frontend", "./shopper"]
    # The module's go.sum pins modernc.org/sqlite; go downloads it if needed.
    run_go(["build", "-o", f"{tmp}/orch/"] + pkgs, SHOP, base_env=goenv, timeout=2400)
    run_go(["build", "-o", f"{tmp}/plain/"] + pkgs, SHOP, base_env=goenv, orch=False, timeout=2400)
    return {"orch": tmp / "orch", "plain": tmp / "plain"}


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_shop(bindir, env_extra=None):
    """Run backend, frontend and shopper; stop the services with SIGTERM.
    Returns {name: Run}."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
    env.update(env_extra or {})
    procs = {}

    def start(name, *args):
        p = subprocess.Popen([str(bindir / name), *args], env=dict(env, OTEL_SERVICE_NAME=name),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs[name] = p
        first = p.stdout.readline()
        if not first.startswith(f"{name}: listening on "):
            p.kill()
            pytest.fail(f"{name} did not start: {first!r} {p.stderr.read()}")
        return first, first.split(" on ", 1)[1].strip()

    runs = {}
    try:
        bfirst, backend = start("backend")
        ffirst, frontend = start("frontend", "-backend", backend)
        p = subprocess.run([str(bindir / "shopper"), frontend], env=dict(env, OTEL_SERVICE_NAME="shopper"),
                           capture_output=True, text=True, timeout=120)
        runs["shopper"] = Run(p.returncode, p.stdout, p.stderr)
        for name, first in (("frontend", ffirst), ("backend", bfirst)):
            procs[name].send_signal(signal.SIGTERM)
            out, err = procs[name].communicate(timeout=60)
            runs[name] = Run(procs[name].returncode, first + out, err)
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()
    return runs


@pytest.fixture(scope="module")
def traced(builds, tmp_path_factory):
    """One traced run with both exporters: (runs, file spans, receiver)."""
    trace_file = tmp_path_factory.mktemp("shop-traces") / "spans.jsonl"
    with Receiver() as receiver:
        runs = run_shop(builds["orch"], {"ORCH_TRACE_FILE": str(trace_file),
                                         "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
                                         "OTEL_EXPORTER_OTLP_COMPRESSION": "gzip"})
    return runs, read_file(trace_file), receiver


@pytest.fixture(scope="module")
def spans(traced):
    """The spans the OTLP endpoint received."""
    _, _, receiver = traced
    assert not receiver.errors, receiver.errors
    return receiver.spans()


def find(spans, **where):
    return [s for s in spans if all(getattr(s, k) == v for k, v in where.items())]


def one(spans, **where):
    found = find(spans, **where)
    assert len(found) == 1, (where, [(s.service, s.name, s.kind) for s in found])
    return found[0]


def children(spans, parent, **where):
    return [s for s in find(spans, parent_id=parent.span_id, **where) if s.trace_id == parent.trace_id]


def client_span(spans, service, url_suffix):
    found = [s for s in find(spans, service=service, kind="client") if s.attrs["url.full"].endswith(url_suffix)]
    assert found, (service, url_suffix)
    return found


# --- the traces --------------------------------------------------------------------

def test_exports_agree_and_are_valid_otlp(traced, spans):
    runs, file_spans, receiver = traced
    assert {n: r.code for n, r in runs.items()} == {"shopper": 0, "frontend": 0, "backend": 0}, runs
    assert not any("orch:" in r.err for r in runs.values()), "orch warned"
    assert {path for path, _, _ in receiver.requests} == {"/v1/traces"}
    ids = lambda ss: sorted((s.service, s.trace_id, s.span_id) for s in ss)
    assert ids(spans) == ids(file_spans), "the file and the OTLP endpoint got different spans"
    # The endpoint got protobuf (the default), each body the canonical
    # encoding (Receiver checks); the file got JSON: the same spans, field
    # for field.
    assert set(receiver.content_types) == {"application/x-protobuf"}
    assert {h.get("Content-Encoding") for _, h, _ in receiver.requests} == {"gzip"}
    by_id = {s.span_id: s for s in file_spans}
    assert all(s == by_id[s.span_id] for s in spans)
    assert {s.service for s in spans} == {"shopper", "frontend", "backend"}
    for s in spans:
        assert s.resource["telemetry.sdk.language"] == "go" and s.end >= s.start > 0


def test_one_trace_across_client_and_servers(spans):
    visit = client_span(spans, "shopper", "/shop/1")[0]
    assert visit.parent_id == "" and visit.attrs["http.response.status_code"] == 200
    front = one(spans, service="frontend", name="GET /shop/{id}", parent_id=visit.span_id)
    call = one(spans, service="frontend", kind="client", parent_id=front.span_id)
    back = one(spans, service="backend", name="GET /products/{id}", parent_id=call.span_id)
    chain = [visit, front, call, back]
    assert len({s.trace_id for s in chain}) == 1, "one trace across the three processes"
    assert [s.kind for s in chain] == ["client", "server", "client", "server"]
    assert front.flags & 0x300 == 0x300 and back.flags & 0x300 == 0x300, "server spans have a remote parent"
    assert call.attrs["url.full"].endswith("/products/1")
    # The client span lasts until the body is read: it covers the server's span.
    assert call.start <= back.start and call.end >= back.end


def test_sql_spans_nest_under_their_handlers(spans):
    get = one(spans, service="backend", name="GET /products/{id}",
              parent_id=client_span(spans, "frontend", "/products/1")[0].span_id)
    (select,) = children(spans, get)
    assert (select.name, select.kind, select.scope) == ("SELECT", "client", "orch.dev/runtime/sqltrace")
    assert select.attrs == {"db.system.name": "sqlite", "db.operation.name": "SELECT",
                            "db.query.text": "SELECT id, name, cents, stock FROM products WHERE id = ?"}

    # An order: a transaction with a prepared statement, committed; the
    # frontend's http.Post takes no context and still nests by goroutine.
    orders = sorted(find(spans, service="backend", name="POST /orders"), key=lambda s: s.start)
    assert len(orders) == 2
    for order in orders:
        posts = find(spans, span_id=order.parent_id, service="frontend", kind="client")
        assert posts and find(spans, span_id=posts[0].parent_id, name="POST /buy/{id}")
    ok, conflict = orders
    assert [s.name for s in sorted(children(spans, ok), key=lambda s: s.start)] == ["BEGIN", "UPDATE", "INSERT", "COMMIT"]
    insert = children(spans, ok, name="INSERT")[0]
    assert insert.attrs["db.query.text"] == "INSERT INTO orders (product_id, quantity) VALUES (?, ?)"
    assert ok.attrs["http.response.status_code"] == 201 and ok.status == (0, "")
    assert [s.name for s in sorted(children(spans, conflict), key=lambda s: s.start)] == ["BEGIN", "UPDATE", "ROLLBACK"]
    assert conflict.attrs["http.response.status_code"] == 409 and conflict.status == (0, ""), "a 4xx is not a server error"

    # Startup work outside any request nests under the //orch:span function.
    seed = one(spans, service="backend", name="seed-catalog")
    assert [s.name for s in sorted(children(spans, seed), key=lambda s: s.start)] == \
        ["CREATE", "CREATE", "BEGIN", "prepare INSERT", "INSERT", "INSERT", "INSERT", "COMMIT"]


def test_orch_span_directive(spans):
    quote = one(spans, service="frontend", name="price-quote")
    front = one(spans, span_id=quote.parent_id)
    assert front.name == "GET /shop/{id}" and quote.kind == "internal" and quote.scope == "orch.dev/runtime/span"
    assert quote.attrs == {"shop.component": "pricing", "shop.currency": "EUR"}
    seed = one(spans, name="seed-catalog")
    assert seed.attrs == {"shop.tier": "backend"} and seed.parent_id == ""


def test_error_statuses(spans):
    # The backend's query fails (no such table): SQL span and handler fail.
    back = one(spans, service="backend", name="GET /products/{id}/reviews")
    assert back.status[0] == 2 and back.attrs["http.response.status_code"] == 500
    assert back.attrs["error.type"] == "500"
    (select,) = children(spans, back)
    assert select.status == (2, "SQL logic error: no such table: reviews (1)")
    assert select.attrs["error.type"] == "*sqlite.Error"
    (name, ev), = select.events
    assert name == "exception" and ev["exception.message"] == select.status[1]
    # The frontend answers 502: its server span fails; the client span that got a 500 too.
    call = one(spans, span_id=back.parent_id)
    assert call.status[0] == 2 and call.attrs["http.response.status_code"] == 500
    front = one(spans, span_id=call.parent_id)
    assert front.name == "GET /shop/{id}/reviews" and front.status[0] == 2
    assert front.attrs["http.response.status_code"] == 502
    # A 404 fails the client span only (semconv: 4xx is the client's error).
    nf = one(spans, service="backend", name="GET /products/{id}", trace_id=client_span(spans, "shopper", "/shop/9")[0].trace_id)
    assert nf.status == (0, "") and nf.attrs["http.response.status_code"] == 404
    assert one(spans, span_id=nf.parent_id).status[0] == 2


def test_panic_in_a_handler(spans):
    crash = one(spans, service="frontend", name="GET /shop/{id}/photo/{n}")
    msg = "runtime error: index out of range [7] with length 2"
    assert crash.status == (2, "panic: " + msg)
    assert "http.response.status_code" not in crash.attrs, "net/http answered nothing"
    (name, ev), = crash.events
    assert name == "exception"
    assert ev["exception.type"] == "runtime.boundsError" and ev["exception.message"] == msg
    assert ev["exception.escaped"] is True
    assert "main.(*frontend).photo" in ev["exception.stacktrace"]
    assert re.search(r"examples/shop/frontend/main\.go:\d+", ev["exception.stacktrace"])
    # The shopper saw the connection close.
    visit = one(spans, span_id=crash.parent_id)
    assert visit.service == "shopper" and visit.status == (2, "EOF")


SEMCONV = {
    ("server", "orch.dev/runtime/nethttp"): {"http.request.method", "url.path", "url.scheme", "http.route",
                                             "http.response.status_code", "server.address", "server.port",
                                             "client.address", "user_agent.original", "network.protocol.version"},
    ("client", "orch.dev/runtime/nethttp"): {"http.request.method", "url.full", "server.address", "server.port",
                                             "http.response.status_code", "network.protocol.version"},
    ("client", "orch.dev/runtime/sqltrace"): {"db.system.name", "db.operation.name"},
}
OLD_NAMES = {"http.method", "http.status_code", "http.url", "http.target", "http.scheme", "http.host",
             "http.user_agent", "net.peer.name", "net.peer.port", "net.host.name", "db.statement",
             "db.system", "db.operation", "exception.escaped_type"}


def test_attribute_names_follow_current_semconv(spans):
    for s in spans:
        assert not OLD_NAMES & set(s.attrs), (s.name, s.attrs)
        if "http.response.status_code" not in s.attrs:
            continue  # a panic or a transport error: no answer
        want = SEMCONV.get((s.kind, s.scope))
        if want:
            assert want <= set(s.attrs), (s.service, s.name, want - set(s.attrs))
    server = one(spans, service="backend", name="GET /products/{id}/reviews")
    assert server.attrs["http.request.method"] == "GET" and server.attrs["url.scheme"] == "http"
    assert server.attrs["http.route"] == "/products/{id}/reviews" and server.attrs["url.path"] == "/products/1/reviews"
    assert server.attrs["user_agent.original"].startswith("Go-http-client/")
    assert isinstance(server.attrs["server.port"], int) and server.attrs["network.protocol.version"] == "1.1"


# --- the same program without orch ---------------------------------------------------

def normalize(text):
    """Output with ports replaced and goroutine dumps reduced to the
    program's own frames (function and file:line): the only parts of a stack
    trace that are the same from run to run."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    lines, in_dump, frame = [], False, False
    for line in text.splitlines():
        if re.match(r"goroutine \d+ \[", line):
            in_dump = True
            lines.append("goroutine N")
            continue
        if in_dump and not (line.startswith(("\t", "created by ")) or re.match(r"[\w./*()-]+\(", line)):
            in_dump = False
        if not in_dump:
            lines.append(line)
        elif frame:
            lines.append(re.sub(r" \+0x[0-9a-f]+$", "", line))
            frame = False
        elif line.startswith("main."):
            lines.append(line.split("(0x")[0].split("({")[0].rstrip("(").rstrip())
            frame = True
    return lines


def test_same_behaviour_without_orch(builds, traced):
    plain = run_shop(builds["plain"])
    untraced = run_shop(builds["orch"])  # built with orch, tracing not configured
    traced_runs = traced[0]
    assert plain["shopper"].out == SHOPPER_OUTPUT
    for name in ("shopper", "frontend", "backend"):
        want = plain[name]
        for runs in (traced_runs, untraced):
            got = runs[name]
            assert got.code == want.code == 0, (name, got)
            assert normalize(got.out) == normalize(want.out), name
            assert normalize(got.err) == normalize(want.err), name
    # The frontend's panic log kept the program's frames, with their lines.
    assert "main.(*frontend).photo" in "\n".join(normalize(plain["frontend"].err))
