"""How nodes store their fields (see orch.golang.ast): packed and relative
positions, list fields, Ident and BasicLit as floats, BasicLit/Comment text
read from the source. Reading and assigning fields must behave as plain
go/ast-shaped attributes."""

import copy
import pickle

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


def test_constructors_take_the_go_ast_fields():
    c = ast.CallExpr(ast.Ident(0, "f"), 1, [ast.Ident(2, "x")], None, 3)
    assert (c.Lparen, c.Rparen, c.Ellipsis, c.pos, c.end) == (1, 3, None, 0, 4)
    assert [a.Name for a in c.Args] == ["x"]
    b = ast.BinaryExpr(X=ast.Ident(0, "a"), OpPos=2, Op=token.ADD, Y=ast.Ident(4, "b"))
    assert (b.OpPos, b.Op, b.end) == (2, token.ADD, 5)
    lit = ast.BasicLit(5, None, token.STRING, '"é"')
    assert (lit.Value, lit.Kind, lit.pos, lit.ValueEnd) == ('"é"', token.STRING, 5, 9)
    com = ast.Comment(7, "// x")
    assert (com.Text, com.pos, com.end) == ("// x", 7, 11)
    blk = ast.BlockStmt()
    assert (blk.Lbrace, blk.List, blk.Rbrace) == (None, [], None)
    ch = ast.ChanType(Begin=0, Arrow=None, Dir=ast.SEND | ast.RECV, Value=ast.Ident(5, "int"))
    ch.Dir, ch.Arrow = ast.RECV, 0
    assert (ch.Begin, ch.Arrow, ch.Dir) == (0, 0, ast.RECV)


def test_positions_near_a_child_stay_put_when_it_is_replaced():
    """Positions stored relative to a child (ast._near, _tok_near, CallExpr)
    keep their offsets when the child is assigned, and fall back to absolute
    offsets when they are far from it."""
    src = b"package p\nfunc f() {\n\tif x {\n\t}\n\ty := *p + g(1, 2)\n\treturn m[k]\n\t_ = T{k: 1}\n}\n"
    body = parse_file(src).Decls[0].Body.List
    ifs, assign, ret, kv = body[0], body[1], body[2], body[3].Rhs[0].Elts[0]
    add = assign.Rhs[0]
    star, call = add.X, add.Y
    before = (ifs.If, assign.TokPos, add.OpPos, star.Star, call.Lparen, call.Rparen, ret.Return, kv.Colon)
    assert [src[o:o + 1] for o in before] == [b"i", b":", b"+", b"*", b"(", b")", b"r", b":"]
    far = ast.Ident(10_000, "far")
    ifs.Cond = far
    assign.Lhs = [far]
    add.X = far
    call.Fun = far
    call.Args = [far]
    ret.Results = [far]
    kv.Key = far
    assert (ifs.If, assign.TokPos, add.OpPos, star.Star, call.Lparen, call.Rparen, ret.Return, kv.Colon) == before
    assert (ifs.Cond, assign.Lhs, add.X, call.Fun, call.Args, ret.Results, kv.Key) == \
        (far, [far], far, far, [far], [far], far)
    ifs.If, call.Rparen, add.OpPos = 5, 20_000, 7
    assert (ifs.If, call.Rparen, call.end, add.OpPos, add.Op) == (5, 20_000, 20_001, 7, token.ADD)
    ret.Results = []
    assert ret.Return == before[6] and ret.end == before[6] + 6


