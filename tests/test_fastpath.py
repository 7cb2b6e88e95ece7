"""bin/orch-toolexec's fast path (lib/orch/fastpath.py): compile calls of
packages that no rule can touch skip Python, and never one that a rule could."""

import glob
import os
import subprocess

import pytest

from support import ROOT, TOOLEXEC, write_module

from orch import config
from orch.rules import loader, prefilter
from orch.rules.prefilter import necessary_condition
from orch.rules.context import FileContext, PackageContext

RULE_SETS = {"built-in": config.rule_files(None, env={})}
RULE_SETS.update({os.path.relpath(p, ROOT): [p] for p in sorted(glob.glob(os.path.join(ROOT, "tests", "**", "*.toml"),
                                                                             recursive=True))})


def goroot_packages(every: int = 2):
    """(import path, [.go files]) for every `every`th package directory of GOROOT/src."""
    src = os.path.join(subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True,
                                      check=True).stdout.strip(), "src")
    out = []
    for d, subdirs, names in os.walk(src):
        subdirs[:] = sorted(s for s in subdirs if s != "testdata")
        files = [os.path.join(d, n) for n in sorted(names) if n.endswith(".go")]
        if files:
            out.append((os.path.relpath(d, src).replace(os.sep, "/"), files))
    return out[::every]


@pytest.fixture(scope="module")
def packages():
    return [(ip, files, {f: open(f, "rb").read() for f in files}) for ip, files in goroot_packages()]


def imports_of(sources) -> set[str]:
    from orch.errors import OrchError
    from orch.golang.imports import scan_imports
    out = set()
    for src in sources:
        try:
            out.update(scan_imports(src).paths())
        except (OrchError, SyntaxError, ValueError):
            pass
    return out


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_the_summary_never_skips_a_package_the_plan_would_consider(name, packages):
    """Differential: wherever the plan stage's pre-tests leave a rule
    possible for some file, the launcher's condition holds too."""
    table = loader.load_files(RULE_SETS[name]).prefilter_table()[1]
    summary = necessary_condition(table)
    if summary is None:
        pytest.skip("these rules have no summary: every compile call goes to Python")
    paths, patterns, words = set(summary[0]), summary[1], summary[2]
    skipped = 0
    for ip, files, data in packages:
        pkg = PackageContext(ip, files)
        pkg._imports = imports_of(data.values())     # what go's importcfg would list
        considered = any(
            prefilter.package_may(pre, pkg) != prefilter.NO
            and any(prefilter.file_may(pre, FileContext(f, pkg, data[f])) != prefilter.NO for f in files)
            for _, pre in table)
        launcher_skips = (not prefilter.path_listed(ip, paths)
                          and not any(p in data[f] for f in files for p in patterns)
                          and not any(prefilter.has_word(data[f], w) for f in files for w in words))
        assert not (considered and launcher_skips), f"{name}: the launcher would skip {ip}"
        skipped += launcher_skips
    if name == "built-in":
        assert skipped > 0.9 * len(packages)    # the point of it


def test_summary_of_the_built_in_rules():
    paths, patterns, _ = necessary_condition(loader.load_files(RULE_SETS["built-in"]).prefilter_table()[1])
    assert "net/http" in paths and "runtime" in paths
    assert b"//orch:span" in patterns


def test_rules_without_a_summary():
    assert necessary_condition([("r", ("name", "main"))]) is None
    assert necessary_condition([("r", ("not", ("ip", "x")))]) is None
    assert necessary_condition([("r", ("all", [("contains", b"func"), ("re", b"x", "x")]))]) == ([], [b"func"], [])
    assert necessary_condition([("r", ("typename", "uint8"))]) == ([], [b"byte", b"uint8"], [])


