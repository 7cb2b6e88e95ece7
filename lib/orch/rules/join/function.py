"""function and function-body: function declarations, literals, and their bodies.

    function = []                                  every function (declarations and literals)
    function = [ {name = "ServeHTTP"},             all options must hold
                 {receiver = "*net/http.Server"} ]
    function-body = { function = [{name = "main"}] }

Options of `function` (Orchestrion's):

    name = "main"          the function's name ("" selects function literals only)
    receiver = "*pkg.T"    a method of that receiver type, declared in pkg
    signature = { args = ["context.Context", "string"], returns = ["error"] }
                           exactly these parameter and result types, in order
                           (one entry per parameter: `a, b int` is two ints)
    signature-contains = { args = [...], returns = [...] }
                           at least one of the listed types among the
                           parameters or results (Orchestrion's semantics)
    argument-implements = "context.Context"
    result-implements = "io.Reader"
    final-result-implements = "error"
                           a parameter / a result / the last result whose
                           type implements that interface (go/types' method
                           sets, from the package's source and the export
                           data of its imports: orch.types); for a type
                           that is not an interface, whose type is that type.
                           Asked only in packages that import the type's
                           package (or are it); an unknowable type does not match
    one-of = [ {name = "Get"}, {name = "Post"} ]   any of these options

function-body selects the BlockStmt body of every function its inner join
point selects (the inner join point is evaluated on the function).
"""

from .. import typenames
from ..doc import RuleError
from .base import JoinPoint, register, parse as parse_join_point

_FUNC_KINDS = frozenset(("FuncDecl", "FuncLit"))


class _Info:
    """What the options look at: name, receiver type, FuncType."""
    __slots__ = ("name", "recv", "type")

    def __init__(self, node):
        if type(node).__name__ == "FuncDecl":
            self.name = node.Name.Name
            r = node.Recv
            self.recv = r.List[0].Type if r is not None and len(r.List) == 1 else None
        else:
            self.name = ""
            self.recv = None
        self.type = node.Type


# ----------------------------------------------------------------------------
# Options


class _Option:
    """A function option: pre() for the pre-tests, evaluate() on the tree."""
    __slots__ = ()

    def pre(self):
        return ("maybe",)


class _Name(_Option):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def pre(self):
        if not self.name:
            return ("contains", b"func")
        # A declaration's name is followed by its parameters or type
        # parameters, with only blanks or one-line /* */ comments between (a
        # line break after the name would end the declaration): files that
        # merely call or mention a common name such as "send" are not parsed.
        import re
        name = re.escape(self.name.encode())
        # The name first, then "not preceded by a word character" as a
        # look-behind: a pattern that starts with a literal is searched
        # for with a fast scan (15x faster on runtime's files).
        decl = name + rb"(?<!\w" + name + rb")" + rb"(?:[ \t]|/\*.*?\*/)*[\[(]"
        # The word search first: it rules out most files without importing
        # re (~4 ms a call), and bin/orch-toolexec's fast path can test it
        # (fastpath.py).
        return ("all", [("word", self.name.encode()), ("re", decl, self.name)])

    def evaluate(self, info, m):
        return info.name == self.name

    def fingerprint(self):
        return ("name", self.name)


def _types_pre(types):
    """The file must import the packages the types name and mention their names."""
    tests = []
    for t in types:
        tests += [("imports", p) for p in sorted(typenames.import_paths(t))]
        tests += [("typename", n) for n in sorted(typenames.simple_names(t))]
    return ("all", tests)


class _Receiver(_Option):
    __slots__ = ("type",)

    def __init__(self, t):
        self.type = t

    def pre(self):
        base = self.type[1] if self.type[0] == "P" else self.type
        return ("all", [("ip", base[1]), ("contains", base[2].encode())])

    def evaluate(self, info, m):
        return info.recv is not None and typenames.matches_definition(self.type, info.recv, m.pkg.import_path)

    def fingerprint(self):
        return ("receiver", self.type)


def _types_are(types, fields, names) -> bool:
    """The fields (a FieldList, one entry per name) have exactly these types, in order."""
    got = typenames.expand(fields)
    return len(got) == len(types) and all(typenames.matches(t, x, names) for t, (_, x) in zip(types, got))


def _some_type_is(types, fields, names) -> bool:
    """One of the fields has one of these types."""
    return bool(types) and any(typenames.matches(t, x, names) for _, x in typenames.expand(fields) for t in types)


class _Signature(_Option):
    __slots__ = ("args", "returns")
    tag = "signature"

    def __init__(self, args, returns):
        self.args = tuple(args)
        self.returns = tuple(returns)

    def pre(self):
        return _types_pre(self.args + self.returns)

    def evaluate(self, info, m):
        return (_types_are(self.args, info.type.Params, m.names)
                and _types_are(self.returns, info.type.Results, m.names))

    def fingerprint(self):
        return (self.tag, self.args, self.returns)


class _SignatureContains(_Signature):
    __slots__ = ()
    tag = "signature-contains"

    def pre(self):
        # Any one listed type suffices.
        return ("any", [_types_pre((t,)) for t in self.args + self.returns])

    def evaluate(self, info, m):
        return (_some_type_is(self.returns, info.type.Results, m.names)
                or _some_type_is(self.args, info.type.Params, m.names))


