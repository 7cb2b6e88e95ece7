"""Unit tests of the template engine (lib/orch/rules/template*.py).

Go's semantics on JSON-like data are checked against the real text/template
in test_template_diff.py; these tests cover each construct by name, the
Python object model (attributes, methods, __go_str__), the API and errors.
"""

import pytest

from orch.errors import OrchError
from orch.template import Template, TemplateError
from orch.template.fmt import sprint, sprintf
from orch.template.lex import lex
from orch.template.strconv import format_float, quote, unquote


def run(text, data=None, funcs=None, **kw):
    return Template(text, "t", funcs, **kw).execute(data)


def error(text, data=None, funcs=None, **kw):
    with pytest.raises(TemplateError) as e:
        run(text, data, funcs, **kw)
    return str(e.value)


# --- a dot like the one rules pass: objects with methods ----------------------------


class Node:
    """An AST node: prints as its Go source."""

    def __init__(self, src):
        self.src = src

    def __go_str__(self):
        return self.src


class Plain:
    def __str__(self):
        return "plain!"


class Function:
    Name = "Get"

    def __init__(self):
        self.calls = 0

    def Argument(self, i):
        self.calls += 1
        return Node(["ctx", "req"][i])

    def Result(self, i):
        return ["resp", "err"][i] if i < 2 else None

    def ResultOfType(self, t):
        return Node("err") if t == "error" else None

    def Receiver(self):
        return None

    def Fail(self):
        raise ValueError("no receiver here")

    def Defaults(self, a, b="B", *rest):
        return "%s%s%s" % (a, b, "".join(map(str, rest)))

    @property
    def Broken(self):
        raise RuntimeError("property failed")

    def _hidden(self):
        return "secret"


class Dot:
    def __init__(self):
        self.Function = Function()
        self.Data = {"k": "v"}
        self.Nil = None


ASPECT = """\
{{- $req := .Function.Argument 1 -}}
__orch_span := __orch_trace.Start({{ $req }}.Context(), {{ printf "%q" .Function.Name }})
{{ if .Function.Result 1 }}defer func() { __orch_span.End({{ .Function.Result 1 }}) }(){{ end }}"""


def test_aspect_template():
    out = run(ASPECT, Dot())
    assert out == ('__orch_span := __orch_trace.Start(req.Context(), "Get")\n'
                   'defer func() { __orch_span.End(err) }()')


def test_methods_and_attributes():
    d = Dot()
    assert run("{{.Function.Name}}", d) == "Get"
    assert run("{{.Function.Argument 0}}", d) == "ctx"
    assert run("{{(.Function.ResultOfType \"error\")}}", d) == "err"
    assert run("{{with .Function.ResultOfType \"error\"}}[{{.}}]{{end}}", d) == "[err]"
    assert run("{{with .Function.ResultOfType \"int\"}}x{{else}}none{{end}}", d) == "none"
    assert run("{{.Function.Receiver}}", d) == "<no value>"
    assert run("{{1 | .Function.Argument}}", d) == "req"
    assert run("{{.Function.Defaults 1}}|{{.Function.Defaults 1 2 3 4}}", d) == "1B|1234"
    assert run("{{.Data.k}} {{.Data.missing}}", d) == "v <no value>"
    assert run("{{$f := .Function}}{{$f.Name}} {{$.Function.Name}}", d) == "Get Get"


def test_method_called_once_per_use():
    d = Dot()
    run("{{$a := .Function.Argument 0}}{{$a}}{{$a}}", d)
    assert d.Function.calls == 1


def test_method_errors_name_the_position():
    assert error("x\n  {{.Function.Fail}}", Dot()) == (
        'template: t:2:13: executing "t" at <.Function.Fail>: error calling Fail: no receiver here')
    assert error("{{.Function.Argument}}", Dot()) == (
        'template: t:1:11: executing "t" at <.Function.Argument>: wrong number of args for Argument: want 1 got 0')
    assert error("{{.Function.Argument 0 1}}", Dot()).endswith("wrong number of args for Argument: want 1 got 2")
    assert error("{{.Function.Argument 5}}", Dot()).endswith("error calling Argument: list index out of range")
    assert error("{{.Function.Broken}}", Dot()).endswith("error calling Broken: property failed")
    assert error("{{.Function.Name 1}}", Dot()).endswith("Name has arguments but cannot be invoked as function")


