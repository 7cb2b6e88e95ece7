"""The Go syntax tree: the node kinds and field names of go/ast, with byte offsets.

Every class, field name and field order follows go/ast
(GOROOT/src/go/ast/ast.go), so Go documentation applies unchanged:

    CallExpr(Fun, Lparen, Args, Ellipsis, Rparen)
    FuncDecl(Doc, Recv, Name, Type, Body)

Differences from go/ast, all on purpose:

- Positions are 0-based byte offsets into the source bytes (not token.Pos);
  "no position" (token.NoPos) is None. `node.pos` and `node.end` are Go's
  Pos() and End(): `src[node.pos:node.end]` is the node's text, end exclusive.
  As in Go, a Comment's end is Slash + len(Text) in bytes, which is short of
  the true end only for comments containing '\\r'.
- Lists are Python lists; a go/ast nil slice is an empty list.
- Tok, Op and Kind hold token kinds from orch.golang.token (token.DEFINE ...);
  token.string(tok) gives Go's spelling.
- Strings (Ident.Name, BasicLit.Value, Comment.Text) are str, decoded from
  UTF-8, with carriage returns removed from raw strings and comments as Go does.
- Fields the parser never sets are class constants: Ident.Obj (None),
  ImportSpec.EndPos (None), CompositeLit/StructType/InterfaceType.Incomplete
  (False). File.Scope and File.Unresolved do not exist (object resolution is
  deprecated in Go and skipped here).
- File also carries `filename`, `src` (the bytes parsed) and `position(offset)`
  for filename:line:column (honouring //line directives) in messages.

How nodes are stored (a tree holds about one node per 6 bytes of Go, and
a Python object with slots takes 32 bytes plus 8 a field, so every field
counts; tests/bench/bench_parser.py prints the memory per file size):

- Fields are read as usual (call.Lparen, call.Args, lit.Value); some are
  computed properties over a compact storage, which also accept assignment
  (except on Ident, BasicLit and Comment, whose fields are read-only).
- Positions are not separate int objects where a node has several: they are
  packed into one int (`_p`), 32 bits each, stored as offset+1 so that 0
  is None, with a token kind (Tok, Op, Kind, Dir) in the low 8 bits.
- A position a few bytes from a child (the `if` before Cond, the `:` after
  a Key, the brackets around a block's statements or a call's arguments)
  is stored as its distance from that child: a small int, which CPython
  shares, so no int object of the node's own (_near, _tok_near, _brackets,
  CallExpr). Assigning such a child keeps the positions where they were.
  The `*` of a StarExpr, a unary operator, the brackets of an IndexExpr
  or ParenExpr and an ArrayType's `[` are stored so only next to a child
  whose pos or end reads in a step or two (an Ident, a BasicLit, `a.b`,
  `f(...)`: _pos_o1, _end_o1), so that a chain of them (`***T`, `((x))`)
  never makes reading a position recurse once a level.
- Fields that are mostly None (Field Doc/Tag/Comment, ValueSpec
  Doc/Comment) share one slot (_rare).
- A list field stores None (no element), the element itself (one) or a
  tuple (more); reading it gives a new list each time (`type(v) is list`
  holds). To change a list field, assign it: `call.Args = call.Args + [x]`,
  not `call.Args.append(x)`.
- Ident and BasicLit, about half of all nodes, are floats holding an
  integer: an Ident's value packs NamePos and an index into a table of names
  shared by all files (40 bytes an Ident), a BasicLit's Kind, ValuePos and
  the length of its text in the file's bytes, which it keeps (48 bytes).
  They are hashed and compared by identity, like the other nodes, and are
  always true.
- A Comment is a float too (Slash and the length of its text), with the
  file's bytes, from which Text is read on access (48 bytes a comment).

Traversal: `walk(node)` yields the nodes of a tree in ast.Inspect order
(preorder, children in go/ast.Walk order, Doc/Comment groups included);
`inspect(node, fn)` is ast.Inspect (fn(node) -> bool, then fn(None) after the
children of each node it descended into); `inspect_stack(node, fn)` gives fn
the ancestors too; `children(node)` yields the direct children. Each class
lists its child fields in `_children` and all its fields in `_fields`.
"""

from operator import attrgetter

from . import token as _token

__all__ = [
    "Node", "Expr", "Stmt", "Decl", "Spec",
    "Comment", "CommentGroup", "Field", "FieldList",
    "BadExpr", "Ident", "Ellipsis", "BasicLit", "FuncLit", "CompositeLit", "ParenExpr",
    "SelectorExpr", "IndexExpr", "IndexListExpr", "SliceExpr", "TypeAssertExpr", "CallExpr",
    "StarExpr", "UnaryExpr", "BinaryExpr", "KeyValueExpr",
    "ArrayType", "StructType", "FuncType", "InterfaceType", "MapType", "ChanType",
    "SEND", "RECV",
    "BadStmt", "DeclStmt", "EmptyStmt", "LabeledStmt", "ExprStmt", "SendStmt", "IncDecStmt",
    "AssignStmt", "GoStmt", "DeferStmt", "ReturnStmt", "BranchStmt", "BlockStmt", "IfStmt",
    "CaseClause", "SwitchStmt", "TypeSwitchStmt", "CommClause", "SelectStmt", "ForStmt",
    "RangeStmt",
    "ImportSpec", "ValueSpec", "TypeSpec", "BadDecl", "GenDecl", "FuncDecl", "File",
    "walk", "inspect", "inspect_stack", "children", "push_children", "unparen", "is_exported",
]

# ChanType.Dir bits, as go/ast.ChanDir.
SEND = 1
RECV = 2

# ----------------------------------------------------------------------------
# Compact storage (see the module doc)

_M = 0xFFFFFFFF     # one packed offset
_OFF1, _OFF2, _OFF3 = 8, 40, 72     # where offsets go in _p, after a token in bits 0-7


def _offset(shift: int):
    """A position field stored in _p at shift, as offset+1 (0: None)."""
    def get(self):
        v = (self._p >> shift) & _M
        return v - 1 if v else None

    def set(self, v):
        self._p = self._p & ~(_M << shift) | (0 if v is None else v + 1) << shift
    return property(get, set)


def _small(shift: int = 0):
    """A token kind (or ChanType.Dir) stored in _p at shift, as value+1 (0: None)."""
    def get(self):
        v = (self._p >> shift) & 0xFF
        return v - 1 if v else None

    def set(self, v):
        self._p = self._p & ~(0xFF << shift) | (0 if v is None else v + 1) << shift
    return property(get, set)


def _pack(a, b=None, c=None) -> int:
    """Offsets as _p stores them: each +1 (0: None), 32 bits each from bit 0."""
    return ((0 if a is None else a + 1) | (0 if b is None else b + 1) << 32
            | (0 if c is None else c + 1) << 64)


def _pack_tok(tok, a, b=None, c=None) -> int:
    """A token kind (+1, 0: None) in bits 0-7, then offsets as _pack from bit 8
    (_OFF1, _OFF2, _OFF3)."""
    return (0 if tok is None else tok + 1) | _pack(a, b, c) << 8


# pos and end of the common shapes, as class attributes: `pos = _pos_of("X")`
# is self.X.pos, `end = _end_of("Body")` self.Body.end, `pos = _at("If")` the
# offset in slot If, `end = _after(32)` just after the one-byte token (a
# closing bracket) whose offset is packed at bit 32 (stored +1: the end).
# (attrgetter: the getters run in C, as fast as a written-out property.)

def _pos_of(child: str):
    return property(attrgetter(child + ".pos"))


def _end_of(child: str):
    return property(attrgetter(child + ".end"))


def _at(slot: str):
    return property(attrgetter(slot))


def _after(shift: int):
    return property(lambda self: (self._p >> shift) & _M)


def _list_get(v) -> list:
    """A list field's value from its storage."""
    if v is None:
        return []
    if type(v) is tuple:
        return list(v)
    return [v]


def _list(slot: str):
    """A list field stored in slot as None ([]), the element ([x]) or a tuple."""
    raw = attrgetter(slot)

    def get(self):
        v = raw(self)
        if v is None:
            return []
        if type(v) is tuple:
            return list(v)
        return [v]

    def set(self, v):
        setattr(self, slot, _compact(v))
    return property(get, set)


def _compact(v):
    """How a list field is stored: None, the only element, or a tuple (one
    allocation, no room to grow: 16 bytes less than a list of its length,
    which itself has up to twice the slots it uses when grown by append)."""
    if not v:
        return None
    if len(v) == 1:
        return v[0]
    return tuple(v)


def _first(v):
    """The first element of a compactly stored list."""
    return v[0] if type(v) is tuple else v


def _last(v):
    return v[-1] if type(v) is tuple else v


