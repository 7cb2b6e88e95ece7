"""orch-toolexec with the real go command: dispatch, pass-through, cache keys."""

import os
import re
import subprocess

from support import TOOLEXEC, write_module

HELLO = {
    "main.go": """
        package main

        import "fmt"

        func main() { fmt.Println("hello from orch tests") }
    """,
}


def go_tool(name: str) -> str:
    out = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), name)


def test_passthrough_keeps_argv_stdin_stdout_stderr_and_status(tmp_path):
    tool = tmp_path / "fake-tool"
    tool.write_text('#!/bin/sh\nprintf "args:%s|" "$@"\ncat\necho oops >&2\nexit 7\n')
    tool.chmod(0o755)
    proc = subprocess.run([TOOLEXEC, str(tool), "a b", "-x", ""], input=b"from stdin",
                          capture_output=True)
    assert proc.returncode == 7
    assert proc.stdout == b"args:a b|args:-x|args:|from stdin"
    assert proc.stderr == b"oops\n"


def test_other_tools_version_is_untouched():
    asm = go_tool("asm")
    plain = subprocess.run([asm, "-V=full"], capture_output=True, text=True).stdout
    via = subprocess.run([TOOLEXEC, asm, "-V=full"], capture_output=True, text=True).stdout
    assert via == plain


def test_compile_version_carries_orch_identity(goenv):
    compile_ = go_tool("compile")
    plain = subprocess.run([compile_, "-V=full"], capture_output=True, text=True).stdout
    via = subprocess.run([TOOLEXEC, compile_, "-V=full"], capture_output=True, text=True, env=goenv)
    assert via.returncode == 0, via.stderr
    fields, orig = via.stdout.split(), plain.split()
    assert len(fields) == len(orig) and fields[:2] == orig[:2]
    assert re.fullmatch(re.escape(orig[2]) + r":orch@[0-9.]+;injectables=[0-9a-f]{16};aspects=[0-9a-f]{16}",
                        fields[2])


def test_devel_toolchain_build_id_changes_too():
    from orch.stages.version import stamp
    line = "compile version devel go1.27-abcdef Tue Jan 1 X:nocoverageredesign buildID=aa/bb\n"
    out = stamp(line, "orch@0.1.0;injectables=1;aspects=2")
    f = out.split()
    assert f[2] == "devel:orch@0.1.0;injectables=1;aspects=2"
    assert f[-1].startswith("buildID=aa/bb") and f[-1] != "buildID=aa/bb"
    assert "/" not in f[-1].split("/", 1)[1]  # go keys on the part after the last /
    assert out.endswith("\n") and len(f) == len(line.split())


def test_help_and_version_on_every_executable():
    root = os.path.dirname(TOOLEXEC)
    for name in sorted(os.listdir(root)):
        exe = os.path.join(root, name)
        for flag in ("--help", "--version"):
            proc = subprocess.run([exe, flag], capture_output=True, text=True, stdin=subprocess.DEVNULL)
            assert proc.returncode == 0, (name, flag, proc.stderr)
            assert proc.stdout.strip(), (name, flag)
        assert name in subprocess.run([exe, "--version"], capture_output=True, text=True).stdout


def test_user_compile_error_passes_through_unchanged(tmp_path, gorun):
    write_module(tmp_path, {"main.go": """
        package main

        func main() {
            var x int = "not an int"
        }
    """})
    plain = gorun(["build", "-o", os.devnull, "."], tmp_path, orch=False, check=False)
    orch = gorun(["build", "-o", os.devnull, "."], tmp_path, check=False)
    assert plain.returncode != 0
    assert (orch.returncode, orch.stdout, orch.stderr) == (plain.returncode, plain.stdout, plain.stderr)


def test_syntax_error_in_a_skimmed_body_reaches_the_compiler_unchanged(tmp_path, gorun):
    # The rule looks at main's signature only, so the plan skims broken()'s
    # body; main matches, but the rewrite parses the whole file, sees the
    # error, and leaves the file alone: go reports what plain go reports.
    write_module(tmp_path / "m", {"main.go": """
        package main

        func main() {}

        func broken() {
            x := := 1
        }
    """})
    rules = tmp_path / "rules.toml"
    rules.write_text('''
[[aspects]]
id = "prepend-to-main"
join-point = { function-body = { function = [{ name = "main" }] } }
advice = [{ prepend-statements = { template = "_ = 0" } }]
''')
    env = {"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1"}
    plain = gorun(["build", "-o", os.devnull, "."], tmp_path / "m", orch=False, check=False)
    orch = gorun(["build", "-o", os.devnull, "."], tmp_path / "m", env=env, check=False)
    assert plain.returncode != 0 and "syntax error" in plain.stderr
    assert (orch.returncode, orch.stdout, orch.stderr) == (plain.returncode, plain.stdout, plain.stderr)


