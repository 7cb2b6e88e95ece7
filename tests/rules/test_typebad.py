"""Bad input for type-aware rules (issue 13, "Bad input"), with the real
toolchain's export data:

- export data orch cannot read (a damaged __.PKGDEF, a newer format): one
  line naming the archive, its go version and the rule, once per package
  and archive however many call sites asked; the package built as if the
  rule did not match; never a traceback;
- a rule naming a type a standard-library package does not declare
  (io.Writerr): a load error with the rule file and line;
- a rule naming a type a non-standard package's readable export data does
  not declare: the same one-line warning, once per compile.
"""

import os
import subprocess
import textwrap

import pytest

from support import TOOLEXEC, clean_env

SRC = '''\
package p

import "bytes"

func f(b *bytes.Buffer) int { return b.Len() }

func g(b *bytes.Buffer) int { return b.Len() + b.Len() }
'''


@pytest.fixture(scope="module")
def exports(go_bin, gocache):
    """{import path: archive} of real export data (go list -export)."""
    out = subprocess.run([go_bin, "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}",
                          "bytes", "io"], capture_output=True, text=True, check=True,
                         env=clean_env(gocache)).stdout
    return dict(kv for kv in (line.split("=", 1) for line in out.split()) if kv[1])


@pytest.fixture(scope="module")
def q_archive(go_bin, gocache, tmp_path_factory):
    """The archive of a non-standard package example.com/q, compiled by the
    real compiler (go tool compile -p example.com/q -pack)."""
    d = tmp_path_factory.mktemp("q")
    (d / "q.go").write_text("package q\n\ntype Writer interface{ Write(p []byte) (int, error) }\n\n"
                            "type Buffer struct{}\n\nfunc (*Buffer) Len() int { return 0 }\n")
    subprocess.run([go_bin, "tool", "compile", "-p", "example.com/q", "-pack", "-o", str(d / "q.a"),
                    str(d / "q.go")], cwd=d, check=True, env=clean_env(gocache))
    return str(d / "q.a")


