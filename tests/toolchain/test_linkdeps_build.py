"""Injected dependencies in real builds: every way go builds.

The rules (testdata/pack/probe.toml) inject into each `main` function a
call to orchtest.dev/probe, and into each function named Probed a call
too; testdata/linked/linked.toml adds a call, through //go:linkname, to
orchtest.dev/probe/linked, which nothing imports. Neither package is a
dependency of the programs below, so each build must supply them (compile
importcfg, link importcfg, and for the linkname target a recompiled main).
Each binary runs (where the platform allows) and prints what ran:

    probe: init                      the injected package's init
    probe: hello from main           the injected call
    linked: init / linked: target called from main
"""

import os
import subprocess
import threading

import pytest

from support import write_module

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, "testdata", "pack")
LINKED = os.path.join(HERE, "testdata", "linked")

# The nested go command runs in every build (no results saved across builds).
PROBE = {"ORCH_NO_BUILTIN": "1", "ORCH_RULES": PACK, "ORCH_RESOLVE_CACHE": "off"}
BOTH = {**PROBE, "ORCH_RULES": f"{PACK}:{LINKED}"}

HELLO = {
    "main.go": """
        package main

        import "fmt"

        func main() { fmt.Println("main ran") }
    """,
}

LIB = {
    "lib/lib.go": """
        package lib

        // Probed gets a call to the probe injected.
        func Probed() int { return 42 }
    """,
    "lib/lib_test.go": """
        package lib

        import "testing"

        func TestInternal(t *testing.T) {
            if Probed() != 42 {
                t.Fatal("bad")
            }
        }
    """,
    "lib/ext_test.go": """
        package lib_test

        import (
            "testing"

            "example.com/m/lib"
        )

        func TestExternal(t *testing.T) {
            if lib.Probed() != 42 {
                t.Fatal("bad")
            }
        }
    """,
    "main.go": """
        package main

        import (
            "fmt"

            "example.com/m/lib"
        )

        func main() { fmt.Println("main ran", lib.Probed()) }
    """,
}


def assert_probed(output: str, *, where=("main",), linked=False):
    assert "probe: init" in output, output
    for w in where:
        assert f"probe: hello from {w}" in output, output
    if linked:
        assert "linked: init" in output, output
        assert "linked: target called from main" in output, output


def run_exe(path, env=None) -> str:
    proc = subprocess.run([str(path)], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout + proc.stderr


# --- the go subcommands ---------------------------------------------------------

def test_go_build(tmp_path, gorun):
    write_module(tmp_path, HELLO)
    gorun(["build", "-o", "prog", "."], tmp_path, env=PROBE)
    out = run_exe(tmp_path / "prog")
    assert "main ran" in out
    assert_probed(out)


def test_go_run(tmp_path, gorun):
    write_module(tmp_path, HELLO)
    proc = gorun(["run", "."], tmp_path, env=PROBE)
    assert "main ran" in proc.stdout
    assert_probed(proc.stderr)


def test_go_install(tmp_path, gorun):
    write_module(tmp_path / "src", HELLO, module="example.com/hello")
    gobin = tmp_path / "bin"
    gorun(["install", "."], tmp_path / "src", env={**PROBE, "GOBIN": str(gobin)})
    assert_probed(run_exe(gobin / "hello"))


def test_go_test_internal_external_and_cover(tmp_path, gorun):
    write_module(tmp_path, LIB)
    for extra in ([], ["-cover"], ["-coverpkg=./..."]):
        proc = gorun(["test", "-count=1", "-v", *extra, "./..."], tmp_path, env=PROBE)
        out = proc.stdout + proc.stderr
        assert "--- PASS: TestInternal" in out and "--- PASS: TestExternal" in out, out
        # the test main's main, then Probed from both test packages
        assert_probed(out, where=("main", "Probed"))
        assert out.count("probe: hello from Probed") >= 2, out
        if extra:
            assert "coverage:" in out


def test_link_only_package_is_linked_and_initialized(tmp_path, gorun):
    write_module(tmp_path, LIB)
    gorun(["build", "-o", "prog", "."], tmp_path, env=BOTH)
    assert_probed(run_exe(tmp_path / "prog"), where=("main", "Probed"), linked=True)
    proc = gorun(["run", "."], tmp_path, env=BOTH)
    assert_probed(proc.stderr, linked=True)
    proc = gorun(["test", "-count=1", "-v", "./lib"], tmp_path, env=BOTH)
    assert_probed(proc.stdout + proc.stderr, where=("main", "Probed"), linked=True)


# --- build flags ------------------------------------------------------------------

def has_asan() -> bool:
    """gcc can build and run an address-sanitized program."""
    import shutil
    import tempfile
    if not shutil.which("gcc"):
        return False
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "a.c")
        with open(src, "w") as f:
            f.write("int main(void) { return 0; }\n")
        out = os.path.join(d, "a")
        ok = subprocess.run(["gcc", "-fsanitize=address", src, "-o", out], capture_output=True).returncode == 0
        return ok and subprocess.run([out], capture_output=True).returncode == 0