def compile_calls(stderr: str) -> int:
    """How many compiler runs `go build -x` reports."""
    return len(re.findall(r"^\S*/compile -o ", stderr, re.M)) + len(re.findall(r"orch-toolexec \S*/compile -o ", stderr))


def build_id(path) -> str:
    return subprocess.run(["go", "tool", "buildid", str(path)], capture_output=True, text=True, check=True).stdout


def test_plain_and_instrumented_builds_never_share_cache_entries(tmp_path, gorun):
    mod = write_module(tmp_path / "m", HELLO)
    out = tmp_path / "bin"
    gorun(["build", "-o", str(out / "plain1"), "."], mod, orch=False)
    gorun(["build", "-o", str(out / "orch1"), "."], mod)
    gorun(["build", "-o", str(out / "plain2"), "."], mod, orch=False)
    gorun(["build", "-o", str(out / "orch2"), "."], mod)
    assert build_id(out / "plain1") == build_id(out / "plain2")
    assert build_id(out / "orch1") == build_id(out / "orch2")
    assert build_id(out / "plain1") != build_id(out / "orch1")
    # A warm instrumented build runs no compiler at all.
    again = gorun(["build", "-x", "-o", str(out / "orch3"), "."], mod)
    assert compile_calls(again.stderr) == 0, again.stderr


RULE = """
# a rule pack with one aspect
[[aspects]]
id = "test-no-op"
join-point = { function-body = { function = [{ name = "neverCalledAnything" }] } }
advice = [{ prepend-statements = { template = "_ = 0" } }]
"""


def test_rule_changes_rebuild_and_touching_does_not(tmp_path, gorun):
    mod = write_module(tmp_path / "m", HELLO)
    rules = tmp_path / "rules.toml"
    rules.write_text(RULE)
    env = {"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1"}
    gorun(["build", "-o", os.devnull, "."], mod, env=env)
    warm = gorun(["build", "-x", "-o", os.devnull, "."], mod, env=env)
    assert compile_calls(warm.stderr) == 0, warm.stderr

    os.utime(rules, None)  # touched, same content
    rules.write_text(RULE.replace("# a rule pack", "# a comment"))  # layout only
    warm = gorun(["build", "-x", "-o", os.devnull, "."], mod, env=env)
    assert compile_calls(warm.stderr) == 0, warm.stderr

    rules.write_text(RULE.replace("neverCalledAnything", "neverCalledOther"))
    changed = gorun(["build", "-x", "-o", os.devnull, "."], mod, env=env)
    assert compile_calls(changed.stderr) > 0


def test_broken_rule_file_fails_the_build_at_its_start(tmp_path, gorun):
    mod = write_module(tmp_path / "m", HELLO)
    rules = tmp_path / "broken.toml"
    rules.write_text("[[aspects]]\nid = 'x'\njoin-point = {\n")
    proc = gorun(["build", "-o", os.devnull, "."], mod, check=False,
                 env={"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1"})
    assert proc.returncode != 0
    assert f"{rules}:" in proc.stderr
    assert "Traceback" not in proc.stderr


PACK_RULE = """
[[aspects]]
id = "hello-from-pack"
join-point = { all-of = [{ package-name = "main" }, { function-body = { function = [{ name = "main" }] } }] }
advice = [{ prepend-statements = { imports = { tracer = "example.org/pack/tracer" }, template = "tracer.Hello()" } }]
"""


def test_injected_go_source_changes_rebuild_and_touching_does_not(tmp_path, gorun):
    """A rule pack directory ships a Go module; its source is part of orch's
    identity, so editing it rebuilds what injects it (a stale importer would
    fail to link), while touching it changes nothing."""
    mod = write_module(tmp_path / "m", HELLO)
    pack = tmp_path / "pack"
    write_module(pack / "go", {"tracer/tracer.go": """
        package tracer

        import "fmt"

        func Hello() { fmt.Println("tracer v1") }
    """}, module="example.org/pack")
    (pack / "hello.toml").write_text(PACK_RULE)
    env = {"ORCH_RULES": str(pack), "ORCH_NO_BUILTIN": "1"}
    exe = tmp_path / "app"
    gorun(["build", "-o", str(exe), "."], mod, env=env)
    assert subprocess.run([exe], capture_output=True, text=True).stdout == "tracer v1\nhello from orch tests\n"

    tracer = pack / "go" / "tracer" / "tracer.go"
    os.utime(tracer, None)
    warm = gorun(["build", "-x", "-o", str(exe), "."], mod, env=env)
    assert compile_calls(warm.stderr) == 0, warm.stderr

    tracer.write_text(tracer.read_text().replace("v1", "v2"))
    gorun(["build", "-o", str(exe), "."], mod, env=env)
    assert subprocess.run([exe], capture_output=True, text=True).stdout == "tracer v2\nhello from orch tests\n"


