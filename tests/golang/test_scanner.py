"""The scanner: lossless segmentation, token kinds, semicolon insertion."""

import os

import pytest
from test_goroot import sample

from orch.golang import scanner, token as T


def _kinds(src: str):
    toks, errors = scanner.tokens(src.encode())
    return [(T.STRINGS[k], lit) for k, _, lit in toks], errors


def _lossless(src: bytes):
    segs = list(scanner.segments(src))
    assert b"".join(src[a:b] for _, a, b in segs) == src
    at = 0
    for kind, a, b in segs:
        assert a == at
        at = b
        if kind is None:
            # between tokens only blanks (and a BOM at the very start)
            gap = src[a:b]
            assert gap.strip(b" \t\r\n") == b"" or (a == 0 and gap.startswith(b"\xef\xbb\xbf")), gap
    toks, _ = scanner.tokens(src)
    for kind, pos, lit in toks:
        if kind not in (T.EOF,) and not (kind == T.SEMICOLON and lit == "\n"):
            assert src[pos:pos + len(lit)] == lit.encode("latin-1")


def test_lossless_on_goroot_sample(goroot):
    for path in sample(os.path.join(goroot, "src"))[::3]:
        with open(path, "rb") as f:
            _lossless(f.read())


@pytest.mark.parametrize("src", [
    b"",
    b"\xef\xbb\xbfpackage p\r\n\r\nvar s = `a\r\nb` // c\r\n",
    "package p; var h\u00e9llo, \u4e16\u754c = '\u00e9', \"\u4e16\"\n".encode(),
    b"package p\n/* unterminated",
    b"package p\nvar s = \"unterminated\n",
    b"package p\nvar x = 0x1p-2i + 1_000 + .5 + 0b1 @ # $\x00\n",
    b"package p\nvar b = `raw\xff` + \"\\xff\"\n",
    b"x" * 100000,
    b"package p\nvar x = []int{" + b"1, " * 20000 + b"}\n",     # one long line: chunked mid-line
    b"package p\nvar s = `" + b"a\n" * 20000 + b"`\n",        # a raw string across chunks
    b"package p\n/*" + b"c\n" * 20000 + b"*/\n",               # a comment across chunks
])
def test_lossless_corner_cases(src):
    _lossless(src)


def test_semicolon_insertion():
    kinds, _ = _kinds("package p\nfunc f() {\n\treturn\n\tx++\n\ty[0]\n}\n")
    semis = [i for i, (k, lit) in enumerate(kinds) if k == ";"]
    assert [kinds[i - 1][0] for i in semis] == ["IDENT", "return", "++", "]", "}"]
    assert all(kinds[i][1] == "\n" for i in semis)
    # at EOF, and after a line comment
    assert _kinds("x // c")[0] == [("IDENT", "x"), ("COMMENT", "// c"), (";", "\n"), ("EOF", "")]
    # a /*...*/ with a newline ends the line: COMMENT, then ';' at the newline
    toks, _ = scanner.tokens(b"x /* a\nb */ y")
    assert [(T.STRINGS[k], p) for k, p, _ in toks] == [
        ("IDENT", 0), ("COMMENT", 2), (";", 6), ("IDENT", 12), (";", 13), ("EOF", 13)]
    # none after an operator or keyword that continues the line
    kinds, _ = _kinds("a +\nb\nif\nc")
    assert [k for k, _ in kinds].count(";") == 2


def test_literal_kinds():
    kinds, errors = _kinds("1 1.5 1e3 0x1p2 2i 0x1F 017 'a' \"s\" `r` .5 0o7 0b1")
    assert [k for k, _ in kinds[:-2]] == ["INT", "FLOAT", "FLOAT", "FLOAT", "IMAG", "INT", "INT",
                                          "CHAR", "STRING", "STRING", "FLOAT", "INT", "INT"]
    assert errors == []


def test_operators_longest_match():
    kinds, _ = _kinds("a<<=b&^=c...d<-e&&f||g:=h")
    ops = [k for k, _ in kinds if k not in ("IDENT", ";", "EOF")]
    assert ops == ["<<=", "&^=", "...", "<-", "&&", "||", ":="]


def test_scanner_errors_have_offsets():
    _, errors = scanner.tokens(b"x := 09 + '' + \"\\q\" + 0x")
    assert errors == [(6, "invalid digit '9' in octal literal"), (10, "illegal rune literal"),
                      (17, "unknown escape sequence"), (24, "hexadecimal literal has no digits")]


def test_line_directives_recorded():
    from orch.golang.lines import LineTable
    src = b"//line a.go:10\nx\n/*line b.go:20:5*/y\n"
    lines = LineTable(src, "dir/gen.go")
    sc = scanner.Scanner(src, lines)
    while not sc.done:
        sc.scan()
    assert lines.position(15) == ("dir/a.go", 10, 0)    # no column given: unknown, as in Go
    assert lines.position(35) == ("dir/b.go", 20, 5)
    assert lines.position(35, adjusted=False) == ("dir/gen.go", 3, 19)