def _rare(i: int, n: int):
    """Field i of n fields that are mostly None (Doc, Tag, Comment), kept
    together in slot _rare: None while all are, else a tuple of the n (a
    slot costs 8 bytes on every node, the tuple only on the few with any)."""
    def get(self):
        v = self._rare
        return None if v is None else v[i]

    def set(self, x):
        v = list(self._rare or (None,) * n)
        v[i] = x
        self._rare = None if all(e is None for e in v) else tuple(v)
    return property(get, set)


# Positions near a child: most keywords and punctuation sit a few bytes
# before or after a child node ("if " then Cond, Key then ":"). Such a
# position is stored as its distance d from the child's pos or end when d is
# 0..256: CPython shares those small ints, so the node holds no int object of
# its own (28-32 bytes saved). Other positions are stored as offset+257.
# Assigning the child keeps these positions where they were (_pinning).

_NEAR = 256

# Reading the end of a call or block stored relative to its last argument or
# statement reads that one's end, and so on down: a recursion once a level.
# The parser stores absolute brackets from this nesting depth on (calls,
# blocks, composite literals, field lists), so that reading an end takes a
# bounded number of Python frames however deep the code nests.
_DEEP = 32


def _near(slot: str, base, sign: int):
    """A position stored in slot relative to base(self) (the offset of a
    child, or None if there is none): offset = base + sign * d."""
    raw = attrgetter(slot)

    def get(self):
        v = raw(self)
        if v is None:
            return None
        if v <= _NEAR:
            return base(self) + sign * v
        return v - _NEAR - 1

    def set(self, v):
        setattr(self, slot, _near_value(v, base(self), sign))
    return property(get, set)


def _near_value(v, base, sign: int):
    """What a _near slot stores for offset v."""
    if v is None:
        return None
    if base is not None:
        d = (v - base) * sign
        if 0 <= d <= _NEAR:
            return d
    return v + _NEAR + 1


def _pinning(field, *pinned: str):
    """A child field (a property, or a slot name) whose assignment keeps
    the positions in pinned, stored relative to it, where they were."""
    if isinstance(field, str):
        slot = field
        field = property(attrgetter(slot), lambda self, v: setattr(self, slot, v))

    def set(self, v):
        keep = [getattr(self, f) for f in pinned]
        field.fset(self, v)
        for f, k in zip(pinned, keep):
            setattr(self, f, k)
    return property(field.fget, set)


def _end_or_none(child: str):
    """base for _near: the end of the child in a field (None if it is None)."""
    get = attrgetter(child)

    def base(self):
        c = get(self)
        return None if c is None else c.end
    return base


def _tok_near(base):
    """A token kind (Tok, Op) and its offset, in _p, the offset relative to
    base(self) (the end of the child before it): tok+1 | d << 7 when d is 0
    or 1 (a small int: `a + b`, `x := y`), else _pack_tok(tok, offset) << 8
    | 0xFF. Returns the two properties and a function giving both, for the
    setters of the child (which keep the offset where it was)."""
    def both(self):
        p = self._p
        if p < 0xFF:
            return (p & 0x7F) - 1, base(self) + (p >> 7)
        t, o = (p >> 8) & 0xFF, (p >> 16) & _M
        return (t - 1 if t else None), (o - 1 if o else None)

    def tok(self):
        p = self._p
        if p < 0xFF:
            return (p & 0x7F) - 1
        t = (p >> 8) & 0xFF
        return t - 1 if t else None

    def set_tok(self, v):
        self._p = _tok_p(v, both(self)[1], base(self))

    def set_offset(self, v):
        self._p = _tok_p(both(self)[0], v, base(self))
    return property(tok, set_tok), property(lambda self: both(self)[1], set_offset), both


def _brackets(items: str):
    """Opening and closing brackets around the list field stored in slot
    items, in _p: Open = the first item's pos - d1 and Close = the last
    item's end + d2, as d1 | d2 << 4 when d1 is 0..15 and d2 0..14 (a small
    int: `{\n\t\tx := 1 ... y()\n\t}`), else _pack(Open, Close) << 8 | 0xFF.
    Returns the Open and Close properties, the list field's property (its
    assignment keeps them where they were), encode(node, open, close) and
    absolute(node), which stores the absolute form (see _DEEP)."""
    get = attrgetter(items)

    def both(self):
        p = self._p
        if p < 0xFF:
            v = get(self)
            return _first(v).pos - (p & 15), _last(v).end + (p >> 4)
        a, b = (p >> 8) & _M, p >> 40
        return (a - 1 if a else None), (b - 1 if b else None)

    def opening(self):
        p = self._p
        if p < 0xFF:
            return _first(get(self)).pos - (p & 15)
        a = (p >> 8) & _M
        return a - 1 if a else None

    def closing(self):
        p = self._p
        if p < 0xFF:
            return _last(get(self)).end + (p >> 4)
        b = p >> 40
        return b - 1 if b else None

    def encode(self, opening, closing) -> int:
        v = get(self)
        if v is not None and opening is not None and closing is not None:
            d1 = _first(v).pos - opening
            d2 = closing - _last(v).end
            if 0 <= d1 <= 15 and 0 <= d2 <= 14:
                return d1 | d2 << 4
        return _pack(opening, closing) << 8 | 0xFF

    def set_opening(self, v):
        self._p = encode(self, v, closing(self))

    def set_closing(self, v):
        self._p = encode(self, opening(self), v)

    def set_items(self, v):
        o, c = both(self)
        setattr(self, items, _compact(v))
        self._p = encode(self, o, c)

    def absolute(self):
        self._p = _pack(*both(self)) << 8 | 0xFF
    return (property(opening, set_opening), property(closing, set_closing),
            property(lambda self: _list_get(get(self)), set_items), encode, absolute)


def _before(slot: str, base_child):
    """A position stored in slot as its distance d (0.._NEAR) before the pos
    of the child base_child(self) when that reads in one step (_pos_o1),
    else as offset+_NEAR+1. Returns the property and encode(v, child)."""
    raw = attrgetter(slot)

    def get(self):
        v = raw(self)
        if v is None:
            return None
        if v <= _NEAR:
            return base_child(self).pos - v
        return v - _NEAR - 1

    def encode(v, child):
        return _near_value(v, None if child is None else _pos_o1(child), -1)

    def set(self, v):
        setattr(self, slot, encode(v, base_child(self)))
    return property(get, set), encode


def _tok_p(tok, offset, base) -> int:
    """_p of _tok_near."""
    if tok is not None and offset is not None and base is not None and tok < 0x7E:
        d = offset - base
        if d == 0 or d == 1:
            return tok + 1 | d << 7
    return _pack_tok(tok, offset) << 8 | 0xFF


_new = object.__new__
_tuple = tuple

# Positions stored relative to a child whose pos or end reads in a bounded
# number of steps (an Ident or BasicLit, or one level above one), so that
# reading them never recurses through a chain of nodes (see _DEEP): `*T`,
# `&x`, `a[i]`, `(x ^ y)`, `[]byte`. Other children: absolute offsets.

def _leaf_pos(x):
    """x.pos if x is an Ident or BasicLit, or a selector of an Ident, else None."""
    t = type(x)
    if t is Ident or t is BasicLit:
        return x.pos
    if t is SelectorExpr:
        x = x.X
        if type(x) is Ident:
            return x.pos
    return None


def _pos_o1(x):
    """x.pos if reading it takes a step or two through nodes that store no
    relative position (_leaf_pos of x or of its first child), else None."""
    t = type(x)
    if t is Ident or t is BasicLit:
        return x.pos
    if t is SelectorExpr or t is BinaryExpr or t is IndexExpr:
        return _leaf_pos(x.X)
    if t is CallExpr:
        return _leaf_pos(x.Fun)
    if t is CompositeLit:
        return None if x.Type is None else _leaf_pos(x.Type)
    if t is Ellipsis:
        return x.Ellipsis
    return None


def _end_o1(x):
    """x.end if reading it takes at most one step down, else None."""
    t = type(x)
    if t is Ident or t is BasicLit:
        return x.end
    if t is SelectorExpr or t is BinaryExpr:
        c = x.Sel if t is SelectorExpr else x.Y
        if type(c) is Ident or type(c) is BasicLit:
            return c.end
    return None


