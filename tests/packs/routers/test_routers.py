"""rules.d/chi.toml, rules.d/gorillamux.toml, rules.d/httprouter.toml and
rules.d/restful.toml: the routers name the request's one server span (nethttp.toml's) after the route
template they matched, in their own syntax, with groups, subrouters and
mounted routers composed; 404 and 405 get no route; the recovery of chi
(middleware.Recoverer) and httprouter (PanicHandler) puts the panic on the
span. One program serves each router by subcommand; real HTTP requests from
here on loopback."""

import http.client
import pathlib
import urllib.error
import urllib.request

import pytest

from packsupport import Program, Spans, build

HERE = pathlib.Path(__file__).parent

CHI, MUX = "github.com/go-chi/chi/v5", "github.com/gorilla/mux"
HTTPROUTER, RESTFUL = "github.com/julienschmidt/httprouter", "github.com/emicklei/go-restful/v3"
NEWEST = {CHI: "v5.5.0", MUX: "v1.8.1", HTTPROUTER: "v1.3.0", RESTFUL: "v3.14.0"}   # testdata/app/go.mod
OLDEST = {CHI: "v5.2.3", MUX: "v1.6.2", HTTPROUTER: "v1.2.0", RESTFUL: "v3.8.0"}    # the oldest served

# router -> [(method, path, status, route or None)]: the route a request must
# get (None: none, the span stays "METHOD").
CASES = {
    "chi": [
        ("GET", "/users/7", 200, "/users/{id}"),
        ("GET", "/files/a/b.txt", 200, "/files/*"),
        ("GET", "/api/items/3", 200, "/api/items/{item}"),
        ("GET", "/api/v1/2/things/9", 200, "/api/v1/{version}/things/{thing}"),
        ("GET", "/admin/stats/5", 200, "/admin/stats/{n}"),
        ("GET", "/grouped/1", 200, "/grouped/{g}"),
        ("GET", "/nope", 404, None),
        ("GET", "/admin/nope", 404, None),
        ("GET", "/admin", 404, None),              # the mounted router has no "/"
        ("GET", "/static/a.css", 200, "/static/*"),
        ("POST", "/users/7", 405, None),
    ],
    "mux": [
        ("GET", "/users/7", 200, "/users/{id}"),
        ("GET", "/api/items/3", 200, "/api/items/{item}"),
        ("GET", "/api/v1/2/things/9", 200, "/api/v1/{version}/things/{thing}"),
        ("GET", "/nope", 404, None),
        ("GET", "/api/nope", 404, None),           # the subrouter's NotFoundHandler
        ("POST", "/users/7", 405, None),
    ],
    "httprouter": [
        ("GET", "/users/7", 200, "/users/:id"),
        ("GET", "/files/a/b.txt", 200, "/files/*path"),
        ("GET", "/api/items/3", 200, "/api/items/:item"),
        ("GET", "/nope", 404, None),
        ("POST", "/users/7", 405, None),
    ],
    "restful": [
        ("GET", "/api/users/7", 200, "/api/users/{id}"),
        ("GET", "/api/files/a/b.txt", 200, "/api/files/{path:*}"),
        ("GET", "/ping", 200, "/ping"),
        # Not restful's: the pattern under which the Container registered
        # the WebService on its http.ServeMux, which net/http's span takes
        # when no router names it (as without this pack).
        ("GET", "/api/nope", 404, "/api/"),
        ("POST", "/api/users/7", 405, "/api/"),
    ],
}
# router -> [(path, status)]: handlers that panic, recovered by chi's
# Recoverer, httprouter's PanicHandler and a restful Container told
# DoNotRecover(false) (500); a Container does not recover by default: then
# net/http's span records the panic and the connection is closed (None).
PANICS = {"chi": [("/panic", 500)], "httprouter": [("/panic", 500)],
          "restful": [("/api/panic", 500), ("/raw/panic", None)]}


TRACE, PARENT = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"


def request(addr, method, path):
    """Every request continues the caller's trace TRACE (parent PARENT)."""
    req = urllib.request.Request(f"http://{addr}{path}", method=method, data=b"" if method == "POST" else None,
                                 headers={"traceparent": f"00-{TRACE}-{PARENT}-01"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return None    # the handler panicked and nothing recovered it: net/http closed the connection


def serve(exe, tmp, router):
    """Run the router's server, send its requests, return the spans."""
    paths = [(m, p) for m, p, _, _ in CASES[router]] + [("GET", p) for p, _ in PANICS.get(router, [])]
    with Program(exe, tmp, args=[router]) as srv:
        got = [request(srv.addr, m, p) for m, p in paths]
    want = [s for _, _, s, _ in CASES[router]] + [s for _, s in PANICS.get(router, [])]
    assert got == want, (router, got, srv.stderr)
    return Spans(srv.spans())


def check(spans, router):
    servers = spans.find(kind="server")
    assert len(servers) == len(CASES[router]) + len(PANICS.get(router, [])), spans.tree()   # one per request
    assert all(s.trace_id == TRACE and s.parent_id == PARENT for s in servers), spans.tree()
    for method, path, status, route in CASES[router]:
        span = spans.one(kind="server", **{"url.path": path, "http.request.method": method})
        assert span.attrs["http.response.status_code"] == status, spans.tree()
        if route is None:
            assert span.name == method and "http.route" not in span.attrs, spans.tree()
        else:
            assert span.name == f"{method} {route}" and span.attrs["http.route"] == route, spans.tree()
    for path, status in PANICS.get(router, []):
        span = spans.one(kind="server", **{"url.path": path})
        assert span.name == f"GET {path}" and span.attrs.get("http.response.status_code") == status, spans.tree()
        assert span.status[0] == 2, spans.tree()
        (event,) = [attrs for name, attrs in span.events if name == "exception"]   # once, not again by net/http
        assert event["exception.message"] == "boom" and "main.boom" in event["exception.stacktrace"]


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("routers")
    return build(HERE / "testdata/app", tmp, goenv), tmp


@pytest.mark.parametrize("router", sorted(CASES))
def test_route_names_the_one_server_span(app, router):
    exe, tmp = app
    check(serve(exe, tmp, router), router)


@pytest.mark.parametrize("router", sorted(CASES))
def test_without_configuration_nothing_changes(app, tmp_path, router):
    """No ORCH_/OTEL_ variable: the same answers, no span written."""
    exe, _ = app
    p = Program(exe, tmp_path, args=[router])
    p.env.pop("ORCH_TRACE_FILE")
    with p as srv:
        got = [request(srv.addr, m, path) for m, path, _, _ in CASES[router]]
    assert got == [s for _, _, s, _ in CASES[router]] and not p.spans()


@pytest.fixture(scope="module")
def oldest(tmp_path_factory, goenv):
    """One build with every router at its oldest served version."""
    tmp = tmp_path_factory.mktemp("routers-oldest")
    exe = build(HERE / "testdata/app", tmp, goenv, requires=OLDEST)
    gomod = (tmp / "src-app" / "go.mod").read_text()
    assert all(f"{m} {v}" in gomod for m, v in OLDEST.items()), gomod
    return exe, tmp


@pytest.mark.parametrize("router", sorted(CASES))
def test_oldest_versions(oldest, router):
    exe, tmp = oldest
    check(serve(exe, tmp, router), router)
