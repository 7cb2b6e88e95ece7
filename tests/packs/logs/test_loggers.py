"""Log correlation for logrus, zap and zerolog, each at its oldest version
that builds with Go 1.22 and its newest: lines written inside an orch span
carry its ids (the entry's or event's context's span where the logger has
one), lines outside are untouched, and a run without configuration prints
exactly what the plain build prints."""

import os
import shutil

import pytest

from logcheck import assert_ids_added, plain_run, run_beside_plain, span_ids
from packsupport import build

HERE = os.path.dirname(os.path.abspath(__file__))

ZEROLOG, LOGRUS, ZAP = "github.com/rs/zerolog", "github.com/sirupsen/logrus", "go.uber.org/zap"
VERSIONS = {
    "newest": None,  # testdata/loggers/go.mod: zerolog v1.35.1, logrus v1.10.2, zap v1.28.0
    "oldest": {ZEROLOG: "v1.29.1", LOGRUS: "v1.9.0", ZAP: "v1.22.0"},
}


@pytest.fixture(scope="module", params=sorted(VERSIONS))
def binaries(request, tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("loggers-" + request.param)
    app, requires = os.path.join(HERE, "testdata", "loggers"), VERSIONS[request.param]
    return (build(app, tmp, goenv, requires=requires), build(app, tmp, goenv, requires=requires, orch=False),
            tmp, request.param)


def test_unconfigured_run_is_byte_identical(binaries):
    exe, plain, _, _ = binaries
    want = plain_run(plain)
    assert "inside" in want
    assert plain_run(exe) == want


def test_lines_inside_a_span_carry_its_ids(binaries):
    exe, plain, tmp, version = binaries
    lines, inside, other, _ = run_beside_plain(exe, plain, tmp)
    n = 0
    for line, plain_line in lines:
        if "outside" in plain_line:
            assert line == plain_line
            continue
        if "where=ctx" in plain_line or '"where":"ctx"' in plain_line:
            # the context's span; zerolog before Event.Ctx has none: the goroutine's
            old_zerolog = "zerolog" in line and version == "oldest"
            assert_ids_added(line, plain_line, span_ids(inside if old_zerolog else other))
        else:
            assert_ids_added(line, plain_line, span_ids(inside))
        n += 1
    assert n == 12, lines  # the 9 enabled lines of logAll, the goroutine's, 2 with a context


@pytest.mark.slow
def test_the_loggers_own_tests_pass_under_orch(tmp_path, goenv):
    """zerolog's, logrus's and zapcore's own test suites, built with orch
    (their packages instrumented, no span active), pass as they do plainly.
    (Package go.uber.org/zap is left out: two of its tests expect a caller
    path that a module-cache checkout does not have, with or without orch.)"""
    from support import run_go
    work = tmp_path / "loggers"
    shutil.copytree(os.path.join(HERE, "testdata", "loggers"), work)
    env = {**goenv, "GOFLAGS": "-mod=mod"}  # the suites' own test dependencies
    proc = run_go(["test", "-count=1", ZEROLOG, LOGRUS, ZAP + "/zapcore"], work, base_env=env, check=False,
                  timeout=1200)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
