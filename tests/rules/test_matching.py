"""Join points on syntax trees: what each selects, resolved as Go would."""

import pytest

from orch.rules import typenames
from rulesupport import match

CALL = '''
[[aspects]]
id = "get"
join-point = { function-call = "net/http.Get" }
advice = { wrap-expression = { template = "w({{.}})" } }
'''


def calls(src, **kw):
    return [text for _, kind, text in match(CALL, src, **kw)]


def test_function_call_through_imports_and_scopes():
    src = '''
    package p

    import (
        h "net/http"
        "fmt"
    )

    func a(u string) {
        h.Get(u)                       // yes: the alias
        (h.Get)(u + "paren")           // yes
        fmt.Println(h.Post)            // no: another function
    }

    func b(h client) { h.Get("param") }   // no: a parameter named h

    func c() {
        if h := (client{}); true { h.Get("if-init") }    // no
        h.Get("after-if")                                // yes: the if's h is gone
        for _, h := range []client{} { h.Get("range") }  // no
        h := client{}
        h.Get("short-var")                               // no
        func() { h.Get("closure") }()                    // no: captured local
    }

    func d() {
        g := func() { h.Get("before-decl") }   // yes: h declared later in this block
        var h client
        h.Get("var")                           // no
        g()
    }

    func e(x interface{}) {
        switch h := x.(type) {
        case client:
            h.Get("type-switch")               // no
        }
    }

    type client struct{}

    func (client) Get(string) {}
    '''
    assert calls(src) == ['h.Get(u)', '(h.Get)(u + "paren")', 'h.Get("after-if")', 'h.Get("before-decl")']


def test_function_call_dot_import_same_package_and_generics():
    assert calls('''
    package p

    import . "net/http"

    func a() { Get("dot") }
    ''') == ['Get("dot")']
    # In net/http itself, unqualified calls.
    assert calls('''
    package http

    func Get(u string) {}

    func a() { Get("self"); x.Get("no") }
    ''', import_path="net/http") == ['Get("self")']
    # A file that does not import net/http never matches, even with a name http.
    assert calls('''
    package p

    import http "example.com/fake/http"

    func a() { http.Get("fake") }
    ''') == []


def test_predeclared_function_call():
    rules = CALL.replace("net/http.Get", "len")
    got = match(rules, '''
    package p

    func a(s string) int { return len(s) }

    func b(len func(string) int) int { return len("shadowed") }
    ''')
    assert [t for _, _, t in got] == ["len(s)"]


DIRECTIVE = '''
[[aspects]]
id = "span"
join-point = { function-body = { directive = "orch:span" } }
advice = { prepend-statements = { template = "_ = 1" } }

[[aspects]]
id = "annotated"
join-point = { directive = "orch:mark" }
advice = { add-blank-import = "unsafe" }
'''


def test_directives_annotate_what_follows():
    got = match(DIRECTIVE, '''
    package p

    //orch:span op:a
    func a() {}

    // Doc comment.
    //
    //orch:span
    func b() {}

    func c() {} //orch:span (a trailing comment annotates nothing)

    func d() {}

    //orch:spanner (another directive)
    func e() {}

    func f() {
        //orch:span
        g := func() {}
        //orch:mark
        g()
        _ = g
    }

    //orch:mark
    var (
        x = 1
    )
    ''')
    spans = [t.split("\\n")[0] for i, k, t in got if i == "span"]
    assert spans == ["{}", "{}", "{}"]          # a, b and the literal in f
    marks = sorted((k, t) for i, k, t in got if i == "annotated")
    assert ("ExprStmt", "g()") in marks and ("CallExpr", "g()") in marks
    assert ("GenDecl", "var (\n    x = 1\n)") in marks and ("ValueSpec", "x = 1") in marks


ALL_BODIES = '''
    [[aspects]]
    id = "all"
    join-point.function-body.function = []
    advice = { prepend-statements = { template = "_ = 1" } }
    '''


