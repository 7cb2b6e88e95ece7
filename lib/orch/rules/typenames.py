"""Go types named in rules, compared with type expressions in source as Go would.

A rule names types as text: "error", "*net/http.Request", "[]byte",
"map[string]any", "func(context.Context) error", "gopkg.in/yaml.v3.Node",
"example.com/lib.Set[int]". `parse(text)` turns that into a small tuple
tree; `matches(t, expr, scope)` compares it with a go/ast type expression
of the file being instrumented, resolving names through the file's imports
(aliases, dot imports) the way the compiler would:

    ("N", path, name, args)   a named type; path "" for predeclared types
                              (and for unqualified names of the package itself)
    ("P", elem)   *T          ("S", elem)   []T       ("A", len, elem)  [N]T
    ("M", k, v)   map[K]V     ("C", dir, elem)  chan T (dir: "", "<-", "->")
    ("F", params, results, variadic)            func(...) ...
    ("V", elem)   ...T (a variadic parameter)
    ("I",)        interface{} and any           ("T",)  struct{}

byte and uint8, rune and int32, any and interface{} are the same type, as in
Go. A name the matcher cannot resolve (an unknown import, a type parameter)
never matches; nothing here raises on strange source.
"""

from .doc import RuleError

PREDECLARED = frozenset((
    "bool", "byte", "complex64", "complex128", "error", "float32", "float64",
    "int", "int8", "int16", "int32", "int64", "rune", "string",
    "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any", "comparable",
))
_ALIASES = {"byte": "uint8", "rune": "int32"}
EMPTY_INTERFACE = ("I",)

_STOP = set(" \t[](){}*,")


class _Reader:
    def __init__(self, text: str):
        self.s = text
        self.i = 0

    def skip(self):
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def peek(self, lit: str) -> bool:
        self.skip()
        return self.s.startswith(lit, self.i)

    def eat(self, lit: str) -> bool:
        if self.peek(lit):
            self.i += len(lit)
            return True
        return False

    def need(self, lit: str):
        if not self.eat(lit):
            raise ValueError(f"expected {lit!r} at column {self.i + 1}")

    def word(self) -> str:
        self.skip()
        j = self.i
        while j < len(self.s) and self.s[j] not in _STOP:
            j += 1
        w = self.s[self.i:j]
        self.i = j
        return w


def parse(text: str, *, variadic_ok: bool = False) -> tuple:
    """The type tree of a rule's type text; ValueError on bad syntax."""
    r = _Reader(text)
    t = _type(r, variadic_ok)
    r.skip()
    if r.i != len(r.s):
        raise ValueError(f"unexpected {r.s[r.i:]!r} after the type")
    return t


def parse_value(v, *, variadic_ok: bool = False) -> tuple:
    """parse() for a doc.Value, reporting errors at its place."""
    text = v.string()
    try:
        return parse(text, variadic_ok=variadic_ok)
    except ValueError as e:
        raise RuleError(f"bad Go type {text!r}: {e}", v.path, text)


def parse_symbol(v, what: str, *, path_required: bool = False) -> tuple:
    """(path, name) of a function or variable named as "import/path.Name" by
    doc.Value v; path "" for a bare name (a symbol of the package being
    compiled) unless path_required. `what` starts the error message."""
    text = v.string()
    path, _, name = text.rpartition(".")
    if not name.isidentifier() or (path_required and not path):
        raise v.error(f"{what}, not {text!r}")
    return path, name