def test_positions_before_or_after_a_leaf_stay_put():
    """Star, OpPos, Lbrack/Rbrack, Lparen/Rparen are stored relative to a
    child whose pos or end reads in a step or two (ast._pos_o1, _end_o1):
    they keep their offsets when the child is assigned, and are absolute
    next to other children."""
    src = b"package p\nvar x = *p + -n + <-c + a[i] + (u ^ v) + len([]byte{}) + len([4]int{})\n"
    spec = parse_file(src).Decls[0].Specs[0]
    nodes = {type(n).__name__ + src[n.pos:n.end].decode(): n for n in ast.walk(spec)}
    star, neg, recv = nodes["StarExpr*p"], nodes["UnaryExpr-n"], nodes["UnaryExpr<-c"]
    idx, par = nodes["IndexExpra[i]"], nodes["ParenExpr(u ^ v)"]
    sl, arr = nodes["ArrayType[]byte"], nodes["ArrayType[4]int"]
    fields = ((star, "Star", "X"), (neg, "OpPos", "X"), (recv, "OpPos", "X"), (idx, "Lbrack", "X"),
              (idx, "Rbrack", "Index"), (par, "Lparen", "X"), (par, "Rparen", "X"),
              (sl, "Lbrack", "Elt"), (arr, "Lbrack", "Len"))
    before = [getattr(n, f) for n, f, _ in fields]
    assert [src[o:o + 1] for o in before] == [b"*", b"-", b"<", b"[", b"]", b"(", b")", b"[", b"["]
    assert all(n._p < 0xFF for n in (neg, recv, idx, par)) and star._Star == 1 and sl._Lbrack == 2
    deep = parse_file(b"package p\nvar y = f(g(h))\n").Decls[0].Specs[0].Values[0]
    for n, _, child in fields:
        setattr(n, child, deep)
    assert [getattr(n, f) for n, f, _ in fields] == before
    assert (neg.Op, recv.Op, idx.end, par.end, star.pos, sl.pos) == \
        (token.SUB, token.ARROW, before[4] + 1, before[6] + 1, before[0], before[7])
    for n, f, child in fields:
        setattr(n, f, 20_000)
        assert getattr(n, f) == 20_000 and getattr(n, child) is deep
    built = (ast.StarExpr(3, ast.Ident(4, "T")), ast.UnaryExpr(5, token.NOT, ast.Ident(6, "ok")),
             ast.IndexExpr(ast.Ident(0, "a"), 1, ast.Ident(2, "i"), 3),
             ast.ParenExpr(0, ast.Ident(1, "x"), 2), ast.ArrayType(0, None, ast.Ident(2, "T")))
    assert [(n.pos, n.end) for n in built] == [(3, 5), (5, 8), (0, 4), (0, 3), (0, 3)]


def test_brackets_stay_put_when_the_list_is_replaced():
    """Brackets stored relative to the first and last item (ast._brackets)."""
    src = b"package p\nfunc f(a int, b string) {\n\tx := T{1, 2}\n\ty()\n}\n"
    fn = parse_file(src).Decls[0]
    params, body = fn.Type.Params, fn.Body
    lit = body.List[0].Rhs[0]
    nodes = ((params, "Opening", "Closing", "List"), (body, "Lbrace", "Rbrace", "List"),
             (lit, "Lbrace", "Rbrace", "Elts"))
    before = [(getattr(n, o), getattr(n, c), n.pos, n.end) for n, o, c, _ in nodes]
    assert [src[o:o + 1] + src[c:c + 1] for o, c, _, _ in before] == [b"()", b"{}", b"{}"]
    for n, _, _, items in nodes:
        setattr(n, items, [ast.Ident(10_000, "far")])
    assert [(getattr(n, o), getattr(n, c), n.pos, n.end) for n, o, c, _ in nodes] == before
    for n, _, _, items in nodes:
        setattr(n, items, [])
    assert [(getattr(n, o), getattr(n, c), n.end) for n, o, c, _ in nodes] == [b[:2] + b[3:] for b in before]
    body.Rbrace = None
    assert body.Rbrace is None and body.end == body.Lbrace + 1


def test_rarely_set_fields_and_func_keyword():
    """Field and ValueSpec keep Doc/Tag/Comment in one slot (ast._rare);
    FuncType.Func is stored relative to the parameters."""
    src = b"package p\ntype T struct {\n\t// d\n\tA int `t` // c\n\tB int\n}\nvar v = 1 // c\nfunc (r T) m() {}\n"
    f = parse_file(src)
    a, b = f.Decls[0].Specs[0].Type.Fields.List
    assert (a.Doc.text(), a.Tag.Value, a.Comment.text()) == ("d\n", "`t`", "c\n")
    assert (b.Doc, b.Tag, b.Comment) == (None, None, None)
    assert list(ast.children(a)) == [a.Doc, a.Names[0], a.Type, a.Tag, a.Comment]
    a.Doc, a.Tag, b.Comment = None, None, a.Comment
    assert (a.Doc, a.Tag, a.Comment, b.Comment) == (None, None, b.Comment, a.Comment)
    a.Comment = None
    assert (a.Doc, a.Tag, a.Comment) == (None, None, None)
    v = f.Decls[1].Specs[0]
    assert v.Doc is None and v.Comment.text() == "c\n"
    ft = f.Decls[2].Type
    func = ft.Func
    assert src[func:func + 4] == b"func"
    ft.Params = ast.FieldList(20_000, [], 20_001)
    assert ft.Func == func and ft.pos == func


def test_deep_nesting_reads_positions_within_the_recursion_limit():
    """Brackets relative to their contents make an end a chain of reads
    down the tree; the parser stores absolute ones from ast._DEEP levels on,
    so reading pos and end stays within Python's default recursion limit."""
    n = 1500
    body = ("x := " + "f(" * n + ")" * n + "\n" + "{" * n + "}" * n + "\n"
            + "y := " + "T{" * 900 + "}" * 900 + "\nvar z " + "*" * n + "int\n"
            + "w := " + "(" * n + "w" + ")" * n + " + " + "- " * n + "w" + " + " + "a[" * n + "0" + "]" * n
            + " + " + "<-" * n + "c\nvar t " + "[]" * n + "int\n")
    src = ("package p\nfunc g() {\n" + body + "}\n").encode()
    f = parse_file(src)
    ends = [(x.pos, x.end) for x in ast.walk(f)]
    assert f.Decls[0].Body.end == len(src) - 1 and len(ends) > 8 * n


