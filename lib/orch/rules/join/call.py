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

    @property
    def needles(self):
        return (self._name_b,)

    def pre(self):
        if not self.path:
            return ("word", self._name_b)
        return ("all", [("imports", self.path), ("word", self._name_b)])

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


@register
class MethodCall(JoinPoint):
    """method-call: calls of one method of one named type, by the type of the
    receiver expression (orch.types):

        method-call = { receiver = "net/http.Client", name = "Do" }
        method-call = { receiver = "net/http.Client", name = "Do", match = "pointer-only" }

    selects `c.Do(req)` where c is a net/http.Client or *net/http.Client
    (a parameter, a local from :=, a composite literal, &T{}, a conversion, a
    type assertion, a struct field, a package variable, a call's result) and
    where Do is promoted from an embedded net/http.Client. match:
    "pointer-only" (the receiver expression is a pointer), "value-only" (it
    is not), "any" (the default). A receiver whose type cannot be known does
    not match. Pre-tests: the package imports the receiver's package (or is
    it); the file mentions the method's name."""

    __slots__ = ("path", "type_name", "name", "match", "_name_b")
    key = "method-call"
    kinds = frozenset(("CallExpr",))
    MATCH = ("any", "pointer-only", "value-only")

    def __init__(self, path, type_name, name, match="any"):
        self.path = path
        self.type_name = type_name
        self.name = name
        self.match = match
        self._name_b = name.encode()

    @classmethod
    def parse(cls, v):
        t = v.table({"receiver", "name", "match"}, required=("receiver", "name"))
        recv = t["receiver"].string()
        path, _, tname = recv.rpartition(".")
        if not path or not tname.isidentifier():
            raise t["receiver"].error(
                f"receiver must be a package-qualified type name such as net/http.Client, not {recv!r}")
        name = t["name"].string()
        if not name.isidentifier():
            raise t["name"].error(f"name must be a Go identifier, not {name!r}")
        match = t["match"].string() if "match" in t else "any"
        if match not in cls.MATCH:
            raise t["match"].error(f"match must be one of {', '.join(cls.MATCH)}, not {match!r}")
        return cls(path, tname, name, match)

    def __getstate__(self):
        return (self.path, self.type_name, self.name, self.match)

    def __setstate__(self, s):
        self.__init__(*s)

    @property
    def needles(self):
        return (self._name_b,)

    def pre(self):
        return ("all", [("pkgimports", self.path), ("word", self._name_b)])

    def matches(self, m, i):
        from ...golang import ast
        node = m.stack[i]
        if type(node) is not ast.CallExpr:
            return False
        fun = node.Fun
        while type(fun) is ast.ParenExpr:
            fun = fun.X
        if type(fun) is not ast.SelectorExpr or fun.Sel.Name != self.name:
            return False
        from ..typeaware import method_receiver
        r = method_receiver(m.pkg, m.file.ast, m.stack[:i + 1], fun.X, self.name,
                            (self.path, self.type_name))
        if r is None:
            return False
        owner, is_ptr = r
        if not (owner.path == self.path and owner.name == self.type_name):
            return False
        if self.match == "pointer-only":
            return is_ptr
        if self.match == "value-only":
            return not is_ptr
        return True

    def fingerprint(self):
        return ("method-call", self.path, self.type_name, self.name, self.match)
