"""rules.d/gin.toml and rules.d/echo.toml: the server span that net/http's
pack makes for each request is named by the framework's route template
(group prefixes included) and gets http.route; 404 and 405 name no route;
a panic that the framework's recovery middleware turns into a 500 is an
exception event and an error status. Never a second server span.

One program (testdata/app) serves gin, echo v4 or echo v5 on a loopback
port of its own, by subcommand: one build for the three frameworks."""

import pathlib
import urllib.error
import urllib.request

import pytest

from packsupport import Program, Spans, build

HERE = pathlib.Path(__file__).parent
APP = HERE / "testdata/app"

GIN, ECHO4, ECHO5 = "github.com/gin-gonic/gin", "github.com/labstack/echo/v4", "github.com/labstack/echo/v5"
NEWEST = {GIN: "v1.12.0", ECHO4: "v4.16.5", ECHO5: "v5.4.6"}          # testdata/app/go.mod
# The oldest served versions (go-partial.tsv): gin v1.7.7 (go 1.13 in its
# go.mod), echo v4.13.4 (go 1.23), echo v5.3.1 (go 1.25); v4 and v5 serve
# nothing older that this Go builds.
OLDEST = {GIN: "v1.7.7", ECHO4: "v4.13.4", ECHO5: "v5.3.1"}
SUBCOMMAND = {GIN: "gin", ECHO4: "echo4", ECHO5: "echo5"}

# (method, path, status, route) in each framework's syntax; None: no route.
REQUESTS = {
    "gin": [("GET", "/users/42", 200, "/users/:id"),
            ("GET", "/api/v1/items/x", 200, "/api/v1/items/:name"),
            ("GET", "/files/a/b.txt", 200, "/files/*path"),
            ("GET", "/nope", 404, None),
            ("GET", "/api/v1/nope", 404, None),         # echo: the group's not-found route
            ("POST", "/users/42", 405, None),
            ("GET", "/panic", 500, "/panic")],
}
REQUESTS["echo4"] = [(m, p, s, r.replace("*path", "*") if r else r) for m, p, s, r in REQUESTS["gin"]]
# (echo v5 sets Request.Pattern itself for the 405 and the group's 404:
# its pack tells net/http's that this pattern is no route.)
REQUESTS["echo5"] = list(REQUESTS["echo4"])
REQUESTS["echo4"].append(("GET", "/timeout-panic", 500, "/timeout-panic"))


def request(addr, method, path):
    req = urllib.request.Request(f"http://{addr}{path}", method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def serve(exe, tmp, framework):
    with Program(exe, tmp, args=[framework]) as srv:
        got = [(m, p, request(srv.addr, m, p)) for m, p, _, _ in REQUESTS[framework]]
    assert got == [(m, p, s) for m, p, s, _ in REQUESTS[framework]]
    return Spans(srv.spans())


def check(spans, framework):
    servers = spans.find(kind="server")
    # Exactly one server span per request, and nothing else: the frameworks
    # make no span of their own.
    assert len(servers) == len(spans) == len(REQUESTS[framework]), spans.tree()
    for method, path, status, route in REQUESTS[framework]:
        (span,) = [s for s in servers if s.attrs["url.path"] == path and s.attrs["http.request.method"] == method]
        assert span.attrs["http.response.status_code"] == status, spans.tree()
        assert span.parent_id == "", spans.tree()
        if route is None:
            assert span.name == method and "http.route" not in span.attrs, spans.tree()
        else:
            assert span.name == f"{method} {route}" and span.attrs["http.route"] == route, spans.tree()
        if status == 500:       # the recovered panic
            assert span.status[0] == 2, spans.tree()
            (event,) = span.events
            name, attrs = event
            assert name == "exception" and attrs["exception.message"] == "boom", spans.tree()
            if path == "/panic":    # (Timeout's panics again in another goroutine)
                assert "main." in attrs["exception.stacktrace"], attrs["exception.stacktrace"]
        else:
            assert span.status[0] == 0 and not span.events, spans.tree()


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("frameworks")
    return build(APP, tmp, goenv), tmp


@pytest.mark.parametrize("framework", ["gin", "echo4", "echo5"])
def test_route_named_server_spans(app, framework):
    exe, tmp = app
    check(serve(exe, tmp, framework), framework)


def test_without_configuration_the_program_is_unchanged(app, tmp_path):
    exe, _ = app
    p = Program(exe, tmp_path, args=["gin"])
    p.env.pop("ORCH_TRACE_FILE")
    with p as srv:
        assert [request(srv.addr, m, path) for m, path, _, _ in REQUESTS["gin"]] == [s for _, _, s, _ in REQUESTS["gin"]]
    assert not p.spans()


# One build with every framework at its oldest served version.
def test_oldest_versions(goenv, tmp_path):
    exe = build(APP, tmp_path, goenv, requires=OLDEST)
    for framework in ("gin", "echo4", "echo5"):
        check(serve(exe, tmp_path, framework), framework)
