"""orch-linkdeps as a stage: replayed by hand, packages of the user's own
module graph, injection cycles, records."""

import json
import os
import subprocess

import pytest

from support import ROOT, write_module

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, "testdata", "pack")
# The nested go command runs in every build (no results saved across builds).
PROBE = {"ORCH_NO_BUILTIN": "1", "ORCH_RULES": PACK, "ORCH_RESOLVE_CACHE": "off"}
LINKDEPS = os.path.join(ROOT, "bin", "orch-linkdeps")

HELLO = {
    "main.go": """
        package main

        import "fmt"

        func main() { fmt.Println("main ran") }
    """,
}


def orch_linkdeps(step: dict, *args, env=None) -> dict:
    proc = subprocess.run([LINKDEPS, *args], input=json.dumps(step), capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_replay_compile_and_link_by_hand(tmp_path, gorun, goenv):
    """A build keeps its steps (ORCH_DEBUG_DIR) and its $WORK (-work); the
    compile and link of main are then replayed with orch-linkdeps and the
    real tools, and the program runs the injected code."""
    write_module(tmp_path / "src", HELLO)
    debug = tmp_path / "debug"
    proc = gorun(["build", "-work", "-o", "prog", "."], tmp_path / "src",
                 env={**PROBE, "ORCH_DEBUG_DIR": str(debug)})
    work = proc.stderr.split("WORK=", 1)[1].split()[0]
    env = {**goenv, **PROBE}     # a replay needs the build's environment (the rules)
    try:
        step = json.loads((debug / "compile" / "example.com%m" / "2-rewrite.json").read_text())
        assert step["rewrite"]["added_imports"] == ["orchtest.dev/probe"]
        out = orch_linkdeps(step, env=env)
        info = out["linkdeps"]
        assert list(info["added"]) == ["orchtest.dev/probe"]
        assert "import orchtest.dev/probe" in info["record"]
        assert out["after"] == ["linkdeps"]
        argv = out["argv"]
        assert argv[argv.index("-importcfg") + 1] == info["importcfg"]
        subprocess.run([out["tool_path"], *argv], cwd=out["dir"], check=True)
        orch_linkdeps(out, "--after", env=env)
        from orch.toolchain import archive
        archive_path = argv[argv.index("-o") + 1]
        record = archive.member(os.path.join(out["dir"], archive_path), "orch.linkdeps").decode()
        assert record.splitlines()[0] == "orch.linkdeps 1" and "import orchtest.dev/probe" in record

        link = json.loads((debug / "link" / "example.com%m" / "0-input.json").read_text())
        # Link the archive just replayed, whatever go had picked from its cache.
        link["argv"][-1] = os.path.join(out["dir"], archive_path)
        linked = orch_linkdeps(link, env=env)
        assert "orchtest.dev/probe" in linked["linkdeps"]["added"]
        exe = tmp_path / "replayed"
        argv = linked["argv"]
        argv[argv.index("-o") + 1] = str(exe)
        subprocess.run([linked["tool_path"], *argv], cwd=linked["dir"], check=True)
        run = subprocess.run([str(exe)], capture_output=True, text=True)
        assert "probe: hello from main" in run.stderr and "main ran" in run.stdout
    finally:
        import shutil
        shutil.rmtree(work, ignore_errors=True)


def test_untouched_steps_are_left_alone():
    from orch.stages import linkdeps
    step = {"tool": "compile", "argv": ["-o", "x.a", "-p", "example.com/x", "-pack", "x.go"],
            "rewrite": {"files": {}, "added_imports": [], "link_deps": []}}
    out = linkdeps.run(dict(step))
    assert out["linkdeps"] == {} and "after" not in out and out["argv"] == step["argv"]
    # unsafe never has an archive: nothing to supply, nothing to record
    step["rewrite"]["added_imports"] = ["unsafe"]
    assert linkdeps.run(dict(step))["linkdeps"] == {}


def test_record_format():
    from orch.stages import linkdeps
    from orch.errors import OrchError
    data = linkdeps.encode_record({"b", "a"}, {"x"})
    assert data == b"orch.linkdeps 1\nimport a\nimport b\nlink x\n"
    assert linkdeps.decode_record(data, "p.a") == ({"a", "b"}, {"x"})
    with pytest.raises(OrchError, match="another orch version"):
        linkdeps.decode_record(b"orch.linkdeps 99\n", "p.a")


def test_bad_steps_are_one_line_errors():
    for step in ({"tool": "asm"}, {"tool": "link", "argv": ["-o", "x"]}):
        proc = subprocess.run([LINKDEPS], input=json.dumps(step), capture_output=True, text=True)
        assert proc.returncode == 2 and proc.stderr.startswith("orch-linkdeps: ")
        assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


USER_GRAPH = {
    "main.go": """
        package main

        import "example.com/m/lib"

        func main() { lib.CallsExtra() }
    """,
    "lib/lib.go": """
        package lib

        // CallsExtra gets a call to example.com/m/extra injected.
        func CallsExtra() { println("lib ran") }
    """,
    "extra/extra.go": """
        package extra

        func init() { println("extra: init") }

        func Hello() { println("extra: hello") }
    """,
}


def test_package_of_the_users_module_graph(tmp_path, gorun):
    write_module(tmp_path, USER_GRAPH)
    for flags in ([], ["-trimpath"]):
        gorun(["build", *flags, "-o", "prog", "."], tmp_path, env=PROBE)
        run = subprocess.run([str(tmp_path / "prog")], capture_output=True, text=True)
        assert "extra: init" in run.stderr and "extra: hello" in run.stderr and "lib ran" in run.stderr


def test_injection_cycle_is_reported(tmp_path, gorun):
    write_module(tmp_path, {
        "main.go": """
            package main

            import "example.com/m/cyc/a"

            func main() { a.CycleA() }
        """,
        "cyc/a/a.go": """
            package a

            // CycleA gets a call to package b injected; b imports a.
            func CycleA() {}
        """,
        "cyc/b/b.go": """
            package b

            import "example.com/m/cyc/a"

            func Hello() { a.CycleA() }
        """,
    })
    proc = gorun(["build", "-o", "prog", "."], tmp_path, env=PROBE, check=False, timeout=600)
    assert proc.returncode != 0
    assert ("injection cycle: the code injected into example.com/m/cyc/a imports example.com/m/cyc/b, "
            "which depends on example.com/m/cyc/a") in proc.stderr, proc.stderr


def test_results_saved_across_builds(tmp_path, goenv, monkeypatch):
    """A second build reuses the first one's answers (no go list) while every
    archive they name exists; a missing archive or a changed rule file, or
    ORCH_RESOLVE_CACHE=off, means go list again."""
    from orch.toolchain import resolve
    for k, v in {**goenv, **PROBE, "XDG_CACHE_HOME": str(tmp_path / "cache")}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ORCH_RESOLVE_CACHE")
    go = subprocess.run(["go", "env", "GOROOT", "GOTOOLDIR"], capture_output=True, text=True, check=True,
                        env=goenv).stdout.split()
    runs = []
    real = resolve.run_go_list

    def counting(*args):
        runs.append(args[2])
        return real(*args)
    monkeypatch.setattr(resolve, "run_go_list", counting)

    def resolve_in_a_new_build(n):
        work = tmp_path / f"go-build{n}"
        (work / "b001").mkdir(parents=True)
        step = {"tool": "compile", "tool_path": os.path.join(go[1], "compile"), "import_path": "example.com/x",
                "build": {"go_argv": ["go", "build", "-toolexec", os.path.join(ROOT, "bin", "orch-toolexec")],
                          "go_cwd": str(tmp_path), "module_root": None}}
        ctx = resolve.Context(step, str(work / "b001" / "_pkg_.a"), "off")
        return resolve.resolve(ctx, ["orchtest.dev/probe"])

    first = resolve_in_a_new_build(1)
    assert len(runs) == 1 and os.path.isfile(first.exports["orchtest.dev/probe"])
    assert "fmt" in first.closures["orchtest.dev/probe"]
    second = resolve_in_a_new_build(2)
    assert len(runs) == 1 and second.exports == {q: first.exports[q] for q in second.exports}
    resolve_in_a_new_build(3)
    assert len(runs) == 1
    # An archive that go's cache trimming removed: go list again.
    saved = next((tmp_path / "cache" / "orch" / "resolve").glob("*.json"))
    doc = json.loads(saved.read_text())
    doc["exports"]["orchtest.dev/probe"] = str(tmp_path / "gone.a")
    saved.write_text(json.dumps(doc))
    resolve_in_a_new_build(4)
    assert len(runs) == 2
    # Other rules in force: the standard library may be instrumented otherwise.
    monkeypatch.setenv("ORCH_RULES", PACK + ":" + os.path.join(HERE, "testdata", "linked"))
    resolve_in_a_new_build(5)
    assert len(runs) == 3
    monkeypatch.setenv("ORCH_RESOLVE_CACHE", "off")
    resolve_in_a_new_build(6)
    assert len(runs) == 4
