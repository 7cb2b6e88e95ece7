"""struct-definition's file pre-test: only files that may declare the struct are parsed."""

import types

from orch.rules import prefilter
from orch.rules.join.struct import StructDefinition


def file_may(name: str, text: bytes) -> int:
    pkg = types.SimpleNamespace(import_path="runtime")
    f = types.SimpleNamespace(data=text, pkg=pkg)
    return prefilter.file_may(StructDefinition("runtime", name).pre(), f)


def test_declarations_may_match():
    for text in (b"type g struct {", b"type (\n\tg    struct {\n", b"type g[T any] struct{}",
                 b"type g /* c */ struct{}", b"type (\n\tg\tstruct{}\n)"):
        assert file_may("g", text) == prefilter.MAYBE, text


def test_other_uses_of_the_name_do_not():
    for text in (b"type gobuf struct{}\nfunc f(gp *g) { _ = getg() }", b"type g = struct{}",
                 b"type _g struct{}", b"type G struct{}"):
        assert file_may("g", text) == prefilter.NO, text


def test_reason_names_the_struct():
    pkg = types.SimpleNamespace(import_path="runtime")
    f = types.SimpleNamespace(data=b"type gobuf struct{}", pkg=pkg)
    assert "declaration of g as a struct" in prefilter.why(StructDefinition("runtime", "g").pre(), f, "file")
