"""append-args and replace-function: change a call selected by function-call.

    [aspects.advice.append-args]
    type = "google.golang.org/grpc.DialOption"
    values = [ { template = "grpc.WithUnaryInterceptor(x.Unary())",
                 imports = { grpc = "google.golang.org/grpc", x = "example.com/x" } } ]

append-args adds arguments after the call's last one. When the call spreads
a slice (`f(a, opts...)`), a copy of the slice is extended instead:
`f(a, func(v ...T) []T { return append(append([]T{}, v...), new...) }(opts...)...)`,
which is what `type` (the variadic element type) is for. The copy (as in
Orchestrion) keeps the caller's array as it was: appending to the slice
itself would write over the elements past its length that the array may
hold (`f(all[:1]...)` would change all[1]).

    replace-function = "example.com/traced.Get"

replace-function calls another function with the same arguments; its
signature must accept them. A name without a path is a function of the
package being compiled.
"""

from .. import typenames
from .base import Advice, register
from .code import Code, lang_tuple

_CALL = frozenset(("CallExpr",))


def _check_call(key, node):
    kind = type(node).__name__
    return None if kind == "CallExpr" else f"{key} needs a call, not a {kind}"


@register
class AppendArgs(Advice):
    __slots__ = ("type", "values")
    key = "append-args"
    targets = _CALL

    def __init__(self, t, values):
        self.type = t
        self.values = tuple(values)

    @classmethod
    def parse(cls, v):
        t = v.table({"type", "values"}, required=("type", "values"))
        typ = typenames.parse_value(t["type"])
        values = [Code.parse(x)[0] for x in t["values"].items(empty=False)]
        return cls(typ, values)

    @property
    def lang(self):
        langs = [c.lang for c in self.values if c.lang]
        return max(langs, key=lang_tuple) if langs else None

    def codes(self):
        return self.values

    def import_paths(self):
        out = typenames.import_paths(self.type)
        for c in self.values:
            out |= set(c.imports.values())
        return out

    def check(self, node, parent):
        return _check_call(self.key, node)

    def apply(self, rw, t):
        call = t.node
        items = []
        for i, c in enumerate(self.values):
            if i:
                items.append(rw.gen(b", "))
            items.extend(rw.render(c, t, "expr"))
            rw.require_lang(c.lang)
        if call.Ellipsis is None:
            if call.Args:
                rw.insert(call.Args[-1].end, [rw.gen(b", ")] + items, t.key)
            else:
                rw.insert(call.Rparen, items, t.key)
            return
        last = call.Args[-1]
        typ = rw.type_text(self.type).encode()
        head = rw.gen(b"func(__orch_v ..." + typ + b") []" + typ + b" { return append(append([]" + typ
                      + b"{}, __orch_v...), ")
        tail = [rw.gen(b") }(")]
        rw.replace(last.pos, last.end,
                   lambda inner: [head] + items + tail + inner + [rw.gen(b"...)")], t.key)

    def fingerprint(self):
        return ("append-args", self.type, tuple(c.fingerprint() for c in self.values))


@register
class ReplaceFunction(Advice):
    __slots__ = ("path", "name")
    key = "replace-function"
    targets = _CALL

    def __init__(self, path, name):
        self.path = path
        self.name = name

    @classmethod
    def parse(cls, v):
        return cls(*typenames.parse_symbol(v, "replace-function must name a function such as example.com/traced.Get"))

    def import_paths(self):
        return {self.path} if self.path else set()

    def check(self, node, parent):
        return _check_call(self.key, node)

    def apply(self, rw, t):
        fun = t.node.Fun
        if self.path and self.path != rw.pkg_path:
            text = f"{rw.qualify(self.path)}.{self.name}"
        else:
            text = self.name
        rw.replace(fun.pos, fun.end, lambda inner: [rw.gen(text.encode())], t.key)

    def fingerprint(self):
        return ("replace-function", self.path, self.name)