def test_hidden_and_unknown_attributes():
    assert error("{{.Function._hidden}}", Dot()).endswith("can't evaluate field _hidden in type Function")
    assert error("{{.Function.Nope}}", Dot()).endswith("can't evaluate field Nope in type Function")
    assert error("{{.s.upper}}", {"s": "abc"}).endswith("can't evaluate field upper in type interface {}")
    assert error("{{.Nil.X}}", Dot()).endswith("nil pointer evaluating interface {}.X")


def test_printing_objects():
    assert run("{{.}}", Node("a.b")) == "a.b"
    assert run("{{.}}", Plain()) == "plain!"
    assert run("{{print . 1}}", Node("x")) == "x 1"
    assert run("{{printf \"%s|%q|%v|%5s|%d\" . . . . .}}", Node("ab")) == 'ab|"ab"|ab|   ab|%!d(Node=ab)'
    assert run("{{.}}", [Node("a"), Node("b")]) == "[a b]"
    assert run("{{.}}", {"k": Node("v")}) == "map[k:v]"
    assert run("{{printf \"%T\" .}}", Node("x")) == "Node"


def test_objects_are_true_and_comparable():
    n = Node("x")
    assert run("{{if .}}yes{{end}}", n) == "yes"
    assert run("{{if eq . .}}same{{end}}", n) == "same"
    assert run("{{if eq .a .b}}same{{else}}different{{end}}", {"a": n, "b": Node("x")}) == "different"


def test_range_over_python_iterables():
    assert run("{{range .}}{{.}}{{end}}", (1, 2)) == "12"
    assert run("{{range $i, $e := .}}{{$i}}{{$e}}{{end}}", (x for x in "ab")) == "0a1b"
    assert run("{{range .}}x{{else}}empty{{end}}", iter(())) == "empty"


# --- functions ---------------------------------------------------------------------


def test_user_functions():
    funcs = {"upper": str.upper, "pair": lambda a, b: [a, b], "Version": lambda: "v1"}
    assert run("{{upper \"go\"}} {{\"x\" | upper}} {{pair 1 2}} {{Version}}", funcs=funcs) == "GO X [1 2] v1"
    assert error("{{pair 1}}", funcs=funcs).endswith("wrong number of args for pair: want 2 got 1")
    assert error("{{upper nil}}", funcs=funcs).startswith('template: t:1:2: executing "t" at <upper nil>: error calling upper:')


def test_functions_checked_at_parse_and_supplied_at_execute():
    with pytest.raises(TemplateError, match=r'template: t:1: function "later" not defined'):
        Template("{{later}}", "t")
    t = Template("{{later 2}}", "t", {"later": None})
    assert t.execute(None, {"later": lambda x: x * 21}) == "42"
    with pytest.raises(TemplateError, match='"later" is not a defined function'):
        Template("{{later}}", "t", {"later": None}).execute()
    # A user function replaces a builtin of the same name.
    assert run("{{len 1}}", funcs={"len": lambda x: "mine"}) == "mine"


def test_call():
    assert run("{{call .f 2}}", {"f": lambda x: x + 1}) == "3"
    assert error("{{call .x}}", {"x": 1}).endswith("error calling call: non-function .x of type int")


# --- constructs ---------------------------------------------------------------------


