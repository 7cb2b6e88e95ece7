"""Command lines: the compiler's, the linker's, and the parent go command's."""

import pytest

from orch.errors import OrchError
from orch.toolchain import flags, gocmd, workdir

COMPILE = ["-o", "/tmp/go-build1/b042/_pkg_.a", "-trimpath", "/tmp/go-build1/b042=>", "-p", "main",
           "-lang=go1.22", "-complete", "-buildid", "A/B", "-goversion", "go1.26.8", "-c=2", "-shared",
           "-nolocalimports", "-importcfg", "/tmp/go-build1/b042/importcfg", "-pack", "./main.go", "./util.go"]
LINK = ["-o", "/tmp/go-build1/b001/exe/a.out", "-importcfg", "/tmp/go-build1/b001/importcfg.link",
        "-X=runtime.godebugDefault=x=1", "-buildmode=exe", "-buildid=C/D", "-extld=gcc",
        "/tmp/go-build1/b001/_pkg_.a"]


def test_compile_args():
    a = flags.Args(COMPILE, "compile")
    assert a.get("o") == "/tmp/go-build1/b042/_pkg_.a"
    assert a.get("p") == "main" and a.get("lang") == "go1.22" and a.get("c") == "2"
    assert a.get("complete") is True and a.get("shared") is True and a.get("race") is None
    assert a.positionals() == ["./main.go", "./util.go"]
    changed = a.with_value("importcfg", "/new/cfg")
    assert changed[changed.index("-importcfg") + 1] == "/new/cfg" and len(changed) == len(COMPILE)
    assert flags.Args(changed, "compile").positionals() == a.positionals()
    added = a.with_value("pgoprofile", "/p.pgo")
    assert added[-3:] == ["-pgoprofile=/p.pgo", "./main.go", "./util.go"]
    assert a.with_value("lang", "go1.23")[6] == "-lang=go1.23"
    assert a.with_positionals(["x.go"])[-2:] == ["-pack", "x.go"]


def test_link_args():
    a = flags.Args(LINK, "link")
    assert a.get("importcfg") == "/tmp/go-build1/b001/importcfg.link"
    assert a.get("buildmode") == "exe" and a.get("X") == "runtime.godebugDefault=x=1"
    assert a.positionals() == ["/tmp/go-build1/b001/_pkg_.a"]


def test_response_files(tmp_path):
    rsp = tmp_path / "args"
    rsp.write_text("-p\nexample.com/a\\\\b\n-D\nline\\none\n./x.go\n")
    assert flags.expand(["-o", "x.a", f"@{rsp}"]) == ["-o", "x.a", "-p", "example.com/a\\b", "-D",
                                                     "line\none", "./x.go"]
    for arg in ("plain", "back\\slash", "new\nline"):
        assert flags.decode_arg(flags.encode_arg(arg)) == arg
    with pytest.raises(OrchError, match="cannot read response file"):
        flags.expand([f"@{tmp_path}/missing"])


def test_work_dir():
    assert workdir.work_dir("/tmp/go-build77/b042/_pkg_.a") == "/tmp/go-build77"
    assert workdir.work_dir("/tmp/go-build77/b001/exe/a.out") == "/tmp/go-build77"
    assert workdir.work_dir("/x/y/b001/_pkg_.a") == "/x/y"


def test_parent_go_flags():
    g = gocmd.parse(["go", "test", "-toolexec", "/x/orch-toolexec", "./...", "-race", "-run", "TestX",
                     "-coverpkg=./...", "-v", "-gcflags", "all=-N -l", "-args", "-foo"],
                    "/src", {"GOFLAGS": "-tags=a,b -mod=vendor"})
    assert g.sub == "test" and g.patterns == ["./..."]
    assert g.last("tags") == "a,b" and g.last("mod") == "vendor" and g.on("race")
    assert g.all("gcflags") == ["all=-N -l"] and g.last("toolexec") == "/x/orch-toolexec"
    assert ("run", "TestX") not in g.compile_flags()
    # go run: the package (or files) then the program's arguments.
    g = gocmd.parse(["go", "run", "-tags", "x", "main.go", "util.go", "arg1", "-v"], "/src", {})
    assert g.patterns == ["main.go", "util.go"] and g.last("v") is None
    g = gocmd.parse(["go", "run", ".", "-race"], "/src", {"GOFLAGS": ""})
    assert g.patterns == ["."] and not g.on("race")
    # The command line wins over GOFLAGS; -race=false turns it off.
    g = gocmd.parse(["go", "build", "-race=false", "./cmd/x"], "/src", {"GOFLAGS": "-race"})
    assert not g.on("race") and g.patterns == ["./cmd/x"]


def test_goflags_from_the_go_env_file(tmp_path):
    envfile = tmp_path / "env"
    envfile.write_text("GOFLAGS=-tags=fromfile\nGOPROXY=off\n")
    assert gocmd.goflags_words({"GOENV": str(envfile)}) == ["-tags=fromfile"]
    assert gocmd.goflags_words({"GOENV": str(envfile), "GOFLAGS": "-race"}) == ["-race"]
    assert gocmd.goflags_words({"GOENV": "off"}) == []
