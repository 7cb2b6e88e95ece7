"""The Go runtime module (rules.d/runtime) on its own: it builds, vets and
passes its tests with plain go (no orch: then it has no goroutine-local
storage and must degrade gracefully), and the draft rule packs load."""

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


def drafts():
    return sorted(glob.glob(os.path.join(ROOT, "rules.d", "*.toml.draft")))


def test_draft_rule_packs_load(tmp_path):
    from orch.rules import loader
    paths = []
    for d in drafts():
        p = tmp_path / os.path.basename(d)[: -len(".draft")]
        p.write_bytes(open(d, "rb").read())
        paths.append(str(p))
    assert len(paths) == 4
    rs = loader.load_files(paths)
    assert {"orch.dev/runtime/nethttp", "orch.dev/runtime/sqltrace", "orch.dev/runtime/span"} <= rs.injected_paths()
