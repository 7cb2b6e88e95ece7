"""Go types as the type layer represents them.

Named types are identified by (package path, name, type arguments): the
same type read from two archives is equal. A Named's underlying type,
methods and type parameters are read on demand (a loader function).
"""

BASIC_NAMES = [
    "invalid type", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
    "complex128", "string", "unsafe.Pointer", "untyped bool", "untyped int",
    "untyped rune", "untyped float", "untyped complex", "untyped string", "untyped nil",
]


class Type:
    __slots__ = ()

    def underlying(self):
        return self


class Basic(Type):
    __slots__ = ("kind",)

    def __init__(self, kind):
        self.kind = kind

    def __eq__(self, o):
        return isinstance(o, Basic) and o.kind == self.kind

    def __hash__(self):
        return hash(("basic", self.kind))

    def __str__(self):
        return BASIC_NAMES[self.kind] if 0 <= self.kind < len(BASIC_NAMES) else "invalid type"


BASICS = [Basic(i) for i in range(len(BASIC_NAMES))]
INVALID = BASICS[0]
BY_NAME = {n: b for n, b in zip(BASIC_NAMES, BASICS) if " " not in n}
BY_NAME["byte"] = BASICS[8]
BY_NAME["rune"] = BASICS[5]


class _Elem(Type):
    __slots__ = ("elem",)
    tag = ""

    def __init__(self, elem):
        self.elem = elem

    def __eq__(self, o):
        return type(o) is type(self) and o.elem == self.elem

    def __hash__(self):
        return hash((self.tag, self.elem))


class Pointer(_Elem):
    __slots__ = ()
    tag = "ptr"

    def __str__(self):
        return "*" + str(self.elem)


class Slice(_Elem):
    __slots__ = ()
    tag = "slice"

    def __str__(self):
        return "[]" + str(self.elem)


class Array(Type):
    __slots__ = ("len", "elem")

    def __init__(self, n, elem):
        self.len = n
        self.elem = elem

    def __eq__(self, o):
        return isinstance(o, Array) and o.len == self.len and o.elem == self.elem

    def __hash__(self):
        return hash(("array", self.len, self.elem))

    def __str__(self):
        return "[%d]%s" % (self.len, self.elem)


SEND, RECV, BOTH = 1, 2, 0  # types.ChanDir: SendRecv=0, SendOnly=1, RecvOnly=2


class Chan(Type):
    __slots__ = ("dir", "elem")

    def __init__(self, d, elem):
        self.dir = d
        self.elem = elem

    def __eq__(self, o):
        return isinstance(o, Chan) and o.dir == self.dir and o.elem == self.elem

    def __hash__(self):
        return hash(("chan", self.dir, self.elem))

    def __str__(self):
        return {BOTH: "chan ", SEND: "chan<- ", RECV: "<-chan "}.get(self.dir, "chan ") + str(self.elem)


class Map(Type):
    __slots__ = ("key", "elem")

    def __init__(self, key, elem):
        self.key = key
        self.elem = elem

    def __eq__(self, o):
        return isinstance(o, Map) and o.key == self.key and o.elem == self.elem

    def __hash__(self):
        return hash(("map", self.key, self.elem))

    def __str__(self):
        return "map[%s]%s" % (self.key, self.elem)


class Var:
    """A parameter, result or struct field."""
    __slots__ = ("name", "type", "pkg", "embedded", "tag")

    def __init__(self, name, typ, pkg="", embedded=False, tag=""):
        self.name = name
        self.type = typ
        self.pkg = pkg
        self.embedded = embedded
        self.tag = tag

    def exported(self):
        return is_exported(self.name)


class Signature(Type):
    __slots__ = ("params", "results", "variadic", "recv", "tparams")

    def __init__(self, params, results, variadic, recv=None, tparams=()):
        self.params = params
        self.results = results
        self.variadic = variadic
        self.recv = recv
        self.tparams = tparams

    def _key(self):
        return (tuple(p.type for p in self.params), tuple(r.type for r in self.results),
                self.variadic)

    def __eq__(self, o):  # identical(): names and receivers do not count
        return isinstance(o, Signature) and o._key() == self._key()

    def __hash__(self):
        return hash(("func",) + self._key())

    def __str__(self):
        ps = []
        for i, p in enumerate(self.params):
            t = str(p.type)
            if self.variadic and i == len(self.params) - 1 and isinstance(p.type, Slice):
                t = "..." + str(p.type.elem)
            ps.append(t)
        s = "func(" + ", ".join(ps) + ")"
        if len(self.results) == 1:
            return s + " " + str(self.results[0].type)
        if self.results:
            return s + " (" + ", ".join(str(r.type) for r in self.results) + ")"
        return s