def _type(r: _Reader, variadic_ok: bool = False) -> tuple:
    if r.eat("..."):
        if not variadic_ok:
            raise ValueError("... is only allowed for the last parameter")
        return ("V", _type(r))
    if r.eat("*"):
        return ("P", _type(r))
    if r.eat("<-"):
        r.need("chan")
        return ("C", "<-", _type(r))
    if r.eat("["):
        if r.eat("]"):
            return ("S", _type(r))
        n = r.word()
        if not (n.isdigit() or n == "..."):
            raise ValueError(f"bad array length {n!r}")
        r.need("]")
        return ("A", n, _type(r))
    save = r.i
    w = r.word()
    if w == "map" and r.peek("["):
        r.need("[")
        k = _type(r)
        r.need("]")
        return ("M", k, _type(r))
    if w in ("chan", "chan<-"):
        d = "->" if w == "chan<-" or r.eat("<-") else ""
        return ("C", d, _type(r))
    if w == "func" and r.peek("("):
        return _signature(r)
    if w == "interface" and r.peek("{"):
        r.need("{")
        r.need("}")
        return EMPTY_INTERFACE
    if w == "struct" and r.peek("{"):
        r.need("{")
        r.need("}")
        return ("T",)
    if not w:
        r.i = save
        raise ValueError(f"expected a type at column {r.i + 1}")
    path, _, name = w.rpartition(".")
    if not name.isidentifier():
        raise ValueError(f"{name!r} is not a Go identifier")
    if path and not path.replace("/", "").replace(".", "").replace("-", "").replace("_", "").replace("~", "").isalnum():
        raise ValueError(f"{path!r} is not an import path")
    args = ()
    if r.peek("[") and path:
        r.need("[")
        items = [_type(r)]
        while r.eat(","):
            items.append(_type(r))
        r.need("]")
        args = tuple(items)
    if not path:
        if name == "any":
            return EMPTY_INTERFACE
        name = _ALIASES.get(name, name)
    return ("N", path, name, args)


def _signature(r: _Reader) -> tuple:
    r.need("(")
    params = []
    variadic = False
    while not r.eat(")"):
        if params:
            r.need(",")
            if r.eat(")"):
                break
        t = _type(r, variadic_ok=True)
        if t[0] == "V":
            variadic = True
            t = t[1]
        params.append(t)
    results = []
    if r.eat("("):
        while not r.eat(")"):
            if results:
                r.need(",")
            results.append(_type(r))
    else:
        r.skip()
        if r.i < len(r.s) and r.s[r.i] not in ",)]":
            results.append(_type(r))
    return ("F", tuple(params), tuple(results), variadic)


def format_type(t: tuple, qualify=None) -> str:
    """Go source for a type tree. qualify(path) gives the name under which the
    file refers to an import path (None: leave the path as written)."""
    k = t[0]
    if k == "N":
        _, path, name, args = t
        s = name
        if path:
            q = qualify(path) if qualify else path
            s = f"{q}.{name}" if q else name
        if args:
            s += "[" + ", ".join(format_type(a, qualify) for a in args) + "]"
        return s
    if k == "P":
        return "*" + format_type(t[1], qualify)
    if k == "S":
        return "[]" + format_type(t[1], qualify)
    if k == "A":
        return f"[{t[1]}]" + format_type(t[2], qualify)
    if k == "M":
        return f"map[{format_type(t[1], qualify)}]{format_type(t[2], qualify)}"
    if k == "C":
        head = {"": "chan ", "<-": "<-chan ", "->": "chan<- "}[t[1]]
        return head + format_type(t[2], qualify)
    if k == "V":
        return "..." + format_type(t[1], qualify)
    if k == "I":
        return "interface{}"
    if k == "T":
        return "struct{}"
    if k == "F":
        ps = [format_type(p, qualify) for p in t[1]]
        if t[3] and ps:
            ps[-1] = "..." + ps[-1]
        s = "func(" + ", ".join(ps) + ")"
        rs = [format_type(x, qualify) for x in t[2]]
        if len(rs) == 1:
            s += " " + rs[0]
        elif rs:
            s += " (" + ", ".join(rs) + ")"
        return s
    raise ValueError(t)


def import_paths(t: tuple) -> set:
    """The import paths a type tree names."""
    return {x[1] for x in _named_types(t) if x[1]}


def simple_names(t: tuple) -> set:
    """The type names (without paths) a type tree mentions: for byte searches."""
    return {x[2] for x in _named_types(t)}


def _named_types(t: tuple):
    """The named types ("N", ...) of a type tree, type arguments included."""
    stack = [t]
    while stack:
        x = stack.pop()
        if not isinstance(x, tuple) or not x:
            continue
        if x[0] == "N":
            yield x
            stack.extend(x[3])
        elif x[0] == "F":
            stack.extend(x[1])
            stack.extend(x[2])
        else:
            stack.extend(v for v in x[1:] if isinstance(v, tuple))


# ----------------------------------------------------------------------------
# Matching against source


