"""The Go runtime module (rules.d/runtime) on its own: it builds, vets and
passes its tests with plain go (no orch: then it has no goroutine-local
storage and must degrade gracefully), and the built-in rule packs load."""

import glob
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIME = os.path.join(ROOT, "rules.d", "runtime")


def test_go_vet_and_test(gorun):
    gorun(["vet", "./..."], RUNTIME, orch=False)
    out = gorun(["test", "-count=1", "./..."], RUNTIME, orch=False).stdout
    assert "FAIL" not in out
    for pkg in ("trace", "nethttp", "sqltrace", "span", "otlphttp"):
        assert f"ok  \torch.dev/runtime/{pkg}" in out, out


def test_module_needs_nothing_outside_the_standard_library():
    with open(os.path.join(RUNTIME, "go.mod")) as f:
        mod = f.read()
    assert "require" not in mod and "module orch.dev/runtime" in mod
    assert not os.path.exists(os.path.join(RUNTIME, "go.sum"))


# The packs that came first, tested by tests/runtime and tests/examples;
# every later pack has its end-to-end tests in tests/packs/<pack>/.
CORE_PACKS = {"nethttp", "runtime-gls", "span", "sql"}


def test_builtin_rule_packs_load_and_each_has_its_shape():
    """Every built-in pack loads, and has the pack's shape (README,
    Contributing): its runtime packages exist, README's table and
    orch-rules(5) name it, and an integration pack has tests/packs/<pack>/ (or
    a tests/packs/*/test_*.py that names rules.d/<pack>.toml)."""
    from orch.rules import loader
    paths = sorted(glob.glob(os.path.join(ROOT, "rules.d", "*.toml")))
    names = [os.path.basename(p)[:-5] for p in paths]
    assert CORE_PACKS <= set(names)
    readme = open(os.path.join(ROOT, "README.md")).read()
    man = open(os.path.join(ROOT, "man", "orch-rules.5")).read()
    for path, name in zip(paths, names):
        rs = loader.load_files([path])
        for ip in rs.injected_paths():
            if ip.startswith("orch.dev/runtime/"):
                assert os.path.isdir(os.path.join(ROOT, "rules.d", "runtime", ip[len("orch.dev/runtime/"):])), ip
        assert f"| `{name}.toml` |" in readme, f"README's table has no row for {name}.toml"
        assert f".B {name}.toml" in man, f"orch-rules(5) does not list {name}.toml"
        if name not in CORE_PACKS:
            assert glob.glob(os.path.join(ROOT, "tests", "packs", name.replace("-", ""), "test_*.py")) or [
                t for t in glob.glob(os.path.join(ROOT, "tests", "packs", "*", "test_*.py"))
                if f"rules.d/{name}.toml" in open(t).read()], name   # packs tested together (frameworks/)
    rs = loader.load_files(paths)
    assert {"orch.dev/runtime/nethttp", "orch.dev/runtime/sqltrace", "orch.dev/runtime/span"} <= rs.injected_paths()