class Func:
    """A method or function: name, package (for unexported names), signature."""
    __slots__ = ("name", "pkg", "sig", "ptr_recv")

    def __init__(self, name, pkg, sig, ptr_recv=False):
        self.name = name
        self.pkg = pkg
        self.sig = sig
        self.ptr_recv = ptr_recv

    def id(self):
        """go/types' Id: exported names alone, unexported qualified by package."""
        return self.name if is_exported(self.name) else self.pkg + "." + self.name

    def __repr__(self):
        return "Func(%s %s)" % (self.name, self.sig)


class Struct(Type):
    __slots__ = ("fields",)

    def __init__(self, fields):
        self.fields = fields

    def _key(self):
        return tuple((f.name, f.pkg if not is_exported(f.name) else "", f.type, f.embedded, f.tag)
                     for f in self.fields)

    def __eq__(self, o):
        return isinstance(o, Struct) and o._key() == self._key()

    def __hash__(self):
        return hash(("struct", len(self.fields)))

    def __str__(self):
        return "struct{" + "; ".join(
            (str(f.type) if f.embedded else "%s %s" % (f.name, f.type)) for f in self.fields) + "}"


class Interface(Type):
    """methods: explicit Funcs; embeddeds: embedded types (interfaces, unions,
    type terms in constraints)."""
    __slots__ = ("methods", "embeddeds", "implicit", "_all")

    def __init__(self, methods, embeddeds, implicit=False):
        self.methods = methods
        self.embeddeds = embeddeds
        self.implicit = implicit
        self._all = None

    def all_methods(self):
        """The method set: explicit and embedded methods, by Id; None if an
        embedded type cannot be known."""
        if self._all is None:
            self._all = interface_methods(self)
        return self._all

    def _key(self):
        ms = self.all_methods()
        if ms is None:
            return ("unknown", id(self))
        return tuple(sorted((k, m.sig) for k, m in ms.items()))

    def __eq__(self, o):
        if not isinstance(o, Interface):
            return False
        if self.embeddeds or o.embeddeds:
            if self.has_terms() or o.has_terms():
                return self is o
        return o._key() == self._key()

    def __hash__(self):
        return hash("interface")

    def has_terms(self):
        return has_type_terms(self)

    def __str__(self):
        if not self.methods and not self.embeddeds:
            return "interface{}"
        parts = ["%s%s" % (m.name, str(m.sig)[4:]) for m in self.methods]
        parts += [str(e) for e in self.embeddeds]
        return "interface{" + "; ".join(parts) + "}"


class Union(Type):
    __slots__ = ("terms",)  # [(tilde, type)]

    def __init__(self, terms):
        self.terms = terms

    def __eq__(self, o):
        return self is o

    def __hash__(self):
        return id(self)

    def __str__(self):
        return " | ".join(("~" if t else "") + str(x) for t, x in self.terms)


class TypeParam(Type):
    """A type parameter: its index among its declaration's parameters; the
    constraint is read on demand (constraint_fn)."""
    __slots__ = ("name", "index", "_constraint", "_fn")

    def __init__(self, name, index, constraint_fn=None):
        self.name = name
        self.index = index
        self._constraint = None
        self._fn = constraint_fn

    def constraint(self):
        if self._constraint is None and self._fn is not None:
            fn, self._fn = self._fn, None
            self._constraint = fn()
        return self._constraint

    def underlying(self):
        c = self.constraint()
        return c.underlying() if c is not None else INVALID

    def __eq__(self, o):
        return self is o

    def __hash__(self):
        return id(self)

    def __str__(self):
        return self.name


class Named(Type):
    """A defined type. `load` fills underlying, methods and tparams on first
    use; an instance (targs) substitutes its origin's type parameters."""
    __slots__ = ("path", "name", "targs", "_load", "_under", "_methods", "_tparams",
                 "origin", "_mcache")

    def __init__(self, path, name, targs=(), load=None, origin=None):
        self.path = path
        self.name = name
        self.targs = tuple(targs)
        self._load = load
        self._under = None
        self._methods = None
        self._tparams = None
        self.origin = origin
        self._mcache = None

    def _ensure(self):
        if self._under is not None:
            return
        if self.origin is not None:
            o = self.origin
            o._ensure()
            self._tparams = ()
            sub = Subst(o._tparams, self.targs)
            self._under = sub.type(o._under)
            self._methods = [Func(m.name, m.pkg, sub.type(m.sig), m.ptr_recv) for m in o._methods]
            return
        if self._load is None:
            self._under, self._methods, self._tparams = INVALID, [], ()
            return
        load, self._load = self._load, None
        try:
            u, ms, tps = load()
        except Exception:
            # A question about a type orch cannot read gets no answer.
            u, ms, tps = INVALID, [], ()
        self._under, self._methods, self._tparams = u, ms, tps

    def underlying(self):
        self._ensure()
        u = self._under
        # the underlying of a Named is never a Named (chains resolve here)
        seen = 0
        while isinstance(u, Named) and seen < 100:
            u = u.underlying()
            seen += 1
        return u

    def methods(self):
        """Methods declared on this type (not promoted ones)."""
        self._ensure()
        return self._methods

    def tparams(self):
        self._ensure()
        return self._tparams

    def __eq__(self, o):
        return (isinstance(o, Named) and o.path == self.path and o.name == self.name
                and o.targs == self.targs)

    def __hash__(self):
        return hash((self.path, self.name, len(self.targs)))

    def __str__(self):
        s = (self.path + "." + self.name) if self.path else self.name
        if self.targs:
            s += "[" + ",".join(str(t) for t in self.targs) + "]"
        return s


