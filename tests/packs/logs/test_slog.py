"""Log correlation for log/slog and the standard log package: lines written
inside an orch span carry its ids, lines outside are untouched, and a run
without configuration prints exactly what the plain build prints."""

import os
import re
import subprocess

import pytest

from logcheck import assert_ids_added, fields, plain_run, run_beside_plain, span_ids
from packsupport import Program, build

HERE = os.path.dirname(os.path.abspath(__file__))


# log/slog is Go's own: the matrix is the oldest Go orch supports (the
# go command fetches that toolchain like a module) and the Go on PATH.
GO_VERSIONS = ["go1.22.12", "path"]


@pytest.fixture(scope="module", params=GO_VERSIONS)
def binaries(request, tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("slogapp-" + request.param)
    app = os.path.join(HERE, "testdata", "slogapp")
    env = goenv if request.param == "path" else {**goenv, "GOTOOLCHAIN": request.param}
    exe = build(app, tmp, env)
    if request.param != "path":
        built_by = subprocess.run(["go", "version", exe], env=goenv, capture_output=True, text=True).stdout
        assert f": {request.param}" in built_by, built_by
    return exe, build(app, tmp, env, orch=False), tmp


def test_unconfigured_run_is_byte_identical(binaries):
    exe, plain, _ = binaries
    want = plain_run(plain)
    assert "inside" in want
    assert plain_run(exe) == want
    assert plain_run(exe, {"ORCH_LOG_CORRELATION_STDLOG": "1"}) == want


@pytest.mark.parametrize("stdlog", [False, True])
def test_lines_inside_a_span_carry_its_ids(binaries, stdlog):
    exe, plain, tmp = binaries
    lines, span, other, spans = run_beside_plain(exe, plain, tmp,
                                                 {"ORCH_LOG_CORRELATION_STDLOG": "1"} if stdlog else None)
    server = spans.one(kind="server")
    inside = 0
    for line, plain_line in lines:
        if "request" in plain_line:  # in an HTTP handler: orch's server span
            assert_ids_added(line, plain_line, span_ids(server))
            inside += 1
            continue
        if "other" in plain_line:  # logged with the context of another span
            assert_ids_added(line, plain_line, span_ids(other))
            inside += 1
            continue
        if "inside" not in plain_line:
            assert line == plain_line
            continue
        inside += 1
        if line.startswith("stdlog"):
            if stdlog:
                assert line == f"{plain_line} trace_id={span.trace_id} span_id={span.span_id}"
            else:
                assert line == plain_line
            continue
        if line.startswith("INFO default"):  # slog's default handler, through package log
            assert line == f"{plain_line} trace_id={span.trace_id} span_id={span.span_id} trace_flags=01"
            continue
        # a record's attributes go in the logger's group
        assert_ids_added(line, plain_line, span_ids(span, "g." if "text group" in line else ""))
    assert inside == 14  # 2 in an HTTP handler, the 9 enabled lines of logAll, 2 with another span's context, the goroutine's
    # a final key without a value stays what slog makes of it
    assert any("!BADKEY=dangling trace_id=" in line for line, _ in lines)


def test_a_span_the_sampler_drops_still_gives_its_ids(binaries):
    """As in OpenTelemetry: the ids are the trace's, trace_flags says it is
    not sampled (no span is exported)."""
    exe, plain, tmp = binaries
    run = Program(exe, tmp, env={"OTEL_TRACES_SAMPLER": "always_off"}).run()
    assert run.spans() == []
    lines = [fields(line) for line in run.stdout.splitlines() if line.startswith("{") and "inside" in line]
    assert len(lines) == 2
    for f in lines:
        assert re.fullmatch("[0-9a-f]{32}", f["trace_id"]) and re.fullmatch("[0-9a-f]{16}", f["span_id"]), f
        assert f["trace_flags"] == "00"
    assert lines[0]["trace_id"] == lines[1]["trace_id"]