@pytest.mark.parametrize("text,data,want", [
    ("a {{- 1 -}} b", None, "a1b"),
    ("a {{1}} b", None, "a 1 b"),
    ("a\n\t {{- /* c */ -}}\n b", None, "ab"),
    ("{{-3}}", None, "-3"),
    ("{{.A.B}}", {"A": {"B": "x"}}, "x"),
    ("{{$x := 1}}{{$x = 2}}{{$x}}", None, "2"),
    ("{{1 | printf \"%d-%d\" 2}}", None, "2-1"),
    ("{{if 0}}a{{else if 1}}b{{else}}c{{end}}", None, "b"),
    ("{{with $x := .a}}{{$x}}{{.}}{{else with .b}}B{{else}}C{{end}}", {"b": 1}, "B"),
    ("{{range $i, $v := .}}{{$i}}{{$v}}{{end}}", {"b": 2, "a": 1}, "a1b2"),
    ("{{range 3}}{{.}}{{end}}", None, "012"),
    ("{{range .}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}", [1, 2, 3], "1"),
    ("{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", [1, 2, 3], "13"),
    ("{{range .}}x{{else}}none{{end}}", [], "none"),
    ("{{define \"x\"}}<{{.}}>{{end}}{{template \"x\" 1}}{{block \"y\" 2}}[{{.}}]{{end}}", None, "<1>[2]"),
    ("{{'a'}} {{0x1F}} {{0o17}} {{1_000}} {{1.5}} {{1e3}} {{true}} {{\"\\u00e9\"}} {{`raw\\n`}}", None,
     "97 31 15 1000 1.5 1000 true \u00e9 raw\\n"),
    ("{{eq 1 2 1}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 2 3}}", None, "true true true true false false"),
    ("{{and 1 0 (fail)}} {{or 0 \"\" \"x\"}} {{not .}}", None, "0 x true"),
    ("{{len .}} {{index . 1}} {{slice . 1}}", [1, 2, 3], "3 2 [2 3]"),
    ("{{len .}} {{index . 0}} {{slice . 1 3}}", "h\u00e9llo", "6 104 \u00e9"),
    ("{{print 1 2 \"a\" \"b\" nil}} {{println 1}}", None, "1 2ab<nil> 1\n"),
    ("{{.}} {{print .}}", None, "<no value> <nil>"),
    ("{{.}}", [1, "a", None, 1.5, True, {"k": [1]}], "[1 a <nil> 1.5 true map[k:[1]]]"),
])
def test_constructs(text, data, want):
    funcs = {"fail": lambda: 1 / 0}
    assert run(text, data, funcs) == want


@pytest.mark.parametrize("fmt,args,want", [
    ("%s %d %q %v %t", ("a", 1, "q\n", [1], True), 'a 1 "q\\n" [1] true'),
    ("%x %X %o %b %c %U", (255, 255, 8, 5, 0x1F600, 65), "ff FF 10 101 \U0001F600 U+0041"),
    ("%5d|%-5d|%05d|%+d|% d", (1, 1, -1, 1, 1), "    1|1    |-0001|+1| 1"),
    ("%.2f %e %g %G %8.3f", (3.14159, 1234.5678, 1e-7, 1e21, 2.5), "3.14 1.234568e+03 1e-07 1E+21    2.500"),
    ("%q %+q %#q", ("\u00e9\x00", "\u00e9", "a"), '"\u00e9\\x00" "\\u00e9" `a`'),
    ("%d %s", ("x",), "%!d(string=x) %!s(MISSING)"),
    ("%d", (1, 2), "1%!(EXTRA int=2)"),
    ("%[2]d %[1]d %*d %%", (1, 2, 3, 4), "2 1  3 %"),
    ("%v %v %v", (None, {"b": 1, "a": 2}, 1e6), "<nil> map[a:2 b:1] 1e+06"),
])
def test_sprintf(fmt, args, want):
    assert sprintf(fmt, *args) == want


def test_sprint_spacing():
    assert sprint(1, 2) == "1 2"
    assert sprint("a", 1, "b") == "a1b"
    assert sprint(1, "a", 2) == "1a2"


def test_quote_and_unquote():
    assert quote("a\"b\\\n\t\x01\u00e9\u200b\U0001F600") == '"a\\"b\\\\\\n\\t\\x01\u00e9\\u200b\U0001F600"'
    assert quote("\udcff") == '"\\xff"'  # a byte that is not UTF-8
    assert unquote('"a\\x41\\101\\u00e9\\n"') == "aAA\u00e9\n"
    assert unquote("`a\r\nb`") == "a\nb"