def test_call_rules_need_their_names_as_words():
    """A method-call rule: the name as a word, or the receiver's package
    imported (quoted either way), whichever is rarer."""
    do = ("all", [("pkgimports", "net/http"), ("word", b"Do")])
    assert necessary_condition([("r", do)]) == (["net/http"], [b'"net/http"', b"`net/http`"], [])
    write = ("all", [("pkgimports", "io"), ("word", b"Write")])
    assert necessary_condition([("r", write)]) == ([], [], [b"Write"])
    both = [("r", ("contains", b"Write")), ("s", ("word", b"Write"))]
    assert necessary_condition(both) == ([], [b"Write"], [])     # the plain search covers it
    long = [("r", ("word", b"QueryContext"))]
    assert necessary_condition(long) == ([], [b"QueryContext"], [])      # rarely inside another name


@pytest.mark.parametrize("data, found", [
    (b"w.Write(p)", True), (b"Write", True), (b"w.WriteString(s)", False), (b"Writer", False),
    (b"xWrite", False), (b"_Write", False), (b"Write_", False), (b"Write2", False),
    (b"Writer.Write", True), (b"\xc3\xa9Write", True), (b"WriteWrite Write;", True),
])
def test_a_word_is_what_grep_w_finds(tmp_path, data, found):
    f = tmp_path / "f.go"
    f.write_bytes(data + b"\n")
    words = tmp_path / "words"
    words.write_bytes(b"Write\nWriteStringX\n")
    grep = subprocess.run(["grep", "-lwF", "-f", str(words), str(f)], env=dict(os.environ, LC_ALL="C"),
                          capture_output=True).returncode == 0
    assert prefilter.has_word(data, b"Write") == found == grep


def test_words_over_goroot_as_grep_w_finds_them(packages, tmp_path):
    """Differential: has_word (the plan) and grep -wF (the launcher) agree on
    GOROOT's files for the names of the benchmark's method-call pack."""
    words = [b"Do", b"QueryContext", b"Value", b"Write", b"WriteString"]
    (tmp_path / "words").write_bytes(b"".join(w + b"\n" for w in words))
    files = [f for _, fs, _ in packages for f in fs]
    grep = subprocess.run(["xargs", "grep", "-lwF", "-f", str(tmp_path / "words")], input="\n".join(files),
                          env=dict(os.environ, LC_ALL="C"), capture_output=True, text=True)
    found = set(grep.stdout.split())
    data = {f: d[f] for _, fs, d in packages for f in fs}
    assert found == {f for f in files if any(prefilter.has_word(data[f], w) for w in words)}
    assert 0 < len(found) < len(files)


def test_a_rule_kept_to_the_main_module_lists_it():
    """package-filter's root: the summary lists the main module, which the
    version stage names; a pattern of the same rule is not needed."""
    root = ("all", [("filter", "", True, ""), ("contains", b"func")])
    assert necessary_condition([("r", root)]) == ([prefilter.MAIN_MODULE], [], [])
    assert necessary_condition([("r", ("filter", "x", False, "x"))]) is None
    assert prefilter.path_listed("example.com/m", ["example.com/m/..."])
    assert prefilter.path_listed("example.com/m/sub", ["example.com/m/..."])
    assert not prefilter.path_listed("example.com/mx", ["example.com/m/..."])
    assert not prefilter.path_listed("strings", [prefilter.MAIN_MODULE])


ROOT_RULES = """
[[aspects]]
id = "rooted"
join-point.all-of = [
  { package-filter = { root = true } },
  { function-body = { function = [ { final-result-implements = "error" } ] } },
]
[[aspects.advice]]
prepend-statements.template = 'println("rooted")'
"""


def test_rules_kept_to_the_main_module_leave_other_packages_to_the_launcher(tmp_path, gorun):
    """A type-aware rule kept to the main module (package-filter root, as
    Orchestrion's own aspects keep theirs): the standard library's
    packages, whatever they contain, compile without Python; the main
    module's packages are planned, rewritten and run."""
    rules = tmp_path / "rooted.toml"
    rules.write_text(ROOT_RULES)
    salt = f'const SALT = "{os.getpid()}-{tmp_path.name}"\n'
    mod = write_module(tmp_path / "m", dict(PROGRAM, **{"plain/salt.go": "package plain\n\n" + salt,
                                                        "plain/err.go": "package plain\n\nfunc Check() error { return nil }\n"}))
    main_go = (tmp_path / "m" / "main.go")
    main_go.write_text(main_go.read_text().replace("lib.Work())", "lib.Work(), plain.Check())"))
    env = {"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1", "GOCACHE": str(tmp_path / "gocache")}
    started = python_starts(tmp_path, gorun, mod, env)
    assert started == {"example.com/m", "example.com/m/lib", "example.com/m/plain"}, started
    run = subprocess.run([str(tmp_path / "app")], capture_output=True, text=True, check=True)
    assert run.stderr.count("rooted") == 1, run.stderr