def test_rule_pack_modules_are_never_instrumented(tmp_path, monkeypatch):
    from orch.stages.plan import never_instrumented
    pack = tmp_path / "pack"
    write_module(pack / "go", {"tracer/tracer.go": "package tracer\n"}, module="example.org/pack")
    monkeypatch.setenv("ORCH_RULES", str(pack))
    assert never_instrumented("example.org/pack/tracer", None)
    assert never_instrumented("orch.dev/runtime/trace", None)
    assert not never_instrumented("example.org/other", None)
    assert not never_instrumented("net/http", None)


TRACED = {
    "main.go": """
        package main

        import "fmt"

        //orch:span span.name:greet
        func greet(who string) string { return "hello " + who }

        func main() {
        	fmt.Println(greet("vet"))
        }
    """,
}


def test_goflags_toolexec_builds_an_instrumented_binary(tmp_path, gorun):
    mod = write_module(tmp_path / "m", TRACED)
    exe = tmp_path / "app"
    gorun(["build", "-o", str(exe), "."], mod, orch=False,
          env={"GOFLAGS": f"-buildvcs=false -toolexec={TOOLEXEC}"})
    run = subprocess.run([str(exe)], capture_output=True, text=True, check=True,
                         env=dict(os.environ, OTEL_TRACES_EXPORTER="console"))
    assert run.stdout == "hello vet\n"
    assert "greet" in run.stderr, run.stderr


def test_go_vet_through_orch_reports_what_plain_vet_reports(tmp_path, gorun):
    clean = write_module(tmp_path / "clean", TRACED)
    gorun(["vet", "./..."], clean)
    # vet's own findings (here a printf mismatch) are the same with orch.
    broken = write_module(tmp_path / "broken", {"main.go": TRACED["main.go"].replace(
        'fmt.Println(greet("vet"))', 'fmt.Printf("%d\\\\n", greet("vet"))')})
    plain = gorun(["vet", "./..."], broken, orch=False, check=False)
    orch = gorun(["vet", "./..."], broken, check=False)
    assert plain.returncode != 0 and "Printf format %d has arg" in plain.stderr, plain.stderr
    assert (orch.returncode, orch.stderr) == (plain.returncode, plain.stderr)


def test_orch_toml_syntax_error_names_file_and_line(tmp_path, gorun):
    src = write_module(tmp_path / "src", HELLO)
    (src_path := tmp_path / "src" / "orch.toml").write_text('[orch]\nbuiltin = false\nrules = ["a.toml",\n')
    proc = gorun(["build", "-o", os.devnull, "."], src, check=False)
    assert proc.returncode != 0
    assert re.search(rf"^orch-toolexec: {re.escape(str(src_path))}:4: not valid TOML: .+$", proc.stderr, re.M), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_replayed_step_plans_with_the_rules_of_its_build(tmp_path, gorun):
    """orch-plan < 0-input.json plans with the rules in force when go ran
    the call (the step records them), not with the replaying shell's."""
    import json
    src = write_module(tmp_path / "src", HELLO)
    rules = tmp_path / "rules.toml"
    rules.write_text('[[aspects]]\nid = "mine"\njoin-point.function-body.function = [ { name = "main" } ]\n'
                     'advice.prepend-statements.template = "_ = 1"\n')
    debug = tmp_path / "debug"
    gorun(["build", "-o", os.devnull, "."], src,
          env={"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1", "ORCH_DEBUG_DIR": str(debug)})
    step_dir = debug / "compile" / "example.com%m"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORCH_")}
    plan = os.path.join(os.path.dirname(TOOLEXEC), "orch-plan")
    with open(step_dir / "0-input.json") as f:
        replayed = subprocess.run([plan], stdin=f, capture_output=True, text=True, env=env)
    assert replayed.returncode == 0, replayed.stderr
    recorded = json.loads((step_dir / "1-plan.json").read_text())["plan"]
    assert json.loads(replayed.stdout)["plan"] == recorded
    assert [m["rule"] for f in recorded["files"] for m in f["matches"]] == ["mine"]
