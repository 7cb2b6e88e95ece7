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
- Lists are Python lists, new on each read; a go/ast nil slice is an empty
  list. To change a list field, assign it: `call.Args = call.Args + [x]`.
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

How a tree is stored: in one array of 32-bit ints per file (a Tree), not as
one Python object per node. A Python object costs 32 bytes and more, and Go
code holds about one node per 6 bytes, so a tree of objects takes 8-25 times
the file's size; the array takes about 3. Each node is a record in the
array: its kind, then its fields in go/ast order, each one int:

    position      offset + 1 (0: None)
    token, Dir    value + 1
    bool          0 or 1
    node          the index of the child's record (0: None)
    list          the index of a block [n, record, record ...] (0: empty;
                  a list of one node: minus its record, 8 bytes less)
    Name, Value,  not stored: read from the file's bytes, the record holding
    Text          their length (an Ident made for a missing name, "_", -1)

A node object (CallExpr ...) is a view of one record: the tree and the
record's index, made when a field or a walk reaches it. So:

- Two reads of a field give equal nodes, not the same object: compare
  nodes with ==, use them as dict keys or in sets (a node's hash and
  equality are its tree and record), never with `is` or id().
- Fields can be assigned (positions, tokens, a node of the same tree, a
  list of them); Ident, BasicLit and Comment are read-only.
- Nodes are made by the parser only: outside parse_file a constructor
  fails.
