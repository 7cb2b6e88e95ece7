"""The public API: parse_file's tree, positions, comments, traversal.

Tricky but valid Go (generics, aliases, composite literals in headers,
labels, method values, directives ...) is also compared with go/parser.
"""

import astdump
import pytest

from orch.golang import GoSyntaxError, ast, parse_file, token

TRICKY = r'''//go:build go1.21 && (linux || darwin)

// Package p is tricky.
package p

import (
	"fmt"
	str "strings"
)

type (
	Number interface {
		~int | ~int64 | float64
	}
	Pair[K comparable, V any] struct {
		Key K
		Val V `json:"v"`
	}
	List[T any]       []T
	Alias[T any]      = Pair[string, T]
	Arr[N]            int
	Ptr[P *int]       struct{}
	Fn[F func(int) F] struct{}
	Set[E comparable] = map[E]struct{}
)

const (
	A = iota
	B
	C, D = 1 << iota, "x"
)

var x, y = (Pair[int, string]{}), []List[int]{{1, 2}, {}}

//orch:span name=sum
func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func (p *Pair[K, V]) Swap() (V, K) { return p.Val, p.Key }

func f(ch chan<- int, in <-chan <-chan int) {
	if x == (Pair[int, string]{}) {
	}
	for i := range 10 {
		_ = i
	}
	for range in {
	}
L:
	for {
		select {
		case v, ok := <-<-in:
			_, _ = v, ok
			break L
		case ch <- 1:
			continue L
		default:
			goto M
		}
	}
M:
	switch t := any(x).(type) {
	case int, string:
		fallthrough_ := t
		_ = fallthrough_
	case nil:
	}
	switch {
	case x.Key > 0:
		fallthrough
	default:
	}
	g := (*Pair[int, string]).Swap
	h := fmt.Sprintf
	_, _ = g, h
	_ = str.ToUpper("a" + `raw
string`)
	_ = []int{1, 2, 3}[1:2:3]
	_ = 'x' + '\n' + '\u00e9' + 0x1p-2 + 1_000i + .5e3
	defer func() { recover() }()
	go func(a, b int) {}(1, 2)
	var _ = struct {
		a, b int
		*Pair[int, int]
	}{}
	_ = map[string][]func() int{"a": {func() int { return 1 }}}
	_ = Sum[int]
	_ = Sum(1, 2)
	x.Key++
	*&x.Key--
	_ = !true && -1 < ^2 || 3&^4 != 5%6
}
'''


def test_tricky_source_matches_go_parser(tmp_path, goastdump):
    p = tmp_path / "tricky.go"
    p.write_text(TRICKY)
    go = goastdump([str(p)])[str(p)]
    assert not astdump.go_rejected(go), go[:3]
    assert astdump.compare(str(p), go, go_minor=goastdump.go_minor) is None


def test_positions_are_byte_offsets_and_splice():
    src = "package p\n\nvar s = \"héllo\" + x // ünïcode\n".encode()
    f = parse_file(src)
    spec = f.Decls[0].Specs[0]
    lit = spec.Values[0].X
    assert src[lit.pos:lit.end] == "\"héllo\"".encode()
    assert lit.Value == "\"héllo\""
    assert src[spec.Values[0].Y.pos:spec.Values[0].Y.end] == b"x"
    assert f.Comments[0].List[0].Text == "// ünïcode"
    assert f.FileStart == 0 and f.FileEnd == len(src)


def test_function_body_positions_for_insertion():
    src = b"package p\n\nfunc f(a int) (err error) {\n\treturn nil\n}\n"
    f = parse_file(src)
    fn = f.Decls[0]
    assert src[fn.Body.Lbrace:fn.Body.Lbrace + 1] == b"{"
    assert src[fn.Body.Rbrace:fn.Body.Rbrace + 1] == b"}"
    assert fn.Type.Func == fn.pos == 11
    assert src[fn.Type.Results.Opening] == ord("(")
    assert [n.Name for n in fn.Type.Results.List[0].Names] == ["err"]
    assert fn.end == len(src) - 1


