"""End-to-end: real `go build`/`go test` through orch with the rules of e2e/.

- what an instrumented program reports about its own lines (runtime.Caller,
  panics, stack traces) is what the plain build reports, with and without
  -trimpath; compiler errors are the same too;
- injected imports of orch's runtime module and //go:linkname links build
  and link (the toolchain stages complete the importcfg);
- test-main rules reach go test's generated main package;
- a broken rule file fails the build at its start, naming file:line;
- orch-plan's output, edited, is what orch-rewrite applies.
"""

import json
import os
import re
import shutil
import subprocess

import pytest

from support import SOURCE_DIRS

HERE = os.path.dirname(os.path.abspath(__file__))
E2E = os.path.join(HERE, "e2e")
RULES = os.path.join(E2E, "rules.toml")
ROOT = os.path.dirname(os.path.dirname(HERE))
ENV = {"ORCH_RULES": RULES, "ORCH_NO_BUILTIN": "1"}


@pytest.fixture(params=["short"])
def module(tmp_path, request):
    """A copy of e2e/ as the module example.com/e2e (tests of positions
    also ask for it under other source directories: support.SOURCE_DIRS)."""
    src = tmp_path / SOURCE_DIRS[request.param] / "src"
    shutil.copytree(E2E, src, ignore=shutil.ignore_patterns("rules.toml"))
    (src / "go.mod").write_text("module example.com/e2e\n\ngo 1.22\n")
    return src