def test_orch_ignore():
    rules = ALL_BODIES
    got = match(rules, '''
    package p

    func a() {
        //orch:ignore
        f := func() {}
        f()
    }

    //orch:ignore
    func b() { func() {}() }

    func c() {}
    ''')
    assert len(got) == 2                         # a and c only


def test_orchestrion_ignore():
    """Orchestrion's spellings of the ignore directive are honoured too
    (tests/rules/differential/ignore_directive against Orchestrion)."""
    rules = ALL_BODIES
    got = match(rules, '''
    package p

    //orchestrion:ignore
    func a() {}

    //dd:ignore
    func b() {}

    //orchestrion:ignored
    func c() {}

    func d() {}
    ''')
    assert len(got) == 2                         # c (not the directive) and d


def test_struct_literals_and_definitions():
    rules = '''
    [[aspects]]
    id = "any"
    join-point = { struct-literal = { type = "net/http.Server" } }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "value"
    join-point = { struct-literal = { type = "net/http.Server", match = "value-only" } }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "pointer"
    join-point = { struct-literal = { type = "net/http.Server", match = "pointer-only" } }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "field"
    join-point = { struct-literal = { type = "net/http.Server", field = "Addr" } }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "def"
    join-point = { struct-definition = "example.com/p.T" }
    advice = { add-blank-import = "unsafe" }
    '''
    got = match(rules, '''
    package p

    import web "net/http"

    type T struct{ A int }
    type U T
    type V = struct{}

    var a = web.Server{Addr: ":1"}
    var b = &web.Server{Addr: ":2"}
    var c = []web.Server{{Addr: ":3"}}
    var d = Server{Addr: ":4"}
    ''')
    by_rule = {}
    for i, k, t in got:
        by_rule.setdefault(i, []).append(t)
    assert by_rule["any"] == ['web.Server{Addr: ":1"}', 'web.Server{Addr: ":2"}']
    assert by_rule["value"] == ['web.Server{Addr: ":1"}']
    assert by_rule["pointer"] == ['&web.Server{Addr: ":2"}']
    assert by_rule["field"] == ['Addr: ":1"', 'Addr: ":2"']
    assert by_rule["def"] == ["T struct{ A int }"]


def test_declarations():
    rules = '''
    [[aspects]]
    id = "decl"
    join-point = { declaration-of = "example.com/p.Mode" }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "fn"
    join-point = { declaration-of = "example.com/p.Run" }
    advice = { add-blank-import = "unsafe" }
    [[aspects]]
    id = "values"
    join-point = { value-declaration = "*regexp.Regexp" }
    advice = { add-blank-import = "unsafe" }
    '''
    got = match(rules, '''
    package p

    import "regexp"

    var Mode, Other = "a", "b"
    var re *regexp.Regexp
    var n int

    func Run() { var Mode = 1; _ = Mode }

    func (T) Run() {}
    ''')
    assert [(i, t) for i, _, t in got] == [
        ("decl", 'Mode, Other = "a", "b"'), ("values", 'Mode, Other = "a", "b"'),
        ("values", "re *regexp.Regexp"), ("fn", "func Run() { var Mode = 1; _ = Mode }")]


