"""function-call: calls of one function, resolved through the file's imports.

    function-call = "net/http.Get"

selects the CallExpr of every call of net/http.Get: `http.Get(u)`,
`h.Get(u)` when the file imports net/http as h, `Get(u)` when it dot-imports
net/http, `Get(u)` in package net/http itself, and `http.Get[T](u)` for a
generic function. A local name that shadows the import where the call is
(`http := client{}; http.Get(u)`) does not match. A name without a path
("len") selects calls of that predeclared function.

Pre-tests: the package must import net/http (its importcfg lists it) or be
net/http; the file must mention "net/http" (unless it is in net/http) and "Get".
"""

from .. import typenames
from .base import JoinPoint, register


@register
class FunctionCall(JoinPoint):
    __slots__ = ("path", "name", "_name_b")
    key = "function-call"
    kinds = frozenset(("CallExpr",))
    needs_scope = True

    def __init__(self, path: str, name: str):
        self.path = path
        self.name = name
        self._name_b = name.encode()

    @classmethod
    def parse(cls, v):
        return cls(*typenames.parse_symbol(v, "function-call must be a function such as net/http.Get"))

    def __getstate__(self):
        return (self.path, self.name)

    def __setstate__(self, s):
        self.__init__(*s)

    def pre(self):
        if not self.path:
            return ("contains", self._name_b)
        return ("all", [("imports", self.path), ("contains", self._name_b)])

    def matches(self, m, i):
        from ...golang import ast
        node = m.stack[i]
        if type(node) is not ast.CallExpr:
            return False
        fun = node.Fun
        while True:
            t = type(fun)
            if t is ast.ParenExpr:
                fun = fun.X
            elif t is ast.IndexExpr or t is ast.IndexListExpr:
                fun = fun.X          # an instantiation: F[int](x)
            else:
                break
        names = m.names
        if t is ast.SelectorExpr:
            x = fun.X
            return (bool(self.path) and fun.Sel.Name == self.name and type(x) is ast.Ident
                    and names.import_path(x.Name) == self.path)
        if t is ast.Ident:
            if fun.Name != self.name:
                return False
            if not self.path:
                return names.predeclared(self.name)
            return names.unqualified_from(self.name, self.path)
        return False

    def fingerprint(self):
        return ("function-call", self.path, self.name)
