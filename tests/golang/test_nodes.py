"""How nodes store their fields (see orch.golang.ast): a node is a view of
a record in its file's array, made on each read; names, literals and
comments are read from the source. Reading and assigning fields must
behave as plain go/ast-shaped attributes, and nodes compare by value."""

import sys

import pytest

from orch.golang import ast, parse_file, token

SRC = (b"package p\n\n"
       b"// Doc \xc3\xbc.\r\n"
       b"func f(a ...int) {\n"
       b"\tg(a...)\n"
       b"\th()\n"
       b"\ts := `raw\r\nstring` + \"h\xc3\xa9\"\n"
       b"\tfor k, v := range m {\n\t}\n"
       b"\tif x {\n\t} // trailing\n"
       b"}\n")


def tree():
    return parse_file(SRC)


def test_positions_read_as_offsets_and_assignable():
    f = tree()
    call = f.Decls[0].Body.List[0].X
    assert SRC[call.Lparen:call.Lparen + 1] == b"(" and SRC[call.Rparen:call.Rparen + 1] == b")"
    assert SRC[call.Ellipsis:call.Ellipsis + 3] == b"..."
    assert call.end == call.Rparen + 1
    h = f.Decls[0].Body.List[1].X
    assert h.Ellipsis is None and h.Args == []
    h.Rparen = h.Rparen + 1
    assert h.end == h.Rparen + 1 and h.Lparen + 2 == h.Rparen
    h.Ellipsis = 3
    assert h.Ellipsis == 3
    h.Ellipsis = None
    assert h.Ellipsis is None
    rng = f.Decls[0].Body.List[3]
    assert (SRC[rng.For:rng.For + 3], SRC[rng.TokPos:rng.TokPos + 2], SRC[rng.Range:rng.Range + 5]) == \
        (b"for", b":=", b"range")
    assert rng.Tok == token.DEFINE
    assign = f.Decls[0].Body.List[2]
    assert assign.Tok == token.DEFINE and SRC[assign.TokPos:assign.TokPos + 2] == b":="
    assert assign.Rhs[0].Op == token.ADD and SRC[assign.Rhs[0].OpPos] == ord("+")


def test_nodes_compare_by_tree_and_record():
    """Each read makes a new node object: equal, same hash, usable as a key."""
    f = tree()
    call = f.Decls[0].Body.List[0].X
    again = f.Decls[0].Body.List[0].X
    assert call == again and hash(call) == hash(again) and not (call != again)
    assert len({call, again}) == 1 and {call: 1}[again] == 1
    assert call != call.Fun and call.Fun == again.Fun and call != "g" and call is not None
    other = tree().Decls[0].Body.List[0].X     # the same text in another tree
    assert other != call and type(other) is type(call)
    a1 = f.Decls[0].Type.Params.List[0].Names[0]
    a2 = call.Args[0]
    assert a1.Name == a2.Name == "a" and a1 != a2 and len({a1, a2}) == 2
    assert type(a1) is ast.Ident and isinstance(a1, ast.Expr) and a1.Obj is None and bool(a1)
    assert repr(a1).startswith("<Ident 'a' @") and repr(call).startswith("<CallExpr @")
    with pytest.raises(TypeError):
        a1 < a2


def test_nodes_are_made_by_the_parser_only():
    with pytest.raises(TypeError, match="parse_file"):
        ast.Ident(0, "x")
    with pytest.raises(TypeError, match="parse_file"):
        ast.BlockStmt(0, [], 1)
    # ... and after a failed parse, still not (the parser's tree is released)
    with pytest.raises(Exception):
        parse_file(b"package p\nfunc (\n")
    with pytest.raises(TypeError):
        ast.BlockStmt(0, [], 1)