def _pair(base_a, sign_a: int, base_b, sign_b: int):
    """Two positions A and B in _p, each as its distance from a child's pos
    or end (base_x(self); sign +1: after it, -1: before it): da | db << 4
    when da is 0..15 and db 0..14 (a small int, which CPython shares), else
    _pack(A, B) << 8 | 0xFF. encode(a, b, oa, ob) takes the bases as
    _pos_o1/_end_o1 give them (None: store absolute). Returns properties A
    and B, both(self) and encode; assigning A or B re-encodes _p through
    the class's _repack(self, a, b), as does assigning a child declared with
    _keeping_pair."""
    def both(self):
        p = self._p
        if p < 0xFF:
            return base_a(self) + sign_a * (p & 15), base_b(self) + sign_b * (p >> 4)
        a, b = (p >> 8) & _M, p >> 40
        return (a - 1 if a else None), (b - 1 if b else None)

    def encode(a, b, oa, ob) -> int:
        if a is not None and b is not None and oa is not None and ob is not None:
            da, db = (a - oa) * sign_a, (b - ob) * sign_b
            if 0 <= da <= 15 and 0 <= db <= 14:
                return da | db << 4
        return _pack(a, b) << 8 | 0xFF

    def get_a(self):
        p = self._p
        if p < 0xFF:
            return base_a(self) + sign_a * (p & 15)
        a = (p >> 8) & _M
        return a - 1 if a else None

    def get_b(self):
        p = self._p
        if p < 0xFF:
            return base_b(self) + sign_b * (p >> 4)
        b = p >> 40
        return b - 1 if b else None

    def set_a(self, v):
        self._p = self._repack(v, get_b(self))

    def set_b(self, v):
        self._p = self._repack(get_a(self), v)
    return property(get_a, set_a), property(get_b, set_b), both, encode


def _keeping_pair(slot: str):
    """A child of a node with a _pair: assigning it keeps both positions
    where they were (read before, re-encoded against the new child after)."""
    def set(self, v):
        a, b = self._both()
        setattr(self, slot, v)
        self._p = self._repack(a, b)
    return property(attrgetter(slot), set)



class Node:
    """Base of all nodes. Subclasses declare `__slots__` (their storage),
    `_fields` (the go/ast fields, in go/ast order; by default the slots),
    `_children` (the fields holding nodes, in Walk order), `_walk` (the
    storage of those fields, read by walk() without building lists; derived)
    and `pos`/`end`, mostly with the descriptors above; the constructor takes
    the fields positionally or by name, default None.
    (The constructors are written out: generating them at import would cost
    every toolexec call tens of milliseconds, and a generic one that loops
    over _fields is several times slower, for nodes the parser makes.)"""

    __slots__ = ()
    _fields: tuple = ()
    _children: tuple = ()
    _walk: tuple = ()

    def __init_subclass__(cls, **kw):
        # By default, _fields are the slots and _walk the child fields, a
        # list field (Args, a property) read from its storage slot (_Args).
        super().__init_subclass__(**kw)
        slots = cls.__dict__.get("__slots__", ())
        if "_fields" not in cls.__dict__ and slots:
            cls._fields = tuple(f[1:] if f[:1] == "_" and f[1:] in cls.__dict__ else f for f in slots)
        if "_walk" not in cls.__dict__:
            cls._walk = tuple("_" + f if "_" + f in slots else f for f in cls._children)

    @property
    def pos(self) -> int | None:
        """Offset of the node's first byte (go/ast Pos())."""
        raise NotImplementedError

    @property
    def end(self) -> int | None:
        """Offset just after the node's last byte (go/ast End())."""
        raise NotImplementedError

    def __repr__(self):
        try:
            where = f"{self.pos}..{self.end}"
        except Exception:  # a half-built node (only while debugging the parser)
            where = "?"
        name = getattr(self, "Name", None)
        if isinstance(name, str):
            return f"<{type(self).__name__} {name!r} @{where}>"
        return f"<{type(self).__name__} @{where}>"


class Expr(Node):
    """Expressions and types."""
    __slots__ = ()


class Stmt(Node):
    __slots__ = ()


class Decl(Node):
    __slots__ = ()


class Spec(Node):
    """ImportSpec, ValueSpec or TypeSpec."""
    __slots__ = ()


# Shared parts of node classes: mixins after the category (Expr, Stmt ...),
# which stays the first base.

class _Bad(Node):
    """BadExpr, BadStmt and BadDecl: the span From..To of a syntax error."""
    __slots__ = ("_p",)
    _fields = ("From", "To")
    From = _offset(0)
    To = _offset(32)
    pos = From
    end = To

    def __init__(self, From=None, To=None):
        self._p = _pack(From, To)


