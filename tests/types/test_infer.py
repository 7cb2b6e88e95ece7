"""Type-argument inference (orch.types.infer) against go/types type-checking
the same package (testdata/generic, with its package lib read from export
data, go/types by testdata/methodsets -exprs): the type of each call is go/types' or unknown, never another one;
calls on lines marked "known" must be typed, those marked "unknown" not."""

import os
import re
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

from orch.golang import ast, parse_file  # noqa: E402
from orch.types.exprs import Typer  # noqa: E402
from orch.types.importer import Importer  # noqa: E402
from orch.types.infer import GiveUp, core_term, infer  # noqa: E402
from orch.types.model import (BY_NAME, INVALID, Chan, Interface, Map, Named, Pointer,  # noqa: E402
                              Slice, TypeParam, Union, RECV)
from orch.types.source import SourcePackage  # noqa: E402

SRC = os.path.join(HERE, "testdata", "generic")
P = "example.com/generic"
ENV = dict(os.environ, GOTOOLCHAIN="local")


@pytest.fixture(scope="module")
def gen_files(go):
    """{import path: export data} of testdata/generic's dependencies (lib included)."""
    out = subprocess.run([go, "list", "-e", "-export", "-deps", "-f",
                          "{{.ImportPath}}={{.Export}}", "."], cwd=SRC, capture_output=True,
                         text=True, check=True, env=ENV).stdout
    return dict(kv for kv in (line.split("=", 1) for line in out.split()) if kv[1])


@pytest.fixture(scope="module")
def reference(go_types_exe, gen_files):
    """{(start, end): type} of each call in main.go, as go/types says."""
    stdin = "".join("%s=%s\n" % kv for kv in gen_files.items())
    out = subprocess.run([go_types_exe, "-exprs", SRC, P], input=stdin, capture_output=True,
                         text=True, check=True).stdout
    ref = {}
    for line in out.splitlines():
        name, start, end, typ = line.split(" ", 3)
        if name == "main.go":
            ref[(int(start), int(end))] = _norm(typ)
    return ref


def _norm(s):
    """Type strings as orch prints them: no spaces, byte and rune by their names."""
    s = re.sub(r"\brune\b", "int32", re.sub(r"\bbyte\b", "uint8", s))
    return s.replace(" ", "")


@pytest.fixture(scope="module")
def calls(gen_files):
    """[(call, its type by orch, its line's text, its column)] of main.go."""
    path = os.path.join(SRC, "main.go")
    src = open(path, "rb").read()
    tree = parse_file(src, path)
    sp = SourcePackage(P, [tree], Importer(gen_files))
    lines = src.decode().split("\n")
    out = []

    def visit(n, stack):
        if type(n) is ast.CallExpr:
            t = Typer(sp, tree, stack + [n]).typeof(n)
            start = src.rfind(b"\n", 0, n.pos) + 1
            out.append((n, t, lines[src[:start].count(b"\n")], n.pos - start))
        return True
    ast.inspect_stack(tree, visit)
    return out


def test_never_a_wrong_type(calls, reference):
    typed = 0
    for call, t, text, _ in calls:
        want = reference.get((call.pos, call.end))
        if t is not INVALID:
            assert _norm(str(t)) == want, text
            typed += 1
    assert typed > 40


def test_known_and_unknown(calls):
    known, unknown, wrong = 0, 0, []
    for call, t, text, col in calls:
        mark = text.rstrip().rsplit("// ", 1)[-1]
        builtin = type(call.Fun) is ast.Ident and call.Fun.Name in ("len", "append")
        if mark == "known" and not builtin:
            known += 1
            if t is INVALID:
                wrong.append(text.strip())
        if mark == "unknown" and col == text.find("_ = ") + 4:   # the whole right-hand side
            unknown += 1
            if t is not INVALID:
                wrong.append(text.strip())
    assert wrong == []
    assert known >= 40 and unknown == 3


# -- inference on its own ------------------------------------------------------------
INT, STRING = BY_NAME["int"], BY_NAME["string"]


def _tp(name, i, constraint=None):
    return TypeParam(name, i, (lambda: constraint) if constraint is not None else
                     (lambda: Interface([], [])))


def test_infer_units():
    t = _tp("T", 0)
    assert infer([t], [], [Slice(t)], [Slice(INT)]) == [INT]
    assert infer([t], [], [t, t], [INT, STRING]) is None            # T = int and string
    assert infer([t], [], [Slice(t)], [INT]) is None                 # not a slice
    assert infer([t], [], [t], [BY_NAME["float64"]]) == [BY_NAME["float64"]]
    k, v = _tp("K", 0), _tp("V", 1)
    assert infer([k, v], [], [Map(k, Pointer(v))], [Map(STRING, Pointer(INT))]) == [STRING, INT]
    # a receive-only parameter takes a bidirectional channel
    assert infer([t], [], [Chan(RECV, t)], [Chan(0, INT)]) == [INT]
    # not inferable from the arguments: no answer
    u = _tp("U", 1)
    assert infer([t, u], [], [t], [INT]) is None
    assert infer([t, u], [INT], [u], [STRING]) == [INT, STRING]


def test_infer_core_types():
    e = _tp("E", 1)
    s = _tp("S", 0, Interface([], [Union([(True, Slice(e))])], implicit=True))
    named = Named("p", "Ints", load=lambda: (Slice(INT), [], ()))
    assert infer([s, e], [], [s], [named]) == [named, INT]
    assert core_term(s.constraint()) == ((True, Slice(e)), True)
    # no core type: int | string
    ordered = Interface([], [Union([(True, INT), (True, STRING)])])
    assert core_term(ordered) is None
    # a single non-tilde type: the type parameter is that type
    t = _tp("T", 0)
    pt = _tp("PT", 1, Interface([], [Pointer(t)], implicit=True))
    assert infer([t, pt], [], [pt], [Pointer(INT)]) == [INT, Pointer(INT)]


def test_untyped_constants():
    from orch.types.infer import UNTYPED_FLOAT, UNTYPED_INT, UNTYPED_STRING
    from orch.types.model import BASICS
    t = _tp("T", 0)
    untyped_int, untyped_float, untyped_string = (BASICS[k] for k in (UNTYPED_INT, UNTYPED_FLOAT,
                                                                      UNTYPED_STRING))
    assert infer([t], [], [t], [untyped_int]) == [INT]
    assert infer([t], [], [t, t], [untyped_int, untyped_float]) == [BY_NAME["float64"]]
    assert infer([t], [], [t, t], [untyped_int, untyped_string]) is None
    # a typed argument wins over the untyped one
    assert infer([t], [], [t, t], [untyped_int, BY_NAME["int64"]]) == [BY_NAME["int64"]]
    # an argument orch cannot type: no answer
    with pytest.raises(GiveUp):
        infer([t], [], [t, t], [untyped_int, INVALID])
