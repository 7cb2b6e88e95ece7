"""ORCH_DEBUG_DIR/timings.jsonl: one line per dispatched call, nothing without the switch."""

import json
import os
import subprocess

from support import TOOLEXEC


def fake_compile(tmp_path):
    """A stand-in compiler that exits at once, and a package for it."""
    tool = tmp_path / "compile"
    tool.write_text("#!/bin/sh\nexit 0\n")
    tool.chmod(0o755)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.go").write_text('package pkg\n\nimport "strings"\n\nfunc F(s string) string { return strings.ToUpper(s) }\n')
    work = tmp_path / "b001"
    work.mkdir()
    argv = ["-o", str(work / "_pkg_.a"), "-p", "example.com/pkg", "-lang=go1.22", "-complete", "-pack",
            str(pkg / "a.go")]
    return str(tool), argv, str(pkg)


def read_lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def test_untouched_compile_and_version_are_timed(tmp_path, goenv):
    tool, argv, pkg = fake_compile(tmp_path)
    debug = tmp_path / "debug"
    # Its own cache: the launcher takes this test process for a go process,
    # and another test's version call may have left it a summary.
    env = dict(goenv, ORCH_DEBUG_DIR=str(debug), TOOLEXEC_IMPORTPATH="example.com/pkg", ORCH_NO_BUILTIN="1",
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    # A parent with a large peak (as go, or this test runner late in a run):
    # Linux carries ru_maxrss across the vfork+exec that starts orch, so a
    # naive measure would report the parent's peak as orch's.
    ballast = b"x" * (300 << 20)
    subprocess.run([TOOLEXEC, tool] + argv, cwd=pkg, env=env, check=True)
    del ballast
    compile_ = os.path.join(subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True,
                                           check=True).stdout.strip(), "compile")
    out = subprocess.run([TOOLEXEC, compile_, "-V=full"], env=env, capture_output=True, text=True, check=True)
    lines = read_lines(debug / "timings.jsonl")
    assert [r["kind"] for r in lines] == ["compile-untouched", "version"]
    c, v = lines
    assert c["import_path"] == "example.com/pkg"
    assert {"step", "plan", "rewrite", "linkdeps", "debug-save"} <= set(c["stages"])
    assert "tool" not in c["stages"]          # the compiler was exec'd: its time is not orch's
    assert 0 < c["startup_cpu"] <= c["cpu"]
    assert 0 < c["maxrss_kb"] < 100 * 1024       # orch's own peak: the target is under 100 MB
    assert v["answer"] == out.stdout.strip()
    assert set(v["stages"]) == {"version"}


def test_nothing_is_written_without_the_switch(tmp_path, goenv):
    tool, argv, pkg = fake_compile(tmp_path)
    env = dict(goenv, TOOLEXEC_IMPORTPATH="example.com/pkg", ORCH_NO_BUILTIN="1", HOME=str(tmp_path / "home"))
    subprocess.run([TOOLEXEC, tool] + argv, cwd=pkg, env=env, check=True)
    assert not any("timings" in n for _, _, names in os.walk(tmp_path) for n in names)


def test_a_relative_debug_dir_is_relative_to_where_go_ran(tmp_path, gorun):
    """A relative ORCH_DEBUG_DIR means one directory, where go was started,
    also for orch's nested go command (it runs in a module under $WORK)."""
    from support import write_module
    from test_fastpath import PROGRAM
    salt = f'package plain\n\nconst SALT = "{os.getpid()}-{tmp_path.name}"\n'   # new source: compiled
    mod = write_module(tmp_path / "m", dict(PROGRAM, **{"plain/salt.go": salt}))
    gorun(["build", "-o", str(tmp_path / "app"), "."], mod,
          env={"ORCH_DEBUG_DIR": "dbg", "ORCH_RESOLVE_CACHE": "off"})   # off: the nested go command runs
    assert [d for d, _, _ in os.walk(mod) if os.path.basename(d) == "dbg"] == [os.path.join(mod, "dbg")]
    kinds = {r["kind"] for r in read_lines(os.path.join(mod, "dbg", "timings.jsonl"))}
    assert {"compile-rewritten", "compile-fast"} <= kinds, kinds
    assert os.path.exists(os.path.join(mod, "dbg", "nested1", "timings.jsonl"))
