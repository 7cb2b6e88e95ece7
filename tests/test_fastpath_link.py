"""Link calls answered by the launcher (lib/orch/fastpath.py, "link calls
answered by the launcher"), with the real toolchain.

go links again when nothing was compiled (`-o /dev/null`, a deleted
binary, `go test -count=1`): once Python has answered such a link, the
launcher answers the same link itself, with the same result byte for byte,
and never from an answer that no longer holds or that someone else wrote.
"""

import glob
import json
import os
import subprocess
import time

import pytest

from support import TOOLEXEC, write_module
from otlp_receiver import read_file

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


@pytest.fixture
def module(tmp_path):
    src = write_module(tmp_path / "m", PROGRAM)
    time.sleep(2.1)     # the launcher remembers answers for inputs 2 s old
    return src


def link(src, goenv, tmp_path, env=None):
    """Build app afresh (go links again, compiling nothing new): the kind of
    the link call (link: Python, link-fast: the launcher) and the binary."""
    debug = tmp_path / f"debug-{time.time_ns()}"
    exe = os.path.join(src, "app")
    if os.path.exists(exe):
        os.unlink(exe)
    full = dict(goenv, XDG_CACHE_HOME=str(tmp_path / "cache"), ORCH_DEBUG_DIR=str(debug))
    full.update(env or {})
    proc = subprocess.run(["go", "build", "-toolexec", TOOLEXEC, "-o", "app", "."], cwd=src, env=full,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    kinds = [json.loads(line)["kind"] for line in open(debug / "timings.jsonl")]
    links = [k for k in kinds if k.startswith("link")]
    assert len(links) == 1, kinds
    with open(exe, "rb") as f:
        return links[0], f.read()


def relinks(src, goenv, tmp_path, env=None, times=3):
    """The kinds and binaries of a few links in a row (one in 32 goes to
    Python whatever happens: fastpath.py)."""
    return [link(src, goenv, tmp_path, env) for _ in range(times)]


def test_the_launcher_relinks_what_python_linked(module, goenv, tmp_path):
    kind, first = link(module, goenv, tmp_path)     # main compiled: nothing to remember
    assert kind == "link"
    later = relinks(module, goenv, tmp_path)
    assert "link-fast" in [k for k, _ in later]
    assert all(binary == first for _, binary in later)
    spans = tmp_path / "spans.jsonl"
    run = subprocess.run([os.path.join(module, "app")], capture_output=True, text=True,
                         env={"ORCH_TRACE_FILE": str(spans), "PATH": os.environ["PATH"]})
    assert run.stdout == "42\n"
    assert sorted(s.name for s in read_file(spans)) == ["GET", "work"]


def memo_files(tmp_path, pattern):
    return glob.glob(str(tmp_path / "cache" / "orch" / "link" / pattern))


@pytest.mark.parametrize("damage", ["cfg-*", "main-*.a", "link-*"])
def test_a_damaged_answer_is_not_used(module, goenv, tmp_path, damage):
    _, first = link(module, goenv, tmp_path)
    link(module, goenv, tmp_path)   # the first compiled main: this one is remembered
    files = memo_files(tmp_path, damage)
    assert files
    for f in files:
        with open(f, "r+b") as fh:
            data = fh.read()
            fh.seek(0)
            fh.write(bytes(b ^ 0x55 for b in data[:64]))
    kinds = relinks(module, goenv, tmp_path, times=2)
    assert kinds[0][0] == "link" and all(binary == first for _, binary in kinds)


def test_an_answer_that_no_longer_holds_is_not_used(module, goenv, tmp_path):
    _, first = link(module, goenv, tmp_path)
    link(module, goenv, tmp_path)   # the first compiled main: this one is remembered
    # Another GOFLAGS: the nested go command would build otherwise.
    kind, binary = link(module, goenv, tmp_path, env={"GOFLAGS": goenv.get("GOFLAGS", "") + " -ldflags=-s"})
    assert kind == "link"
    # An archive it names is gone (go trims its cache).
    for memo in memo_files(tmp_path, "link-*"):
        lines = open(memo).read().split("\n")
        lines[10] = lines[10] + " /nonexistent/gocache/entry-d"
        with open(memo, "w") as f:
            f.write("\n".join(lines))
    kind, binary = link(module, goenv, tmp_path)
    assert kind == "link" and binary == first


@pytest.mark.skipif(os.geteuid() != 0, reason="planting files as another user needs root (CI runs as root)")
def test_an_answer_another_user_wrote_is_not_used(module, goenv, tmp_path):
    _, first = link(module, goenv, tmp_path)
    link(module, goenv, tmp_path)   # the first compiled main: this one is remembered
    for f in memo_files(tmp_path, "*"):
        os.chown(f, 54321, 54321)
    kind, binary = link(module, goenv, tmp_path)
    assert kind == "link" and binary == first