def build_and_run(gorun, src, out, *flags, orch=True):
    gorun(["build", *flags, "-o", str(out), "./lines"], src, orch=orch, env=ENV)
    return subprocess.run([str(out)], capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize("module", sorted(SOURCE_DIRS), indirect=True)
@pytest.mark.parametrize("flags", [[], ["-trimpath"]], ids=["plain-paths", "trimpath"])
def test_lines_stack_traces_and_callers_match_the_plain_build(module, gorun, tmp_path, flags):
    plain = build_and_run(gorun, module, tmp_path / "plain", *flags, orch=False)
    orch = build_and_run(gorun, module, tmp_path / "orch", *flags)
    assert "lines/main.go:13" in plain and "main.f()" in plain
    assert orch == plain
    if flags:
        assert "example.com/e2e/lines/main.go:24" in orch
    else:
        assert f"{module}/lines/main.go:24" in orch


@pytest.mark.skipif(not shutil.which("gcc") and not shutil.which("cc"), reason="cgo needs a C compiler")
def test_cgo_files_keep_their_positions(module, gorun, tmp_path):
    """cgo's generated files carry their own //line directives; the rewrite
    of _cgo_gotypes.go and main.cgo1.go keeps what they map to."""
    run = lambda exe: subprocess.run([str(exe)], capture_output=True, text=True, timeout=60).stdout
    gorun(["build", "-o", str(tmp_path / "plain"), "./cgo"], module, orch=False)
    gorun(["build", "-o", str(tmp_path / "orch"), "./cgo"], module,
          env=dict(ENV, ORCH_DEBUG_DIR=str(tmp_path / "debug")))
    assert run(tmp_path / "orch") == run(tmp_path / "plain") == (
        f"42 {module}/cgo/main.go:19\nruntime error: invalid memory address or nil pointer dereference "
        f"{module}/cgo/main.go:20\n")
    rewritten = os.listdir(tmp_path / "debug" / "compile" / "example.com%e2e%cgo")
    assert "main.cgo1.go" in rewritten


def test_coverage_builds_are_rewritten_too(module, gorun):
    proc = gorun(["test", "-count=1", "-cover", "./lib"], module, env=ENV)
    assert "coverage: 100.0% of statements" in proc.stdout


@pytest.mark.parametrize("module", sorted(SOURCE_DIRS), indirect=True)
def test_compiler_errors_name_the_users_lines(module, gorun):
    main = module / "lines" / "main.go"
    main.write_text(main.read_text().replace('m["x"] = wrap(1)', 'm["x"] = wrap(1) + "s"; undefinedThing()'))
    plain = gorun(["build", "-o", os.devnull, "./lines"], module, orch=False, check=False)
    orch = gorun(["build", "-o", os.devnull, "./lines"], module, env=ENV, check=False)
    assert plain.returncode != 0 and orch.returncode != 0
    assert "lines/main.go:24:26: undefined: undefinedThing" in plain.stderr
    # Same positions; the message about the wrapped expression shows its new text.
    where = lambda text: re.findall(r"^(\S+:\d+:\d+): ", text, re.M)
    assert where(orch.stderr) == where(plain.stderr) == ["lines/main.go:24:11", "lines/main.go:24:26"]
    assert orch.stderr.splitlines()[-1] == plain.stderr.splitlines()[-1]


def test_injected_runtime_imports_and_links(module, gorun, tmp_path):
    exe = tmp_path / "spans"
    gorun(["build", "-o", str(exe), "./spans"], module, env=ENV)
    out = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "tracing enabled: false\nbought tea <nil>\n"


def test_test_main_rules_reach_the_generated_main(module, gorun):
    proc = gorun(["test", "-count=1", "-v", "./lib"], module, env=ENV)
    assert "orch was in the test main" in proc.stdout + proc.stderr
    assert "--- PASS: TestDouble" in proc.stdout


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_broken_rule_file_fails_the_build_at_its_start(module, gorun, tmp_path, kind):
    if kind == "toml":
        rules = tmp_path / "broken.toml"
        rules.write_text('[[aspects]]\nid = "x"\njoin-point = { function-call = "fmt.Println" }\n'
                         '[[aspects.advice]]\nwrap-expresion = { template = "f({{.}})" }\n')
        line = 5
    else:
        rules = tmp_path / "broken.json"
        rules.write_text('{"aspects": [\n {"id": "x",\n  "join-point": {"function-call": "fmt.Println"},\n'
                         '  "advice": [\n   {"wrap-expresion": {"template": "f({{.}})"}}\n  ]}\n]}\n')
        line = 5
    proc = gorun(["build", "-o", os.devnull, "./lines"], module, env={"ORCH_RULES": str(rules),
                                                                      "ORCH_NO_BUILTIN": "1"}, check=False)
    assert proc.returncode != 0
    assert f"{rules}:{line}: unknown advice 'wrap-expresion' (did you mean 'wrap-expression'?)" in proc.stderr
    assert "Traceback" not in proc.stderr
    # It failed when go asked for the compiler's version: nothing was compiled.
    assert "# " not in proc.stderr


def _run_stage(name, step_json: bytes, env) -> bytes:
    proc = subprocess.run([os.path.join(ROOT, "bin", name)], input=step_json, capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def test_an_edited_plan_is_what_rewrite_applies(module, tmp_path):
    """orch-plan | (drop one match) | orch-rewrite drops exactly that change."""
    env = dict(os.environ, **ENV)
    objdir = tmp_path / "work" / "b001"
    objdir.mkdir(parents=True)
    step = {"tool": "compile", "dir": str(module / "lines"), "import_path": "example.com/e2e/lines",
            "argv": ["-o", str(objdir / "_pkg_.a"), "-p", "main", "./main.go"],
            "build": {"module_root": str(module)}}
    planned = json.loads(_run_stage("orch-plan", json.dumps(step).encode(), env))
    matches = planned["plan"]["files"][0]["matches"]
    assert {m["rule"] for m in matches} == {"e2e.bodies", "e2e.wrap"}

    full = json.loads(_run_stage("orch-rewrite", json.dumps(planned).encode(), env))
    text = open(full["rewrite"]["files"][str(module / "lines" / "main.go")]).read()
    assert "wrap(/*line" in text and '_ = "where"' in text

    planned["plan"]["files"][0]["matches"] = [m for m in matches if m["rule"] != "e2e.wrap"]
    edited = json.loads(_run_stage("orch-rewrite", json.dumps(planned).encode(), env))
    text = open(edited["rewrite"]["files"][str(module / "lines" / "main.go")]).read()
    assert "wrap(/*line" not in text and '_ = "where"' in text
    assert edited["argv"][-1].endswith("/b001/orch/main.go")

    # A plan that no longer fits the file is an error, not a wrong rewrite.
    planned["plan"]["files"][0]["matches"][0]["range"][0] += 1
    proc = subprocess.run([os.path.join(ROOT, "bin", "orch-rewrite")], input=json.dumps(planned).encode(),
                          capture_output=True, env=env)
    assert proc.returncode == 2
    assert re.search(r"orch-rewrite: .*main\.go: the plan's match of rule 'e2e.bodies' does not fit",
                     proc.stderr.decode())


def test_a_file_that_starts_with_a_byte_order_mark(module, gorun, tmp_path):
    """Go accepts a BOM as a file's first bytes only: the rewrite keeps it
    there, and positions on line 1 still count its bytes, as go does."""
    main = module / "lines" / "main.go"
    main.write_bytes(b"\xef\xbb\xbf" + main.read_bytes())
    plain = build_and_run(gorun, module, tmp_path / "plain", orch=False)
    orch = build_and_run(gorun, module, tmp_path / "orch")
    assert orch == plain and f"{module}/lines/main.go:24" in orch
    main.write_bytes(main.read_bytes().replace(b"package main", b'package main; import "os"', 1))
    plain = gorun(["build", "-o", os.devnull, "./lines"], module, orch=False, check=False)
    orch = gorun(["build", "-o", os.devnull, "./lines"], module, env=ENV, check=False)
    assert 'lines/main.go:1:25: "os" imported and not used' in plain.stderr
    assert orch.stderr == plain.stderr