PROGRAM = {
    "lib/lib.go": """
        package lib

        //orch:span span.name:libwork
        func Work() int { return 7 }
    """,
    "plain/plain.go": """
        package plain

        import "strings"

        func Up(s string) string { return strings.ToUpper(s) + SALT }
    """,
    "main.go": """
        package main

        import (
        	"fmt"

        	"example.com/m/lib"
        	"example.com/m/plain"
        )

        func main() { fmt.Println(plain.Up("x"), lib.Work()) }
    """,
}


def logging_python(tmp_path, record: str):
    """A stand-in for ORCH_PYTHON that appends `record` (shell words, run
    with Python's arguments as $1...) to a log, then runs the real Python.
    Returns (the stand-in, the log). Python's arguments are -E -S -c CODE
    LIB TOOL ARGS..., so $6 is the tool."""
    log = tmp_path / "python.log"
    real = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"], capture_output=True,
                          text=True, check=True).stdout.strip()
    logger = tmp_path / "logging-python"
    logger.write_text(f'#!/bin/sh\n{record} >> "{log}"\nexec "{real}" "$@"\n')
    logger.chmod(0o755)
    return logger, log


def python_starts(tmp_path, gorun, module, env=None):
    """Build module through orch with a Python that logs which package each
    start was for; returns the import paths of the compile calls."""
    logger, log = logging_python(tmp_path, 'case "$*" in *" -V=full") ;; *compile*) echo "$TOOLEXEC_IMPORTPATH" ;; esac')
    gorun(["build", "-o", str(tmp_path / "app"), "."], module, env=dict(env or {}, ORCH_PYTHON=str(logger)))
    return set(log.read_text().split("\n")) - {""} if log.exists() else set()


def test_untouched_packages_compile_without_python(tmp_path, gorun):
    salt = f'const SALT = "{os.getpid()}-{tmp_path.name}"\n'   # new source: these packages compile
    mod = write_module(tmp_path / "m", dict(PROGRAM, **{"plain/salt.go": "package plain\n\n" + salt}))
    started = python_starts(tmp_path, gorun, mod)
    assert "example.com/m/lib" in started        # //orch:span
    assert "example.com/m" in started            # main packages always go to Python
    assert "example.com/m/plain" not in started
    run = subprocess.run([str(tmp_path / "app")], capture_output=True, text=True, check=True,
                         env=dict(os.environ, OTEL_TRACES_EXPORTER="console"))
    assert run.stdout.startswith("X") and "libwork" in run.stderr


ARGS_RULES = os.path.join(ROOT, "tests", "rules", "golden", "args", "rules.toml")   # summary: that package, or its path quoted
BY_NAME_RULES = """
[[aspects]]
id = "by-name"
join-point.package-name = "pkg"
[[aspects.advice]]
add-blank-import = "unsafe"
"""
WORD_RULES = """
[[aspects]]
id = "writes"
join-point.method-call = { receiver = "io.Writer", name = "Write" }
[[aspects.advice]]
wrap-expression.template = "{{.}}"
"""


