"""Link calls answered by the launcher (lib/orch/fastpath.py, "link calls
answered by the launcher"), with the real toolchain.

go links again when nothing was compiled (`-o /dev/null`, a deleted
binary, `go test -count=1`): once Python has answered such a link, the
launcher answers the same link itself, with the same result byte for byte,
and never from an answer that no longer holds or that someone else wrote.
The launcher then keeps the linker's output, and the next such link copies
it (link-memo) instead of running the linker.
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


def link(src, goenv, tmp_path, env=None, umask=None):
    """Build app afresh (go links again, compiling nothing new): the kind of
    the link call (link: Python, link-fast: the launcher, link-memo: the
    launcher copied a binary it kept) and the binary."""
    debug = tmp_path / f"debug-{time.time_ns()}"
    exe = os.path.join(src, "app")
    if os.path.exists(exe):
        os.unlink(exe)
    full = dict(goenv, XDG_CACHE_HOME=str(tmp_path / "cache"), ORCH_DEBUG_DIR=str(debug))
    full.update(env or {})
    proc = subprocess.run(["go", "build", "-toolexec", TOOLEXEC, "-o", "app", "."], cwd=src, env=full,
                          capture_output=True, text=True, timeout=900,
                          preexec_fn=None if umask is None else (lambda: os.umask(umask)))
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


def test_a_relink_copies_the_binary_the_launcher_kept(module, goenv, tmp_path):
    """Byte for byte what the linker wrote, and with the mode it would have
    given it (0775 less the umask, which go keeps when it moves the binary)."""
    def link_and_mode():
        kind, binary = link(module, goenv, tmp_path, umask=0o002)
        return kind, binary, os.stat(os.path.join(module, "app")).st_mode & 0o7777
    kind, first, mode = link_and_mode()
    assert kind == "link" and mode == 0o775
    later = [link_and_mode() for _ in range(4)]
    kinds = [k for k, _, _ in later]
    assert "link-memo" in kinds and kinds.index("link-fast") < kinds.index("link-memo")
    assert all(binary == first and m == mode for _, binary, m in later)
    assert len(memo_files(tmp_path, "out-*")) == 1
    assert not memo_files(tmp_path, "tmp-out-*")


def test_a_kept_binary_is_not_copied_for_another_link(module, goenv, tmp_path):
    """GO_EXTLINK_ENABLED changes go's link action ID (in -buildid) and
    nothing the link answer checks: the launcher links."""
    link(module, goenv, tmp_path)
    kinds = [k for k, _ in relinks(module, goenv, tmp_path)]
    assert "link-memo" in kinds
    def build_id():
        return subprocess.run(["go", "tool", "buildid", os.path.join(module, "app")], env=goenv,
                              capture_output=True, text=True, check=True).stdout
    kind, binary = link(module, goenv, tmp_path, env={"GO_EXTLINK_ENABLED": "0"})
    assert kind in ("link", "link-fast")
    first_id = build_id()
    assert len(memo_files(tmp_path, "out-*")) == (2 if kind == "link-fast" else 1)
    kind, again = link(module, goenv, tmp_path, env={"GO_EXTLINK_ENABLED": "0"})
    assert again == binary
    assert build_id() == first_id


@pytest.mark.parametrize("ldflags", ["-v", "-buildid="])
def test_a_link_with_other_outputs_is_not_kept(module, goenv, tmp_path, ldflags):
    """-ldflags=-v makes the linker print, -buildid= hides go's link action
    ID: every relink runs the linker."""
    env = {"GOFLAGS": goenv.get("GOFLAGS", "") + " -ldflags=" + ldflags}
    link(module, goenv, tmp_path, env)
    kinds = [k for k, _ in relinks(module, goenv, tmp_path, env)]
    assert "link-fast" in kinds and "link-memo" not in kinds
    assert not memo_files(tmp_path, "out-*")


def test_the_launcher_keeps_the_newest_twelve_binaries(module, goenv, tmp_path):
    link(module, goenv, tmp_path)
    link(module, goenv, tmp_path)       # Python remembers the answer; nothing kept yet
    d = tmp_path / "cache" / "orch" / "link"
    old = time.time() - 3600
    for i in range(14):
        f = d / f"out-{i:064x}"
        f.write_bytes(b"old")
        os.utime(f, (old + i, old + i))
    kinds = [k for k, _ in relinks(module, goenv, tmp_path)]
    assert "link-fast" in kinds
    left = sorted(os.path.basename(f) for f in memo_files(tmp_path, "out-*"))
    assert len(left) == 12
    assert f"out-{0:064x}" not in left and f"out-{13:064x}" in left


def test_python_tidies_old_binaries_and_leftovers(tmp_path):
    from orch import fastpath
    d = tmp_path / "link"
    d.mkdir()
    now = time.time()
    ages = {"out-" + "a" * 64: fastpath.LINK_KEEP_S + 60, "out-" + "b" * 64: 60,
            "tmp-out-123": fastpath.LINK_LEFTOVER_S + 60, "tmp-out-456.stderr": 5}
    for name, age in ages.items():
        (d / name).write_bytes(b"x")
        os.utime(d / name, (now - age, now - age))
    fastpath._forget_old_links(str(d))
    assert sorted(os.listdir(d)) == ["out-" + "b" * 64, "tmp-out-456.stderr"]