class _Has(_Option):
    """argument-implements, result-implements, final-result-implements."""
    __slots__ = ("tag", "type")

    def __init__(self, tag, t):
        self.tag = tag
        self.type = t

    def pre(self):
        from ..typeaware import may_pre
        return may_pre(self.type)

    def evaluate(self, info, m):
        if self.tag == "argument-implements":
            fields = typenames.expand(info.type.Params)
        else:
            fields = typenames.expand(info.type.Results)
            if self.tag == "final-result-implements":
                fields = fields[-1:]
        if not fields:
            return False
        if any(typenames.matches(self.type, x, m.names) for _, x in fields):
            return True
        from ..typeaware import implementing
        return bool(implementing(m.pkg, m.file.ast, m.stack, fields, self.type))

    def fingerprint(self):
        return (self.tag, self.type)


class _OneOf(_Option):
    __slots__ = ("options",)

    def __init__(self, options):
        self.options = tuple(options)

    def pre(self):
        return ("any", [o.pre() for o in self.options])

    def evaluate(self, info, m):
        return any(o.evaluate(info, m) for o in self.options)

    def fingerprint(self):
        return ("one-of", tuple(o.fingerprint() for o in self.options))


def _parse_types(v):
    return tuple(typenames.parse_value(x, variadic_ok=True) for x in v.items())


def _parse_option(v):
    key, inner = v.single("function option")
    if key == "name":
        name = inner.string(empty=True)
        if name and not name.isidentifier():
            raise inner.error(f"name must be a Go identifier, not {name!r}")
        return _Name(name)
    if key == "receiver":
        t = typenames.parse_value(inner)
        base = t[1] if t[0] == "P" else t
        if base[0] != "N" or not base[1]:
            raise inner.error(f"receiver must be a package-qualified type name such as *net/http.Server, "
                              f"not {inner.data!r}")
        return _Receiver(t)
    if key in ("signature", "signature-contains"):
        t = inner.table({"args", "returns"})
        args = _parse_types(t["args"]) if "args" in t else ()
        rets = _parse_types(t["returns"]) if "returns" in t else ()
        for x in rets:
            if x[0] == "V":
                raise t["returns"].error("a result cannot be variadic")
        for x in args[:-1]:
            if x[0] == "V":
                raise t["args"].error("only the last parameter can be variadic")
        if key == "signature":
            return _Signature(args, rets)
        if not args and not rets:
            raise inner.error("signature-contains needs args or returns")
        return _SignatureContains(args, rets)
    if key in ("argument-implements", "result-implements", "final-result-implements"):
        return _Has(key, typenames.parse_value(inner))
    if key == "one-of":
        return _OneOf([_parse_option(x) for x in inner.items(empty=False)])
    known = "name, receiver, signature, signature-contains, argument-implements, " \
            "result-implements, final-result-implements, one-of"
    raise RuleError(f"unknown function option {key!r} (known: {known})", inner.path, key)


# ----------------------------------------------------------------------------
# Join points


@register
class Function(JoinPoint):
    __slots__ = ("options",)
    key = "function"
    kinds = _FUNC_KINDS

    def __init__(self, options):
        self.options = tuple(options)

    @classmethod
    def parse(cls, v):
        if isinstance(v.data, dict):      # a single option as a table ({} for none)
            return cls([_parse_option(v)] if v.data else [])
        return cls([_parse_option(x) for x in v.items()])

    def pre(self):
        return ("all", [("contains", b"func")] + [o.pre() for o in self.options])

    @property
    def needles(self):
        """A function literal, unless an option selects declarations only (a
        name, a receiver); the options read signatures, names, receivers."""
        if any(isinstance(o, _Receiver) or isinstance(o, _Name) and o.name for o in self.options):
            return ()
        return (b"func",)

    def matches(self, m, i):
        node = m.stack[i]
        if type(node).__name__ not in _FUNC_KINDS:
            return False
        if not self.options:
            return True
        info = _Info(node)
        for o in self.options:
            if not o.evaluate(info, m):
                return False
        return True

    def fingerprint(self):
        return ("function", tuple(o.fingerprint() for o in self.options))


@register
class FunctionBody(JoinPoint):
    __slots__ = ("function", "needs_scope")
    key = "function-body"
    kinds = frozenset(("BlockStmt",))
    needles = ()           # selects the body itself, by its function (a child)

    def __init__(self, function):
        self.function = function
        self.needs_scope = function.needs_scope

    @classmethod
    def parse(cls, v):
        return cls(parse_join_point(v))

    def children(self):
        return (self.function,)

    def prefilter(self):
        return self.function.prefilter()

    def matches(self, m, i):
        if i == 0:
            return False
        parent = m.stack[i - 1]
        if type(parent).__name__ not in _FUNC_KINDS or parent.Body != m.stack[i]:
            return False
        return self.function.matches(m, i - 1)

    def fingerprint(self):
        return ("function-body", self.function.fingerprint())