def test_assigning_children_and_lists():
    src = b"package p\nfunc f() {\n\tif x {\n\t}\n\ty := *p + g(1, 2)\n\treturn m[k]\n}\n"
    f = parse_file(src)
    body = f.Decls[0].Body.List
    ifs, assign, ret = body
    add = assign.Rhs[0]
    call = add.Y
    before = (ifs.If, assign.TokPos, add.OpPos, call.Lparen, call.Rparen, ret.Return)
    assert [src[o:o + 1] for o in before] == [b"i", b":", b"+", b"(", b")", b"r"]
    k = ret.Results[0].Index
    ifs.Cond = k
    assign.Lhs = [k, k]
    call.Args = call.Args + [k]
    ret.Results = []
    assert (ifs.If, assign.TokPos, add.OpPos, call.Lparen, call.Rparen, ret.Return) == before
    assert (ifs.Cond, assign.Lhs, [a.Name if type(a) is ast.Ident else a.Value for a in call.Args]) == \
        (k, [k, k], ["1", "2", "k"])
    assert ret.Results == [] and ret.end == before[5] + 6 and assign.pos == k.pos
    ifs.If, call.Rparen, add.OpPos = 5, 20_000, 7
    assert (ifs.If, ifs.pos, call.Rparen, call.end, add.OpPos, add.Op) == (5, 5, 20_000, 20_001, 7, token.ADD)
    call.Ellipsis = None
    assert call.Ellipsis is None
    ifs.Else = None
    assert ifs.Else is None and ifs.end == ifs.Body.end
    with pytest.raises(ValueError):
        ifs.Cond = tree().Decls[0].Name         # a node of another tree
    for leaf, field in ((k, "Name"), (k, "NamePos"), (call.Args[0], "ValuePos"), (call.Args[0], "Kind")):
        with pytest.raises(AttributeError):
            setattr(leaf, field, 1)


def test_deep_nesting_reads_positions_without_recursion():
    """pos and end are read in a loop down the records, not by recursion:
    every node's position reads within a recursion limit of 100."""
    n = 1500
    body = ("x := " + "f(" * n + ")" * n + "\n" + "{" * n + "}" * n + "\n"
            + "y := " + "T{" * 900 + "}" * 900 + "\nvar z " + "*" * n + "int\n"
            + "w := " + "(" * n + "w" + ")" * n + " + " + "- " * n + "w" + " + " + "a[" * n + "0" + "]" * n
            + " + " + "<-" * n + "c\nvar t " + "[]" * n + "int\n"
            + "s := " + " + ".join(["1"] * 5000) + "\n")
    src = ("package p\nfunc g() {\n" + body + "}\n").encode()
    f = parse_file(src)
    nodes = list(ast.walk(f))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        ends = [(x.pos, x.end) for x in nodes]
    finally:
        sys.setrecursionlimit(limit)
    assert f.Decls[0].Body.end == len(src) - 1 and len(ends) > 8 * n


def test_long_else_if_chains():
    """An else-if chain is parsed in a loop (go/parser recurses): any
    length parses, into the same tree."""
    n = 25_000      # more than the recursion limit the parser sets (20000)
    src = ("package p\nfunc f(x int) {\n\tif x == 0 {\n\t}"
           + "".join(f" else if x == {i} {{\n\t}}" for i in range(1, n)) + " else {\n\t}\n}\n").encode()
    f = parse_file(src)
    s, links = f.Decls[0].Body.List[0], 0
    assert s.end == len(src) - 3
    while type(s) is ast.IfStmt:
        assert src[s.pos:s.pos + 2] == b"if" and src[s.Body.end - 1] == ord("}")
        assert src[s.Cond.pos:s.Cond.end] == f"x == {links}".encode()
        s, links = s.Else, links + 1
    assert links == n and type(s) is ast.BlockStmt and s.end == len(src) - 3


def test_list_fields_are_lists():
    f = tree()
    body = f.Decls[0].Body
    for node in ast.walk(f):
        for name in node._children:
            v = getattr(node, name)
            assert v is None or isinstance(v, ast.Node) or type(v) is list, (node, name)
    call = body.List[0].X
    args = call.Args
    assert type(args) is list and len(args) == 1 and args == call.Args and args is not call.Args
    # Lists are built on each read: to change the tree, assign.
    h = body.List[1].X
    call.Args = args + [h.Fun]
    assert [a.Name for a in call.Args] == ["a", "h"]
    call.Args = []
    assert call.Args == [] and list(ast.children(call)) == [call.Fun]
    call.Args = (h.Fun,)
    assert type(call.Args) is list and call.Args[0].Name == "h"


