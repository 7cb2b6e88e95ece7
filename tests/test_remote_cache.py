"""A fleet sharing a remote build cache (issue 19), with the real toolchain
and a real GOCACHEPROG program: bradfitz/go-tool-cache's go-cacher, each
"machine" with its own local cache directory, both backed by one
go-cacher-server on loopback.

Two machines: two installs of orch at different paths, two HOMEs (so two
orch cache directories), two local caches. The second machine's
instrumented build compiles nothing and yields the first one's binary byte
for byte; a plain build never gets an instrumented entry (nor the reverse);
a rule file changed on one machine rebuilds there exactly the package it
touches, and the other machine is unaffected.
"""

import os
import shutil
import subprocess

import pytest

from servers import free_port, stop, wait_port
import test_reproducible
from support import ROOT, clean_env, write_module

TOOL_CACHE = "github.com/bradfitz/go-tool-cache"
TOOL_CACHE_VERSION = "v0.0.0-20260722201841-0bb331e19f64"

# The program of tests/test_reproducible.py: net/http and //orch:span.
PROGRAM = test_reproducible.PROGRAM

# A user rule of one machine: it touches the main package alone.
MAIN_RULE = """
[[aspects]]
id = "fleet.main-only"
join-point.all-of = [ { import-path = "example.com/fleet" }, { function-body.function = [ { name = "work" } ] } ]
advice.prepend-statements.template = "_ = 1"
"""


@pytest.fixture(scope="module")
def cacher(tmp_path_factory, goenv):
    """The go-cacher and go-cacher-server binaries, built from the module proxy."""
    top = tmp_path_factory.mktemp("go-tool-cache")
    mod = write_module(top / "src", {"tools.go": "//go:build tools\n\npackage tools\n\nimport (\n"
                                     f'\t_ "{TOOL_CACHE}/cmd/go-cacher"\n\t_ "{TOOL_CACHE}/cmd/go-cacher-server"\n)\n'},
                       module="example.com/tools", go="1.25")
    env = dict(goenv, GOFLAGS="-mod=mod")
    subprocess.run(["go", "get", f"{TOOL_CACHE}@{TOOL_CACHE_VERSION}"], cwd=mod, env=env, check=True,
                   capture_output=True, timeout=600)
    for name in ("go-cacher", "go-cacher-server"):
        subprocess.run(["go", "build", "-o", str(top / name), f"{TOOL_CACHE}/cmd/{name}"], cwd=mod, env=env,
                       check=True, capture_output=True, timeout=600)
    return top


@pytest.fixture
def server(cacher, tmp_path):
    port = free_port()
    proc = subprocess.Popen([str(cacher / "go-cacher-server"), "--cache-dir", str(tmp_path / "remote"),
                             "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port, proc, what="go-cacher-server")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


class Machine:
    def __init__(self, top, name, cacher, server):
        self.root = top / name
        self.install = self.root / "orch install"
        for d in ("bin", "lib", "rules.d"):
            shutil.copytree(os.path.join(ROOT, d), self.install / d, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        (self.root / "home").mkdir()
        self.env = clean_env(str(self.root / "unused-gocache"))
        self.env.update(HOME=str(self.root / "home"), XDG_CACHE_HOME="", ORCH_RESOLVE_CACHE="off",
                        GOCACHEPROG=f"{cacher / 'go-cacher'} --cache-dir={self.root / 'local-cache'} "
                                    f"--cache-server={server}")

    def build(self, src, out, *, orch=True, env=None):
        """go build -x; returns the packages it compiled."""
        cmd = ["go", "build", "-x"]
        if orch:
            cmd += ["-toolexec", f"'{self.install / 'bin' / 'orch-toolexec'}'"]
        p = subprocess.run(cmd + ["-o", str(out), "."], cwd=src, env=dict(self.env, **(env or {})),
                           capture_output=True, text=True, timeout=1800)
        assert p.returncode == 0, p.stderr[-3000:]
        return sorted(line.split(" -p ", 1)[1].split()[0] for line in p.stderr.splitlines()
                      if "/compile " in line and " -p " in line and "-V=full" not in line)


def test_two_machines_share_a_gocacheprog_cache(tmp_path, cacher, server):
    src = write_module(tmp_path / "src", PROGRAM, module="example.com/fleet")
    a = Machine(tmp_path, "machine-a", cacher, server)
    b = Machine(tmp_path, "machine-b", cacher, server)

    a.build(src, tmp_path / "a")
    assert b.build(src, tmp_path / "b") == [], "the second machine compiled again"
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    assert subprocess.run([str(tmp_path / "b")], capture_output=True, text=True).stdout == "42\n"

    # Plain builds never get an instrumented entry: same binary as a plain
    # build from an empty cache, different from the instrumented one.
    b.build(src, tmp_path / "b-plain", orch=False)
    lone = clean_env(str(tmp_path / "lone-gocache"))
    subprocess.run(["go", "build", "-o", str(tmp_path / "lone-plain"), "."], cwd=src, env=lone, check=True)
    assert (tmp_path / "b-plain").read_bytes() == (tmp_path / "lone-plain").read_bytes()
    assert (tmp_path / "b-plain").read_bytes() != (tmp_path / "b").read_bytes()

    # A rule file on machine a. The rules in force are part of the
    # compiler's identity that orch gives go (compile -V=full): go has no
    # per-package way to learn that a package's rewrite changed, so every
    # package is compiled again there (README: "CI fleets and remote
    # caches"). Machine b, without the rule, still compiles nothing and
    # keeps its binary; a's binary has the rule's code.
    rule = tmp_path / "main-only.toml"
    rule.write_text(MAIN_RULE)
    recompiled = a.build(src, tmp_path / "a-rule", env={"ORCH_RULES": str(rule)})
    assert "main" in recompiled and "net/http" in recompiled
    assert (tmp_path / "a-rule").read_bytes() != (tmp_path / "a").read_bytes()
    assert b.build(src, tmp_path / "b-again") == []
    assert (tmp_path / "b-again").read_bytes() == (tmp_path / "b").read_bytes()
    # ... and machine a, back without the rule, finds its old entries.
    assert a.build(src, tmp_path / "a-again") == []
