"""The package's own declarations from its source files, against go/types
type-checking the same files (testdata/srcpkg): method sets and implements."""

import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

from orch.golang import parse_file  # noqa: E402
from orch.types.importer import Importer  # noqa: E402
from orch.types.methodset import implements, method_set  # noqa: E402
from orch.types.source import SourcePackage  # noqa: E402


SRC = os.path.join(HERE, "testdata", "srcpkg")
P = "example.com/srcpkg"
NAMES = ["CustomContext", "PtrReader", "ValReader", "Wrapper", "ByValue", "Twice", "flusher",
         "Box", "IntBox", "HandlerImpl", "Ambiguous", "MyErr", "MyWriter", "Closer"]
TYPES = [P + "." + n for n in NAMES] + ["*" + P + "." + n for n in NAMES[:-2]]
IFACES = ["io.Reader", "io.Writer", "context.Context", "net/http.Handler", "error",
          "sync.Locker", P + ".MyWriter", P + ".Closer", P + ".Reader2", P + ".Handler",
          "io.WriterTo"]


@pytest.fixture(scope="module")
def reference(go_types):
    return go_types(["-src", SRC, P] + TYPES + ["--"] + IFACES)


@pytest.fixture(scope="module")
def pkg(files):
    trees = []
    for n in sorted(os.listdir(SRC)):
        if n.endswith(".go"):
            p = os.path.join(SRC, n)
            trees.append(parse_file(open(p, "rb").read(), p))
    return SourcePackage(P, trees, Importer(files))


def test_method_sets(pkg, reference):
    got = {}
    for spec in TYPES:
        ms = method_set(pkg.resolve(spec))
        got[spec] = sorted(ms) if ms is not None else None
    assert got == reference[0]


def test_implements(pkg, reference):
    got = {(t, i): implements(pkg.resolve(t), pkg.resolve(i)) for t in TYPES for i in IFACES}
    assert got == reference[1]
    assert got[("*" + P + ".CustomContext", "context.Context")]
    assert got[("*" + P + ".PtrReader", "io.Reader")] and not got[(P + ".PtrReader", "io.Reader")]


def test_unknown_is_no_match(pkg):
    assert pkg.resolve(P + ".Nope") is None
    assert not implements(pkg.resolve(P + ".Nope"), pkg.resolve("io.Reader"))
    assert not implements(pkg.resolve(P + ".PtrReader"), pkg.resolve("nosuch.Iface"))


def test_functions_and_generics(pkg):
    box = pkg.resolve(P + ".Box")
    assert [p.name for p in box.tparams()] == ["T"]
    ib = pkg.resolve(P + ".IntBox")
    assert str(ib) == P + ".Box[int]"
    get = [m for m in ib.methods() if m.name == "Get"][0]
    assert str(get.sig) == "func() int" and get.ptr_recv
