"""Fixtures of the Go front end's tests: the go/parser dumper, built once."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="session")
def goastdump(goenv, tmp_path_factory):
    """run(paths) -> {path: lines} from go/parser, via tests/golang/goastdump."""
    import astdump
    exe = astdump.build_goastdump(str(tmp_path_factory.mktemp("goastdump")), env=goenv)

    def run(paths):
        return astdump.run_goastdump(exe, list(paths), env=goenv)
    run.go_minor = astdump.go_minor_version(env=goenv)
    return run


@pytest.fixture(scope="session")
def goroot(goenv):
    import subprocess
    return subprocess.run(["go", "env", "GOROOT"], env=goenv, capture_output=True, text=True,
                          check=True).stdout.strip()