@pytest.mark.parametrize("flags", [["-race"], ["-trimpath"], ["-buildmode=pie"], ["-tags=extra"],
                                   ["-gcflags=all=-N -l"], ["-asan"]], ids=lambda f: f[0].split("=")[0])
def test_build_flags(tmp_path, gorun, flags):
    if flags == ["-asan"] and not has_asan():
        pytest.skip("gcc cannot build address-sanitized programs here")
    files = dict(HELLO)
    files["extra.go"] = """
        //go:build extra

        package main

        func init() { println("tagged file compiled") }
    """
    write_module(tmp_path, files)
    gorun(["build", *flags, "-o", "prog", "."], tmp_path, env=PROBE)
    out = run_exe(tmp_path / "prog")
    assert_probed(out)
    assert ("tagged file compiled" in out) == (flags == ["-tags=extra"])


def test_pgo(tmp_path, gorun, pgo_profile):
    write_module(tmp_path, HELLO)
    (tmp_path / "default.pgo").write_bytes(pgo_profile)
    for pgo in ([], ["-pgo=default.pgo"]):
        gorun(["build", *pgo, "-o", "prog", "."], tmp_path, env=PROBE)
        assert_probed(run_exe(tmp_path / "prog"))


@pytest.fixture(scope="module")
def pgo_profile(tmp_path_factory, goenv):
    """A small CPU profile, recorded once by a plain (uninstrumented) program."""
    d = tmp_path_factory.mktemp("pgo")
    write_module(d, {"main.go": """
        package main

        import (
            "os"
            "runtime/pprof"
            "strings"
        )

        func main() {
            f, _ := os.Create(os.Args[1])
            pprof.StartCPUProfile(f)
            s := ""
            for i := 0; i < 200000; i++ {
                s = strings.Repeat("x", i%50) + s[:len(s)%10]
            }
            pprof.StopCPUProfile()
            f.Close()
        }
    """})
    from support import run_go
    run_go(["run", ".", str(d / "cpu.pprof")], d, base_env=goenv, orch=False)
    return (d / "cpu.pprof").read_bytes()


def test_cgo_package(tmp_path, gorun):
    files = dict(HELLO)
    files["main.go"] = """
        package main

        import (
            "fmt"

            "example.com/m/c"
        )

        func main() { fmt.Println("main ran", c.Probed()) }
    """
    files["c/c.go"] = """
        package c

        // static int answer(void) { return 42; }
        import "C"

        func Probed() int { return int(C.answer()) }
    """
    write_module(tmp_path, files)
    gorun(["build", "-o", "prog", "."], tmp_path, env={**PROBE, "CGO_ENABLED": "1"})
    out = run_exe(tmp_path / "prog")
    assert "main ran 42" in out
    assert_probed(out, where=("main", "Probed"))


# --- module layouts -----------------------------------------------------------------

DEP = {
    "go.mod": "module example.com/dep\n\ngo 1.22\n",
    "dep.go": """
        package dep

        func Probed() string { return "dep" }
    """,
}