def test_format_float():
    assert format_float(1e21, "g", -1) == "1e+21"
    assert format_float(123456.0, "g", -1) == "123456"
    assert format_float(1234567.0, "g", -1) == "1.234567e+06"
    assert format_float(0.000012, "g", -1) == "1.2e-05"
    assert format_float(2.5, "f", 0) == "2"
    assert format_float(1234.5678, "g", 3) == "1.23e+03"
    assert format_float(-0.0, "g", -1) == "-0"


def test_missingkey_option():
    assert run("{{.x}}", {}, missingkey="zero") == "<no value>"
    assert error("{{.x}}", {}, missingkey="error").endswith('map has no entry for key "x"')
    with pytest.raises(TemplateError, match="unrecognized option"):
        Template("", "t", missingkey="nope")


# --- errors and API ------------------------------------------------------------------


def test_parse_errors_carry_the_line():
    with pytest.raises(TemplateError) as e:
        Template("a\nb\n{{ .x }}\n{{ if }}", "rule-1")
    assert str(e.value) == "template: rule-1:4: missing value for if"
    assert e.value.line == 4 and e.value.col is None and e.value.name == "rule-1"
    assert isinstance(e.value, OrchError)


@pytest.mark.parametrize("text,message", [
    ("{{.x", "template: t:1: unclosed action"),
    ("{{.x}", "template: t:1: bad character U+007D '}'"),
    ("{{.x }", 'template: t:1: unexpected "}" in operand'),
    ("{{ end }}", "template: t:1: unexpected {{end}}"),
    ("{{ if 1 }}", "template: t:1: unexpected EOF"),
    ("{{ $x }}", 'template: t:1: undefined variable "$x"'),
    ("{{ nope }}", 'template: t:1: function "nope" not defined'),
    ("{{ break }}", "template: t:1: {{break}} outside {{range}}"),
    ("{{ 1 | 2 }}", "template: t:1: non executable command in pipeline stage 2"),
    ("{{\n.x\n", "template: t:3: unclosed action started at t:1"),
    ("{{ \"a }}", "template: t:1: unterminated quoted string"),
    ("{{ 1x }}", 'template: t:1: bad number syntax: "1x"'),
    ("{{ .x% }}", "template: t:1: bad character U+0025 '%'"),
    ("{{define \"a\"}}1{{end}}{{define \"a\"}}2{{end}}", 'template: t:1: template: multiple definition of template "a"'),
])
def test_parse_error_messages(text, message):
    with pytest.raises(TemplateError) as e:
        Template(text, "t")
    assert str(e.value) == message


def test_exec_error_position_in_bytes():
    e = pytest.raises(TemplateError, run, "\u00e9\u00e9 {{index .l 3}}", {"l": []}).value
    assert str(e).startswith('template: t:1:7: executing "t" at <index .l 3>: error calling index:')
    assert (e.line, e.col) == (1, 7)


def test_error_in_defined_template_names_it():
    msg = error("{{define \"inner\"}}\n{{.a.b}}{{end}}{{template \"inner\" .}}", {"a": 1})
    assert msg == 'template: t:2:4: executing "inner" at <.a.b>: can\'t evaluate field b in type interface {}'


def test_recursion_is_an_error_not_a_crash():
    msg = error("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}")
    assert "exceeded maximum template depth" in msg


def test_execute_template_and_templates():
    t = Template("{{define \"a\"}}A{{.}}{{end}}main", "m")
    assert t.templates() == ["a", "m"]
    assert t.execute() == "main"
    assert t.execute_template("a", 1) == "A1"
    with pytest.raises(TemplateError, match='no template "b" associated with template "m"'):
        t.execute_template("b")


def test_template_is_reusable():
    t = Template("{{range .}}{{$x := .}}{{$x}}{{end}}", "t")
    assert t.execute([1, 2]) == "12"
    assert t.execute([3]) == "3"


def test_lexer_positions_and_trim():
    items = list(lex("a {{- .x -}}\n b"))
    assert [(i[0], i[2]) for i in items][:1] == [(items[0][0], "a")]
    assert items[-1][2] == "EOF"