class Subst:
    """Replaces type parameters (by position in tparams) with targs.

    by_position: also replace any other type parameter at the same index
    (a generic type's methods declare receiver type parameters of their
    own, at the same positions); off where only tparams themselves may be
    replaced (a generic function's call, orch.types.infer)."""

    def __init__(self, tparams, targs, by_position=True):
        self.map = {}
        for tp, ta in zip(tparams or (), targs):
            self.map[id(tp)] = ta
        self.by_index = {i: ta for i, ta in enumerate(targs)} if by_position else {}

    def type(self, t):
        if isinstance(t, TypeParam):
            r = self.map.get(id(t))
            if r is None:
                r = self.by_index.get(t.index, t)
            return r
        if isinstance(t, Pointer):
            return Pointer(self.type(t.elem))
        if isinstance(t, Slice):
            return Slice(self.type(t.elem))
        if isinstance(t, Array):
            return Array(t.len, self.type(t.elem))
        if isinstance(t, Chan):
            return Chan(t.dir, self.type(t.elem))
        if isinstance(t, Map):
            return Map(self.type(t.key), self.type(t.elem))
        if isinstance(t, Signature):
            return Signature(self._vars(t.params), self._vars(t.results), t.variadic)
        if isinstance(t, Struct):
            return Struct(self._vars(t.fields))
        if isinstance(t, Interface):
            return Interface([Func(m.name, m.pkg, self.type(m.sig)) for m in t.methods],
                             [self.type(e) for e in t.embeddeds], t.implicit)
        if isinstance(t, Union):
            return Union([(tl, self.type(x)) for tl, x in t.terms])
        if isinstance(t, Named) and t.targs:
            targs = tuple(self.type(a) for a in t.targs)
            if targs == t.targs:
                return t
            return instantiate(t.origin or t, targs)
        return t

    def _vars(self, vs):
        return [Var(v.name, self.type(v.type), v.pkg, v.embedded, v.tag) for v in vs]


def instantiate(origin, targs):
    return Named(origin.path, origin.name, targs, origin=origin)


def split_spec(spec):
    """(pointer depth, path, name) of a type named as "*path.Name" ("" path:
    the universe)."""
    ptr = len(spec) - len(spec.lstrip("*"))
    path, _, name = spec[ptr:].rpartition(".")
    return ptr, path, name


def is_exported(name):
    return bool(name) and (name[0].isupper())


# The universe's named types.
def _error_load():
    sig = Signature([], [Var("", BY_NAME["string"])], False)
    return Interface([Func("Error", "", sig)], []), [], ()


ERROR = Named("", "error", load=_error_load)
COMPARABLE = Named("", "comparable", load=lambda: (Interface([], [], False), [], ()))
ANY = Interface([], [])
UNIVERSE_TYPES = {"error": ERROR, "comparable": COMPARABLE, "any": ANY}
UNIVERSE_TYPES.update(BY_NAME)


def interface_methods(iface, _depth=0):
    """{id: Func} of an interface, embedded interfaces included; None if
    an embedded type is unknown."""
    ms = {}
    for m in iface.methods:
        ms[m.id()] = m
    for e in iface.embeddeds:
        u = e.underlying() if _depth < 50 else INVALID
        if isinstance(u, Interface):
            sub = interface_methods(u, _depth + 1)
            if sub is None:
                return None
            for k, m in sub.items():
                ms.setdefault(k, m)
        elif isinstance(u, Union) or isinstance(e, (Basic, Union)) and e is not INVALID:
            continue  # type terms: no methods
        elif u is INVALID:
            return None
        # other type terms (a struct, a named non-interface type) add no method
    return ms


def has_type_terms(iface, _depth=0):
    for e in iface.embeddeds:
        u = e.underlying()
        if isinstance(u, Interface):
            if _depth < 50 and has_type_terms(u, _depth + 1):
                return True
        else:
            return True
    return False