def matches(t: tuple, x, names) -> bool:
    """Whether the type tree t denotes the type written as the go/ast
    expression x in a file whose names are `names` (a imports.Names)."""
    from ..golang import ast
    while type(x) is ast.ParenExpr:
        x = x.X
    k = t[0]
    tx = type(x)
    if k == "N":
        return _named(t, x, names)
    if k == "I":
        if tx is ast.InterfaceType:
            return not x.Methods.List
        return tx is ast.Ident and x.Name == "any" and names.predeclared("any")
    if k == "P":
        return tx is ast.StarExpr and matches(t[1], x.X, names)
    if k == "S":
        return tx is ast.ArrayType and x.Len is None and matches(t[1], x.Elt, names)
    if k == "A":
        if tx is not ast.ArrayType or x.Len is None:
            return False
        n = x.Len
        if t[1] == "...":
            ok = type(n) is ast.Ellipsis
        else:
            ok = type(n) is ast.BasicLit and _int_value(n.Value) == int(t[1])
        return ok and matches(t[2], x.Elt, names)
    if k == "M":
        return tx is ast.MapType and matches(t[1], x.Key, names) and matches(t[2], x.Value, names)
    if k == "C":
        if tx is not ast.ChanType:
            return False
        d = {ast.SEND | ast.RECV: "", ast.RECV: "<-", ast.SEND: "->"}[x.Dir]
        return d == t[1] and matches(t[2], x.Value, names)
    if k == "V":
        return tx is ast.Ellipsis and x.Elt is not None and matches(t[1], x.Elt, names)
    if k == "T":
        return tx is ast.StructType and not x.Fields.List
    if k == "F":
        if tx is not ast.FuncType:
            return False
        params = expand(x.Params)
        variadic = bool(params) and type(params[-1][1]) is ast.Ellipsis
        if variadic != t[3] or len(params) != len(t[1]):
            return False
        for i, (_, px) in enumerate(params):
            want = t[1][i]
            if variadic and i == len(params) - 1:
                want = ("V", want)
            if not matches(want, px, names):
                return False
        results = expand(x.Results)
        return len(results) == len(t[2]) and all(matches(w, rx, names) for w, (_, rx) in zip(t[2], results))
    return False


def _named(t, x, names) -> bool:
    from ..golang import ast
    _, path, name, args = t
    tx = type(x)
    if args:
        if tx is ast.IndexExpr:
            idx = [x.Index]
        elif tx is ast.IndexListExpr:
            idx = x.Indices
        else:
            return False
        if len(idx) != len(args) or not all(matches(a, i, names) for a, i in zip(args, idx)):
            return False
        x = x.X
        tx = type(x)
    if tx is ast.Ident:
        got = x.Name
        if not path:
            if name in PREDECLARED or got in PREDECLARED:
                return _ALIASES.get(got, got) == name and names.predeclared(got)
            return got == name and names.local_type(got)
        return got == name and names.unqualified_from(got, path)
    if tx is ast.SelectorExpr and type(x.X) is ast.Ident:
        return bool(path) and x.Sel.Name == name and names.import_path(x.X.Name) == path
    return False


def matches_definition(t: tuple, x, import_path: str) -> bool:
    """A receiver type (`*Server`, `Set[T]`) declared in import_path against a
    rule's type name (`*net/http.Server`): pointer-ness and name must agree;
    the receiver's type parameters are ignored."""
    from ..golang import ast
    while type(x) is ast.ParenExpr:
        x = x.X
    if t[0] == "P":
        return type(x) is ast.StarExpr and matches_definition(t[1], x.X, import_path)
    if t[0] != "N" or t[1] != import_path:
        return False
    if type(x) in (ast.IndexExpr, ast.IndexListExpr):
        x = x.X
    return type(x) is ast.Ident and x.Name == t[2]


def expand(fields) -> list:
    """[(name or None, type expr)] of a FieldList, one entry per parameter:
    `a, b int` is two ints, as in Go."""
    out = []
    if fields is None:
        return out
    for f in fields.List:
        if f.Names:
            out.extend((n.Name, f.Type) for n in f.Names)
        else:
            out.append((None, f.Type))
    return out


def _int_value(lit: str):
    try:
        return int(lit.replace("_", ""), 0)
    except ValueError:
        try:
            return int(lit, 8)
        except ValueError:
            return None