def test_names_literals_and_comments_read_from_the_source():
    f = parse_file(b"package p\nvar a, b = 1, 1\n")
    one, other = f.Decls[0].Specs[0].Values
    assert type(one) is ast.BasicLit and one.Value == other.Value == "1" and one != other
    assert (one.ValuePos, one.ValueEnd, one.Kind) == (21, 22, token.INT)
    with pytest.raises(AttributeError):
        one.Value = "2"
    big = b'package p\nvar s = "' + b"x" * 1_000_000 + b'"\n'
    lit = parse_file(big).Decls[0].Specs[0].Values[0]
    assert (lit.pos, lit.end, len(lit.Value)) == (big.index(b'"'), len(big) - 1, 1_000_002)
    f = parse_file(b"package p\n// a\n// a\nvar x int\n")
    c1, c2 = f.Comments[0].List
    assert type(c1) is ast.Comment and c1.Text == c2.Text == "// a" and c1 != c2 and len({c1, c2}) == 2
    assert (c1.Slash, c1.pos, c1.end, c2.pos) == (10, 10, 14, 15)
    with pytest.raises(AttributeError):
        c1.Slash = 3
    big = b"package p\n//" + b"x" * 2_000_000 + b"\nvar x int\n"
    c = parse_file(big).Comments[0].List[0]
    assert (c.pos, c.end, len(c.Text)) == (10, 10 + 2_000_002, 2_000_002)
    u = parse_file("package p\nvar ünï = 1\n".encode()).Decls[0].Specs[0].Names[0]
    assert u.Name == "ünï" and u.end - u.pos == len("ünï".encode())
    # A name the parser makes up where one is missing ("_") is not source text.
    with pytest.raises(Exception) as e:
        parse_file(b"package p\nvar x = a.\n")
    assert "expected selector" in str(e.value)
    dot = parse_file(b'package p\nimport . "fmt"\n').Imports[0].Name
    assert (dot.Name, dot.pos, dot.end) == (".", 17, 18)


def test_text_from_source():
    f = tree()
    doc = f.Decls[0].Doc.List[0]
    assert doc.Text == "// Doc ü."            # '\r' dropped, UTF-8 decoded
    assert doc.end == doc.pos + len("// Doc ü.".encode())   # as Go: short of the '\r'
    lit = f.Decls[0].Body.List[2].Rhs[0]
    assert lit.X.Value == "`raw\nstring`" and lit.X.ValueEnd == SRC.index(b"` +") + 1
    assert lit.Y.Value == '"hé"' and SRC[lit.Y.pos:lit.Y.end] == '"hé"'.encode()
    assert f.Comments[-1].List[0].Text == "// trailing"
    assert f.Comments[-1].text() == "trailing\n"
    imp = parse_file(b'package p\nimport x "a/b"\n').Imports[0]
    assert imp.Path.Value == '"a/b"' and imp.Path.Kind == token.STRING and imp.Name.Name == "x"


def test_tree_memory_stays_compact(goroot):
    """Peak memory of parse_file, in a fresh interpreter (see
    tests/bench/bench_parser.py for the numbers): 3.0x for this file (9.2x
    with a Python object per node, 7.0x with Ident/BasicLit/Comment as
    floats); the bound leaves room for other Python versions."""
    import os
    import subprocess
    import sys
    path = os.path.join(goroot, "src", "runtime", "mprof.go")
    code = ("import sys, tracemalloc; sys.path.insert(0, sys.argv[1])\n"
            "import orch.golang.constraint, orch.golang.parser\n"
            "src = open(sys.argv[2], 'rb').read()\n"
            "tracemalloc.start(); t = orch.golang.parse_file(src)\n"
            "print(tracemalloc.get_traced_memory()[1] / len(src))\n")
    lib = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lib")
    out = subprocess.run([sys.executable, "-c", code, lib, path], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 5, out.stdout
