"""Types of packages a compile's importcfg does not list (it names direct
imports only): from the deep export data of the packages it does list
(Importer.deep_lookup), else, for standard-library interfaces, from
GOROOT's source (orch.types.stdsource). Checked against each package's own
export data, with the real toolchains."""

import os
import subprocess

import pytest

from orch.types import stdsource  # noqa: E402
from orch.types.importer import Importer  # noqa: E402
from orch.types.methodset import implements  # noqa: E402
from orch.types.model import Interface, Pointer  # noqa: E402


@pytest.fixture(scope="module")
def goroot(go):
    return subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True,
                          env=dict(os.environ, GOTOOLCHAIN="local")).stdout.strip()


def _methods(t):
    ms = t.underlying().all_methods()
    return None if ms is None else {k: m.sig for k, m in ms.items()}


def test_deep_export_data(files):
    """fmt's export data declares io.Writer and io.Reader in full: a compile
    that imports fmt and not io knows them, methods and all."""
    only_fmt = Importer({"fmt": files["fmt"]})
    full = Importer(files)
    for name in ("Writer", "Reader"):
        got = only_fmt.type("io." + name)
        assert got is not None, name
        assert _methods(got) == _methods(full.type("io." + name))
    assert only_fmt.package("io") is None          # still not an import of the compile
    assert only_fmt.type("io.Closer") is None      # fmt does not name io.Closer
    assert only_fmt.type("io.NoSuchType") is None
    buf = Importer({"bytes": files["bytes"]})
    assert implements(Pointer(buf.type("bytes.Buffer")), buf.type("io.Writer"))
    assert not implements(buf.type("bytes.Buffer"), buf.type("io.Writer"))


def test_std_source(files, goroot):
    """io.Closer, not in fmt's export data, is read from GOROOT/src/io."""
    imp = Importer({"fmt": files["fmt"], "os": files["os"]}, goroot=goroot)
    closer = imp.type("io.Closer")
    assert closer is not None
    assert _methods(closer) == _methods(Importer(files).type("io.Closer"))
    assert implements(imp.type("*os.File"), closer)
    assert not implements(imp.type("os.File"), closer)
    rwc = imp.type("io.ReadWriteCloser")   # embeds Reader, Writer, Closer
    assert rwc is not None and sorted(_methods(rwc)) == ["Close", "Read", "Write"]
    assert Importer({"fmt": files["fmt"]}).type("io.Closer") is None    # no GOROOT: no answer


def test_listed_but_unreadable(tmp_path, files, goroot):
    """A package the importcfg lists with an unreadable archive gets no
    answer from elsewhere."""
    bad = tmp_path / "io.a"
    bad.write_bytes(b"!<arch>\ngarbage")
    imp = Importer({"io": str(bad), "fmt": files["fmt"]}, goroot=goroot)
    assert imp.type("io.Writer") is None and imp.type("io.Closer") is None


@pytest.mark.parametrize("path", ["io", "context", "net/http", "database/sql", "errors",
                                  "sync", "os", "net", "encoding/json", "strings", "bytes"])
def test_std_source_agrees_with_export_data(files, goroot, path):
    """Each exported interface of the package read from source is either
    refused (None) or has the methods of the package's own export data."""
    if path not in files:
        pytest.skip(path + " not in this toolchain")
    full = Importer(files)
    pkg = full.package(path)
    answered = 0
    for name in pkg.names():
        obj = pkg.lookup(name)
        if not name[:1].isupper() or obj is None or obj.kind != "type" \
                or not isinstance(obj.type.underlying(), Interface):
            continue
        for resolver in (Importer({}, goroot=goroot), full):
            t = stdsource.interface(goroot, path, name, resolver)
            if t is not None:
                answered += 1
                assert _methods(t) == _methods(obj.type), name
    if path == "io":
        assert answered > 10


def test_every_build():
    assert stdsource._every_build("io.go", b"package io\n")
    assert not stdsource._every_build("file_unix.go", b"//go:build unix\n\npackage os\n")
    assert not stdsource._every_build("sys_linux.go", b"package os\n")
    assert not stdsource._every_build("x_amd64.go", b"package os\n")
    assert not stdsource._every_build("x_test.go", b"package os\n")
    assert not stdsource._every_build("cgo.go", b'package net\n\nimport "C"\n')
    assert stdsource.std_dir("/nonexistent", "io") is None
    assert stdsource.std_dir("/", "example.com/x") is None


def test_never_a_wrong_implements(files, goroot, go_types):
    """Each type with an importer that lists only the type's package (and
    fmt): the interfaces come from deep export data or GOROOT's source, and
    implements() says what go/types says, or False where it cannot know."""
    from test_exportdata import IFACES, TYPES
    _, reference = go_types(TYPES + ["--"] + IFACES)
    from orch.types.model import split_spec
    known = 0
    for spec in TYPES:
        path = split_spec(spec)[1]
        listed = {p: files[p] for p in (path, "fmt") if p in files}
        for iface in IFACES:
            imp = Importer(listed, goroot=goroot)
            got = implements(imp.type(spec), imp.type(iface))
            assert not got or reference[(spec, iface)], (spec, iface)
            known += got == reference[(spec, iface)] and got
    assert known > 20
