"""The export data reader against go/types, with the real toolchain.

For standard-library types, the method sets and implements() answers that
orch.types reads from the archives `go list -export` names must be the ones
go/types computes from the same archives (testdata/methodsets)."""

import pytest

from orch.types import archive  # noqa: E402
from orch.types.errors import ExportDataError  # noqa: E402
from orch.types.importer import Importer  # noqa: E402
from orch.types.methodset import implements, method_set  # noqa: E402

TYPES = ["io.Writer", "io.ReadWriteCloser", "error", "context.Context", "net/http.Handler",
         "*bytes.Buffer", "bytes.Buffer", "*database/sql.DB", "database/sql.DB",
         "net/http.HandlerFunc", "*net/http.Request", "net/http.ResponseWriter",
         "*net/http.Server", "*os.File", "*strings.Builder", "strings.Reader",
         "*strings.Reader", "*sync.Mutex", "*sync.RWMutex", "*container/list.List",
         "*sync/atomic.Int64", "*sync/atomic.Value", "*encoding/json.Decoder",
         "encoding/json.RawMessage", "*encoding/json.RawMessage", "net.Conn", "*net.TCPConn",
         "net.TCPConn", "net.Error", "*net/http.Client", "net/http.Header",
         "*database/sql.Tx", "database/sql.Result", "*net.OpError", "*net/http.Transport"]
IFACES = ["io.Writer", "io.Reader", "io.Closer", "io.ReadWriteCloser", "error",
          "context.Context", "net/http.Handler", "io.WriterTo", "sync.Locker", "net.Conn",
          "net.Error", "encoding/json.Marshaler", "net/http.RoundTripper"]


@pytest.fixture(scope="module")
def reference(go_types):
    return go_types(TYPES + ["--"] + IFACES)


def test_method_sets_agree_with_go_types(files, reference):
    imp = Importer(files)
    got = {}
    for spec in TYPES:
        ms = method_set(imp.type(spec))
        assert ms is not None, spec
        got[spec] = sorted(ms)
    assert got == reference[0]


def test_implements_agrees_with_go_types(files, reference):
    imp = Importer(files)
    got = {(t, i): implements(imp.type(t), imp.type(i)) for t in TYPES for i in IFACES}
    assert got == reference[1]
    assert got[("*bytes.Buffer", "io.Writer")] and not got[("bytes.Buffer", "io.Writer")]


def test_lazy(files):
    """A question about one type decodes only what it touches."""
    imp = Importer(files)
    t = imp.type("net/http.Handler")
    assert sorted(method_set(t)) == ["ServeHTTP"]
    pkg = imp.package("net/http")
    assert len(pkg._typs) < 20
    assert set(imp._pkgs) == {"net/http"}


def test_objects(files):
    imp = Importer(files)
    assert imp.lookup("io", "EOF").kind == "var"
    assert str(imp.lookup("io", "EOF").type) == "error"
    assert imp.lookup("io", "SeekStart").value == ("int", 0)
    f = imp.lookup("net/http", "Get")
    assert str(f.type) == "func(string) (*net/http.Response, error)"
    assert imp.lookup("io", "NoSuchThing") is None
    assert imp.type("nosuch/pkg.T") is None
    # an alias: os.PathError = io/fs.PathError
    assert str(imp.type("os.PathError")) == "io/fs.PathError"
    # a generic type and its instance's methods
    if "iter" in files:
        seq = imp.lookup("iter", "Seq")
        assert seq.kind == "type" and [p.name for p in seq.type.tparams()] == ["V"]
    ptr = imp.type("*sync/atomic.Pointer")
    assert sorted(method_set(ptr)) == ["CompareAndSwap", "Load", "Store", "Swap"]


def test_damaged_archive(tmp_path, files):
    bad = tmp_path / "bad.a"
    data = open(files["io"], "rb").read()
    bad.write_bytes(data[:200])
    imp = Importer({"io": str(bad)})
    assert imp.type("io.Writer") is None
    assert "bad.a" in imp.errors["io"]
    with pytest.raises(ExportDataError):
        archive.read_file(str(tmp_path / "missing.a"))
    junk = tmp_path / "junk.a"
    junk.write_bytes(b"!<arch>\n" + b"__.PKGDEF       " + b"0" * 32 + b"20        `\n" + b"x" * 20)
    with pytest.raises(ExportDataError):
        archive.read_file(str(junk))
