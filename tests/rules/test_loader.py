"""Loading rule files: every mistake is one line, `file:line: message`."""

import os
import subprocess
import textwrap

import pytest

from orch.errors import OrchError
from orch.rules.loader import load_files
from rulesupport import load_rules

GOOD = """
[meta]
name = "test"

[[aspects]]
id = "get"
join-point = { function-call = "net/http.Get" }
advice = [ { wrap-expression = { template = "wrap({{.}})" } } ]
"""


def error_of(text: str, suffix: str = ".toml", tmp_path=None) -> str:
    with pytest.raises(OrchError) as e:
        load_rules(text, suffix)
    msg = str(e.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg.split("/rules" + suffix, 1)[1]


@pytest.mark.parametrize("text,want", [
    # unknown keys, with the line of the key
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println" }
     advise = []
     ''', ":4: unknown key 'advise' in aspects (known: advice, id, join-point, tracer-internal)"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println" }
     [[aspects.advice]]
     wrap-expresion = { template = "f({{.}})" }
     ''', ":5: unknown advice 'wrap-expresion' (did you mean 'wrap-expression'?)"),
    ('''
     [[aspects]]
     id = "x"

     [aspects.join-point]
     function-cal = "fmt.Println"
     [[aspects.advice]]
     wrap-expression = { template = "f({{.}})" }
     ''', ":5: unknown join point 'function-cal' (did you mean 'function-call'?)"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { configuration = { httpmode = 1 } }
     advice = { wrap-expression = { template = "f({{.}})" } }
     ''', ":3: httpmode must be a string, not an integer"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { goroutine = {} }
     advice = { wrap-expression = { template = "f({{.}})" } }
     ''', ":3: join point 'goroutine' is not supported by orch: not implemented"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { method-call = "fmt.Println" }
     advice = { wrap-expression = { template = "f({{.}})" } }
     ''', ":3: method-call must be a table"),
    ('''
     [[aspects]]
     id = "x"
     join-point.function = [ { name = "f" }, { signature = { args = ["map[string"] } } ]
     advice = { prepend-statements = { template = "_ = 1" } }
     ''', ":3: bad Go type 'map[string': expected ']'"),
    ('''
     [[aspects]]
     id = "x"
     join-point.function = [ { nmae = "f" } ]
     advice = { prepend-statements = { template = "_ = 1" } }
     ''', ":3: unknown function option 'nmae'"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println" }
     advice = { prepend-statements = { template = "_ = 1" } }
     ''', ":4: prepend-statements cannot apply to what the join point selects (CallExpr)"),
    ('''
     [[aspects]]
     id = "x"
     join-point.all-of = [ { function-call = "fmt.Println" }, { struct-definition = "a/b.T" } ]
     advice = { add-blank-import = "unsafe" }
     ''', ":3: all-of can never match"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { struct-literal = { type = "a/b.T", match = "pointers" } }
     advice = { add-blank-import = "unsafe" }
     ''', ":3: match must be one of any, value-only, pointer-only, not 'pointers'"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println" }
     [aspects.advice.wrap-expression]
     imports = { fmt = "fmt" }
     template = """
     fmt.Sprint(
       {{ .Nope bar }})"""
     ''', ":8: aspect 'x': template: x/advice[0]:2: function \"bar\" not defined"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println" }
     advice = { wrap-expression = { template = "f({{.}})", lang = "1.21" } }
     ''', ":4: lang must look like go1.21, not '1.21'"),
    ('''
     [[aspects]]
     join-point = { function-call = "fmt.Println" }
     advice = { wrap-expression = { template = "f({{.}})" } }
     ''', ":1: aspects needs 'id'"),
    ('''
     [[aspects]]
     id = "x"
     join-point = { function-call = "fmt.Println", import-path = "fmt" }
     advice = { wrap-expression = { template = "f({{.}})" } }
     ''', ":3: join-point must hold exactly one join point, not 'function-call', 'import-path'"),
    ('aspects = 3\n', ":1: aspects must be a list, not an integer"),
    ('[[aspects]\n', ":1: not valid TOML: Expected ']]' at the end of an array declaration"),
])
def test_toml_errors_name_file_and_line(text, want):
    got = error_of(textwrap.dedent(text).lstrip("\n"))
    assert got.startswith(want), got


def test_json_errors_name_file_and_line():
    text = ('{"aspects": [\n {"id": "x",\n  "join-point": {"function-call": "fmt.Println"},\n'
            '  "advice": [\n   {"wrap-expression": {"template": "f({{.}})"}},\n'
            '   {"prepend-statments": {"template": "x"}}\n  ]}\n]}\n')
    got = error_of(text, ".json")
    assert got.startswith(":6: unknown advice 'prepend-statments'"), got
    got = error_of('{"aspects": [\n  {"id": 3, "join-point": {"import-path": "x"},\n'
                   '   "advice": {"add-blank-import": "unsafe"}}\n]}', ".json")
    assert got.startswith(":2: id must be a string, not an integer"), got
    got = error_of('{"aspects": [\n  {"id": "x",}\n]}', ".json")
    assert got.startswith(":2: not valid JSON"), got


def test_duplicate_ids_across_files(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(GOOD)
    b.write_text("\n\n" + GOOD)
    with pytest.raises(OrchError) as e:
        load_files([str(a), str(b)])
    assert str(e.value) == f"{b}:8: duplicate aspect id 'get' (first defined at {a}:6)"


def test_good_file_and_translation_forms():
    rs = load_rules(GOOD)
    assert [a.id for a in rs.aspects] == ["get"]
    # An empty function list selects every function; a single advice table
    # is a list of one; orch.toml's [orch] table is not a rule.
    rs = load_rules('''
        [orch]
        builtin = false
        [[aspects]]
        id = "all"
        join-point.function-body.function = []
        advice.prepend-statements.template = "_ = 1"
        ''')
    assert rs.aspects[0].kinds == frozenset({"BlockStmt"})
    assert rs.injected_paths() == set()


def test_fingerprint_is_canonical():
    toml = load_rules(GOOD)
    json_text = ('{"meta": {"name": "other"}, "aspects": [{"advice": [{"wrap-expression": '
                 '{"template": "wrap({{.}})"}}], "join-point": {"function-call": "net/http.Get"}, "id": "get"}]}')
    assert load_rules(json_text, ".json").fingerprint == toml.fingerprint
    assert load_rules("# a comment\n" + GOOD.replace(" = ", "=")).fingerprint == toml.fingerprint
    assert load_rules(GOOD.replace("wrap(", "wrap2(")).fingerprint != toml.fingerprint
    assert load_rules(GOOD.replace('"get"', '"get2"')).fingerprint != toml.fingerprint


def test_injectables_hash_covers_the_closure(tmp_path):
    from orch.rules import fingerprint
    root = tmp_path / "rules.d"
    mod = root / "runtime"
    for pkg, src in {
        "a": 'package a\n\nimport "example.org/rt/b"\n\nvar X = b.Y\n',
        "b": "package b\n\nvar Y = 1\n",
        "c": "package c\n",
    }.items():
        (mod / pkg).mkdir(parents=True)
        (mod / pkg / f"{pkg}.go").write_text(src)
    (mod / "go.mod").write_text("module example.org/rt\n\ngo 1.22\n")
    rs = load_rules('''
        [[aspects]]
        id = "x"
        join-point.function-body.function = []
        advice.prepend-statements = { template = "a.X = 2", imports = { a = "example.org/rt/a" } }
        ''')
    from orch.config import go_modules
    modules = go_modules(str(root))
    h0 = fingerprint.injectables_hash(rs, modules)
    (mod / "c" / "c.go").write_text("package c\n\nvar Z = 3\n")
    assert fingerprint.injectables_hash(rs, modules) == h0      # c is not injected
    (mod / "a" / "a_test.go").write_text("package a\n")
    assert fingerprint.injectables_hash(rs, modules) == h0      # tests never reach a binary
    (mod / "b" / "b.go").write_text("package b\n\nvar Y = 2\n")
    assert fingerprint.injectables_hash(rs, modules) != h0      # b is imported by a


def test_broken_rules_fail_the_version_stage(tmp_path, monkeypatch):
    from orch.stages import version
    bad = tmp_path / "bad.toml"
    bad.write_text('[[aspects]]\nid = "x"\njoin-point = { function-call = "fmt.Println" }\nadvice = []\n')
    monkeypatch.setenv("ORCH_RULES", str(bad))
    monkeypatch.setenv("ORCH_NO_BUILTIN", "1")
    with pytest.raises(OrchError) as e:
        version.run({"version_line": "compile version go1.26.8\n", "build": {}})
    assert str(e.value) == f"{bad}:4: advice must not be an empty list"


@pytest.mark.parametrize("pack", ["typepack.toml", "typepack-syntactic.toml", "typepack-scoped.toml"])
def test_bench_packs_load(pack, go_bin):
    """tests/bench's rule packs (bench_typecost.py --pack) load, their
    type-aware options checked against the toolchain's GOROOT: a bench
    run is no place to find a broken pack."""
    goroot = subprocess.run([go_bin, "env", "GOROOT"], capture_output=True, text=True,
                            check=True).stdout.strip()
    path = os.path.join(os.path.dirname(__file__), "..", "bench", pack)
    rs = load_files([path], goroot)
    assert [a.id for a in rs.aspects] == ["typebench.method-call", "typebench.implements"]