@pytest.mark.parametrize("case, python", [
    ("untouched", False),
    ("rules without a summary", True),
    ("listed import path", True),
    ("a file has a pattern", True),
    ("main package", True),
    ("debug dir", False),     # the fast path stays on; it says so in timings.jsonl
    ("no version call first", True),
    ("a name as a word", True),           # method-call: the launcher's grep -wF
    ("a name inside a longer one", False),
    ("the words file is gone", True),
])
def test_launcher_decides_from_the_summary_its_go_process_left(tmp_path, case, python):
    """A shell stands in for go: it asks compile -V=full, then compiles a
    package through the launcher, with a stand-in compiler."""
    gotooldir = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True, check=True).stdout.strip()
    fake = tmp_path / "tools" / "compile"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho ran > "{tmp_path}/compiled"\n')
    fake.chmod(0o755)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = {"a file has a pattern": "func F() { _ = \"example.com/golden/args\" }\n",
            "a name as a word": "func F(w interface{ Write([]byte) (int, error) }) { w.Write(nil) }\n",
            }.get(case, "func F(w interface{ Writer() }) { w.Writer() }\n")
    (pkg / "a.go").write_text("package pkg\n\n" + body)
    logger, log = logging_python(tmp_path, 'case "$*" in *-V=full*) echo version ;; *) echo compile ;; esac')
    rules = ARGS_RULES
    if case == "rules without a summary":
        rules = tmp_path / "by-name.toml"
        rules.write_text(BY_NAME_RULES)
    if case.startswith(("a name", "the words")):
        rules = tmp_path / "words.toml"
        rules.write_text(WORD_RULES)
    env = dict(os.environ, ORCH_RULES=str(rules), ORCH_NO_BUILTIN="1", ORCH_PYTHON=str(logger),
               XDG_CACHE_HOME=str(tmp_path / "cache"), TOOLEXEC_IMPORTPATH="example.com/pkg")
    env.pop("ORCH_DEBUG_DIR", None)
    if case == "listed import path":
        env["TOOLEXEC_IMPORTPATH"] = "example.com/golden/args [example.com/golden/args.test]"
    if case == "debug dir":
        env["ORCH_DEBUG_DIR"] = str(tmp_path / "debug")
    p = "main" if case == "main package" else "example.com/pkg"
    version = "" if case == "no version call first" else f'"{TOOLEXEC}" "{gotooldir}/compile" -V=full >/dev/null && '
    if case == "the words file is gone":
        version += f'rm "{tmp_path}"/cache/orch/fast/sum-*.wrd && '
    go = (f'{version}"{TOOLEXEC}" "{fake}" -o "{tmp_path}/b001/_pkg_.a" -p {p} -lang=go1.22 '
          f'-complete -pack ./a.go')
    (tmp_path / "b001").mkdir()
    subprocess.run(["sh", "-c", go], cwd=pkg, env=env, check=True)
    assert (tmp_path / "compiled").exists()
    compile_starts = [line for line in log.read_text().splitlines() if line == "compile"]
    assert bool(compile_starts) == python, compile_starts
    if case == "debug dir":
        import json
        lines = [json.loads(line) for line in (tmp_path / "debug" / "timings.jsonl").read_text().splitlines()]
        assert [x["kind"] for x in lines] == ["version", "compile-fast"]
        assert lines[1]["import_path"] == "example.com/pkg"


def test_link_version_is_answered_by_the_launcher(tmp_path):
    """go asks link -V=full after compile -V=full; the launcher answers it
    from what the first call left, exactly as Python would."""
    gotooldir = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True, check=True).stdout.strip()
    logger, log = logging_python(tmp_path, 'echo "$6"')
    env = dict(os.environ, ORCH_RULES=ARGS_RULES, ORCH_NO_BUILTIN="1", ORCH_PYTHON=str(logger),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("ORCH_DEBUG_DIR", None)
    go = (f'"{TOOLEXEC}" "{gotooldir}/compile" -V=full >/dev/null && '
          f'"{TOOLEXEC}" "{gotooldir}/link" -V=full')
    fast = subprocess.run(["sh", "-c", go], env=env, capture_output=True, text=True, check=True).stdout
    assert [os.path.basename(t) for t in log.read_text().split()] == ["compile"]
    python = subprocess.run([TOOLEXEC, f"{gotooldir}/link", "-V=full"], env=env, capture_output=True,
                            text=True, check=True).stdout   # another parent: Python answers
    assert fast == python and fast.startswith("link version ") and ":orch@" in fast