@pytest.fixture(scope="module")
def goroot(go_bin):
    return subprocess.run([go_bin, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()


def damaged(src: str, dest, how: str) -> str:
    """A copy of archive src with its __.PKGDEF damaged: the export format
    byte ("format"), the pkgbits version made newer than any orch reads
    ("newer"), or the payload overwritten past its header ("garbage")."""
    data = bytearray(open(src, "rb").read())
    start = data.find(b"\n$$B\n") + len(b"\n$$B\n")
    assert data[start:start + 1] == b"u"
    if how == "format":
        data[start] = ord("x")
    elif how == "newer":
        data[start + 1:start + 5] = (99).to_bytes(4, "little")
    else:
        end = data.rfind(b"\n$$\n")
        data[start + 1:end] = bytes((i * 7 + 3) % 251 for i in range(end - start - 1))
    with open(dest, "wb") as f:
        f.write(data)
    return str(dest)


def write_rules(tmp_path, text: str) -> str:
    path = tmp_path / "rules.toml"
    path.write_text(textwrap.dedent(text))
    return str(path)


def plan_step(tmp_path, files: dict, rules: str, goroot: str) -> dict:
    """A compile step of package example.com/p (SRC) with an importcfg of files."""
    (tmp_path / "a.go").write_text(SRC)
    cfg = tmp_path / "importcfg"
    cfg.write_text("".join(f"packagefile {p}={f}\n" for p, f in files.items()))
    return {"tool": "compile", "tool_path": os.path.join(goroot, "pkg", "tool", "x", "compile"),
            "argv": ["-o", str(tmp_path / "_pkg_.a"), "-p", "example.com/p", "-importcfg", str(cfg),
                     "-pack", str(tmp_path / "a.go")],
            "import_path": "example.com/p", "dir": str(tmp_path), "build": {"rule_files": [rules]}}


def method_call_rule(rule_id: str, receiver: str, name: str) -> str:
    """A method-call rule whose advice leaves the call as it is."""
    return (f'\n[[aspects]]\nid = "{rule_id}"\n'
            f'join-point.method-call = {{ receiver = "{receiver}", name = "{name}" }}\n'
            'advice = { wrap-expression = { template = "{{.}}" } }\n')


METHOD_RULES = method_call_rule("len", "bytes.Buffer", "Len") + '''
[[aspects]]
id = "writer"
join-point.function-body.function = [ { argument-implements = "bytes.Buffer" } ]
advice = { prepend-statements = { template = "_ = 1" } }
'''


@pytest.mark.parametrize("how", ["format", "newer", "garbage"])
def test_unreadable_archive_one_line_per_archive(tmp_path, exports, goroot, how):
    from orch.stages import plan
    bad = damaged(exports["bytes"], tmp_path / "bytes.a", how)
    rules = write_rules(tmp_path, METHOD_RULES)
    step = plan.run(plan_step(tmp_path, dict(exports, bytes=bad), rules, goroot))
    p = step["plan"]
    assert [m for f in p["files"] for m in f["matches"]] == []
    warnings = p["warnings"]
    assert len(warnings) == 1, warnings         # three call sites, one archive: one line
    w = warnings[0]
    assert w.startswith(f"orch: example.com/p: cannot read export data: {bad}: "), w
    assert " (go1." in w or "(devel" in w, w
    assert f"'len' ({rules}:3)" in w, w
    assert "built as if they did not match" in w or "built as if it did not match" in w, w
    assert "\n" not in w


def test_unreadable_archive_through_toolexec(tmp_path, exports, goroot, gocache, q_archive):
    """The whole compile call: the warning on stderr (go shows it under
    `# pkg`) and in ORCH_DEBUG_DIR's notices, the package compiled by the
    real compiler as if the rule did not match. The damaged archive is
    listed by the importcfg but not imported by the source (so the real
    compiler, which reads only what is imported, compiles the package)."""
    bad = damaged(q_archive, tmp_path / "q.a", "newer")
    rules = write_rules(tmp_path, '''
        [[aspects]]
        id = "q-iface"
        join-point.function-body.function = [ { argument-implements = "example.com/q.Writer" } ]
        advice = { prepend-statements = { template = "panic(1)" } }
        ''')
    step = plan_step(tmp_path, dict(exports, **{"example.com/q": bad}), rules, goroot)
    compile_ = subprocess.run(["go", "tool", "-n", "compile"], capture_output=True, text=True,
                              check=True, env=clean_env(gocache)).stdout.strip()
    debug = tmp_path / "debug"
    env = dict(clean_env(gocache), TOOLEXEC_IMPORTPATH="example.com/p", ORCH_RULES=rules,
               ORCH_NO_BUILTIN="1", ORCH_DEBUG_DIR=str(debug))
    proc = subprocess.run([TOOLEXEC, compile_] + step["argv"], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith("orch:")]
    assert len(lines) == 1, proc.stderr
    assert f"cannot read export data: {bad}: export data version 99 is newer" in lines[0], lines[0]
    assert f"'q-iface' ({rules}:3)" in lines[0]
    assert os.path.getsize(tmp_path / "_pkg_.a") > 0
    notices = (debug / "notices.txt").read_text()
    assert lines[0][len("orch: "):] in notices
    plan = __import__("json").load(open(debug / "compile" / "example.com%p" / "1-plan.json"))
    assert [m for f in plan["plan"]["files"] for m in f["matches"]] == []


def test_missing_type_in_readable_export_data(tmp_path, exports, goroot, q_archive):
    """example.com/q's archive is readable: Writer exists and matches,
    Writerr and Bufferr do not exist and say so, once for the compile."""
    from orch.stages import plan
    rules = write_rules(tmp_path, '''
        [[aspects]]
        id = "ok"
        join-point.function-body.function = [ { argument-implements = "example.com/q.Writer" } ]
        advice = { prepend-statements = { template = "_ = 1" } }

        [[aspects]]
        id = "typo"
        join-point.function-body.function = [ { argument-implements = "example.com/q.Writerr" } ]
        advice = { prepend-statements = { template = "_ = 1" } }

        ''' + method_call_rule("recv", "example.com/q.Bufferr", "Len"))
    q = q_archive
    step = plan.run(plan_step(tmp_path, dict(exports, **{"example.com/q": q}), rules, goroot))
    p = step["plan"]
    assert sorted({m["rule"] for f in p["files"] for m in f["matches"]}) == ["ok"]
    warnings = p["warnings"]
    assert len(warnings) == 2, warnings
    typo, recv = warnings
    assert typo.startswith(f"orch: example.com/p: example.com/q has no type Writerr (its export data: {q}, go"), typo
    assert f"'typo' ({rules}:8) never matches it" in typo
    assert "example.com/q has no type Bufferr" in recv and f"'recv' ({rules}:14)" in recv


def test_std_type_that_does_not_exist_fails_at_load(tmp_path, goroot):
    from orch.errors import OrchError
    from orch.rules.loader import load_files
    from orch.stages import version
    rules = write_rules(tmp_path, '''
        [[aspects]]
        id = "w"
        join-point.function-body.function = [ { result-implements = "error" },
                                              { argument-implements = "io.Writerr" } ]
        advice = { prepend-statements = { template = "_ = 1" } }
        ''')
    with pytest.raises(OrchError) as e:
        load_files([rules], goroot)
    assert str(e.value) == f"{rules}:5: aspect 'w': io has no type Writerr (the standard library of {goroot})"
    load_files([rules])       # without a GOROOT: not checked (the compile's type layer says no)
    step = {"tool": "compile", "tool_path": os.path.join(goroot, "pkg", "tool", "linux_amd64", "compile"),
            "version_line": "compile version go1.99", "build": {"rule_files": [rules]}}
    if os.path.isdir(os.path.dirname(step["tool_path"])):
        with pytest.raises(OrchError, match=r":5: aspect .w.: io has no type Writerr"):
            version.run(step)


def test_method_call_receiver_that_does_not_exist_fails_at_load(tmp_path, goroot):
    from orch.errors import OrchError
    from orch.rules.loader import load_files
    rules = write_rules(tmp_path, method_call_rule("ok", "net/http.Client", "Do")
                        + method_call_rule("c", "net/http.Clientt", "Do"))
    with pytest.raises(OrchError, match=r":9: aspect 'c': net/http has no type Clientt"):
        load_files([rules], goroot)


def test_std_check_reads_grouped_declarations_and_build_constraints(tmp_path):
    """A type declared in a `type ( ... )` group, or only in a file with a
    build constraint, exists; a package not in GOROOT gives no answer."""
    from orch.rules.typecheck import std_declares
    d = tmp_path / "src" / "fakepkg"
    d.mkdir(parents=True)
    (d / "a.go").write_text("package fakepkg\n\ntype (\n\tGrouped int\n\tOther = string\n)\n")
    (d / "b_windows.go").write_text("//go:build windows\n\npackage fakepkg\n\ntype OnlyWindows struct{}\n")
    (d / "c_test.go").write_text("package fakepkg\n\ntype OnlyTest struct{}\n")
    root = str(tmp_path)
    assert std_declares(root, "fakepkg", "Grouped") is True
    assert std_declares(root, "fakepkg", "Other") is True
    assert std_declares(root, "fakepkg", "OnlyWindows") is True
    assert std_declares(root, "fakepkg", "OnlyTest") is False
    assert std_declares(root, "fakepkg", "fakepkg") is False
    assert std_declares(root, "nothere", "T") is None
    assert std_declares(root, "example.com/x", "T") is None


def test_template_method_on_unreadable_archive(tmp_path, exports, goroot, q_archive):
    """.Function.ArgumentThatImplements asks the type layer in the rewrite
    stage: an unreadable archive gives the same line there (the template
    answers "" as for no such argument), naming the rule."""
    from orch.stages import plan, rewrite
    bad = damaged(q_archive, tmp_path / "q.a", "format")
    rules = write_rules(tmp_path, '''
        [[aspects]]
        id = "tmpl"
        join-point.function-body.function = [ { name = "f" } ]
        advice = { prepend-statements = { template = "_ = \\"{{ .Function.ArgumentThatImplements \\"example.com/q.Writer\\" }}\\"" } }
        ''')
    step = plan.run(plan_step(tmp_path, dict(exports, **{"example.com/q": bad}), rules, goroot))
    assert "warnings" not in step["plan"]
    step = rewrite.run(step)
    warnings = step["rewrite"]["warnings"]
    assert len(warnings) == 1 and f"cannot read export data: {bad}: " in warnings[0], warnings
    assert f"'tmpl' ({rules}:3)" in warnings[0]
    out = open(step["rewrite"]["files"][str(tmp_path / "a.go")]).read()
    assert '_ = ""' in out
