"""Two installs of orch at different paths, run by users with different
home directories, build byte-identical binaries and share every GOCACHE
entry, with the real toolchain.

go writes a package's directory into its objects (without -trimpath) and
hashes it into its action id; orch builds its runtime from a directory
that exists nowhere, through an overlay (toolchain/resolve.VIRTUAL_ROOT),
so where orch is installed is never part of a build. With -trimpath no
path of orch's appears in the binary at all.
"""

import os
import shutil
import subprocess

import pytest

from support import ROOT, write_module

PROGRAM = {
    "main.go": """
        package main

        import (
            "fmt"
            "net/http"
        )

        //orch:span span.name:work
        func work() int { return 42 }

        func main() {
            if resp, err := http.Get("http://127.0.0.1:1/"); err == nil {
                resp.Body.Close()
            }
            fmt.Println(work())
        }
        """,
}


@pytest.fixture(scope="module")
def installs(tmp_path_factory):
    """Two copies of orch: one at a long path with spaces in it (first: its
    nested go commands must quote it in -toolexec), one at a short path."""
    top = tmp_path_factory.mktemp("installs")
    out = []
    for rel in ("first install/of orch/at a longer path", "b"):
        dest = top / rel
        for name in ("bin", "lib", "rules.d"):
            shutil.copytree(os.path.join(ROOT, name), dest / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        out.append(dest)
    return out


def build(install, src, goenv, out, *flags):
    """go build -x through this install, with a home directory of its own
    (orch's cache in it); returns the compile calls go ran."""
    home = install / "home"
    home.mkdir(exist_ok=True)
    # go splits -toolexec at white space: a path with spaces is quoted.
    # ORCH_RESOLVE_CACHE=off: the nested go command runs, whatever earlier builds saved.
    proc = subprocess.run(["go", "build", "-x", *flags, "-toolexec", f"'{install / 'bin' / 'orch-toolexec'}'",
                           "-o", str(out), "."], cwd=src,
                          env=dict(goenv, ORCH_RESOLVE_CACHE="off", HOME=str(home), XDG_CACHE_HOME=""),
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [line for line in proc.stderr.splitlines()
            if "/compile " in line and "-V=full" not in line and " -o " in line]


@pytest.mark.parametrize("flags", [[], ["-trimpath"]], ids=["plain-paths", "trimpath"])
def test_installs_at_different_paths_share_the_cache_and_build_the_same_binary(installs, tmp_path, goenv, flags):
    src = write_module(tmp_path / "src", PROGRAM)
    first, second = installs
    build(first, src, goenv, tmp_path / "first", *flags)
    compiles = build(second, src, goenv, tmp_path / "second", *flags)
    assert compiles == [], "the second install compiled again:\n" + "\n".join(compiles)
    a, b = (tmp_path / "first").read_bytes(), (tmp_path / "second").read_bytes()
    assert a == b
    for install in installs + [ROOT]:
        assert str(install).encode() not in a, f"{install} is in the binary"
    assert b"/.cache/orch" not in a
    if flags:
        assert b"/_orch_/" not in a     # go wrote the module path instead
    run = subprocess.run([str(tmp_path / "first")], capture_output=True, text=True, timeout=60)
    assert run.stdout == "42\n"


PANICS = {
    "main.go": """
        package main

        import (
            "net/http"
            "os"
        )

        func main() {
            if len(os.Args) > 1 {
                panic("where am I")
            }
            if resp, err := http.Get("http://127.0.0.1:1/"); err == nil {
                resp.Body.Close()
            }
        }
        """,
}


def test_a_cached_main_package_compiled_in_a_directory_that_is_gone_still_links(tmp_path, goenv):
    """With -trimpath the same sources anywhere share one GOCACHE entry; the
    link recompiles main (to import link-only packages) from the sources in
    its recipe, not from the directory it was first compiled in, and the
    positions still read as the compile recorded them."""
    from support import TOOLEXEC
    first = write_module(tmp_path / "first", PANICS, module=f"example.com/gone{os.getpid()}")
    flags = ["build", "-trimpath", "-toolexec", TOOLEXEC, "-o"]
    env = dict(goenv, ORCH_RESOLVE_CACHE="off")
    subprocess.run(["go", *flags, str(tmp_path / "a"), "."], cwd=first, env=env, check=True, timeout=900)
    second = tmp_path / "second"
    shutil.move(first, second)
    proc = subprocess.run(["go", *flags, str(tmp_path / "b"), "."], cwd=second, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    run = subprocess.run([str(tmp_path / "b"), "panic"], capture_output=True, text=True, timeout=60)
    assert f"example.com/gone{os.getpid()}/main.go:" in run.stderr, run.stderr
    assert str(tmp_path) not in run.stderr
