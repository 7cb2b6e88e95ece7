"""Broken (and almost broken) Go inputs for the rejection tests.

hand_written() -> [(name, bytes)]: one case per kind of syntax error that
go/scanner and go/parser report, plus valid corner cases next to them.
mutations(files, seed) -> [(name, bytes)]: real files truncated, with a
brace, paren or line deleted, or a stray token inserted.
"""

import random

_HEAD = "package p\n\n"

_CASES = {
    # scanner: literals
    "unterminated_string": 'var s = "abc\n',
    "unterminated_raw": "var s = `abc\n",
    "unterminated_rune": "var r = 'a\n",
    "empty_rune": "var r = ''\n",
    "long_rune": "var r = 'ab'\n",
    "bad_escape": 'var s = "\\q"\n',
    "bad_hex_escape": 'var s = "\\x4g"\n',
    "bad_unicode_escape": 'var s = "\\ud800"\n',
    "big_unicode_escape": 'var s = "\\U00110000"\n',
    "bad_octal_escape": 'var s = "\\400"\n',
    "escape_at_eol": 'var s = "abc\\\n',
    "rune_bad_escape": "var r = '\\\"'\n",
    "octal_digit": "var x = 09\n",
    "octal_float_ok": "var x = 09.5\n",
    "octal_imag_ok": "var x = 09i\n",
    "binary_digit": "var x = 0b102\n",
    "hex_no_digits": "var x = 0x\n",
    "hex_float_no_p": "var x = 0x1.5\n",
    "hex_p_ok": "var x = 0x1.8p-2\n",
    "p_exponent_decimal": "var x = 1p5\n",
    "e_exponent_hex_ok": "var x = 0x1e5\n",
    "exponent_no_digits": "var x = 1e+\n",
    "bad_separator": "var x = 1__0\n",
    "trailing_separator": "var x = 10_\n",
    "separator_after_prefix_ok": "var x = 0x_1F\n",
    "radix_point_binary": "var x = 0b1.0\n",
    "illegal_char": "var x = 1 @ 2\n",
    "illegal_unicode": "var x·y = 1\n",
    "unicode_ident_ok": "var héllo, 世界 = 1, 2\n",
    "curly_quote": "var s = \u201chello\u201d\n",
    "nul_in_comment": "// a\x00b\nvar x = 1\n",
    "nul_in_code": "var x = \x001\n",
    "bom_in_middle": "var x = 1\n\ufeffvar y = 2\n",
    "unterminated_comment": "var x = 1 /* oops\n",
    "comment_with_newline_semicolon_ok": "var x = 1 /* a\nb */ var y = 2\n",
    "bad_line_directive": "//line foo.go:0\nvar x = 1\n",
    "bad_line_directive_col": "//line foo.go:10:0\nvar x = 1\n",
    "line_directive_ok": "//line foo.go:10:5\nvar x = 1\n",
    "block_line_directive_bad": "var x = /*line foo.go:abc*/ 1\n",
    # parser: declarations
    "import_after_decl": "var x = 1\nimport \"fmt\"\n",
    "import_not_string": "import fmt\n",
    "import_int": "import 42\n",
    "missing_func_body_brace": "func f() {\n\tx := 1\n",
    "brace_on_next_line": "func f()\n{\n}\n",
    "method_type_params": "type T struct{}\nfunc (T) m[P any]() {}\n",
    "interface_method_type_params": "type I interface{ m[P any]() }\n",
    "empty_type_params": "func f[]() {}\n",
    "func_type_type_params": "var f func[T any]()\n",
    "missing_constraint": "func f[T]() {}\n",
    "array_or_type_params_ok": "type A[N]int\ntype B[P *int] struct{}\ntype C[P *C | int] struct{}\n",
    "generic_alias_ok": "type A[P any] = map[P]int\n",
    "embedded_paren": "type S struct{ (T) }\n",
    "embedded_star_paren": "type S struct{ *(T) }\n",
    "bad_param_list": "func f(a, b int, c) {}\n",
    "ddd_not_last": "func f(a ...int, b int) {}\n",
    "ddd_result": "func f() ...int {}\n",
    "trailing_comma_array": "var a [2,]int\n",
    "missing_type": "var x\n",
    "const_no_value_ok": "const (\n\ta = iota\n\tb\n)\n",
    "package_missing": "",
    "package_only_ok": "",
    "no_package": "func f() {}\n",
    "package_keyword_name": None,
    # parser: statements and expressions
    "composite_in_if": "func f() {\n\tif x == T{} {\n\t}\n}\n",
    "composite_in_if_paren_ok": "func f() {\n\tif x == (T{}) {\n\t}\n}\n",
    "composite_in_for": "func f() {\n\tfor _, x := range []int{1} {\n\t}\n\tfor x := range S{} {\n\t}\n}\n",
    "composite_in_switch": "func f() {\n\tswitch T{} {\n\t}\n}\n",
    "else_newline": "func f() {\n\tif true {\n\t}\n\telse {\n\t}\n}\n",
    "if_no_cond": "func f() {\n\tif {\n\t}\n}\n",
    "if_var_decl": "func f() {\n\tif var x = 1; x > 0 {\n\t}\n}\n",
    "if_newline_cond": "func f() {\n\tif x := 1\n\t{\n\t}\n}\n",
    "missing_comma_newline": "func f() {\n\tg(1,\n\t\t2\n\t)\n}\n",
    "missing_comma_complit": "var x = []int{\n\t1\n}\n",
    "go_not_call": "func f() {\n\tgo x\n}\n",
    "defer_paren": "func f() {\n\tdefer (g())\n}\n",
    "bad_label": "func f() {\n\tx.y: for {}\n}\n",
    "labels_goto_ok": "func f() {\nL:\n\tfor {\n\t\tbreak L\n\t}\n\tgoto L\nM:\n}\n",
    "range_too_many": "func f() {\n\tfor a, b, c := range x {\n\t}\n}\n",
    "range_bare_ok": "func f() {\n\tfor range 10 {\n\t}\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n}\n",
    "type_switch_assign": "func f() {\n\tswitch y = x.(type) {\n\t}\n}\n",
    "three_index_missing": "func f() {\n\t_ = a[1::3]\n\t_ = a[1:2:]\n}\n",
    "empty_index": "func f() {\n\t_ = a[]\n}\n",
    "paren_complit_type": "func f() {\n\t_ = (T){1}\n}\n",
    "selector_missing": "func f() {\n\t_ = x.\n}\n",
    "send_multi": "func f() {\n\ta, b <- c\n}\n",
    "stray_else": "func f() {\n\telse {}\n}\n",
    "unbalanced_paren": "func f() {\n\tg((1)\n}\n",
    "extra_rbrace": "func f() {\n}\n}\n",
    "chan_arrow_ok": "var c <-chan <-chan int\nvar d chan<- chan int\n",
    "chan_bad_arrow": "func f() {\n\t_ = <-chan<- int(nil)\n}\n",
    "assign_in_expr": "func f() {\n\t_ = a = b\n}\n",
    "many_errors": "func f() {\n" + "\t)\n" * 30 + "}\n",
    "deep_nesting_ok": "var x = " + "(" * 300 + "1" + ")" * 300 + "\n",
    "method_value_ok": "func f() {\n\tg := T.m\n\th := (*T).m\n\t_, _ = g, h\n}\n",
    "generic_calls_ok": "func f() {\n\t_ = g[int, string](1)\n\t_ = h[int]\n\tvar _ m[a, b]\n}\n",
    "union_constraints_ok": "type C interface {\n\t~int | ~string | float64\n\tm()\n}\n",
    "struct_tags_ok": "type S struct {\n\tA int `json:\"a\"`\n\tB, C string\n\t*T\n\tpkg.U\n\tV[int]\n}\n",
    "raw_string_cr_ok": "var s = `a\r\nb`\n",
    "crlf_ok": "var x = 1 // c\r\nvar y = 2\r\n",
    "imag_ok": "var x = 1.5i + 0x1p2i + 0o7i + 0b1i + .5e3i\n",
}


