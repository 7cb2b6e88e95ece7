"""ar members and importcfg files, against archives made by the real compiler."""

import os
import subprocess

import pytest

from orch.errors import OrchError
from orch.toolchain import archive, importcfg

LIB = """package lib

import "strings"

func Shout(s string) string { return strings.ToUpper(s) + "!" }
"""

MAIN = """package main

import (
	"fmt"
	"example.com/lib"
)

func main() { fmt.Println(lib.Shout("archives")) }
"""


_tooldir = []
_goenv = []


def gotool(name: str) -> str:
    """A tool of the toolchain the tests use (ORCH_TEST_GOTOOLCHAIN)."""
    return os.path.join(_tooldir[0], name)


@pytest.fixture(scope="module", autouse=True)
def tooldir(goenv):
    out = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True, check=True, env=goenv)
    _tooldir[:] = [out.stdout.strip()]
    _goenv[:] = [goenv]


def go_tool(*args) -> subprocess.CompletedProcess:
    """`go tool ...` (pack and buildid are built on demand since Go 1.25)."""
    return subprocess.run(["go", "tool", *args], capture_output=True, text=True, check=True, env=_goenv[0])


@pytest.fixture(scope="module")
def std_cfg(tmp_path_factory, goenv):
    """An importcfg for fmt, strings and runtime's closure, from the test cache."""
    out = subprocess.run(["go", "list", "-export", "-deps", "-f",
                          "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}", "fmt", "strings"],
                         capture_output=True, text=True, env=goenv, check=True)
    path = tmp_path_factory.mktemp("cfg") / "std.cfg"
    path.write_text(out.stdout)
    return str(path)


def compile_lib(tmp_path, std_cfg, source=LIB):
    src = tmp_path / "lib.go"
    src.write_text(source)
    out = tmp_path / "lib.a"
    subprocess.run([gotool("compile"), "-p", "example.com/lib", "-importcfg", std_cfg, "-o", str(out),
                    "-pack", str(src)], check=True, capture_output=True)
    return str(out)


def test_members_of_a_compiled_archive(tmp_path, std_cfg):
    a = compile_lib(tmp_path, std_cfg)
    names = [n for n, _, _ in archive.members(a)]
    assert names[:2] == ["__.PKGDEF", "_go_.o"]
    assert archive.member(a, "orch.linkdeps") is None
    assert archive.member(a, "__.PKGDEF").startswith(b"go object ")


@pytest.mark.parametrize("payload", [b"12345678", b"odd length", b"line\n" * 333])
def test_append_then_read_back_any_size(tmp_path, std_cfg, payload):
    a = compile_lib(tmp_path, std_cfg)
    before = os.path.getsize(a)
    archive.append(a, "orch.linkdeps", payload)
    archive.append(a, "orch.other", b"second member")
    assert archive.member(a, "orch.linkdeps") == payload
    assert archive.member(a, "orch.other") == b"second member"
    assert os.path.getsize(a) % 2 == 0
    assert os.path.getsize(a) == before + 60 + len(payload) + (len(payload) & 1) + 60 + 14
    # go's own archive reader agrees on the members.
    listing = go_tool("pack", "t", a)
    assert listing.stdout.split() == ["__.PKGDEF", "_go_.o", "orch.linkdeps", "orch.other"]


def test_toolchain_ignores_the_extra_member(tmp_path, std_cfg):
    """The compiler imports the archive and the linker links it, with the
    member appended; go tool buildid still reads its build id."""
    a = compile_lib(tmp_path, std_cfg)
    archive.append(a, "orch.linkdeps", b"orch.linkdeps 1\nimport fmt\n")
    main_src = tmp_path / "main.go"
    main_src.write_text(MAIN)
    cfg = tmp_path / "main.cfg"
    cfg.write_text(open(std_cfg).read() + f"packagefile example.com/lib={a}\n")
    main_a = tmp_path / "main.a"
    subprocess.run([gotool("compile"), "-p", "main", "-importcfg", str(cfg), "-o", str(main_a), "-pack",
                    str(main_src)], check=True, capture_output=True)
    archive.append(str(main_a), "orch.recipe", b"{\"v\": 1}   ")
    link_cfg = tmp_path / "link.cfg"
    link_cfg.write_text(open(std_cfg).read() + f"packagefile example.com/lib={a}\n")
    exe = tmp_path / "prog"
    subprocess.run([gotool("link"), "-importcfg", str(link_cfg), "-o", str(exe), str(main_a)],
                   check=True, capture_output=True)
    assert subprocess.run([str(exe)], capture_output=True, text=True).stdout == "ARCHIVES!\n"
    go_tool("buildid", a)


