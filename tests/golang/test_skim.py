"""parse_file's skim: a skimmed tree is the whole tree without the inside
of the blocks it skipped, on the same GOROOT sample that test_goroot checks
against go/parser, and the skip never runs past a brace that does not count."""

import bisect

import pytest

from orch.golang import GoSyntaxError, ast, parse_file

from test_goroot import parsed_sample

FUNCLESS = (b"func",)    # the needle of a function literal


def _blocks_left_empty(tree):
    """(lbrace, rbrace) of the function bodies and literal values that have
    nothing in them (skipped, or empty in the source)."""
    out = set()
    for n in ast.walk(tree):
        k = type(n).__name__
        if k == "BlockStmt" and not n.List:
            out.add((n.Lbrace, n.Rbrace))
        elif k == "CompositeLit" and not n.Elts:
            out.add((n.Lbrace, n.Rbrace))
    return out


def _nodes(tree, outside=(), comments=True):
    """(kind, pos, end) of every node, but those inside the given blocks
    (and comments if not `comments`)."""
    # (the blocks nest or are apart: the nearest one opened before a node
    # holds it if any does, once the blocks inside others are dropped)
    spans, outer = sorted(outside), []
    for lb, rb in spans:
        if not outer or lb > outer[-1][1]:
            outer.append((lb, rb))
    starts = [lb for lb, _ in outer]
    out = []
    for n in ast.walk(tree):
        i = bisect.bisect_left(starts, n.pos) - 1
        if i >= 0 and n.end <= outer[i][1]:
            continue
        if not comments and type(n).__name__ in ("Comment", "CommentGroup"):
            continue
        out.append((type(n).__name__, n.pos, n.end))
    return out


def _same_but_skipped(whole, skimmed, skim):
    empty = _blocks_left_empty(skimmed)
    comments = skim != "signatures"     # which keeps none
    return _nodes(whole, empty, comments) == _nodes(skimmed, (), comments)


def test_goroot_sample_skims_to_the_whole_tree_without_blocks(goroot):
    checked = skipped = 0
    for p, src, whole in parsed_sample(goroot, 2):   # (half: the whole is ~1 min)
        for skim in ("signatures", FUNCLESS):
            t = parse_file(src, p, skim=skim)
            assert _same_but_skipped(whole, t, skim), (p, skim)
            skipped += len(_blocks_left_empty(t)) - len(_blocks_left_empty(whole))
        funclits = [(n.pos, n.end, n.Body.Lbrace, n.Body.Rbrace)
                    for n in ast.walk(whole) if type(n).__name__ == "FuncLit"]
        assert funclits == [(n.pos, n.end, n.Body.Lbrace, n.Body.Rbrace)
                            for n in ast.walk(parse_file(src, p, skim=FUNCLESS))
                            if type(n).__name__ == "FuncLit"], p
        checked += 1
    assert checked >= 450 and skipped > 5000


TRICKY = b'''package p

var table = [...]int{1, 2, 3}
var m = map[string]string{"{": "}", `}`: "{"}

func f() int {
	s := "}}}\\"}"
	r := '}'
	q := '\\''
	/* } */
	// }
	x := `
}`
	_, _, _, _ = s, r, q, x
	return len(table)
}

func g() func() int {
	return func() int { return 1 }
}

// T has a doc comment.
type T struct{ a int }

func (T) M() error { return nil }
'''


@pytest.mark.parametrize("skim", ["signatures", FUNCLESS], ids=["signatures", "funcless"])
def test_braces_that_do_not_count(skim):
    whole = parse_file(TRICKY, "t.go")
    t = parse_file(TRICKY, "t.go", skim=skim)
    assert _same_but_skipped(whole, t, skim)
    assert (t.Comments == []) == (skim == "signatures")
    funcs = {d.Name.Name: d for d in t.Decls if type(d).__name__ == "FuncDecl"}
    assert funcs["f"].Body.List == [] and funcs["M"].Body.List == []
    lits = [n for n in ast.walk(t) if type(n).__name__ == "CompositeLit"]
    assert [len(x.Elts) for x in lits] == [0, 0]
    # The needle b"func" keeps the body that holds a function literal.
    assert (funcs["g"].Body.List != []) == (skim == FUNCLESS)


def test_what_is_not_terminated_is_parsed_and_rejected():
    src = b'package p\n\nfunc f() {\n\ts := "}\n}\n'
    for skim in (None, "signatures", FUNCLESS):
        with pytest.raises(GoSyntaxError) as e:
            parse_file(src, "u.go", skim=skim)
        assert "string literal not terminated" in str(e.value)


def test_line_directive_keeps_the_block():
    src = b'package p\n\nfunc f() {\n//line other.go:100\n\tx := 1\n\t_ = x\n}\n\nfunc g() {}\n'
    t = parse_file(src, "l.go", skim="signatures")
    f = t.Decls[0]
    assert f.Body.List != []
    g = t.Decls[1]
    assert t.position(g.pos)[0] == "other.go"


def test_syntax_error_inside_a_skipped_body_is_not_seen():
    # Documented: a skimmed tree is never rewritten (the rewrite parses whole).
    src = b'package p\n\nfunc f() {\n\tx := := 1\n}\n'
    with pytest.raises(GoSyntaxError):
        parse_file(src, "e.go")
    assert parse_file(src, "e.go", skim="signatures").Decls[0].Body.List == []


def test_needles_keep_the_blocks_that_hold_them():
    src = b'package p\n\nimport "net/http"\n\nfunc a() { http.Get("u") }\n\nfunc b() { _ = 1 }\n\nvar c = []int{1}\n'
    t = parse_file(src, "n.go", skim=(b"Get",))
    a, b, c = t.Decls[1], t.Decls[2], t.Decls[3]
    assert a.Body.List != [] and b.Body.List == [] and c.Specs[0].Values[0].Elts == []
    assert parse_file(src, "n.go", skim=()).Decls[1].Body.List == []