def _utf8_len(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogateescape"))


def _decode(raw: bytes) -> str:
    """Source bytes as str: UTF-8, invalid bytes replaced (as Go's string conversion
    would keep them, but such files are rejected anyway)."""
    return raw.decode("ascii") if raw.isascii() else raw.decode("utf-8", "replace")


def _strip_cr(lit: str, comment: bool) -> str:
    """go/scanner stripCR: drop '\\r', except in "*\\r/" of a /*-comment."""
    if not comment:
        return lit.replace("\r", "")
    out = []
    n = len(lit)
    for j, ch in enumerate(lit):
        if ch != "\r" or (len(out) > 2 and out[-1] == "*" and j + 1 < n and lit[j + 1] == "/"):
            out.append(ch)
    return "".join(out)


def _comment_text(lit: str) -> str:
    """A comment's Text from its source text (UTF-8 decoded): carriage
    returns removed as go/scanner does."""
    if "\r" in lit:
        if lit[1] == "/" and lit.endswith("\r"):
            lit = lit[:-1]
            if "\r" in lit:
                lit = _strip_cr(lit, False)
        else:
            lit = _strip_cr(lit, lit[1] == "*")
    return lit


# ----------------------------------------------------------------------------
# Comments


class _Packed(Node):
    """Ident, BasicLit and Comment, the most numerous nodes, are floats
    (their fields packed in the value, an integer below 2**53, which a
    double holds exactly). A float is the smallest object with a value of
    its own: 24 bytes, 40 with the header of a class's instance, where an
    int of the same bits takes 56 and an object with slots 32 plus 8 a
    field plus its int fields. They are nonetheless hashed and compared by
    identity and always true, like every node; their fields are read-only."""
    __slots__ = ()

    __hash__ = object.__hash__
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __lt__ = object.__lt__
    __le__ = object.__le__
    __gt__ = object.__gt__
    __ge__ = object.__ge__
    __repr__ = Node.__repr__
    __str__ = Node.__repr__

    def __bool__(self):
        return True

    def __format__(self, spec):
        return format(repr(self), spec)


_new_float = float.__new__


class Comment(_Packed, float):
    """A //-style or /*-style comment; Text excludes the final newline.

    Like BasicLit, a float: the value is Slash+1 | n << 32, the comment's
    source bytes being _src[Slash:Slash+n] (_src the file's bytes), or, for
    n 0 (a comment of _TEXT_INLINE bytes or more), _src itself; a Comment
    made by the constructor keeps its Text in _src. Fields are read-only."""
    __slots__ = ("_src",)
    _fields = ("Slash", "Text")

    def __new__(cls, Slash=None, Text=None):
        x = _new_float(cls, (0 if Slash is None else Slash + 1)
                       | (0 if Text is None else _utf8_len(Text)) << 32)
        x._src = Text
        return x

    def __reduce__(self):
        return Comment, (self.Slash, self.Text)

    @property
    def Slash(self):
        v = int(self) & _M
        return v - 1 if v else None

    pos = Slash

    def _raw(self):
        """The comment's source bytes (a str for a constructed Comment)."""
        src = self._src
        n = int(self) >> 32
        if type(src) is not bytes or not n:
            return src
        a = (int(self) & _M) - 1
        return src[a:a + n]

    @property
    def Text(self):
        raw = self._raw()
        if type(raw) is not bytes:
            return raw
        if b"\r" in raw:
            return _comment_text(_decode(raw))
        return _decode(raw)

    @property
    def end(self):
        raw = self._raw()
        if type(raw) is bytes and b"\r" not in raw:
            return (int(self) & _M) - 1 + len(raw)
        return self.Slash + _utf8_len(self.Text)


_TEXT_INLINE = 1 << 20      # comments shorter than this are read from the file's bytes


def _comment(src: bytes, slash: int, length: int) -> Comment:
    """The parser's Comment: the text is src[slash:slash+length]."""
    if length < _TEXT_INLINE:
        c = _new_float(Comment, slash + 1 | length << 32)
        c._src = src
    else:
        c = _new_float(Comment, slash + 1)
        c._src = src[slash:slash + length]
    return c


class CommentGroup(Node):
    """Comments with no other tokens and no empty lines between them."""
    __slots__ = ("_List",)
    _children = ("List",)
    List = _list("_List")

    def __init__(self, List=None):
        self._List = _compact(List)

    @property
    def pos(self):
        return _first(self._List).pos

    @property
    def end(self):
        return _last(self._List).end

    def text(self) -> str:
        """go/ast CommentGroup.Text(): markers, directives and blank edges removed."""
        lines = []
        for c in self.List:
            t = c.Text
            if t[1] == "/":
                t = t[2:]
                if t:
                    if t[0] == " ":
                        t = t[1:]
                    elif is_directive(t):
                        continue
            else:
                t = t[2:-2]
            lines.extend(line.rstrip(" \t\n\r") for line in t.split("\n"))
        out = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        if out and out[-1]:
            out.append("")
        return "\n".join(out)


def is_directive(c: str) -> bool:
    """go/ast isDirective, for a // comment without its slashes: line, extern,
    export, or a "name:args" directive such as go:noinline or orch:span."""
    if c.startswith(("line ", "extern ", "export ")):
        return True
    colon = c.find(":")
    if colon <= 0 or colon + 1 >= len(c):
        return False
    for i in range(colon + 2):
        if i != colon and not ("a" <= c[i] <= "z" or "0" <= c[i] <= "9"):
            return False
    return True


# ----------------------------------------------------------------------------
# Fields


class Field(Node):
    """A struct field, interface element, or (type) parameter/result group."""
    __slots__ = ("_Names", "Type", "_rare")
    _fields = ("Doc", "Names", "Type", "Tag", "Comment")
    _children = ("Doc", "Names", "Type", "Tag", "Comment")
    Names = _list("_Names")
    Doc = _rare(0, 3)
    Tag = _rare(1, 3)
    Comment = _rare(2, 3)

    def __init__(self, Doc=None, Names=None, Type=None, Tag=None, Comment=None):
        self._rare = None if Doc is None and Tag is None and Comment is None else (Doc, Tag, Comment)
        self._Names = _compact(Names)
        self.Type = Type

    @property
    def pos(self):
        names = self._Names
        if names is not None:
            return _first(names).pos
        if self.Type is not None:
            return self.Type.pos
        return None

    @property
    def end(self):
        if self.Tag is not None:
            return self.Tag.end
        if self.Type is not None:
            return self.Type.end
        names = self._Names
        if names is not None:
            return _last(names).end
        return None


class FieldList(Node):
    """Fields in (), {} or []; Opening/Closing are None when absent."""
    __slots__ = ("_List", "_p")
    _fields = ("Opening", "List", "Closing")
    _children = ("List",)
    Opening, Closing, List, _brackets, _absolute = _brackets("_List")

    def __init__(self, Opening=None, List=None, Closing=None):
        self._List = _compact(List)
        self._p = self._brackets(Opening, Closing)

    @property
    def pos(self):
        v = self.Opening
        if v is not None:
            return v
        lst = self._List
        if lst is not None:
            return _first(lst).pos
        return None

    @property
    def end(self):
        v = self.Closing
        if v is not None:
            return v + 1
        lst = self._List
        if lst is not None:
            return _last(lst).end
        return None

    def num_fields(self) -> int:
        return sum(len(f.Names) or 1 for f in self.List)


# ----------------------------------------------------------------------------
# Expressions


class BadExpr(Expr, _Bad):
    __slots__ = ()


class _Leaf(Expr, _Packed):
    """Ident and BasicLit: nodes without children, about half of a tree's
    nodes, are floats (see _Packed)."""
    __slots__ = ()

# Identifier names, shared by all files: an Ident stores an index into this
# table, not a str. (Go code uses few distinct names; the table grows with
# them, for the life of the process.)
_names = []             # index -> name
_name_index = {}        # name -> index
_names_lock = __import__("_thread").allocate_lock()
_MAX_NAMES = 1 << 21    # an Ident's index << 32 stays below 2**53


def _name_id(name) -> int:
    with _names_lock:
        i = _name_index.get(name)
        if i is None:
            if len(_names) >= _MAX_NAMES:
                raise OverflowError("more than 2**21 distinct Go identifiers in one process")
            i = _name_index[name] = len(_names)
            _names.append(name)
    return i


class Ident(_Leaf, float):
    """An identifier; the value is NamePos+1 | the name's index in _names << 32."""
    __slots__ = ()
    _fields = ("NamePos", "Name")
    Obj = None

    def __new__(cls, NamePos=None, Name=None):
        return _new_float(cls, (0 if NamePos is None else NamePos + 1) | _name_id(Name) << 32)

    def __reduce__(self):
        return Ident, (self.NamePos, self.Name)

    @property
    def NamePos(self):
        v = int(self) & _M
        return v - 1 if v else None

    @property
    def Name(self):
        return _names[int(self) >> 32]

    pos = NamePos

    @property
    def end(self):
        v = int(self)
        return (v & _M) - 1 + _utf8_len(_names[v >> 32])

    def is_exported(self) -> bool:
        return is_exported(self.Name)


class Ellipsis(Expr):
    """`...` in a parameter list (Elt set) or an array length [...]T (Elt None)."""
    __slots__ = ("Ellipsis", "Elt")
    _children = ("Elt",)
    pos = _at("Ellipsis")

    def __init__(self, Ellipsis=None, Elt=None):
        self.Ellipsis = Ellipsis
        self.Elt = Elt

    @property
    def end(self):
        if self.Elt is not None:
            return self.Elt.end
        return self.Ellipsis + 3


_LIT_INLINE = 1 << 13     # literals shorter than this are read from the file's bytes


class BasicLit(_Leaf, float):
    """INT, FLOAT, IMAG, CHAR or STRING; Value keeps the quotes.

    The value is Kind+1 | ValuePos+1 << 8 | n << 40; the literal's source
    bytes are _src[ValuePos:ValuePos+n], _src being the file's bytes (most
    literals are a few bytes: 48 bytes a literal, none copied), or, for n 0
    (a literal of _LIT_INLINE bytes or more, or one made by the
    constructor), _src itself. ValueEnd is ValuePos + the length of those
    bytes."""
    __slots__ = ("_src",)
    _fields = ("ValuePos", "ValueEnd", "Kind", "Value")

    def __new__(cls, ValuePos=None, ValueEnd=None, Kind=None, Value=None):
        raw = None
        if Value is not None:
            raw = Value.encode("utf-8", "surrogateescape")
            if ValueEnd is not None and ValuePos is not None and ValueEnd != ValuePos + len(raw):
                raise ValueError("BasicLit: ValueEnd must be ValuePos + len(Value) in UTF-8")
        return _lit_of(Kind, ValuePos, raw)

    def __reduce__(self):
        return _lit_of, (self.Kind, self.ValuePos, self._raw())

    def _raw(self):
        """The literal's source bytes (None if Value is None)."""
        src = self._src
        n = int(self) >> 40
        if not n:
            return src
        a = ((int(self) >> 8) & _M) - 1
        return src[a:a + n]

    @property
    def Kind(self):
        v = int(self) & 0xFF
        return v - 1 if v else None

    @property
    def ValuePos(self):
        v = (int(self) >> 8) & _M
        return v - 1 if v else None

    @property
    def Value(self):
        raw = self._raw()
        if raw is None:
            return None
        v = _decode(raw)
        if v[:1] == "`" and "\r" in v:
            v = v.replace("\r", "")
        return v

    @property
    def ValueEnd(self):
        p = int(self)
        v = (p >> 8) & _M
        if not v:
            return None
        n = p >> 40
        if not n:
            src = self._src
            n = 0 if src is None else len(src)
        return v - 1 + n

    pos = ValuePos
    end = ValueEnd


def _lit_of(kind, pos, raw) -> BasicLit:
    """A BasicLit holding its own source bytes raw (or None)."""
    x = _new_float(BasicLit, (0 if kind is None else kind + 1) | (0 if pos is None else pos + 1) << 8)
    x._src = raw
    return x


def _basic_lit(src: bytes, pos: int, length: int, kind: int) -> BasicLit:
    """The parser's BasicLit: the literal is src[pos:pos+length]."""
    if length < _LIT_INLINE:
        x = _new_float(BasicLit, kind + 1 | (pos + 1) << 8 | length << 40)
        x._src = src
    else:
        x = _new_float(BasicLit, kind + 1 | (pos + 1) << 8)
        x._src = src[pos:pos + length]
    return x


class FuncLit(Expr):
    __slots__ = ("Type", "Body")
    _children = ("Type", "Body")
    pos = _pos_of("Type")
    end = _end_of("Body")

    def __init__(self, Type=None, Body=None):
        self.Type = Type
        self.Body = Body


class CompositeLit(Expr):
    __slots__ = ("Type", "_Elts", "_p")
    _fields = ("Type", "Lbrace", "Elts", "Rbrace")
    _children = ("Type", "Elts")
    Incomplete = False
    Lbrace, Rbrace, Elts, _braces, _absolute = _brackets("_Elts")

    def __init__(self, Type=None, Lbrace=None, Elts=None, Rbrace=None):
        self.Type = Type
        self._Elts = _compact(Elts)
        self._p = self._braces(Lbrace, Rbrace)

    @property
    def end(self):
        r = self.Rbrace
        return None if r is None else r + 1

    @property
    def pos(self):
        if self.Type is not None:
            return self.Type.pos
        return self.Lbrace


def _composite_lit(typ, lbrace: int, elts: list, rbrace: int) -> CompositeLit:
    x = _new(CompositeLit)
    x.Type = typ
    n = len(elts)
    if n == 0:
        x._Elts = None
        x._p = _pack(lbrace, rbrace) << 8 | 0xFF
    else:
        x._Elts = elts[0] if n == 1 else _tuple(elts)
        x._p = CompositeLit._braces(x, lbrace, rbrace)
    return x


class ParenExpr(Expr):
    """(X); Lparen and Rparen are stored relative to X (_pair) when X's pos
    and end read in one step (most: `(a ^ b)`), else absolute."""
    __slots__ = ("_X", "_p")
    _fields = ("Lparen", "X", "Rparen")
    _children = ("X",)
    Lparen, Rparen, _both, _encode = _pair(attrgetter("_X.pos"), -1, attrgetter("_X.end"), 1)
    X = _keeping_pair("_X")
    pos = Lparen

    def __init__(self, Lparen=None, X=None, Rparen=None):
        self._X = X
        self._p = self._repack(Lparen, Rparen)

    @property
    def end(self):
        r = self.Rparen
        return None if r is None else r + 1

    def _repack(self, lparen, rparen) -> int:
        x = self._X
        if x is None:
            return _pack(lparen, rparen) << 8 | 0xFF
        return ParenExpr._encode(lparen, rparen, _pos_o1(x), _end_o1(x))

    def _absolute(self):
        self._p = _pack(*self._both()) << 8 | 0xFF


class SelectorExpr(Expr):
    __slots__ = ("X", "Sel")
    _children = ("X", "Sel")
    pos = _pos_of("X")
    end = _end_of("Sel")

    def __init__(self, X=None, Sel=None):
        self.X = X
        self.Sel = Sel


class IndexExpr(Expr):
    """X[Index]; Lbrack and Rbrack are stored relative to the ends of X and
    Index (_pair) when those read in one step (most: `a[i]`), else absolute."""
    __slots__ = ("_X", "_Index", "_p")
    _fields = ("X", "Lbrack", "Index", "Rbrack")
    _children = ("X", "Index")
    Lbrack, Rbrack, _both, _encode = _pair(attrgetter("_X.end"), 1, attrgetter("_Index.end"), 1)
    X = _keeping_pair("_X")
    Index = _keeping_pair("_Index")
    pos = _pos_of("_X")

    def __init__(self, X=None, Lbrack=None, Index=None, Rbrack=None):
        self._X = X
        self._Index = Index
        self._p = self._repack(Lbrack, Rbrack)

    @property
    def end(self):
        r = self.Rbrack
        return None if r is None else r + 1

    def _repack(self, lbrack, rbrack) -> int:
        x, index = self._X, self._Index
        if x is None or index is None:
            return _pack(lbrack, rbrack) << 8 | 0xFF
        return IndexExpr._encode(lbrack, rbrack, _end_o1(x), _end_o1(index))


class IndexListExpr(Expr):
    """x[A, B]: a generic instantiation with several type arguments."""
    __slots__ = ("X", "Indices", "_p")
    _fields = ("X", "Lbrack", "Indices", "Rbrack")
    _children = ("X", "Indices")
    Lbrack = _offset(0)
    Rbrack = _offset(32)
    pos = _pos_of("X")
    end = _after(32)

    def __init__(self, X=None, Lbrack=None, Indices=None, Rbrack=None):
        self.X = X
        self.Indices = Indices
        self._p = _pack(Lbrack, Rbrack)


class SliceExpr(Expr):
    __slots__ = ("X", "Low", "High", "Max", "Slice3", "_p")
    _fields = ("X", "Lbrack", "Low", "High", "Max", "Slice3", "Rbrack")
    _children = ("X", "Low", "High", "Max")
    Lbrack = _offset(0)
    Rbrack = _offset(32)
    pos = _pos_of("X")
    end = _after(32)

    def __init__(self, X=None, Lbrack=None, Low=None, High=None, Max=None, Slice3=None, Rbrack=None):
        self.X = X
        self.Low = Low
        self.High = High
        self.Max = Max
        self.Slice3 = Slice3
        self._p = _pack(Lbrack, Rbrack)


class TypeAssertExpr(Expr):
    """x.(T); Type is None for the x.(type) of a type switch."""
    __slots__ = ("X", "Type", "_p")
    _fields = ("X", "Lparen", "Type", "Rparen")
    _children = ("X", "Type")
    Lparen = _offset(0)
    Rparen = _offset(32)
    pos = _pos_of("X")
    end = _after(32)

    def __init__(self, X=None, Lparen=None, Type=None, Rparen=None):
        self.X = X
        self.Type = Type
        self._p = _pack(Lparen, Rparen)


class CallExpr(Expr):
    """Fun(Args); Ellipsis is the offset of a final `...`, or None.

    _p is Lparen - Fun.end | Rparen - (the last argument's end, or Lparen+1)
    << 3 when those are 0..7 and 0..15 and there is no Ellipsis (most calls:
    a small int, no object; see _NEAR), else _pack(Lparen, Rparen,
    Ellipsis) << 8 | 0xFF."""
    __slots__ = ("_Fun", "_Args", "_p")
    _fields = ("Fun", "Lparen", "Args", "Ellipsis", "Rparen")
    _children = ("Fun", "Args")
    pos = _pos_of("Fun")

    def __init__(self, Fun=None, Lparen=None, Args=None, Ellipsis=None, Rparen=None):
        self._Fun = Fun
        self._Args = _compact(Args)
        self._p = _call_p(self, Lparen, Rparen, Ellipsis)

    def _parens(self) -> tuple:
        """(Lparen, Rparen, Ellipsis)."""
        p = self._p
        if p >= 0xFF:
            p >>= 8
            a, b, c = p & _M, (p >> 32) & _M, p >> 64
            return (a - 1 if a else None), (b - 1 if b else None), (c - 1 if c else None)
        lparen = self._Fun.end + (p & 7)
        args = self._Args
        return lparen, (lparen + 1 if args is None else _last(args).end) + (p >> 3), None

    def _absolute(self):
        self._p = _pack(*self._parens()) << 8 | 0xFF

    @property
    def Lparen(self):
        p = self._p
        if p < 0xFF:
            return self._Fun.end + (p & 7)
        return self._parens()[0]

    @property
    def Rparen(self):
        return self._parens()[1]

    @property
    def Ellipsis(self):
        if self._p < 0xFF:
            return None
        return self._parens()[2]

    @property
    def end(self):
        r = self._parens()[1]
        return None if r is None else r + 1

    @Lparen.setter
    def Lparen(self, v):
        _, r, e = self._parens()
        self._p = _call_p(self, v, r, e)

    @Rparen.setter
    def Rparen(self, v):
        lp, _, e = self._parens()
        self._p = _call_p(self, lp, v, e)

    @Ellipsis.setter
    def Ellipsis(self, v):
        lp, r, _ = self._parens()
        self._p = _call_p(self, lp, r, v)

    @property
    def Fun(self):
        return self._Fun

    @Fun.setter
    def Fun(self, v):
        parens = self._parens()
        self._Fun = v
        self._p = _call_p(self, *parens)

    @property
    def Args(self):
        return _list_get(self._Args)

    @Args.setter
    def Args(self, v):
        parens = self._parens()
        self._Args = _compact(v)
        self._p = _call_p(self, *parens)


def _call_p(x: CallExpr, lparen, rparen, ellipsis) -> int:
    """CallExpr._p for these offsets, its Fun and Args set."""
    fun = x._Fun
    if ellipsis is None and fun is not None and lparen is not None and rparen is not None:
        d = lparen - fun.end
        args = x._Args
        e = rparen - (lparen + 1 if args is None else _last(args).end)
        if 0 <= d <= 7 and 0 <= e <= 15:
            return d | e << 3
    return _pack(lparen, rparen, ellipsis) << 8 | 0xFF


# The parser's constructors for the most frequent nodes, a few times faster
# than the public ones: positional, no None checks where the parser always
# has a position, lists compacted and offsets packed inline (as _compact and
# _pack do: a call to them costs ~70 ns, measurable on these nodes, a fifth
# of all; the public constructors call them, for the rarer nodes).

def _call(fun, lparen: int, args: list, ellipsis, rparen: int) -> CallExpr:
    x = _new(CallExpr)
    x._Fun = fun
    n = len(args)
    if n == 0:
        x._Args = None
        e = rparen - lparen - 1
    else:
        x._Args = args[0] if n == 1 else _tuple(args)
        e = rparen - args[-1].end
    d = lparen - fun.end
    if ellipsis is None and 0 <= d <= 7 and 0 <= e <= 15:
        x._p = d | e << 3
    else:
        p = lparen + 1 | (rparen + 1) << 32
        x._p = (p if ellipsis is None else p | (ellipsis + 1) << 64) << 8 | 0xFF
    return x


class StarExpr(Expr):
    """*X: a dereference or a pointer type. Star is stored relative to X's
    pos when that reads in one step (`*T`, `*p`: see _before)."""
    __slots__ = ("_Star", "_X")
    _fields = ("Star", "X")
    _children = ("X",)
    Star, _encode = _before("_Star", attrgetter("_X"))
    X = _pinning("_X", "Star")
    pos = Star
    end = _end_of("_X")

    def __init__(self, Star=None, X=None):
        self._X = X
        self._Star = StarExpr._encode(Star, X)


class UnaryExpr(Expr):
    """Op X. _p is Op+1 | g << 7, g being the gap (0 or 1) between the
    operator and X, when X's pos reads in one step (`-1`, `&x`, `<-c`,
    `range x`: a small int), else _pack_tok(Op, OpPos) << 8 | 0xFF."""
    __slots__ = ("_X", "_p")
    _fields = ("OpPos", "Op", "X")
    _children = ("X",)
    end = _end_of("_X")

    def __init__(self, OpPos=None, Op=None, X=None):
        self._X = X
        self._p = _unary_p(Op, OpPos, X)

    def _op(self):
        p = self._p
        if p < 0xFF:
            op = (p & 0x7F) - 1
            return op, self._X.pos - (p >> 7) - _OPLEN[op]
        t, o = (p >> 8) & 0xFF, (p >> 16) & _M
        return (t - 1 if t else None), (o - 1 if o else None)

    @property
    def Op(self):
        p = self._p
        if p < 0xFF:
            return (p & 0x7F) - 1
        t = (p >> 8) & 0xFF
        return t - 1 if t else None

    @Op.setter
    def Op(self, v):
        self._p = _unary_p(v, self._op()[1], self._X)

    @property
    def OpPos(self):
        p = self._p
        if p < 0xFF:
            return self._X.pos - (p >> 7) - _OPLEN[(p & 0x7F) - 1]
        o = (p >> 16) & _M
        return o - 1 if o else None

    @OpPos.setter
    def OpPos(self, v):
        self._p = _unary_p(self._op()[0], v, self._X)

    pos = OpPos

    @property
    def X(self):
        return self._X

    @X.setter
    def X(self, v):
        op, oppos = self._op()
        self._X = v
        self._p = _unary_p(op, oppos, v)


_OPLEN = tuple(len(t) for t in _token.STRINGS)     # bytes of each token's spelling


def _unary_p(op, oppos, x) -> int:
    if op is not None and oppos is not None and x is not None and op < 0x7E:
        o = _pos_o1(x)
        if o is not None:
            g = o - oppos - _OPLEN[op]
            if g == 0 or g == 1:
                return op + 1 | g << 7
    return _pack_tok(op, oppos) << 8 | 0xFF


def _unary(oppos: int, op: int, x) -> UnaryExpr:
    u = _new(UnaryExpr)
    u._X = x
    u._p = _unary_p(op, oppos, x)
    return u


def _x_end(self):
    x = self._X
    return None if x is None else x.end


class BinaryExpr(Expr):
    __slots__ = ("_X", "Y", "_p")
    _fields = ("X", "OpPos", "Op", "Y")
    _children = ("X", "Y")
    Op, OpPos, _op = _tok_near(_x_end)
    pos = _pos_of("X")
    end = _end_of("Y")

    def __init__(self, X=None, OpPos=None, Op=None, Y=None):
        self._X = X
        self.Y = Y
        self._p = _tok_p(Op, OpPos, _x_end(self))

    @property
    def X(self):
        return self._X

    @X.setter
    def X(self, v):
        op, oppos = self._op()
        self._X = v
        self._p = _tok_p(op, oppos, _x_end(self))


def _binary(x, oppos: int, op: int, y) -> BinaryExpr:
    b = _new(BinaryExpr)
    b._X = x
    b.Y = y
    d = oppos - x.end
    b._p = op + 1 | d << 7 if d == 0 or d == 1 else (op + 1 | (oppos + 1) << 8) << 8 | 0xFF
    return b


class KeyValueExpr(Expr):
    __slots__ = ("_Key", "_Colon", "Value")
    _children = ("Key", "Value")
    Colon = _near("_Colon", _end_or_none("_Key"), 1)
    Key = _pinning("_Key", "Colon")
    pos = _pos_of("Key")
    end = _end_of("Value")

    def __init__(self, Key=None, Colon=None, Value=None):
        self._Key = Key
        self._Colon = _near_value(Colon, None if Key is None else Key.end, 1)
        self.Value = Value


# ----------------------------------------------------------------------------
# Types


def _len_or_elt(self):
    n = self._Len
    return self._Elt if n is None else n


class ArrayType(Expr):
    """[Len]Elt; Len is None for a slice type, an Ellipsis for [...]T.
    Lbrack is stored relative to the pos of Len, or of Elt if Len is None,
    when that reads in one step (`[]byte`, `[4]int`: see _before)."""
    __slots__ = ("_Lbrack", "_Len", "_Elt")
    _fields = ("Lbrack", "Len", "Elt")
    _children = ("Len", "Elt")
    Lbrack, _encode = _before("_Lbrack", _len_or_elt)
    Len = _pinning("_Len", "Lbrack")
    Elt = _pinning("_Elt", "Lbrack")
    pos = Lbrack
    end = _end_of("_Elt")

    def __init__(self, Lbrack=None, Len=None, Elt=None):
        self._Len = Len
        self._Elt = Elt
        self._Lbrack = ArrayType._encode(Lbrack, _len_or_elt(self))


class StructType(Expr):
    __slots__ = ("Struct", "Fields")
    _children = ("Fields",)
    Incomplete = False
    pos = _at("Struct")
    end = _end_of("Fields")

    def __init__(self, Struct=None, Fields=None):
        self.Struct = Struct
        self.Fields = Fields


def _params_pos(self):
    """What FuncType.Func is stored relative to: the type or value parameters."""
    x = self._TypeParams
    if x is None:
        x = self._Params
    return None if x is None else x.pos


class FuncType(Expr):
    """Func is None for interface methods; TypeParams and Results may be None."""
    __slots__ = ("_Func", "_TypeParams", "_Params", "Results")
    _children = ("TypeParams", "Params", "Results")
    Func = _near("_Func", _params_pos, -1)
    TypeParams = _pinning("_TypeParams", "Func")
    Params = _pinning("_Params", "Func")

    def __init__(self, Func=None, TypeParams=None, Params=None, Results=None):
        self._TypeParams = TypeParams
        self._Params = Params
        self._Func = _near_value(Func, _params_pos(self), -1)
        self.Results = Results

    @property
    def pos(self):
        if self.Func is not None or self.Params is None:
            return self.Func
        return self.Params.pos

    @property
    def end(self):
        if self.Results is not None:
            return self.Results.end
        return self.Params.end


class InterfaceType(Expr):
    __slots__ = ("Interface", "Methods")
    _children = ("Methods",)
    Incomplete = False
    pos = _at("Interface")
    end = _end_of("Methods")

    def __init__(self, Interface=None, Methods=None):
        self.Interface = Interface
        self.Methods = Methods


class MapType(Expr):
    __slots__ = ("Map", "Key", "Value")
    _children = ("Key", "Value")
    pos = _at("Map")
    end = _end_of("Value")

    def __init__(self, Map=None, Key=None, Value=None):
        self.Map = Map
        self.Key = Key
        self.Value = Value


class ChanType(Expr):
    """Dir is SEND|RECV, SEND (chan<-) or RECV (<-chan)."""
    __slots__ = ("Value", "_p")
    _fields = ("Begin", "Arrow", "Dir", "Value")
    _children = ("Value",)
    Dir = _small(0)
    Begin = _offset(_OFF1)
    Arrow = _offset(_OFF2)
    pos = Begin
    end = _end_of("Value")

    def __init__(self, Begin=None, Arrow=None, Dir=None, Value=None):
        self.Value = Value
        self._p = _pack_tok(Dir, Begin, Arrow)


# ----------------------------------------------------------------------------
# Statements


class BadStmt(Stmt, _Bad):
    __slots__ = ()


class DeclStmt(Stmt):
    __slots__ = ("Decl",)
    _children = ("Decl",)
    pos = _pos_of("Decl")
    end = _end_of("Decl")

    def __init__(self, Decl=None):
        self.Decl = Decl


class EmptyStmt(Stmt):
    """Implicit: the ';' was a newline or a closing brace."""
    __slots__ = ("Semicolon", "Implicit")
    pos = _at("Semicolon")

    def __init__(self, Semicolon=None, Implicit=None):
        self.Semicolon = Semicolon
        self.Implicit = Implicit

    @property
    def end(self):
        if self.Implicit:
            return self.Semicolon
        return self.Semicolon + 1


class LabeledStmt(Stmt):
    __slots__ = ("Label", "Colon", "Stmt")
    _children = ("Label", "Stmt")
    pos = _pos_of("Label")
    end = _end_of("Stmt")

    def __init__(self, Label=None, Colon=None, Stmt=None):
        self.Label = Label
        self.Colon = Colon
        self.Stmt = Stmt


class ExprStmt(Stmt):
    __slots__ = ("X",)
    _children = ("X",)
    pos = _pos_of("X")
    end = _end_of("X")

    def __init__(self, X=None):
        self.X = X


class SendStmt(Stmt):
    __slots__ = ("Chan", "Arrow", "Value")
    _children = ("Chan", "Value")
    pos = _pos_of("Chan")
    end = _end_of("Value")

    def __init__(self, Chan=None, Arrow=None, Value=None):
        self.Chan = Chan
        self.Arrow = Arrow
        self.Value = Value


class IncDecStmt(Stmt):
    __slots__ = ("X", "_p")
    _fields = ("X", "TokPos", "Tok")
    _children = ("X",)
    Tok = _small(0)
    TokPos = _offset(_OFF1)
    pos = _pos_of("X")

    def __init__(self, X=None, TokPos=None, Tok=None):
        self.X = X
        self._p = _pack_tok(Tok, TokPos)

    @property
    def end(self):
        return self.TokPos + 2


def _lhs_end(self):
    v = self._Lhs
    return None if v is None else _last(v).end


class AssignStmt(Stmt):
    __slots__ = ("_Lhs", "_Rhs", "_p")
    _fields = ("Lhs", "TokPos", "Tok", "Rhs")
    _children = ("Lhs", "Rhs")
    Tok, TokPos, _tok = _tok_near(_lhs_end)
    Rhs = _list("_Rhs")

    def __init__(self, Lhs=None, TokPos=None, Tok=None, Rhs=None):
        self._Lhs = _compact(Lhs)
        self._Rhs = _compact(Rhs)
        self._p = _tok_p(Tok, TokPos, _lhs_end(self))

    @property
    def Lhs(self):
        return _list_get(self._Lhs)

    @Lhs.setter
    def Lhs(self, v):
        tok, tokpos = self._tok()
        self._Lhs = _compact(v)
        self._p = _tok_p(tok, tokpos, _lhs_end(self))

    @property
    def pos(self):
        return _first(self._Lhs).pos

    @property
    def end(self):
        return _last(self._Rhs).end


def _assign(lhs: list, tokpos: int, tok: int, rhs: list) -> AssignStmt:
    a = _new(AssignStmt)
    n = len(lhs)
    a._Lhs = None if n == 0 else lhs[0] if n == 1 else _tuple(lhs)
    n = len(rhs)
    a._Rhs = None if n == 0 else rhs[0] if n == 1 else _tuple(rhs)
    a._p = _tok_p(tok, tokpos, None if not lhs else lhs[-1].end)
    return a


class GoStmt(Stmt):
    __slots__ = ("Go", "Call")
    _children = ("Call",)
    pos = _at("Go")
    end = _end_of("Call")

    def __init__(self, Go=None, Call=None):
        self.Go = Go
        self.Call = Call


class DeferStmt(Stmt):
    __slots__ = ("Defer", "Call")
    _children = ("Call",)
    pos = _at("Defer")
    end = _end_of("Call")

    def __init__(self, Defer=None, Call=None):
        self.Defer = Defer
        self.Call = Call


def _first_pos(slot: str):
    """base for _near: the pos of the first element of a list field, or None."""
    get = attrgetter(slot)

    def base(self):
        v = get(self)
        return None if v is None else _first(v).pos
    return base


class ReturnStmt(Stmt):
    __slots__ = ("_Return", "_Results")
    _children = ("Results",)
    Return = _near("_Return", _first_pos("_Results"), -1)
    Results = _pinning(_list("_Results"), "Return")

    def __init__(self, Return=None, Results=None):
        self._Results = results = _compact(Results)
        self._Return = _near_value(Return, None if results is None else _first(results).pos, -1)

    @property
    def pos(self):
        return self.Return

    @property
    def end(self):
        results = self._Results
        if results is not None:
            return _last(results).end
        return self.Return + 6


class BranchStmt(Stmt):
    """break, continue, goto or fallthrough, with an optional Label."""
    __slots__ = ("Label", "_p")
    _fields = ("TokPos", "Tok", "Label")
    _children = ("Label",)
    Tok = _small(0)
    TokPos = _offset(_OFF1)
    pos = TokPos

    def __init__(self, TokPos=None, Tok=None, Label=None):
        self.Label = Label
        self._p = _pack_tok(Tok, TokPos)

    @property
    def end(self):
        if self.Label is not None:
            return self.Label.end
        return self.TokPos + len(_token.STRINGS[self.Tok])


class BlockStmt(Stmt):
    """{ List }; Rbrace is None only after a syntax error."""
    __slots__ = ("_List", "_p")
    _fields = ("Lbrace", "List", "Rbrace")
    _children = ("List",)
    Lbrace, Rbrace, List, _braces, _absolute = _brackets("_List")
    pos = Lbrace

    def __init__(self, Lbrace=None, List=None, Rbrace=None):
        self._List = _compact(List)
        self._p = self._braces(Lbrace, Rbrace)

    @property
    def end(self):
        r = self.Rbrace
        if r is not None:
            return r + 1
        lst = self._List
        if lst is not None:
            return _last(lst).end
        return self.Lbrace + 1


def _block(lbrace: int, lst: list, rbrace) -> BlockStmt:
    b = _new(BlockStmt)
    n = len(lst)
    if n == 0:
        b._List = None
        b._p = _pack(lbrace, rbrace) << 8 | 0xFF
    else:
        b._List = lst[0] if n == 1 else _tuple(lst)
        b._p = _block_p(b, lbrace, rbrace)
    return b


_block_p = BlockStmt._braces


def _if_base(self):
    """What IfStmt.If is stored relative to: Init's pos, else Cond's."""
    x = self._Init
    if x is None:
        x = self._Cond
    return None if x is None else x.pos


class IfStmt(Stmt):
    __slots__ = ("_If", "_Init", "_Cond", "Body", "Else")
    _children = ("Init", "Cond", "Body", "Else")
    If = _near("_If", _if_base, -1)
    Init = _pinning("_Init", "If")
    Cond = _pinning("_Cond", "If")

    def __init__(self, If=None, Init=None, Cond=None, Body=None, Else=None):
        self._Init = Init
        self._Cond = Cond
        self._If = _near_value(If, _if_base(self), -1)
        self.Body = Body
        self.Else = Else

    @property
    def pos(self):
        return self.If

    @property
    def end(self):
        if self.Else is not None:
            return self.Else.end
        return self.Body.end


class _Clause(Node):
    """CaseClause and CommClause: `case ...:` (or default:) then Body."""
    __slots__ = ()
    Case = _offset(0)
    Colon = _offset(32)
    Body = _list("_Body")
    pos = Case

    @property
    def end(self):
        body = self._Body
        if body is not None:
            return _last(body).end
        return self._p >> 32    # Colon + 1


class CaseClause(Stmt, _Clause):
    """case List: Body (List empty for default)."""
    __slots__ = ("_List", "_Body", "_p")
    _fields = ("Case", "List", "Colon", "Body")
    _children = ("List", "Body")
    List = _list("_List")

    def __init__(self, Case=None, List=None, Colon=None, Body=None):
        self._List = _compact(List)
        self._Body = _compact(Body)
        self._p = _pack(Case, Colon)


class SwitchStmt(Stmt):
    __slots__ = ("Switch", "Init", "Tag", "Body")
    _children = ("Init", "Tag", "Body")
    pos = _at("Switch")
    end = _end_of("Body")

    def __init__(self, Switch=None, Init=None, Tag=None, Body=None):
        self.Switch = Switch
        self.Init = Init
        self.Tag = Tag
        self.Body = Body


class TypeSwitchStmt(Stmt):
    __slots__ = ("Switch", "Init", "Assign", "Body")
    _children = ("Init", "Assign", "Body")
    pos = _at("Switch")
    end = _end_of("Body")

    def __init__(self, Switch=None, Init=None, Assign=None, Body=None):
        self.Switch = Switch
        self.Init = Init
        self.Assign = Assign
        self.Body = Body


class CommClause(Stmt, _Clause):
    """case Comm: Body in a select (Comm None for default)."""
    __slots__ = ("Comm", "_Body", "_p")
    _fields = ("Case", "Comm", "Colon", "Body")
    _children = ("Comm", "Body")

    def __init__(self, Case=None, Comm=None, Colon=None, Body=None):
        self.Comm = Comm
        self._Body = _compact(Body)
        self._p = _pack(Case, Colon)


class SelectStmt(Stmt):
    __slots__ = ("Select", "Body")
    _children = ("Body",)
    pos = _at("Select")
    end = _end_of("Body")

    def __init__(self, Select=None, Body=None):
        self.Select = Select
        self.Body = Body


class ForStmt(Stmt):
    __slots__ = ("For", "Init", "Cond", "Post", "Body")
    _children = ("Init", "Cond", "Post", "Body")
    pos = _at("For")
    end = _end_of("Body")

    def __init__(self, For=None, Init=None, Cond=None, Post=None, Body=None):
        self.For = For
        self.Init = Init
        self.Cond = Cond
        self.Post = Post
        self.Body = Body


class RangeStmt(Stmt):
    """for Key, Value Tok range X; Tok is ILLEGAL and TokPos None without Key."""
    __slots__ = ("Key", "Value", "X", "Body", "_p")
    _fields = ("For", "Key", "Value", "TokPos", "Tok", "Range", "X", "Body")
    _children = ("Key", "Value", "X", "Body")
    Tok = _small(0)
    For = _offset(_OFF1)
    TokPos = _offset(_OFF2)
    Range = _offset(_OFF3)
    pos = For
    end = _end_of("Body")

    def __init__(self, For=None, Key=None, Value=None, TokPos=None, Tok=None, Range=None, X=None, Body=None):
        self.Key = Key
        self.Value = Value
        self.X = X
        self.Body = Body
        self._p = _pack_tok(Tok, For, TokPos, Range)


# ----------------------------------------------------------------------------
# Declarations


class ImportSpec(Spec):
    """Name is None, an Ident, or Ident(".")/Ident("_"); Path.Value is quoted."""
    __slots__ = ("Doc", "Name", "Path", "Comment")
    _children = ("Doc", "Name", "Path", "Comment")
    EndPos = None
    end = _end_of("Path")

    def __init__(self, Doc=None, Name=None, Path=None, Comment=None):
        self.Doc = Doc
        self.Name = Name
        self.Path = Path
        self.Comment = Comment

    @property
    def pos(self):
        if self.Name is not None:
            return self.Name.pos
        return self.Path.pos


class ValueSpec(Spec):
    """A const or var spec: Names [Type] [= Values]."""
    __slots__ = ("_Names", "Type", "_Values", "_rare")
    _fields = ("Doc", "Names", "Type", "Values", "Comment")
    _children = ("Doc", "Names", "Type", "Values", "Comment")
    Names = _list("_Names")
    Values = _list("_Values")
    Doc = _rare(0, 2)
    Comment = _rare(1, 2)

    def __init__(self, Doc=None, Names=None, Type=None, Values=None, Comment=None):
        self._rare = None if Doc is None and Comment is None else (Doc, Comment)
        self._Names = _compact(Names)
        self.Type = Type
        self._Values = _compact(Values)

    @property
    def pos(self):
        return _first(self._Names).pos

    @property
    def end(self):
        values = self._Values
        if values is not None:
            return _last(values).end
        if self.Type is not None:
            return self.Type.end
        return _last(self._Names).end


class TypeSpec(Spec):
    """Name [TypeParams] [=] Type; Assign is the offset of '=' for an alias."""
    __slots__ = ("Doc", "Name", "TypeParams", "Assign", "Type", "Comment")
    _children = ("Doc", "Name", "TypeParams", "Type", "Comment")
    pos = _pos_of("Name")
    end = _end_of("Type")

    def __init__(self, Doc=None, Name=None, TypeParams=None, Assign=None, Type=None, Comment=None):
        self.Doc = Doc
        self.Name = Name
        self.TypeParams = TypeParams
        self.Assign = Assign
        self.Type = Type
        self.Comment = Comment


class BadDecl(Decl, _Bad):
    __slots__ = ()


class GenDecl(Decl):
    """import, const, type or var (Tok); Lparen/Rparen None if not grouped."""
    __slots__ = ("Doc", "_Specs", "_p")
    _fields = ("Doc", "TokPos", "Tok", "Lparen", "Specs", "Rparen")
    _children = ("Doc", "Specs")
    Tok = _small(0)
    TokPos = _offset(_OFF1)
    Lparen = _offset(_OFF2)
    Rparen = _offset(_OFF3)
    Specs = _list("_Specs")
    pos = TokPos

    def __init__(self, Doc=None, TokPos=None, Tok=None, Lparen=None, Specs=None, Rparen=None):
        self.Doc = Doc
        self._Specs = _compact(Specs)
        self._p = _pack_tok(Tok, TokPos, Lparen, Rparen)

    @property
    def end(self):
        v = self._p >> _OFF3
        if v:
            return v    # Rparen + 1
        return _first(self._Specs).end


class FuncDecl(Decl):
    """A function or method (Recv set); Body is None for external functions."""
    __slots__ = ("Doc", "Recv", "Name", "Type", "Body")
    _children = ("Doc", "Recv", "Name", "Type", "Body")
    pos = _pos_of("Type")

    def __init__(self, Doc=None, Recv=None, Name=None, Type=None, Body=None):
        self.Doc = Doc
        self.Recv = Recv
        self.Name = Name
        self.Type = Type
        self.Body = Body

    @property
    def end(self):
        if self.Body is not None:
            return self.Body.end
        return self.Type.end


class File(Node):
    """A parsed source file.

    Comments holds every comment group in source order (also those reachable
    through Doc/Comment fields). FileStart is 0 and FileEnd len(src).
    GoVersion is the minimum Go version of the //go:build line ("go1.21"),
    or "". filename and src are what parse_file was given.
    """
    __slots__ = ("Doc", "Package", "Name", "Decls", "FileStart", "FileEnd",
                 "Imports", "Comments", "GoVersion", "filename", "src", "_lines")
    _children = ("Doc", "Name", "Decls")
    pos = _at("Package")

    def __init__(self, Doc=None, Package=None, Name=None, Decls=None, FileStart=None, FileEnd=None, Imports=None, Comments=None, GoVersion=None, filename=None, src=None, _lines=None):
        self.Doc = Doc
        self.Package = Package
        self.Name = Name
        self.Decls = Decls
        self.FileStart = FileStart
        self.FileEnd = FileEnd
        self.Imports = Imports
        self.Comments = Comments
        self.GoVersion = GoVersion
        self.filename = filename
        self.src = src
        self._lines = _lines

    @property
    def end(self):
        if self.Decls:
            return self.Decls[-1].end
        return self.Name.end

    def position(self, offset: int, adjusted: bool = True):
        """(filename, line, column) of a byte offset, 1-based like go/token;
        with adjusted, //line directives apply, as in compiler messages."""
        return self._lines.position(offset, adjusted)

    def line(self, offset: int) -> int:
        """The physical 1-based line of a byte offset (no //line adjustment)."""
        return self._lines.line(offset)


# ----------------------------------------------------------------------------
# Traversal (these read the storage of child fields: no lists are built)


def children(node: Node):
    """The direct children of node, in go/ast.Walk order."""
    for f in node._walk:
        v = getattr(node, f)
        if v is None:
            continue
        t = type(v)
        if t is tuple or t is list:
            yield from v
        else:
            yield v


def push_children(node: Node, stack: list) -> None:
    """Push the direct children of node onto stack, last first, so that
    popping takes them in go/ast.Walk order (for walks with an explicit
    stack: walk, the rule matcher, the rewriter)."""
    fields = node._walk
    for i in range(len(fields) - 1, -1, -1):
        v = getattr(node, fields[i])
        if v is None:
            continue
        t = type(v)
        if t is tuple or t is list:
            stack.extend(reversed(v))
        else:
            stack.append(v)


def walk(node: Node):
    """All nodes of the tree under node (itself first), in ast.Inspect order."""
    stack = [node]
    pop = stack.pop
    while stack:
        n = pop()
        yield n
        push_children(n, stack)


def inspect(node: Node, fn) -> None:
    """go/ast.Inspect: fn(n) for each node in preorder; if it returns true,
    the children are visited, then fn(None) is called."""
    if not fn(node):
        return
    for c in children(node):
        inspect(c, fn)
    fn(None)


def inspect_stack(node: Node, fn, stack: list | None = None) -> None:
    """go/ast.PreorderStack: fn(n, stack) with the ancestors of n (outermost
    first, n excluded); children are visited if fn returns true."""
    if stack is None:
        stack = []
    if not fn(node, stack):
        return
    stack.append(node)
    for c in children(node):
        inspect_stack(c, fn, stack)
    stack.pop()


def unparen(x: Expr) -> Expr:
    """The expression with any enclosing parentheses removed."""
    while type(x) is ParenExpr:
        x = x.X
    return x


def is_exported(name: str) -> bool:
    return bool(name) and name[0].isupper()