- pos and end are read without recursion however deep the tree (each class
  gives them as a few steps: a position field, or a child's pos/end).

Traversal: `walk(node)` yields the nodes of a tree in ast.Inspect order
(preorder, children in go/ast.Walk order, Doc/Comment groups included);
`inspect(node, fn)` is ast.Inspect (fn(node) -> bool, then fn(None) after the
children of each node it descended into); `inspect_stack(node, fn)` gives fn
the ancestors too; `children(node)` yields the direct children. Each class
lists its child fields in `_children` and all its fields in `_fields`.
"""

from array import array
from operator import call as _call

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
# The tree: one array for all nodes of a file


class Tree:
    """The storage of one parsed file: `data` (the records, see the module
    doc; data[0] is unused so that 0 can mean None), the file's bytes
    (`src`, which names, literals and comments are read from), its name,
    line table and Go version (from //go:build)."""
    __slots__ = ("data", "src", "filename", "lines", "go_version")

    def __init__(self, src: bytes, filename: str, lines):
        self.data = array("i", (0,))
        self.src = src
        self.filename = filename
        self.lines = lines
        self.go_version = ""


# A node object is made with these three lines wherever one is read
# (`v = _new(_KINDS[data[i]]); v._t = tree; v._i = i`): written out, not
# a function, since a call more per node costs ~13% of a walk.
_new = object.__new__
_KINDS = [None]         # kind number -> class

# The tree the parser is building: node constructors append to its data.
# begin() and end() bracket a parse (parser.parse_file); one parse at a
# time in a process (the lock makes threads take turns).
_tree = None
_data = None
_building = __import__("_thread").allocate_lock()


def begin(tree: Tree) -> None:
    """Make the node constructors build into tree, until end()."""
    global _tree, _data
    _building.acquire()
    _tree, _data = tree, tree.data


def end() -> None:
    global _tree, _data
    _tree = _data = None
    _building.release()


def _add(cls, record: tuple):
    """Append a record (its first element the kind) and return its node."""
    d = _data
    if d is None:
        raise TypeError(f"{cls.__name__}: nodes are made by parse_file only")
    i = len(d)
    d.extend(record)
    v = _new(cls)
    v._t = _tree
    v._i = i
    return v


def records() -> array:
    """An empty list of records (node._i) that the constructors take as
    a list of nodes: the parser's long lists, 4 bytes an element."""
    return array("i")


def _block(nodes) -> int:
    """A list field's int for a list of nodes (or records()): 0 for none,
    minus the record of the only one, else the index of a block appended."""
    n = len(nodes)
    if n < 2:
        if not n:
            return 0
        return -(nodes[0] if type(nodes) is array else nodes[0]._i)
    d = _data
    i = len(d)
    d.append(n)
    d.extend(nodes if type(nodes) is array else [x._i for x in nodes])
    return i


def record(x) -> int:
    """The record of node x in the tree being built (0 for None)."""
    return 0 if x is None else x._i


def node(i: int):
    """The node at record i of the tree being built (None for 0)."""
    if not i:
        return None
    v = _new(_KINDS[_data[i]])
    v._t = _tree
    v._i = i
    return v


_n = record     # a node field's int, in the constructors


def _o(v) -> int:
    """A position's int: offset + 1 (0: None)."""
    return 0 if v is None else v + 1


# ----------------------------------------------------------------------------
# Fields: properties reading and writing a record's ints (k: the field's place)


def _pos_field(k: int):
    def get(self):
        v = self._t.data[self._i + k]
        return v - 1 if v else None

    def set(self, v):
        self._t.data[self._i + k] = 0 if v is None else v + 1
    return property(get, set)


_tok_field = _pos_field     # a token kind or ChanType.Dir: value + 1, like a position


def _flag_field(k: int):
    def get(self):
        return bool(self._t.data[self._i + k])

    def set(self, v):
        self._t.data[self._i + k] = 1 if v else 0
    return property(get, set)


def _node_field(k: int):
    def get(self):
        t = self._t
        j = t.data[self._i + k]
        if not j:
            return None
        v = _new(_KINDS[t.data[j]])
        v._t = t
        v._i = j
        return v

    def set(self, v):
        t = self._t
        if v is not None and v._t is not t:
            raise ValueError("a node can only be assigned a node of its own tree")
        t.data[self._i + k] = 0 if v is None else v._i
    return property(get, set)


def _list_field(k: int):
    def get(self):
        t = self._t
        d = t.data
        j = d[self._i + k]
        if j <= 0:
            if not j:
                return []
            v = _new(_KINDS[d[-j]])
            v._t = t
            v._i = -j
            return [v]
        out = []
        for r in d[j + 1:j + 1 + d[j]]:
            v = _new(_KINDS[d[r]])
            v._t = t
            v._i = r
            out.append(v)
        return out

    def set(self, nodes):
        t = self._t
        if any(x._t is not t for x in nodes):
            raise ValueError("a node can only be assigned nodes of its own tree")
        d = t.data
        if len(nodes) < 2:
            d[self._i + k] = -nodes[0]._i if nodes else 0
            return
        j = len(d)
        d.append(len(nodes))
        d.extend([x._i for x in nodes])
        d[self._i + k] = j
    return property(get, set)


_FIELD_KINDS = {"p": _pos_field, "t": _tok_field, "b": _flag_field, "n": _node_field, "l": _list_field}


def _flag(v) -> int:
    return 1 if v else 0


_ENCODERS = {"p": _o, "t": _o, "b": _flag, "n": _n, "l": _block}


def _constructor(cls):
    """cls(field, ...) for the parser: the go/ast fields in order, each
    stored as _types says. (Six of the most frequent kinds have their own,
    written out: the whole parse is ~5% faster for it.)"""
    encoders = tuple(_ENCODERS[t] for t in cls._types)
    n = len(encoders)
    kind = cls._kind

    def __new__(cls, *fields):
        if len(fields) != n:
            raise TypeError(f"{cls.__name__}() takes {n} fields, {len(fields)} given")
        return _add(cls, (kind, *map(_call, encoders, fields)))
    return staticmethod(__new__)


# ----------------------------------------------------------------------------
# pos and end, without recursion
#
# Each class gives _pos and _end as steps tried in order (go/ast's Pos() and
# End() methods): "Lparen" (a position field), "Rparen+1" (one plus an
# offset), "X" (the pos or end of a child), "List[0]" / "List[-1]" (of the
# first or last element of a list). The first step whose field is set gives
# the answer; none: None. A class with an odd rule gives a function instead.

_POS, _NODE, _FIRST, _LAST = 0, 1, 2, 3


def _compile_steps(cls, steps):
    if callable(steps):
        return steps
    if isinstance(steps, str):
        steps = (steps,)
    out = []
    for s in steps:
        add = 0
        if "+" in s:
            s, n = s.split("+")
            add = int(n)
        mode = None
        if s.endswith("[0]"):
            s, mode = s[:-3], _FIRST
        elif s.endswith("[-1]"):
            s, mode = s[:-4], _LAST
        k = cls._fields.index(s) + 1
        if mode is None:
            mode = _POS if cls._types[k - 1] == "p" else _NODE
        out.append((mode, k, add))
    return tuple(out)


def _locate(t: Tree, i: int, which: int):
    """pos (which 0) or end (1) of the node at record i of t."""
    d = t.data
    while True:
        steps = _KINDS[d[i]]._steps[which]
        if type(steps) is not tuple:
            return steps(t, i)
        for mode, k, add in steps:
            v = d[i + k]
            if not v:
                continue
            if mode == _POS:
                return v - 1 + add
            if mode == _NODE:
                i = v
            elif v < 0:         # a list of one
                i = -v
            elif mode == _FIRST:
                i = d[v + 1]
            else:
                i = d[v + d[v]]
            break
        else:
            return None


class Node:
    """Base of all nodes: a view of one record of a Tree (see the module doc).

    A concrete class declares `_fields` (go/ast's fields in order), `_types`
    (one letter a field: p position, t token, b bool, n node, l list of
    nodes; s a string read from the source, for Ident, BasicLit and
    Comment), `_children` (the node fields in go/ast.Walk order), `_pos` and
    `_end` (see _compile_steps), and a constructor for the parser."""

    __slots__ = ("_t", "_i")
    _fields: tuple = ()
    _types: str = ""
    _children: tuple = ()
    _pos = _end = None
    _read_only = False      # Ident, BasicLit, Comment: their text is the source's

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        if "_types" not in cls.__dict__:
            return      # an abstract class (Expr, Stmt ...)
        cls._kind = len(_KINDS)
        _KINDS.append(cls)
        for k, (name, typ) in enumerate(zip(cls._fields, cls._types), 1):
            if typ in _FIELD_KINDS and name not in cls.__dict__:
                field = _FIELD_KINDS[typ](k)
                if cls._read_only:
                    field = property(field.fget)
                setattr(cls, name, field)
        cls._steps = (_compile_steps(cls, cls._pos), _compile_steps(cls, cls._end))
        if "__new__" not in cls.__dict__:
            cls.__new__ = _constructor(cls)
        # For walks: (is a list, place) of the child fields, last first.
        cls._walk = tuple((cls._types[cls._fields.index(f)] == "l", cls._fields.index(f) + 1)
                          for f in reversed(cls._children))

    @property
    def pos(self) -> int | None:
        """Offset of the node's first byte (go/ast Pos())."""
        return _locate(self._t, self._i, 0)

    @property
    def end(self) -> int | None:
        """Offset just after the node's last byte (go/ast End())."""
        return _locate(self._t, self._i, 1)

    def __eq__(self, other):
        return (type(other) is type(self) and other._i == self._i and other._t is self._t)

    def __hash__(self):
        return hash(self._t) ^ self._i

    def __repr__(self):
        name = getattr(self, "Name", None)
        where = f"{self.pos}..{self.end}"
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


def _decode(raw: bytes) -> str:
    """Source bytes as str: UTF-8, invalid bytes replaced (as Go's string conversion
    would keep them, but such files are rejected anyway)."""
    return raw.decode("ascii") if raw.isascii() else raw.decode("utf-8", "replace")


def _utf8_len(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogateescape"))


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


def _raw(self, at: int):
    """The source bytes of an Ident, BasicLit or Comment whose record holds
    their offset+1 at place `at` and their length after it."""
    d = self._t.data
    p = d[self._i + at] - 1
    return self._t.src[p:p + d[self._i + at + 1]]


# ----------------------------------------------------------------------------
# Comments


class Comment(Node):
    """A //-style or /*-style comment; Text excludes the final newline.
    Record: Slash+1, the length of its source bytes."""
    __slots__ = ()
    _read_only = True
    _fields = ("Slash", "Text")
    _types = "ps"
    _pos = "Slash"

    def __new__(cls, Slash, length):
        return _add(cls, (cls._kind, Slash + 1, length))


    @property
    def Text(self):
        raw = _raw(self, 1)
        if b"\r" in raw:
            return _comment_text(_decode(raw))
        return _decode(raw)

    def _end(t, i):
        d = t.data
        p, n = d[i + 1] - 1, d[i + 2]
        raw = t.src[p:p + n]
        if b"\r" not in raw:
            return p + n
        return p + _utf8_len(_comment_text(_decode(raw)))


class CommentGroup(Node):
    """Comments with no other tokens and no empty lines between them."""
    __slots__ = ()
    _fields = ("List",)
    _types = "l"
    _children = ("List",)
    _pos = "List[0]"
    _end = "List[-1]"


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
    __slots__ = ()
    _fields = ("Doc", "Names", "Type", "Tag", "Comment")
    _types = "nlnnn"
    _children = ("Doc", "Names", "Type", "Tag", "Comment")
    _pos = ("Names[0]", "Type")
    _end = ("Tag", "Type", "Names[-1]")


class FieldList(Node):
    """Fields in (), {} or []; Opening/Closing are None when absent."""
    __slots__ = ()
    _fields = ("Opening", "List", "Closing")
    _types = "plp"
    _children = ("List",)
    _pos = ("Opening", "List[0]")
    _end = ("Closing+1", "List[-1]")


    def num_fields(self) -> int:
        return sum(len(f.Names) or 1 for f in self.List)


# ----------------------------------------------------------------------------
# Expressions


class _Bad:
    """BadExpr, BadStmt and BadDecl: the span From..To of a syntax error."""
    __slots__ = ()
    _fields = ("From", "To")
    _types = "pp"
    _pos = "From"
    _end = "To"


class BadExpr(_Bad, Expr):
    __slots__ = ()
    _types = "pp"


class Ident(Expr):
    """An identifier. Record: NamePos+1, the length of the name in the
    source (-1: "_" made by the parser where a name is missing)."""
    __slots__ = ()
    _read_only = True
    _fields = ("NamePos", "Name")
    _types = "ps"
    _pos = "NamePos"
    Obj = None

    def __new__(cls, NamePos, Name):
        if _tree is None:
            raise TypeError("Ident: nodes are made by parse_file only")
        raw = Name.encode("utf-8", "surrogateescape")
        n = len(raw)
        if _tree.src[NamePos:NamePos + n] != raw:
            if Name != "_":
                raise ValueError(f"Ident {Name!r} is not the source text at {NamePos}")
            n = -1
        return _add(cls, (cls._kind, NamePos + 1, n))

    @property
    def Name(self):
        d = self._t.data
        n = d[self._i + 2]
        if n < 0:
            return "_"
        p = d[self._i + 1] - 1
        return _decode(self._t.src[p:p + n])

    def _end(t, i):
        d = t.data
        n = d[i + 2]
        return d[i + 1] - 1 + (1 if n < 0 else n)

    def is_exported(self) -> bool:
        return is_exported(self.Name)


def _ident(pos: int, length: int) -> Ident:
    """The parser's Ident: the name is src[pos:pos+length]."""
    i = len(_data)
    _data.extend((_IDENT, pos + 1, length))
    v = _new(Ident)
    v._t = _tree
    v._i = i
    return v


class Ellipsis(Expr):
    """`...` in a parameter list (Elt set) or an array length [...]T (Elt None)."""
    __slots__ = ()
    _fields = ("Ellipsis", "Elt")
    _types = "pn"
    _children = ("Elt",)
    _pos = "Ellipsis"
    _end = ("Elt", "Ellipsis+3")


class BasicLit(Expr):
    """INT, FLOAT, IMAG, CHAR or STRING; Value keeps the quotes.
    Record: ValuePos+1, the length of its source bytes (ValueEnd is
    ValuePos + that length), Kind+1."""
    __slots__ = ()
    _read_only = True
    _fields = ("ValuePos", "ValueEnd", "Kind", "Value")
    _types = "psts"
    _pos = "ValuePos"

    def __new__(cls, ValuePos, length, Kind):
        return _add(cls, (cls._kind, ValuePos + 1, length, Kind + 1))


    @property
    def ValueEnd(self):
        d = self._t.data
        return d[self._i + 1] - 1 + d[self._i + 2]

    @property
    def Value(self):
        v = _decode(_raw(self, 1))
        if v[:1] == "`" and "\r" in v:
            v = v.replace("\r", "")
        return v

    def _end(t, i):
        return t.data[i + 1] - 1 + t.data[i + 2]


def _basic_lit(pos: int, length: int, kind: int) -> BasicLit:
    """The parser's BasicLit: the literal is src[pos:pos+length]."""
    i = len(_data)
    _data.extend((_BASIC_LIT, pos + 1, length, kind + 1))
    v = _new(BasicLit)
    v._t = _tree
    v._i = i
    return v


class FuncLit(Expr):
    __slots__ = ()
    _fields = ("Type", "Body")
    _types = "nn"
    _children = ("Type", "Body")
    _pos = "Type"
    _end = "Body"


class CompositeLit(Expr):
    __slots__ = ()
    _fields = ("Type", "Lbrace", "Elts", "Rbrace")
    _types = "nplp"
    _children = ("Type", "Elts")
    _pos = ("Type", "Lbrace")
    _end = "Rbrace+1"
    Incomplete = False


class ParenExpr(Expr):
    __slots__ = ()
    _fields = ("Lparen", "X", "Rparen")
    _types = "pnp"
    _children = ("X",)
    _pos = "Lparen"
    _end = "Rparen+1"


class SelectorExpr(Expr):
    __slots__ = ()
    _fields = ("X", "Sel")
    _types = "nn"
    _children = ("X", "Sel")
    _pos = "X"
    _end = "Sel"

    def __new__(cls, X, Sel):
        return _add(cls, (cls._kind, X._i, Sel._i))


class IndexExpr(Expr):
    __slots__ = ()
    _fields = ("X", "Lbrack", "Index", "Rbrack")
    _types = "npnp"
    _children = ("X", "Index")
    _pos = "X"
    _end = "Rbrack+1"


class IndexListExpr(Expr):
    __slots__ = ()
    _fields = ("X", "Lbrack", "Indices", "Rbrack")
    _types = "nplp"
    _children = ("X", "Indices")
    _pos = "X"
    _end = "Rbrack+1"


class SliceExpr(Expr):
    __slots__ = ()
    _fields = ("X", "Lbrack", "Low", "High", "Max", "Slice3", "Rbrack")
    _types = "npnnnbp"
    _children = ("X", "Low", "High", "Max")
    _pos = "X"
    _end = "Rbrack+1"


class TypeAssertExpr(Expr):
    __slots__ = ()
    _fields = ("X", "Lparen", "Type", "Rparen")
    _types = "npnp"
    _children = ("X", "Type")
    _pos = "X"
    _end = "Rparen+1"


class CallExpr(Expr):
    __slots__ = ()
    _fields = ("Fun", "Lparen", "Args", "Ellipsis", "Rparen")
    _types = "nplpp"
    _children = ("Fun", "Args")
    _pos = "Fun"
    _end = "Rparen+1"

    def __new__(cls, Fun, Lparen, Args, Ellipsis, Rparen):
        return _add(cls, (cls._kind, Fun._i, Lparen + 1, _block(Args),
                          0 if Ellipsis is None else Ellipsis + 1, Rparen + 1))


class StarExpr(Expr):
    __slots__ = ()
    _fields = ("Star", "X")
    _types = "pn"
    _children = ("X",)
    _pos = "Star"
    _end = "X"


class UnaryExpr(Expr):
    __slots__ = ()
    _fields = ("OpPos", "Op", "X")
    _types = "ptn"
    _children = ("X",)
    _pos = "OpPos"
    _end = "X"

    def __new__(cls, OpPos, Op, X):
        return _add(cls, (cls._kind, OpPos + 1, Op + 1, _n(X)))


class BinaryExpr(Expr):
    __slots__ = ()
    _fields = ("X", "OpPos", "Op", "Y")
    _types = "nptn"
    _children = ("X", "Y")
    _pos = "X"
    _end = "Y"

    def __new__(cls, X, OpPos, Op, Y):
        return _add(cls, (cls._kind, X._i, OpPos + 1, Op + 1, Y._i))


class KeyValueExpr(Expr):
    __slots__ = ()
    _fields = ("Key", "Colon", "Value")
    _types = "npn"
    _children = ("Key", "Value")
    _pos = "Key"
    _end = "Value"


class ArrayType(Expr):
    __slots__ = ()
    _fields = ("Lbrack", "Len", "Elt")
    _types = "pnn"
    _children = ("Len", "Elt")
    _pos = "Lbrack"
    _end = "Elt"


class StructType(Expr):
    __slots__ = ()
    _fields = ("Struct", "Fields")
    _types = "pn"
    _children = ("Fields",)
    _pos = "Struct"
    _end = "Fields"
    Incomplete = False


class FuncType(Expr):
    __slots__ = ()
    _fields = ("Func", "TypeParams", "Params", "Results")
    _types = "pnnn"
    _children = ("TypeParams", "Params", "Results")
    _pos = ("Func", "Params")       # go/ast: Func if set or if there are no Params
    _end = ("Results", "Params")


class InterfaceType(Expr):
    __slots__ = ()
    _fields = ("Interface", "Methods")
    _types = "pn"
    _children = ("Methods",)
    _pos = "Interface"
    _end = "Methods"
    Incomplete = False


class MapType(Expr):
    __slots__ = ()
    _fields = ("Map", "Key", "Value")
    _types = "pnn"
    _children = ("Key", "Value")
    _pos = "Map"
    _end = "Value"


class ChanType(Expr):
    """Dir is SEND|RECV, SEND (chan<-) or RECV (<-chan)."""
    __slots__ = ()
    _fields = ("Begin", "Arrow", "Dir", "Value")
    _types = "pptn"
    _children = ("Value",)
    _pos = "Begin"
    _end = "Value"


# ----------------------------------------------------------------------------
# Statements


class BadStmt(_Bad, Stmt):
    __slots__ = ()
    _types = "pp"


class DeclStmt(Stmt):
    __slots__ = ()
    _fields = ("Decl",)
    _types = "n"
    _children = ("Decl",)
    _pos = _end = "Decl"


class EmptyStmt(Stmt):
    """Implicit: the semicolon was a newline or a closing ')' or '}'."""
    __slots__ = ()
    _fields = ("Semicolon", "Implicit")
    _types = "pb"
    _pos = "Semicolon"


    def _end(t, i):
        v = t.data[i + 1]
        if not v:
            return None
        return v - 1 + (0 if t.data[i + 2] else 1)


class LabeledStmt(Stmt):
    __slots__ = ()
    _fields = ("Label", "Colon", "Stmt")
    _types = "npn"
    _children = ("Label", "Stmt")
    _pos = "Label"
    _end = "Stmt"


class ExprStmt(Stmt):
    __slots__ = ()
    _fields = ("X",)
    _types = "n"
    _children = ("X",)
    _pos = _end = "X"

    def __new__(cls, X):
        return _add(cls, (cls._kind, X._i))


class SendStmt(Stmt):
    __slots__ = ()
    _fields = ("Chan", "Arrow", "Value")
    _types = "npn"
    _children = ("Chan", "Value")
    _pos = "Chan"
    _end = "Value"


class IncDecStmt(Stmt):
    __slots__ = ()
    _fields = ("X", "TokPos", "Tok")
    _types = "npt"
    _children = ("X",)
    _pos = "X"
    _end = "TokPos+2"


class AssignStmt(Stmt):
    __slots__ = ()
    _fields = ("Lhs", "TokPos", "Tok", "Rhs")
    _types = "lptl"
    _children = ("Lhs", "Rhs")
    _pos = "Lhs[0]"
    _end = "Rhs[-1]"

    def __new__(cls, Lhs, TokPos, Tok, Rhs):
        return _add(cls, (cls._kind, _block(Lhs), _o(TokPos), Tok + 1, _block(Rhs)))


class GoStmt(Stmt):
    __slots__ = ()
    _fields = ("Go", "Call")
    _types = "pn"
    _children = ("Call",)
    _pos = "Go"
    _end = "Call"


class DeferStmt(Stmt):
    __slots__ = ()
    _fields = ("Defer", "Call")
    _types = "pn"
    _children = ("Call",)
    _pos = "Defer"
    _end = "Call"


class ReturnStmt(Stmt):
    __slots__ = ()
    _fields = ("Return", "Results")
    _types = "pl"
    _children = ("Results",)
    _pos = "Return"
    _end = ("Results[-1]", "Return+6")


class BranchStmt(Stmt):
    __slots__ = ()
    _fields = ("TokPos", "Tok", "Label")
    _types = "ptn"
    _children = ("Label",)
    _pos = "TokPos"


    def _end(t, i):
        d = t.data
        if d[i + 3]:
            return _locate(t, d[i + 3], 1)
        return d[i + 1] - 1 + len(_token.string(d[i + 2] - 1))


class BlockStmt(Stmt):
    __slots__ = ()
    _fields = ("Lbrace", "List", "Rbrace")
    _types = "plp"
    _children = ("List",)
    _pos = "Lbrace"
    _end = ("Rbrace+1", "List[-1]", "Lbrace+1")


class IfStmt(Stmt):
    __slots__ = ()
    _fields = ("If", "Init", "Cond", "Body", "Else")
    _types = "pnnnn"
    _children = ("Init", "Cond", "Body", "Else")
    _pos = "If"
    _end = ("Else", "Body")


class CaseClause(Stmt):
    __slots__ = ()
    _fields = ("Case", "List", "Colon", "Body")
    _types = "plpl"
    _children = ("List", "Body")
    _pos = "Case"
    _end = ("Body[-1]", "Colon+1")


class SwitchStmt(Stmt):
    __slots__ = ()
    _fields = ("Switch", "Init", "Tag", "Body")
    _types = "pnnn"
    _children = ("Init", "Tag", "Body")
    _pos = "Switch"
    _end = "Body"


class TypeSwitchStmt(Stmt):
    __slots__ = ()
    _fields = ("Switch", "Init", "Assign", "Body")
    _types = "pnnn"
    _children = ("Init", "Assign", "Body")
    _pos = "Switch"
    _end = "Body"


class CommClause(Stmt):
    __slots__ = ()
    _fields = ("Case", "Comm", "Colon", "Body")
    _types = "pnpl"
    _children = ("Comm", "Body")
    _pos = "Case"
    _end = ("Body[-1]", "Colon+1")


class SelectStmt(Stmt):
    __slots__ = ()
    _fields = ("Select", "Body")
    _types = "pn"
    _children = ("Body",)
    _pos = "Select"
    _end = "Body"


class ForStmt(Stmt):
    __slots__ = ()
    _fields = ("For", "Init", "Cond", "Post", "Body")
    _types = "pnnnn"
    _children = ("Init", "Cond", "Post", "Body")
    _pos = "For"
    _end = "Body"


class RangeStmt(Stmt):
    __slots__ = ()
    _fields = ("For", "Key", "Value", "TokPos", "Tok", "Range", "X", "Body")
    _types = "pnnptpnn"
    _children = ("Key", "Value", "X", "Body")
    _pos = "For"
    _end = "Body"


# ----------------------------------------------------------------------------
# Declarations


class ImportSpec(Spec):
    __slots__ = ()
    _fields = ("Doc", "Name", "Path", "Comment")
    _types = "nnnn"
    _children = ("Doc", "Name", "Path", "Comment")
    _pos = ("Name", "Path")
    _end = "Path"
    EndPos = None


class ValueSpec(Spec):
    __slots__ = ()
    _fields = ("Doc", "Names", "Type", "Values", "Comment")
    _types = "nlnln"
    _children = ("Doc", "Names", "Type", "Values", "Comment")
    _pos = "Names[0]"
    _end = ("Values[-1]", "Type", "Names[-1]")


class TypeSpec(Spec):
    __slots__ = ()
    _fields = ("Doc", "Name", "TypeParams", "Assign", "Type", "Comment")
    _types = "nnnpnn"
    _children = ("Doc", "Name", "TypeParams", "Type", "Comment")
    _pos = "Name"
    _end = "Type"


class BadDecl(_Bad, Decl):
    __slots__ = ()
    _types = "pp"


class GenDecl(Decl):
    __slots__ = ()
    _fields = ("Doc", "TokPos", "Tok", "Lparen", "Specs", "Rparen")
    _types = "nptplp"
    _children = ("Doc", "Specs")
    _pos = "TokPos"
    _end = ("Rparen+1", "Specs[0]")      # go/ast: Rparen+1 if there are parentheses


class FuncDecl(Decl):
    __slots__ = ()
    _fields = ("Doc", "Recv", "Name", "Type", "Body")
    _types = "nnnnn"
    _children = ("Doc", "Recv", "Name", "Type", "Body")
    _pos = "Type"
    _end = ("Body", "Type")


class File(Node):
    """A parsed source file.

    Comments holds every comment group in source order (also those reachable
    through Doc/Comment fields). FileStart is 0 and FileEnd len(src).
    GoVersion is the minimum Go version of the //go:build line ("go1.21"),
    or "". filename and src are what parse_file was given.
    """
    __slots__ = ()
    _fields = ("Doc", "Package", "Name", "Decls", "FileStart", "FileEnd", "Imports", "Comments",
               "GoVersion")
    _types = "npnlppll"
    _children = ("Doc", "Name", "Decls")
    _pos = "Package"
    _end = ("Decls[-1]", "Name")


    @property
    def GoVersion(self) -> str:
        return self._t.go_version

    @property
    def filename(self) -> str:
        return self._t.filename

    @property
    def src(self) -> bytes:
        return self._t.src

    def position(self, offset: int, adjusted: bool = True):
        """(filename, line, column) of a byte offset, 1-based like go/token;
        with adjusted, //line directives apply, as in compiler messages."""
        return self._t.lines.position(offset, adjusted)

    def line(self, offset: int) -> int:
        """The physical 1-based line of a byte offset (no //line adjustment)."""
        return self._t.lines.line(offset)


_IDENT, _BASIC_LIT = Ident._kind, BasicLit._kind


# ----------------------------------------------------------------------------
# Traversal (these read the records: a node object is made only for the
# nodes visited)


def push_children(node: Node, stack: list) -> None:
    """Push the direct children of node onto stack, last first, so that
    popping takes them in go/ast.Walk order (for walks with an explicit
    stack: walk, the rule matcher, the rewriter)."""
    t = node._t
    d = t.data
    i = node._i
    push = stack.append
    for is_list, k in node._walk:
        j = d[i + k]
        if not j:
            continue
        if is_list and j > 0:
            for r in reversed(d[j + 1:j + 1 + d[j]]):
                v = _new(_KINDS[d[r]])
                v._t = t
                v._i = r
                push(v)
        else:
            if j < 0:           # a list of one
                j = -j
            v = _new(_KINDS[d[j]])
            v._t = t
            v._i = j
            push(v)


def children(node: Node):
    """The direct children of node, in go/ast.Walk order."""
    stack = []
    push_children(node, stack)
    return reversed(stack)


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
