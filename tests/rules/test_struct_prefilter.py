"""Regex file pre-tests (struct-definition, function names): only files that may declare the name are parsed."""

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


def func_may(name: str, text: bytes) -> int:
    from orch.rules.join.function import _Name
    f = types.SimpleNamespace(data=text, pkg=types.SimpleNamespace(import_path="net/http"))
    return prefilter.file_may(_Name(name).pre(), f)


def test_function_names_must_be_followed_by_parameters():
    for text in (b"func send(req *Request)", b"func (c *Client) send (req *Request)", b"func send[T any](x T)",
                 b"func send /* c */ (x int)", b"x.send(req)"):
        assert func_may("send", text) == prefilter.MAYBE, text
    for text in (b"sendRequest(x)", b"// send the request", b"f := c.send\n", b"var send int", b"resend(x)"):
        assert func_may("send", text) == prefilter.NO, text
    assert func_may("", b"x := func() {}") == prefilter.MAYBE
