"""orch-plan's decisions and reasons, its cheap path, and text splicing."""

import json
import os
import subprocess
import sys

import pytest

from orch.errors import OrchError
from orch.rules import splice

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

RULES = '''
[[aspects]]
id = "get"
join-point = { function-call = "net/http.Get" }
advice = { wrap-expression = { template = "w({{.}})" } }

[[aspects]]
id = "span"
join-point = { function-body = { directive = "orch:span" } }
advice = { prepend-statements = { template = "_ = 1" } }

[[aspects]]
id = "g"
join-point = { struct-definition = "runtime.g" }
advice = { add-struct-field = { name = "x", type = "any" } }

[[aspects]]
id = "mine"
join-point.all-of = [ { package-filter = { root = true } }, { function = [ { name = "main" } ] } ]
advice = { add-blank-import = "unsafe" }
'''


@pytest.fixture
def pkg(tmp_path, monkeypatch):
    """A package dir, a work dir with an importcfg, the rules in force."""
    src = tmp_path / "src"
    (src / "p").mkdir(parents=True)
    (src / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    work = tmp_path / "go-build1" / "b007"
    work.mkdir(parents=True)
    (work / "importcfg").write_text("packagefile fmt=/x/fmt.a\npackagefile strings=/x/strings.a\n")
    monkeypatch.setenv("ORCH_RULES", str(rules))
    monkeypatch.setenv("ORCH_NO_BUILTIN", "1")
    return src, work


def step_for(src, work, files, import_path="example.com/m/p"):
    return {"tool": "compile", "dir": str(src / "p"), "import_path": import_path,
            "argv": ["-o", str(work / "_pkg_.a"), "-p", import_path, "-importcfg", str(work / "importcfg"),
                     *["./" + f for f in files]],
            "build": {"module_root": str(src)}}


def test_reasons_at_each_level(pkg):
    from orch.stages import plan
    src, work = pkg
    (src / "p" / "a.go").write_text('package p\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n')
    (src / "p" / "b.go").write_text("package p\n\n//orch:span\nfunc traced() {}\n")
    p = plan.run(step_for(src, work, ["a.go", "b.go"]))["plan"]
    assert p["candidates"] == ["span", "mine"]
    assert p["ruled_out"] == [
        {"rule": "get", "reason": "function-call: the package does not import net/http"},
        {"rule": "g", "reason": "struct-definition: the package is example.com/m/p, not runtime"}]
    a, b = p["files"]
    assert a["ruled_out"] == [{"rule": "span", "reason": "directive: the file does not contain //orch:span"}]
    assert [(m["rule"], m["node"], m["at"]) for m in a["matches"]] == [("mine", "FuncDecl", "a.go:5:1")]
    assert b["ruled_out"] == [{"rule": "mine", "reason": "function: the file does not contain the word main"}]
    assert [(m["rule"], m["kind"], m["at"]) for m in b["matches"]] == [("span", "prepend-statements", "b.go:4:15")]
    # Outside the main module, package-filter root says why.
    p = plan.run(step_for(src, work, ["a.go"], import_path="other.org/q"))["plan"]
    assert {"rule": "mine", "reason": "package-filter: other.org/q is not in the main module (example.com/m)"} \
        in p["ruled_out"]


def test_syntax_errors_are_left_to_the_compiler(pkg):
    from orch.stages import plan, rewrite
    src, work = pkg
    (src / "p" / "a.go").write_text("package p\n\n//orch:span\nfunc traced() {\n")
    step = rewrite.run(plan.run(step_for(src, work, ["a.go"])))
    assert step["plan"]["files"][0]["skipped"].startswith("syntax error: ")
    assert step["argv"][-1] == "./a.go" and step["rewrite"]["files"] == {}


def test_untouched_package_loads_no_parser_or_template(pkg):
    """The cheap path, in a fresh process: the marshalled pre-tests decide."""
    from orch.stages import plan
    src, work = pkg
    (src / "p" / "a.go").write_text("package p\n\nfunc f() {}\n")
    step = step_for(src, work, ["a.go"], import_path="other.org/q")
    plan.run(dict(step))                         # the first call of a build writes the cache
    assert any(n.endswith(".pre") for n in os.listdir(work.parent / "orch"))
    code = ("import sys, json; sys.path.insert(0, %r)\n"
            "from orch.stages import plan\n"
            "p = plan.run(json.loads(sys.stdin.read()))['plan']\n"
            "assert p['candidates'] == ['span'], p\n"
            "heavy = [m for m in sys.modules if m.startswith(('orch.golang', 'orch.template', "
            "'orch.rules.join', 'orch.rules.advice', 'pickle', 'hashlib'))]\n"
            "assert not heavy, heavy\n") % os.path.join(ROOT, "lib")
    proc = subprocess.run([sys.executable, "-S", "-E", "-c", code], input=json.dumps(step), text=True,
                          capture_output=True, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr


def test_never_instruments_orch_runtime(pkg):
    from orch.stages import plan
    src, work = pkg
    (src / "p" / "a.go").write_text("package p\n\n//orch:span\nfunc main() {}\n")
    p = plan.run(step_for(src, work, ["a.go"], import_path="orch.dev/runtime/trace"))["plan"]
    assert p["candidates"] == [] and p["files"] == [] and "never instrumented" in p["note"]


# ----------------------------------------------------------------------------
# Splicing


def gen(text):
    return lambda inner: [(-1, text)]


def test_splice_nested_and_chained_edits():
    src = b"a(b(c))"
    wrap = lambda pre: (lambda inner: [(-1, pre + b"(")] + inner + [(-1, b")")])
    edits = [
        splice.Edit(2, 6, (1,), wrap(b"w1")),           # b(c), twice: chained in key order
        splice.Edit(2, 6, (2,), wrap(b"w2")),
        splice.Edit(4, 5, (1,), wrap(b"x")),            # c, inside
        splice.Edit(6, 6, (1,), gen(b", z")),           # insertion at the end of b(c): outside it
        splice.Edit(2, 2, (1,), gen(b"/*pre*/")),       # insertion at the start: outside, before
    ]
    segs = splice.splice(src, edits)
    assert b"".join(t for _, t in segs) == b"a(/*pre*/w2(w1(b(x(c))))" + b", z)"
    with pytest.raises(OrchError):
        splice.splice(src, [splice.Edit(0, 3, (1,), gen(b"x")), splice.Edit(2, 5, (1,), gen(b"y"))])


def test_emit_directives():
    src = b"package p\n\nfunc f() {\n\treturn\n}\n"
    pos = lambda off: ("/src/p.go", src[:off].count(b"\n") + 1, off - (src.rfind(b"\n", 0, off) + 1) + 1)
    body = src.index(b"{") + 1
    segs = splice.splice(src, [
        splice.Edit(body, body, (1,), gen(b"{ x()\n}; ")),
        splice.Edit(9, 9, (1,), gen(b"; import (_ \"unsafe\")")),
    ])
    out = splice.emit(segs, pos)
    assert out == (b'//line /src/p.go:1:1\npackage p/*line :1:10*/; import (_ "unsafe")/*line :1:10*/\n\n'
                   b'func f() {\n//line <generated>:1:1\n{ x()\n}; \n//line /src/p.go:3:11\n\n\treturn\n}\n')


@pytest.mark.parametrize("template,want", [
    ("_ = {{.Function.Argument 3}}",
     r"rules\.toml:5: template: x/advice\[0\]:1:15: executing \"x/advice\[0\]\" at <\.Function\.Argument>: "
     r"error calling Argument: argument index 3 out of range \(the function has 1\)"),
    ("if {",
     r"rules\.toml:5: x/advice\[0\]: the template's output for a\.go:3 is not valid Go statements "
     r"\(line 1 of its output: .*\): 'if \{'"),
])
def test_template_errors_name_the_rule(pkg, template, want):
    import re
    from orch.stages import plan, rewrite
    src, work = pkg
    rules = src.parent / "rules.toml"
    rules.write_text('[[aspects]]\nid = "x"\njoin-point.function-body.function = []\n[aspects.advice.prepend-statements]\n'
                     f"template = '{template}'\n")
    (src / "p" / "a.go").write_text("package p\n\nfunc f(a int) {}\n")
    with pytest.raises(OrchError) as e:
        rewrite.run(plan.run(step_for(src, work, ["a.go"])))
    assert re.search(want, str(e.value)), str(e.value)
