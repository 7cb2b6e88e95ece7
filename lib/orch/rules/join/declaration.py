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

from .. import may
from .. import typenames
from . import JoinPoint, register


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
        text = v.string()
        path, _, name = text.rpartition(".")
        if not path or not name.isidentifier():
            raise v.error(f"declaration-of must be a symbol such as net/http.DefaultClient, not {text!r}")
        return cls(path, name)

    def package_may(self, pkg):
        return may.MAYBE if pkg.import_path == self.path else may.NO

    def file_may(self, f):
        return may.MAYBE if f.contains(self.name.encode()) else may.NO

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

    def why_not(self, pkg):
        return f"declaration-of: {self.path}.{self.name} is not declared in {pkg.import_path}"

    def why_not_file(self, f):
        return f"declaration-of: the file does not mention {self.name}"

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

    def package_may(self, pkg):
        return may.MAYBE

    def file_may(self, f):
        return may.MAYBE if f.contains(b"var") or f.contains(b"const") else may.NO

    def matches(self, m, i):
        node = m.stack[i]
        if type(node).__name__ != "ValueSpec" or not _top_level_spec(m, i):
            return False
        return node.Type is None or typenames.matches(self.type, node.Type, m.names)

    def why_not_file(self, f):
        return "value-declaration: the file declares no var or const"

    def fingerprint(self):
        return ("value-declaration", self.type)
