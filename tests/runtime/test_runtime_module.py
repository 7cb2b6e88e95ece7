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


def test_builtin_rule_packs_load():
    from orch.rules import loader
    paths = sorted(glob.glob(os.path.join(ROOT, "rules.d", "*.toml")))
    assert [os.path.basename(p) for p in paths] == ["nethttp.toml", "runtime-gls.toml", "span.toml", "sql.toml"]
    rs = loader.load_files(paths)
    assert {"orch.dev/runtime/nethttp", "orch.dev/runtime/sqltrace", "orch.dev/runtime/span"} <= rs.injected_paths()