def hand_written() -> list:
    cases = []
    for name, body in _CASES.items():
        if name == "package_missing":
            src = "package\n\nfunc f() {}\n"
        elif name == "package_only_ok":
            src = "package p"
        elif name == "no_package":
            src = body
        elif name == "package_keyword_name":
            src = "package func\n"
        else:
            src = _HEAD + body
        cases.append((name, src.encode("utf-8")))
    cases.append(("bad_utf8", (_HEAD + "var s = \"").encode() + b"\xff\xfe\x80" + b'"\n'))
    cases.append(("utf16_bom", b"\xff\xfe" + "package p\n".encode("utf-16-le")))
    cases.append(("bom_start_ok", b"\xef\xbb\xbf" + _HEAD.encode() + b"var x = 1\n"))
    cases.append(("bom_then_line_directive_ok", b"\xef\xbb\xbf//line x.go:1\n" + _HEAD.encode()))
    cases.append(("cgo_header_ok", (
        "//line /tmp/x.go:1:1\n// Code generated by cmd/cgo; DO NOT EDIT.\n\n"
        "//line /src/x.go:1:1\npackage p\n\n/*\n#include <stdio.h>\n*/\nimport \"C\"\n"
        "import _ \"unsafe\"\n\nfunc f() { C.puts(nil) }\n").encode()))
    return cases


def mutations(files: list, seed: int = 1, per_file: int = 4) -> list:
    """Deterministic mutations of real files (many stay valid; go/parser decides)."""
    rng = random.Random(seed)
    out = []
    for n, path in enumerate(files):
        with open(path, "rb") as f:
            src = f.read()
        if len(src) < 20:
            continue
        base = path.rsplit("/", 2)
        stem = "_".join(base[-2:]).replace(".go", "")
        for k in range(per_file):
            kind = rng.choice(["truncate", "delete_brace", "delete_paren", "delete_line",
                               "insert_token", "truncate_line"])
            if kind == "truncate":
                m = src[: rng.randrange(len(src) // 4, len(src))]
            elif kind in ("delete_brace", "delete_paren"):
                chars = b"{}" if kind == "delete_brace" else b"()"
                spots = [i for i, c in enumerate(src) if c in chars]
                if not spots:
                    continue
                i = rng.choice(spots)
                m = src[:i] + src[i + 1:]
            elif kind == "delete_line":
                lines = src.split(b"\n")
                i = rng.randrange(len(lines))
                m = b"\n".join(lines[:i] + lines[i + 1:])
            elif kind == "truncate_line":
                lines = src.split(b"\n")
                i = rng.randrange(len(lines))
                cut = rng.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:cut]
                m = b"\n".join(lines)
            else:
                i = rng.randrange(len(src))
                tok = rng.choice([b")", b"(", b",", b" func ", b"{", b"}", b";", b" := ", b"\"", b"`", b"'", b"/*"])
                m = src[:i] + tok + src[i:]
            out.append((f"{n:04d}_{stem}_{k}_{kind}", m))
    return out