def test_vendored_module(tmp_path, gorun):
    write_module(tmp_path / "dep", DEP)
    write_module(tmp_path / "app", {
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\n"
                  "replace example.com/dep => ../dep\n",
        "main.go": """
            package main

            import (
                "fmt"

                "example.com/dep"
            )

            func main() { fmt.Println("main ran", dep.Probed()) }
        """,
    })
    gorun(["mod", "vendor"], tmp_path / "app", orch=False)
    gorun(["build", "-mod=vendor", "-o", "prog", "."], tmp_path / "app", env=PROBE)
    assert_probed(run_exe(tmp_path / "app" / "prog"), where=("main", "Probed"))
    # GOFLAGS=-mod=vendor, as many projects set it.
    gorun(["build", "-o", "prog2", "."], tmp_path / "app", env={**PROBE, "GOFLAGS": "-mod=vendor -buildvcs=false"})
    assert_probed(run_exe(tmp_path / "app" / "prog2"), where=("main", "Probed"))


def test_workspace(tmp_path, gorun):
    write_module(tmp_path / "dep", DEP)
    write_module(tmp_path / "app", {
        "go.mod": "module example.com/app\n\ngo 1.22\n",
        "main.go": """
            package main

            import (
                "fmt"

                "example.com/dep"
            )

            func main() { fmt.Println("main ran", dep.Probed()) }
        """,
    })
    (tmp_path / "go.work").write_text("go 1.22\n\nuse (\n\t./app\n\t./dep\n)\n")
    gorun(["build", "-o", "prog", "."], tmp_path / "app", env=PROBE)
    assert_probed(run_exe(tmp_path / "app" / "prog"), where=("main", "Probed"))


def test_build_from_a_subdirectory(tmp_path, gorun):
    write_module(tmp_path, {"cmd/app/main.go": HELLO["main.go"]})
    gorun(["build", "-o", "prog", "."], tmp_path / "cmd" / "app", env=PROBE)
    assert_probed(run_exe(tmp_path / "cmd" / "app" / "prog"))
    gorun(["build", "-o", "prog2", "./cmd/app"], tmp_path, env=BOTH)
    assert_probed(run_exe(tmp_path / "prog2"), linked=True)


def test_relative_rule_paths_are_relative_to_where_go_ran(tmp_path, gorun):
    """ORCH_RULES=relative/path means relative to go's working directory,
    also for the nested go command that builds the injected package (it
    runs in orch's own module under $WORK)."""
    write_module(tmp_path, LIB)
    env = dict(PROBE, ORCH_RULES=os.path.relpath(PACK, tmp_path))
    gorun(["build", "-o", "prog", "."], tmp_path, env=env)
    assert_probed(run_exe(tmp_path / "prog"), where=("main", "Probed"))


@pytest.mark.parametrize("goos", ["windows", "darwin"])
def test_cross_compilation(tmp_path, gorun, goos):
    write_module(tmp_path, LIB)
    gorun(["build", "-o", "prog", "."], tmp_path, env={**BOTH, "GOOS": goos, "GOARCH": "amd64"})
    data = (tmp_path / "prog").read_bytes()
    assert data[:2] == (b"MZ" if goos == "windows" else b"\xcf\xfa")
    for text in (b"probe: hello from ", b"linked: target called from "):
        assert text in data


def test_two_builds_at_once(tmp_path, goenv):
    from support import run_go
    roots = []
    for name in ("one", "two"):
        files = dict(HELLO)
        files["main.go"] = files["main.go"].replace("main ran", f"{name} ran")
        roots.append(write_module(tmp_path / name, files, module=f"example.com/{name}"))
    results = {}

    def build(root):
        results[root] = run_go(["build", "-o", "prog", "."], root, base_env=goenv, env=BOTH, check=False)

    threads = [threading.Thread(target=build, args=(r,)) for r in roots]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for root, name in zip(roots, ("one", "two")):
        proc = results[root]
        assert proc.returncode == 0, proc.stderr
        out = run_exe(os.path.join(root, "prog"))
        assert f"{name} ran" in out
        assert_probed(out, linked=True)
