"""Fixtures of the type layer's tests: the export data of standard-library
packages (go list -export) and the go/types reference tool
(testdata/methodsets), both with the real toolchain."""

import glob
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lib"))

PKGS = ["io", "context", "net/http", "bytes", "database/sql", "errors", "strings",
        "sync", "os", "container/list", "sync/atomic", "encoding/json", "iter", "net"]


def pytest_collection_modifyitems(items):
    if shutil.which("go") is None:
        for it in items:
            if "tests/types" in str(it.fspath):
                it.add_marker(pytest.mark.skip(reason="needs go"))


def _toolchains():
    """The go on PATH, and the oldest and newest toolchains in the module
    cache (export data formats differ: pkgbits V1 up to go 1.23, V2 since)."""
    out = [pytest.param("go", id="go")]
    modcache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True,
                              text=True).stdout.strip() if shutil.which("go") else ""
    found = sorted(glob.glob(os.path.join(modcache, "golang.org", "toolchain@v0.0.1-go1.*",
                                          "bin", "go")))
    for g in found[:1] + found[-1:] if found else []:
        v = g.split("toolchain@v0.0.1-go")[1].split(".linux")[0].split(".darwin")[0]
        out.append(pytest.param(g, id="go" + v))
    return out


@pytest.fixture(scope="session", params=_toolchains())
def go(request):
    return request.param


def _env():
    return dict(os.environ, GOTOOLCHAIN="local")


@pytest.fixture(scope="session")
def files(go):
    """{import path: export data file} of PKGS and their dependencies."""
    # -e: iter is newer than go 1.22 (its types are then not asked about)
    out = subprocess.run([go, "list", "-e", "-export", "-deps", "-f",
                          "{{.ImportPath}}={{.Export}}"] + PKGS,
                         capture_output=True, text=True, check=True, env=_env()).stdout
    return dict(kv for kv in (line.split("=", 1) for line in out.split()) if kv[1])


@pytest.fixture(scope="session")
def go_types_exe(go, tmp_path_factory):
    """The go/types reference tool (testdata/methodsets/main.go), built."""
    exe = str(tmp_path_factory.mktemp("ms") / "methodsets")
    subprocess.run([go, "build", "-o", exe, "."],
                   cwd=os.path.join(HERE, "testdata", "methodsets"), check=True, env=_env())
    return exe


@pytest.fixture(scope="session")
def go_types(go_types_exe, files):
    """go_types(args) -> (method sets {type: [ids]}, {(type, iface): bool})
    as go/types answers them (see testdata/methodsets/main.go)."""
    exe = go_types_exe
    stdin = "".join("%s=%s\n" % kv for kv in files.items())

    def run(args):
        out = subprocess.run([exe] + args, input=stdin, capture_output=True, text=True,
                             check=True).stdout
        sets, impl = {}, {}
        for line in out.splitlines():
            words = line.split(" ")
            if len(words) == 4 and words[1] == "implements":
                impl[(words[0], words[2])] = words[3] == "true"
            else:
                sets[words[0]] = sorted(filter(None, words[1].split(","))) if len(words) > 1 else []
        return sets, impl
    return run
