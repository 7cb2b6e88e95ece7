"""declaration-of and value-declaration: package-level declarations.

    declaration-of = "net/http.DefaultClient"
        the top-level declaration of that symbol in its own package: the
        FuncDecl of a function (not a method), or the ValueSpec of a var or
        const that declares the name

    value-declaration = "*regexp.Regexp"
        each package-level var or const ValueSpec declared with that type,
        or declared without a type (as Orchestrion does); usually combined
        with directive and the assign-value advice
"""

from .. import typenames
from .base import JoinPoint, register


def _top_level_spec(m, i) -> bool:
    """m.stack[i] is a ValueSpec of a GenDecl directly in the File."""
    return i >= 2 and type(m.stack[i - 1]).__name__ == "GenDecl" and type(m.stack[i - 2]).__name__ == "File"


@register
class DeclarationOf(JoinPoint):
    __slots__ = ("path", "name")
    key = "declaration-of"
    kinds = frozenset(("FuncDecl", "ValueSpec"))

    def __init__(self, path, name):
        self.path = path
        self.name = name

    @classmethod
    def parse(cls, v):
        return cls(*typenames.parse_symbol(v, "declaration-of must be a symbol such as net/http.DefaultClient",
                                           path_required=True))

    def pre(self):
        return ("all", [("ip", self.path), ("word", self.name.encode())])

    def matches(self, m, i):
        if m.pkg.import_path != self.path:
            return False
        node = m.stack[i]
        kind = type(node).__name__
        if kind == "FuncDecl":
            return node.Recv is None and node.Name.Name == self.name
        if kind == "ValueSpec" and _top_level_spec(m, i):
            return any(n.Name == self.name for n in node.Names)
        return False

    def fingerprint(self):
        return ("declaration-of", self.path, self.name)


@register
class ValueDeclaration(JoinPoint):
    __slots__ = ("type",)
    key = "value-declaration"
    kinds = frozenset(("ValueSpec",))

    def __init__(self, t):
        self.type = t

    @classmethod
    def parse(cls, v):
        return cls(typenames.parse_value(v))

    def pre(self):
        tests = [("imports", p) for p in sorted(typenames.import_paths(self.type))]
        tests.append(("any", [("contains", b"var"), ("contains", b"const")]))
        return ("all", tests)

    def matches(self, m, i):
        node = m.stack[i]
        if type(node).__name__ != "ValueSpec" or not _top_level_spec(m, i):
            return False
        return node.Type is None or typenames.matches(self.type, node.Type, m.names)

    def fingerprint(self):
        return ("value-declaration", self.type)