@pytest.mark.parametrize("rule,src,want", [
    ("error", "func f() error", True),
    ("any", "func f() interface{}", True),
    ("interface{}", "func f() any", True),
    ("[]byte", "func f() []uint8", True),
    ("rune", "func f() int32", True),
    ("*net/http.Request", "func f() *web.Request", True),
    ("*net/http.Request", "func f() web.Request", False),
    ("map[string][]int", "func f() map[string][]int", True),
    ("func(int, ...string) (bool, error)", "func f() func(a int, b ...string) (ok bool, err error)", True),
    ("func(int) error", "func f() func(int, int) error", False),
    ("chan<- int", "func f() chan<- int", True),
    ("<-chan int", "func f() chan int", False),
    ("[4]byte", "func f() [4]byte", True),
    ("example.com/p.Set[int]", "func f() Set[int]", True),
    ("example.com/p.Set", "func f() Set[int]", False),
    ("gopkg.in/yaml.v3.Node", "func f() yaml.Node", True),
    ("github.com/x/go-thing.T", "func f() thing.T", True),
    ("example.com/p.T", "func f() T", True),
    ("example.com/q.T", "func f() T", False),
    ("struct{}", "func f() struct{}", True),
])
def test_type_names_compare_as_go_would(rule, src, want):
    rules = f'''
    [[aspects]]
    id = "t"
    join-point.function = [ {{ final-result-implements = "{rule}" }} ]
    advice = {{ add-blank-import = "unsafe" }}
    '''
    got = match(rules, f'''
    package p

    import (
        web "net/http"
        "gopkg.in/yaml.v3"
        "github.com/x/go-thing"
    )

    {src} {{ panic(0) }}
    ''')
    assert bool(got) == want


def test_type_name_parse_and_format():
    for text in ["*net/http.Request", "map[string][]int", "func(int, ...string) (bool, error)",
                 "chan<- int", "<-chan int", "[4]uint8", "example.com/p.Set[int, string]", "struct{}"]:
        assert typenames.format_type(typenames.parse(text)) == text
    assert typenames.format_type(typenames.parse("any")) == "interface{}"
    assert typenames.format_type(typenames.parse("[]byte")) == "[]uint8"
    assert typenames.format_type(typenames.parse("*net/http.Request"), lambda p: "h") == "*h.Request"
    for bad in ["", "map[string", "*", "func(int", "a/b.", "x y"]:
        with pytest.raises(ValueError):
            typenames.parse(bad)


def test_signatures_expand_parameters():
    rules = '''
    [[aspects]]
    id = "two-ints"
    join-point.function = [ { signature = { args = ["int", "int"], returns = [] } } ]
    advice = { add-blank-import = "unsafe" }
    '''
    got = match(rules, '''
    package p

    func a(x, y int) {}
    func b(x int) {}
    func c(int, int) {}
    var d = func(_, _ int) {}
    ''')
    assert [t.split("(")[0] for _, _, t in got] == ["func a", "func c", "func"]


def test_configuration_is_orchestrions_constant():
    """configuration: Orchestrion v1.15.0 sets httpmode = "wrap" at the
    root of every file and nothing else (join/configuration.py), so the
    join point holds everywhere or nowhere, decided by its pre-test."""
    from orch.rules.context import PackageContext
    from orch.rules.join.configuration import Configuration
    from orch.rules.prefilter import NO, YES
    rule = '''
    [[aspects]]
    id = "c"
    join-point.all-of = [ {{ configuration = {cfg} }}, {{ function-call = "fmt.Println" }} ]
    advice = {{ wrap-expression = {{ template = "{{{{.}}}}" }} }}
    '''
    src = 'package p\n\nimport "fmt"\n\nfunc f() { fmt.Println(1) }\n'
    assert match(rule.format(cfg='{ httpmode = "wrap" }'), src) == [("c", "CallExpr", "fmt.Println(1)")]
    assert match(rule.format(cfg="{}"), src) == [("c", "CallExpr", "fmt.Println(1)")]
    assert match(rule.format(cfg='{ httpmode = "report" }'), src) == []
    assert match(rule.format(cfg='{ httpmode = "wrap", tracer = "on" }'), src) == []
    pkg = PackageContext("example.com/p", [])
    assert Configuration({}).package_may(pkg) == YES
    jp = Configuration({"tracer": "on"})
    assert jp.package_may(pkg) == NO
    assert jp.why_not(pkg) == ("configuration: the configuration never has tracer = 'on' "
                               "(only httpmode = 'wrap', as in Orchestrion)")
