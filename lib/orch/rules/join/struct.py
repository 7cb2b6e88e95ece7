"""struct-definition and struct-literal: a struct type and the values built from it.

    struct-definition = "runtime.g"
        the TypeSpec `type g struct {...}` in package runtime

    struct-literal = { type = "net/http.Server" }                 match = "any"
    struct-literal = { type = "net/http.Server", match = "value-only" }
    struct-literal = { type = "net/http.Transport", match = "pointer-only" }
    struct-literal = { type = "net/http.Server", field = "Handler" }

A struct literal `http.Server{...}` is a CompositeLit: "any" selects it
whether or not its address is taken, "value-only" only when it is not
(`&http.Server{}` is skipped), "pointer-only" selects the UnaryExpr
`&http.Server{...}` instead (its literal is .AST.X in templates). With
`field`, the KeyValueExpr `Handler: h` of such literals is selected (advice
such as wrap-expression then applies to its value). The type is resolved
through the file's imports like any type name.
"""

from .. import typenames
from .base import JoinPoint, register

_MATCHES = ("any", "value-only", "pointer-only")


@register
class StructDefinition(JoinPoint):
    __slots__ = ("path", "name")
    key = "struct-definition"
    kinds = frozenset(("TypeSpec",))

    def __init__(self, path, name):
        self.path = path
        self.name = name

    @classmethod
    def parse(cls, v):
        t = typenames.parse_value(v)
        if t[0] != "N" or not t[1] or t[3]:
            raise v.error(f"struct-definition must be a package-qualified type name such as "
                          f"net/http.Server, not {v.data!r}")
        return cls(t[1], t[2])

    def pre(self):
        # `NAME struct` or `NAME[` (type parameters), with only blanks or
        # one-line /* */ comments between (a line break there would end the
        # declaration): a one-letter name like runtime.g occurs in every file.
        import re
        name = re.escape(self.name.encode())
        # The name first, then "not preceded by a word character" as a
        # look-behind: a pattern that starts with a literal is searched
        # for with a fast scan (15x faster on runtime's files).
        decl = name + rb"(?<!\w" + name + rb")" + rb"(?:[ \t]|/\*.*?\*/)*(?:struct\b|\[)"
        return ("all", [("ip", self.path), ("contains", b"struct"),
                        ("re", decl, f"a declaration of {self.name} as a struct")])

    def matches(self, m, i):
        node = m.stack[i]
        return (type(node).__name__ == "TypeSpec" and node.Name.Name == self.name and node.Assign is None
                and type(node.Type).__name__ == "StructType" and m.pkg.import_path == self.path)

    def fingerprint(self):
        return ("struct-definition", self.path, self.name)


@register
class StructLiteral(JoinPoint):
    __slots__ = ("type", "field", "match", "kinds")
    key = "struct-literal"

    def __init__(self, t, field, match):
        self.type = t
        self.field = field
        self.match = match
        if field:
            self.kinds = frozenset(("KeyValueExpr",))
        elif match == "pointer-only":
            self.kinds = frozenset(("UnaryExpr",))
        else:
            self.kinds = frozenset(("CompositeLit",))

    @classmethod
    def parse(cls, v):
        t = v.table({"type", "field", "match"}, required=("type",))
        typ = typenames.parse_value(t["type"])
        if typ[0] != "N":
            raise t["type"].error(f"struct-literal type must be a type name such as net/http.Server, "
                                  f"not {t['type'].data!r}")
        field = ""
        if "field" in t:
            field = t["field"].string()
            if not field.isidentifier():
                raise t["field"].error(f"field must be a Go identifier, not {field!r}")
        match = "any"
        if "match" in t:
            match = t["match"].string()
            if match not in _MATCHES:
                raise t["match"].error(f"match must be one of {', '.join(_MATCHES)}, not {match!r}")
            if field and match != "any":
                raise t["match"].error("struct-literal cannot have both field and match")
        return cls(typ, field, match)

    def pre(self):
        tests = [("imports", p) for p in sorted(typenames.import_paths(self.type))]
        tests += [("contains", self.type[2].encode()), ("contains", b"{")]
        if self.field:
            tests.append(("contains", self.field.encode()))
        return ("all", tests)

    def _literal(self, node, m) -> bool:
        return (type(node).__name__ == "CompositeLit" and node.Type is not None
                and typenames.matches(self.type, node.Type, m.names))

    def matches(self, m, i):
        node = m.stack[i]
        kind = type(node).__name__
        _AND = _and_token()
        if self.field:
            return (kind == "KeyValueExpr" and i > 0 and type(node.Key).__name__ == "Ident"
                    and node.Key.Name == self.field and self._literal(m.stack[i - 1], m))
        if self.match == "pointer-only":
            return kind == "UnaryExpr" and node.Op == _AND and self._literal(node.X, m)
        if kind != "CompositeLit":
            return False
        if self.match == "value-only" and i > 0:
            parent = m.stack[i - 1]
            if type(parent).__name__ == "UnaryExpr" and parent.Op == _AND:
                return False
        return self._literal(node, m)

    def fingerprint(self):
        return ("struct-literal", self.type, self.field, self.match)


def _and_token():
    from ...golang import token
    return token.AND
