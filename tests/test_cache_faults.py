"""orch's own cache directory under faults, with the real toolchain.

Whatever is in ${XDG_CACHE_HOME:-~/.cache}/orch (files cut short or emptied
by a crash, garbage, files planted by another user) and whatever state the
directory is in (read-only, full, owned by someone else, pointing nowhere),
a build succeeds and its binary is the instrumented one, nothing of orch's
is written outside the cache, and a damaged entry is written again. The
module has a package besides main so that the launcher's fast path decides
a compile call (lib is recompiled between builds: it has an //orch:span).
"""

import glob
import os
import shutil
import subprocess
import time

import pytest

from support import ROOT, TOOLEXEC, write_module
from otlp_receiver import read_file

PROGRAM = {
    "main.go": """
        package main

        import (
            "fmt"

            "example.com/m/lib"
        )

        func main() { fmt.Println(lib.Work()) }
        """,
    "lib/lib.go": """
        package lib

        //orch:span span.name:work
        func Work() int { return 42 }
        """,
}

IS_ROOT = os.geteuid() == 0


def orch_tree() -> set:
    """orch's files (bytecode aside): a build never writes among them."""
    return {os.path.join(d, f) for top in ("bin", "lib", "rules.d") for d, subdirs, files in os.walk(os.path.join(ROOT, top))
            for f in files if "__pycache__" not in d}


ORCH_TREE = orch_tree()


@pytest.fixture
def module(tmp_path):
    src = write_module(tmp_path / "m", PROGRAM)
    # The launcher remembers answers only for inputs at least 2 s old.
    past = time.time() - 10
    for d, _, files in os.walk(src):
        for f in files + ["."]:
            os.utime(os.path.join(d, f), (past, past))
    time.sleep(2.1)     # ctimes cannot be set back
    return src


