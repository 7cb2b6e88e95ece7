"""Golden tests of orch-plan + orch-rewrite: Go input + rules -> Go output.

Each directory under golden/ is one package of the module example.com/golden:
its .go files, rules.toml, the expected rewritten files (<name>.go.golden,
with the source directory written $SRC; a file without one must stay
unchanged) and output.txt (what the instrumented program prints).

All cases share one rule set (each aspect scoped to its package with
import-path), so that the whole module builds in one `go build` through
orch, with the real compiler, and every program runs: a distinct rule set
changes the compiler's identity and rebuilds the standard library, so one
set keeps the shared GOCACHE warm.

ORCH_UPDATE_GOLDEN=1 rewrites the .golden files (review the diff!).
"""

import json
import os
import shutil
import subprocess
import tomllib

import pytest

from support import SOURCE_DIRS

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")
MODULE = "example.com/golden"
CASES = sorted(d for d in os.listdir(GOLDEN) if os.path.isfile(os.path.join(GOLDEN, d, "rules.toml")))


def combined_rules(path: str) -> None:
    """All cases' aspects in one JSON rule file, each scoped to its package."""
    aspects = []
    for case in CASES:
        with open(os.path.join(GOLDEN, case, "rules.toml"), "rb") as f:
            doc = tomllib.load(f)
        for a in doc["aspects"]:
            a = dict(a)
            a["id"] = f"{case}.{a['id']}"
            a["join-point"] = {"all-of": [{"import-path": f"{MODULE}/{case}"}, a["join-point"]]}
            aspects.append(a)
    with open(path, "w") as f:
        json.dump({"aspects": aspects}, f, indent=1, sort_keys=True)


@pytest.fixture(scope="module", params=sorted(SOURCE_DIRS))
def golden_module(tmp_path_factory, request):
    """The module (one package per case) and the combined rule file, under
    source directories of several lengths and alphabets: the rewrite must
    be the same text (with the directory written $SRC) in each."""
    root = str(tmp_path_factory.mktemp("golden"))
    src = os.path.join(root, SOURCE_DIRS[request.param], "src")
    for case in CASES:
        os.makedirs(os.path.join(src, case))
        for name in os.listdir(os.path.join(GOLDEN, case)):
            if name.endswith(".go"):
                shutil.copy(os.path.join(GOLDEN, case, name), os.path.join(src, case, name))
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write(f"module {MODULE}\n\ngo 1.22\n")
    rules = os.path.join(root, "rules.json")
    combined_rules(rules)
    return src, rules


def rewrite_in_process(src: str, case: str, rules: str, monkeypatch, work: str) -> dict:
    """Run plan + rewrite on the case's package; {file name: new text}."""
    from orch.stages import plan, rewrite
    monkeypatch.setenv("ORCH_RULES", rules)
    monkeypatch.setenv("ORCH_NO_BUILTIN", "1")
    d = os.path.join(src, case)
    files = sorted(n for n in os.listdir(d) if n.endswith(".go"))
    objdir = os.path.join(work, "b001")
    os.makedirs(objdir, exist_ok=True)
    step = {"tool": "compile", "dir": d, "import_path": f"{MODULE}/{case}",
            "argv": ["-o", os.path.join(objdir, "_pkg_.a"), "-p", "main", "-lang=go1.22", "-complete"]
                    + ["./" + n for n in files],
            "build": {"module_root": src}}
    step = rewrite.run(plan.run(step))
    if case == "lang":
        assert "-lang=go1.23" in step["argv"] and step["rewrite"]["lang"] == "go1.23"
    out = {}
    for orig, new in step["rewrite"]["files"].items():
        with open(new) as f:
            out[os.path.basename(orig)] = f.read().replace(src, "$SRC")
    return out


@pytest.mark.parametrize("case", CASES)
def test_golden_text(case, golden_module, monkeypatch, tmp_path):
    src, rules = golden_module
    got = rewrite_in_process(src, case, rules, monkeypatch, str(tmp_path))
    update = os.environ.get("ORCH_UPDATE_GOLDEN") == "1"
    for name in sorted(n for n in os.listdir(os.path.join(GOLDEN, case)) if n.endswith(".go")):
        golden = os.path.join(GOLDEN, case, name + ".golden")
        if update:
            if name in got:
                with open(golden, "w") as f:
                    f.write(got[name])
            elif os.path.exists(golden):
                os.unlink(golden)
            continue
        if not os.path.exists(golden):
            assert name not in got, f"{case}/{name} was rewritten but has no .golden file"
            continue
        with open(golden) as f:
            want = f.read()
        assert got.get(name) == want, f"{case}/{name}: the rewrite differs from {golden}"


def test_golden_build_and_run(golden_module, gorun, tmp_path):
    """Every case compiled by the real compiler through orch, and run."""
    src, rules = golden_module
    bindir = str(tmp_path / "bin")
    os.makedirs(bindir)
    gorun(["build", "-o", bindir + "/", "./..."], src, env={"ORCH_RULES": rules, "ORCH_NO_BUILTIN": "1"})
    failures = []
    for case in CASES:
        want_path = os.path.join(GOLDEN, case, "output.txt")
        if not os.path.exists(want_path):
            continue
        exe = os.path.join(bindir, case)
        got = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        with open(want_path) as f:
            want = f.read()
        if got.returncode != 0 or got.stdout != want:
            failures.append(f"{case}: exit {got.returncode}, printed {got.stdout!r} (want {want!r}) {got.stderr}")
    assert not failures, "\n".join(failures)