def test_list_fields_are_lists():
    f = tree()
    body = f.Decls[0].Body
    for node in ast.walk(f):
        for name in node._children:
            v = getattr(node, name)
            assert v is None or isinstance(v, ast.Node) or type(v) is list, (node, name)
    call = body.List[0].X
    args = call.Args
    assert type(args) is list and len(args) == 1 and args == call.Args
    # Short lists are built on each read: to change the tree, assign.
    call.Args = args + [ast.Ident(0, "b")]
    assert [a.Name for a in call.Args] == ["a", "b"]
    call.Args = []
    assert call.Args == [] and list(ast.children(call)) == [call.Fun]
    call.Args = (ast.Ident(0, "c"),)
    assert type(call.Args) is list and call.Args[0].Name == "c"


def test_ident_is_a_node_with_identity():
    f = tree()
    a1 = f.Decls[0].Type.Params.List[0].Names[0]
    a2 = f.Decls[0].Body.List[0].X.Args[0]
    assert type(a1) is ast.Ident and isinstance(a1, ast.Expr) and a1.Obj is None
    assert a1.Name == a2.Name == "a" and a1 is not a2
    assert a1 != a2 and a1 == a1 and len({a1, a2}) == 2 and hash(a1) != hash(a2)
    assert bool(ast.Ident(None, ""))
    assert repr(a1).startswith("<Ident 'a' @") and str(a1) == repr(a1)
    with pytest.raises(TypeError):
        a1 < a2
    with pytest.raises(AttributeError):
        a1.Name = "b"
    for c in (copy.copy(a1), copy.deepcopy(a1), pickle.loads(pickle.dumps(a1))):
        assert type(c) is ast.Ident and (c.Name, c.NamePos) == (a1.Name, a1.NamePos)
    u = parse_file("package p\nvar ünï = 1\n".encode()).Decls[0].Specs[0].Names[0]
    assert u.Name == "ünï" and u.end - u.pos == len("ünï".encode())


def test_basic_lit_is_a_node_with_identity():
    f = parse_file(b"package p\nvar a, b = 1, 1\n")
    one, other = f.Decls[0].Specs[0].Values
    assert type(one) is ast.BasicLit and one.Value == other.Value == "1" and one != other
    assert len({one, other}) == 2 and bool(ast.BasicLit(0, 0, token.INT, ""))
    with pytest.raises(AttributeError):
        one.Value = "2"
    for c in (copy.copy(one), copy.deepcopy(one), pickle.loads(pickle.dumps(one))):
        assert type(c) is ast.BasicLit and (c.ValuePos, c.ValueEnd, c.Kind, c.Value) == \
            (one.ValuePos, one.ValueEnd, one.Kind, one.Value)
    with pytest.raises(ValueError):
        ast.BasicLit(0, 5, token.STRING, '"x"')
    big = b'package p\nvar s = "' + b"x" * 1_000_000 + b'"\n'
    lit = parse_file(big).Decls[0].Specs[0].Values[0]
    assert (lit.pos, lit.end, len(lit.Value)) == (big.index(b'"'), len(big) - 1, 1_000_002)


def test_comment_is_a_node_with_identity():
    f = parse_file(b"package p\n// a\n// a\nvar x int\n")
    c1, c2 = f.Comments[0].List
    assert type(c1) is ast.Comment and c1.Text == c2.Text == "// a" and c1 != c2 and len({c1, c2}) == 2
    assert (c1.Slash, c1.pos, c1.end, c2.pos) == (10, 10, 14, 15) and bool(ast.Comment(None, None))
    with pytest.raises(AttributeError):
        c1.Slash = 3
    for c in (copy.copy(c1), copy.deepcopy(c1), pickle.loads(pickle.dumps(c1))):
        assert type(c) is ast.Comment and (c.Slash, c.Text, c.end) == (c1.Slash, c1.Text, c1.end)
    big = b"package p\n//" + b"x" * 2_000_000 + b"\nvar x int\n"
    c = parse_file(big).Comments[0].List[0]
    assert (c.pos, c.end, len(c.Text)) == (10, 10 + 2_000_002, 2_000_002)


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
    tests/bench/bench_parser.py for the numbers): ~7.0x for this file (9.2x
    before Ident/BasicLit/Comment became floats and positions near a child
    small ints); the bound leaves room for other Python versions."""
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
    assert float(out.stdout) < 10, out.stdout