def build(src, goenv, cache_env, tmp_path, change_lib=False, from_lib=False):
    """Build (recompiling lib if asked), run; assert the binary is traced.
    from_lib: run go in lib/ (`go build ..`), where the launcher has no
    answer remembered, so that Python answers go's version question."""
    if change_lib:
        lib = os.path.join(src, "lib", "lib.go")
        with open(lib, "a") as f:
            f.write(f"\n// changed {time.time_ns()}\n")
    env = dict(goenv)
    for k in ("XDG_CACHE_HOME", "HOME"):
        env.pop(k, None)
    env.update(cache_env)
    exe = os.path.join(str(tmp_path), "app")
    proc = subprocess.run(["go", "build", "-toolexec", TOOLEXEC, "-o", exe, ".." if from_lib else "."],
                          cwd=os.path.join(src, "lib") if from_lib else src, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "" and proc.stderr == "", proc.stdout + proc.stderr     # nothing to say
    spans = os.path.join(str(tmp_path), f"spans-{time.time_ns()}.jsonl")
    run = subprocess.run([exe], capture_output=True, text=True, env={"ORCH_TRACE_FILE": spans, "PATH": "/usr/bin:/bin"})
    assert run.stdout == "42\n", run.stderr
    assert [s.name for s in read_file(spans)] == ["work"]
    assert not glob.glob(os.path.join(src, "**", ".cache"), recursive=True)
    assert not [f for f in os.listdir(src) if f not in ("go.mod", "main.go", "lib")]
    assert orch_tree() == ORCH_TREE, "the build wrote into orch's own tree"


def cache_files(root, pattern):
    return sorted(glob.glob(os.path.join(root, "orch", pattern)))


@pytest.fixture
def xdg(tmp_path):
    root = tmp_path / "xdg"
    root.mkdir()
    return str(root)


DAMAGE = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[:len(data) // 2],
    "garbage": lambda data: b"\xff\xfe'\"`$(\n" * 3,
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("pattern", ["version/tool-*", "version/[0-9a-f]*", "fast/version-*", "fast/in-*.sh",
                                     "fast/sum-*.pat", "fast/sum-*.ips", "fast/sum-*.link", "python3",
                                     "resolve/*.json"])
def test_damaged_entries_are_ignored_and_written_again(module, goenv, xdg, tmp_path, pattern, how):
    env = {"XDG_CACHE_HOME": xdg, "HOME": str(tmp_path)}
    build(module, goenv, env, tmp_path)
    build(module, goenv, env, tmp_path, change_lib=True)     # the launcher's answers are in place now
    files = cache_files(xdg, pattern)
    if pattern == "resolve/*.json" and not files:
        pytest.skip("this build resolved nothing through the saved answers")
    assert files, f"no {pattern} after two builds: {os.listdir(os.path.join(xdg, 'orch'))}"
    before = {}
    for f in files:
        with open(f, "rb") as fh:
            before[f] = fh.read()
        with open(f, "wb") as fh:
            fh.write(DAMAGE[how](before[f]))
    build(module, goenv, env, tmp_path, change_lib=True)
    build(module, goenv, env, tmp_path, change_lib=True, from_lib=True)     # Python reads every memo
    build(module, goenv, env, tmp_path, change_lib=True)     # and once more, from what the last ones left
    if pattern.startswith(("version/", "fast/in-", "fast/sum-", "python3")):
        # written again (or, for content-addressed files, gone and replaced)
        for f in cache_files(xdg, pattern):
            with open(f, "rb") as fh:
                data = fh.read()
            assert data and data != DAMAGE[how](before.get(f, b"x" * 64)), f


def test_relative_xdg_cache_home_is_ignored(module, goenv, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    build(module, goenv, {"XDG_CACHE_HOME": ".cache", "HOME": str(home)}, tmp_path)
    assert os.path.isdir(home / ".cache" / "orch" / "fast")


def test_home_unset_uses_a_directory_of_this_user(module, goenv, tmp_path):
    root = f"/tmp/orch-{os.getuid()}"
    build(module, goenv, {}, tmp_path)
    st = os.stat(root)
    assert st.st_uid == os.getuid() and st.st_mode & 0o777 == 0o700


def test_cache_home_pointing_nowhere(module, goenv, tmp_path):
    build(module, goenv, {"XDG_CACHE_HOME": "/dev/null/nowhere", "HOME": "/nonexistent"}, tmp_path)
    build(module, goenv, {"XDG_CACHE_HOME": "/dev/null/nowhere", "HOME": "/nonexistent"}, tmp_path, change_lib=True)


@pytest.mark.skipif(not IS_ROOT, reason="planting files as another user needs root (CI runs as root)")
def test_files_planted_by_another_user_are_not_trusted(module, goenv, xdg, tmp_path):
    """Another local user who can write where orch's cache is (HOME unset:
    /tmp) plants an interpreter and fast-path answers; the build must run
    none of it and still succeed."""
    evil_uid = 54321
    marker = tmp_path / "evil-ran"
    evil_python = tmp_path / "evil-python"
    evil_python.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    os.chmod(evil_python, 0o755)
    root = os.path.join(xdg, "orch")
    os.makedirs(os.path.join(root, "fast"))
    with open(os.path.join(root, "python3"), "w") as f:
        f.write(f"{evil_python}\n")
    for d, _, fs in os.walk(root):
        os.chown(d, evil_uid, evil_uid)
        for f in fs:
            os.chown(os.path.join(d, f), evil_uid, evil_uid)
    os.chmod(root, 0o777)
    build(module, goenv, {"XDG_CACHE_HOME": xdg, "HOME": str(tmp_path)}, tmp_path)
    build(module, goenv, {"XDG_CACHE_HOME": xdg, "HOME": str(tmp_path)}, tmp_path, change_lib=True)
    assert not marker.exists()
    assert not [f for f in os.listdir(root) if os.stat(os.path.join(root, f)).st_uid != evil_uid]

    # A directory of ours with planted files in it (it was open to others).
    mine = tmp_path / "mine"
    (mine / "orch").mkdir(parents=True)
    build(module, goenv, {"XDG_CACHE_HOME": str(mine), "HOME": str(tmp_path)}, tmp_path)
    os.chmod(mine / "orch", 0o777)
    with open(mine / "orch" / "python3", "w") as f:
        f.write(f"{evil_python}\n")
    os.chown(mine / "orch" / "python3", evil_uid, evil_uid)
    for slot in glob.glob(str(mine / "orch" / "fast" / "*")):
        os.chown(slot, evil_uid, evil_uid)
    build(module, goenv, {"XDG_CACHE_HOME": str(mine), "HOME": str(tmp_path)}, tmp_path, change_lib=True)
    assert not marker.exists()
    assert os.stat(mine / "orch").st_mode & 0o022 == 0       # orch closed it again


def mount_tmpfs(path, options):
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)


@pytest.mark.skipif(not IS_ROOT, reason="mounting a small file system needs root (CI runs as root)")
def test_full_cache_file_system(module, goenv, tmp_path):
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "size=64k")
    try:
        os.makedirs(disk / "orch" / "fast", mode=0o700)
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 512):
                pass
        except OSError:
            pass        # full
        os.close(fd)
        env = {"XDG_CACHE_HOME": str(disk), "HOME": str(tmp_path)}
        build(module, goenv, env, tmp_path)
        build(module, goenv, env, tmp_path, change_lib=True)
        leftovers = [os.path.join(d, f) for d, _, fs in os.walk(disk / "orch") for f in fs]
        # Empty by design: the prune stamp (paths.prune_cache) and lock files.
        empty_by_design = [f for f in leftovers if f.endswith((os.sep + "pruned", ".lock"))]
        assert all(os.path.getsize(f) > 0 for f in leftovers if f not in empty_by_design), leftovers
        assert not [f for f in leftovers if ".tmp" in f or os.path.basename(f).startswith("python3.")], leftovers
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.skipif(not IS_ROOT, reason="a read-only file system needs root to mount (CI runs as root)")
def test_read_only_cache(module, goenv, xdg, tmp_path):
    env = {"XDG_CACHE_HOME": xdg, "HOME": str(tmp_path)}
    build(module, goenv, env, tmp_path)
    ro = tmp_path / "ro"
    ro.mkdir()
    subprocess.run(["mount", "--bind", xdg, str(ro)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
        env = {"XDG_CACHE_HOME": str(ro), "HOME": str(tmp_path)}
        build(module, goenv, env, tmp_path, change_lib=True)
        build(module, goenv, env, tmp_path, change_lib=True)
    finally:
        subprocess.run(["umount", str(ro)], check=False)
    shutil.rmtree(xdg, ignore_errors=True)