def test_copy_members_carries_native_objects(tmp_path, std_cfg):
    a = compile_lib(tmp_path, std_cfg)
    archive.append(a, "x_cgo.o", b"\x7fELF fake object")
    archive.append(a, "orch.linkdeps", b"a record")
    dst = tmp_path / "copy.a"
    dst.write_bytes(archive.MAGIC)
    archive.copy_members(a, str(dst), skip={"__.PKGDEF", "_go_.o", "orch.linkdeps"})
    assert [n for n, _, _ in archive.members(str(dst))] == ["x_cgo.o"]
    assert archive.member(str(dst), "x_cgo.o") == b"\x7fELF fake object"


def test_not_an_archive(tmp_path):
    bad = tmp_path / "bad.a"
    bad.write_bytes(b"hello world, not an archive")
    with pytest.raises(OrchError, match="not a Go package archive"):
        archive.member(str(bad), "x")
    truncated = tmp_path / "trunc.a"
    truncated.write_bytes(archive.MAGIC + b"__.PKGDEF   0  ")
    with pytest.raises(OrchError, match="corrupt member header"):
        archive.members(str(truncated))


def test_member_limits(tmp_path, std_cfg):
    with pytest.raises(ValueError):
        archive.header("a-name-longer-than-16", 1)
    with pytest.raises(ValueError):     # go's reader peeks 8 bytes into a member
        archive.append(compile_lib(tmp_path, std_cfg), "orch.x", b"short")


# --- importcfg ---------------------------------------------------------------

def test_importcfg_round_trip_keeps_go_text(tmp_path):
    text = ("# import config\npackagefile fmt=/c/fmt.a\n"
            "importmap golang.org/x/net/http2/hpack=vendor/golang.org/x/net/http2/hpack\n"
            'modinfo "0w\\xaf"\n')
    path = tmp_path / "importcfg"
    path.write_text(text)
    cfg = importcfg.read(str(path))
    assert cfg.packagefile == {"fmt": "/c/fmt.a"}
    assert cfg.has("golang.org/x/net/http2/hpack") and cfg.has("fmt") and not cfg.has("os")
    assert cfg.render() == text
    cfg.add("os", "/c/os.a")
    cfg.add("fmt", "/elsewhere/fmt.a")      # go's entry wins
    out = importcfg.write(cfg, str(tmp_path / "importcfg.orch"))
    written = open(out).read()
    assert written.startswith(text) and written.endswith("packagefile os=/c/os.a\n")
    assert importcfg.read(out).packagefile == {"fmt": "/c/fmt.a", "os": "/c/os.a"}


def test_importcfg_errors_name_the_line(tmp_path):
    path = tmp_path / "importcfg"
    path.write_text("packagefile fmt=/x\npackagefile broken\n")
    with pytest.raises(OrchError, match=r"importcfg:2: invalid packagefile"):
        importcfg.read(str(path))
    with pytest.raises(OrchError, match="cannot read importcfg"):
        importcfg.read(str(tmp_path / "missing"))


def test_completed_importcfg_feeds_the_real_compiler(tmp_path, std_cfg):
    """A package compiles against an archive that only orch's copy lists."""
    a = compile_lib(tmp_path, std_cfg)
    user = tmp_path / "user.go"
    user.write_text('package user\n\nimport "example.com/lib"\n\nvar X = lib.Shout("x")\n')
    cfg = importcfg.read(std_cfg)
    cfg.add("example.com/lib", a)
    path = importcfg.write(cfg, str(tmp_path / "cfg.orch"))
    subprocess.run([gotool("compile"), "-p", "example.com/user", "-importcfg", path, "-o",
                    str(tmp_path / "user.a"), "-pack", str(user)], check=True, capture_output=True)