def test_directive_comments_attach_to_what_follows():
    src = (b"package p\n\n//orch:ignore\n// Doc.\nfunc f() {\n\t//orch:span x\n\tg()\n"
           b"\th() //orch:inline\n}\n")
    f = parse_file(src)
    fn = f.Decls[0]
    assert [c.Text for c in fn.Doc.List] == ["//orch:ignore", "// Doc."]
    assert fn.Doc.text() == "Doc.\n"        # directives are not doc text
    stmt = fn.Body.List[0]
    # statements have no Doc field in go/ast: the group just before a node
    # is found through File.Comments and offsets
    before = [g for g in f.Comments if g.end <= stmt.pos][-1]
    assert before.List[0].Text == "//orch:span x"
    assert src[before.end:stmt.pos] == b"\n\t"


def test_walk_and_inspect_order():
    f = parse_file(b"package p\nfunc f() { a(b, c) }\n")
    kinds = [type(n).__name__ for n in ast.walk(f)]
    assert kinds == ["File", "Ident", "FuncDecl", "Ident", "FuncType", "FieldList", "BlockStmt",
                     "ExprStmt", "CallExpr", "Ident", "Ident", "Ident"]
    seen = []
    ast.inspect(f, lambda n: seen.append(n) or type(n) is not ast.CallExpr)
    assert seen.count(None) == len([n for n in seen if n is not None]) - 1   # CallExpr: no descent
    stacks = {}
    ast.inspect_stack(f, lambda n, st: stacks.setdefault(getattr(n, "Name", None), len(st)) or True)
    assert stacks["c"] == 5     # File, FuncDecl, BlockStmt, ExprStmt, CallExpr
    assert [type(c).__name__ for c in ast.children(f.Decls[0])] == ["Ident", "FuncType", "BlockStmt"]


def test_tokens_and_fields():
    f = parse_file(b"package p\nfunc f() { x := 1; x += 2; for k, v := range m {} }\n")
    body = f.Decls[0].Body.List
    assert body[0].Tok == token.DEFINE and token.string(body[1].Tok) == "+="
    assert body[2].Tok == token.DEFINE and body[2].Key.Name == "k"
    assert body[0].Rhs[0].Kind == token.INT
    assert ast.RangeStmt._fields == ("For", "Key", "Value", "TokPos", "Tok", "Range", "X", "Body")
    assert isinstance(body[0], ast.Stmt) and isinstance(body[0].Lhs[0], ast.Expr)


def test_go_version_and_line_directives():
    f = parse_file(b"//go:build go1.22 && !windows\n\npackage p\n\n//line gen.go:7:3\nvar x = 1\n", "a.go")
    assert f.GoVersion == "go1.22"
    x = f.Decls[0].Specs[0].Names[0]
    assert f.position(x.pos) == ("gen.go", 7, 7)
    assert f.position(x.pos, adjusted=False) == ("a.go", 6, 5)
    assert f.line(x.pos) == 6


def test_generic_methods_are_go_1_27():
    src = b"package p\ntype T struct{}\nfunc (T) m[P any](p P) {}\n"
    f = parse_file(src)
    assert f.Decls[1].Type.TypeParams.List[0].Names[0].Name == "P"
    from orch.golang.parser import parse_file as parse
    with pytest.raises(GoSyntaxError, match="method must have no type parameters"):
        parse(src, generic_methods=False)


def test_str_input_and_no_traceback_on_garbage():
    assert parse_file("package p").Name.Name == "p"
    for junk in (b"\x00\x01\x02", b"\xff\xfe\xff", b"}}}", b"package p\nfunc(((", b"(" * 5000):
        with pytest.raises(GoSyntaxError):
            parse_file(junk)
