"""The Go runtime module (rules.d/runtime) on its own: it builds, vets and
passes its tests with plain go (no orch: then it has no goroutine-local
storage and must degrade gracefully), and the built-in rule packs load."""

import glob
import os


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


def packs_with_tests(names) -> set:
    """The packs with end-to-end tests: tests/packs/<pack>/, or a folder
    shared by several packs (one test program for related libraries, as
    tests/packs/routers) whose test files name rules.d/<pack>.toml."""
    found = set()
    for test in glob.glob(os.path.join(ROOT, "tests", "packs", "*", "test_*.py")):
        folder = os.path.basename(os.path.dirname(test))
        text = open(test).read()
        found |= {n for n in names if n.replace("-", "") == folder or f"rules.d/{n}.toml" in text}
    return found


def test_builtin_rule_packs_load_and_each_has_its_shape():
    """Every built-in pack loads, and has the pack's shape (README,
    Contributing): its runtime packages exist, README's table and
    orch-rules(5) name it, and an integration pack has end-to-end tests."""
    from orch.rules import loader
    paths = sorted(glob.glob(os.path.join(ROOT, "rules.d", "*.toml")))
    names = [os.path.basename(p)[:-5] for p in paths]
    assert CORE_PACKS <= set(names)
    readme = open(os.path.join(ROOT, "README.md")).read()
    man = open(os.path.join(ROOT, "man", "orch-rules.5")).read()
    tested = packs_with_tests(names)
    for path, name in zip(paths, names):
        rs = loader.load_files([path])
        for ip in rs.injected_paths():
            if ip.startswith("orch.dev/runtime/"):
                assert os.path.isdir(os.path.join(ROOT, "rules.d", "runtime", ip[len("orch.dev/runtime/"):])), ip
        assert f"| `{name}.toml` |" in readme, f"README's table has no row for {name}.toml"
        assert f".B {name}.toml" in man, f"orch-rules(5) does not list {name}.toml"
        if name not in CORE_PACKS:
            assert name in tested, f"no tests/packs/{name}/ and no tests/packs/*/test_*.py naming rules.d/{name}.toml"
    rs = loader.load_files(paths)
    assert {"orch.dev/runtime/nethttp", "orch.dev/runtime/sqltrace", "orch.dev/runtime/span"} <= rs.injected_paths()
