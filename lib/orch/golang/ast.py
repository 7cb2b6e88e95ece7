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

Traversal: `walk(node)` yields the nodes of a tree in ast.Inspect order
(preorder, children in go/ast.Walk order, Doc/Comment groups included);
`inspect(node, fn)` is ast.Inspect (fn(node) -> bool, then fn(None) after the
children of each node it descended into); `inspect_stack(node, fn)` gives fn
the ancestors too; `children(node)` yields the direct children. Each class
lists its child fields in `_children` and all its fields in `_fields`.
"""

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
    "walk", "inspect", "inspect_stack", "children", "unparen", "is_exported",
]

# ChanType.Dir bits, as go/ast.ChanDir.
SEND = 1
RECV = 2


class Node:
    """Base of all nodes. Subclasses declare `__slots__` (the go/ast fields, in
    go/ast order) and `_children` (the fields holding nodes, in Walk order);
    the constructor takes the fields positionally or by name, default None.
    (The constructors are written out: generating them at import would cost
    every toolexec call tens of milliseconds.)"""

    __slots__ = ()
    _fields: tuple = ()
    _children: tuple = ()

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        if "_fields" not in cls.__dict__ and cls.__dict__.get("__slots__"):
            cls._fields = tuple(cls.__slots__)

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


def _utf8_len(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogateescape"))


# ----------------------------------------------------------------------------
# Comments


class Comment(Node):
    """A //-style or /*-style comment; Text excludes the final newline."""
    __slots__ = ("Slash", "Text")

    def __init__(self, Slash=None, Text=None):
        self.Slash = Slash
        self.Text = Text

    @property
    def pos(self):
        return self.Slash

    @property
    def end(self):
        return self.Slash + _utf8_len(self.Text)


class CommentGroup(Node):
    """Comments with no other tokens and no empty lines between them."""
    __slots__ = ("List",)
    _children = ("List",)

    def __init__(self, List=None):
        self.List = List

    @property
    def pos(self):
        return self.List[0].Slash

    @property
    def end(self):
        return self.List[-1].end

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
    __slots__ = ("Doc", "Names", "Type", "Tag", "Comment")
    _children = ("Doc", "Names", "Type", "Tag", "Comment")

    def __init__(self, Doc=None, Names=None, Type=None, Tag=None, Comment=None):
        self.Doc = Doc
        self.Names = Names
        self.Type = Type
        self.Tag = Tag
        self.Comment = Comment

    @property
    def pos(self):
        if self.Names:
            return self.Names[0].NamePos
        if self.Type is not None:
            return self.Type.pos
        return None

    @property
    def end(self):
        if self.Tag is not None:
            return self.Tag.end
        if self.Type is not None:
            return self.Type.end
        if self.Names:
            return self.Names[-1].end
        return None


class FieldList(Node):
    """Fields in (), {} or []; Opening/Closing are None when absent."""
    __slots__ = ("Opening", "List", "Closing")
    _children = ("List",)

    def __init__(self, Opening=None, List=None, Closing=None):
        self.Opening = Opening
        self.List = List
        self.Closing = Closing

    @property
    def pos(self):
        if self.Opening is not None:
            return self.Opening
        if self.List:
            return self.List[0].pos
        return None

    @property
    def end(self):
        if self.Closing is not None:
            return self.Closing + 1
        if self.List:
            return self.List[-1].end
        return None

    def num_fields(self) -> int:
        return sum(len(f.Names) or 1 for f in self.List)


# ----------------------------------------------------------------------------
# Expressions


class BadExpr(Expr):
    __slots__ = ("From", "To")

    def __init__(self, From=None, To=None):
        self.From = From
        self.To = To

    @property
    def pos(self):
        return self.From

    @property
    def end(self):
        return self.To


class Ident(Expr):
    __slots__ = ("NamePos", "Name")
    Obj = None

    def __init__(self, NamePos=None, Name=None):
        self.NamePos = NamePos
        self.Name = Name

    @property
    def pos(self):
        return self.NamePos

    @property
    def end(self):
        return self.NamePos + _utf8_len(self.Name)

    def is_exported(self) -> bool:
        return is_exported(self.Name)


class Ellipsis(Expr):
    """`...` in a parameter list (Elt set) or an array length [...]T (Elt None)."""
    __slots__ = ("Ellipsis", "Elt")
    _children = ("Elt",)

    def __init__(self, Ellipsis=None, Elt=None):
        self.Ellipsis = Ellipsis
        self.Elt = Elt

    @property
    def pos(self):
        return self.Ellipsis

    @property
    def end(self):
        if self.Elt is not None:
            return self.Elt.end
        return self.Ellipsis + 3


class BasicLit(Expr):
    """INT, FLOAT, IMAG, CHAR or STRING; Value keeps the quotes.

    ValueEnd is stored only when it is not ValuePos + len(Value) (a raw
    string with carriage returns, non-ASCII text): literals are numerous."""
    __slots__ = ("ValuePos", "Kind", "Value", "_end")
    _fields = ("ValuePos", "ValueEnd", "Kind", "Value")

    def __init__(self, ValuePos=None, ValueEnd=None, Kind=None, Value=None):
        self.ValuePos = ValuePos
        self.Kind = Kind
        self.Value = Value
        self._end = None
        if ValueEnd is not None and (ValuePos is None or not Value.isascii() or "\r" in Value
                                     or ValueEnd != ValuePos + len(Value)):
            self._end = ValueEnd

    @property
    def ValueEnd(self):
        if self._end is not None:
            return self._end
        return self.ValuePos + _utf8_len(self.Value)

    @ValueEnd.setter
    def ValueEnd(self, v):
        self._end = v

    @property
    def pos(self):
        return self.ValuePos

    @property
    def end(self):
        if self._end is not None:
            return self._end
        return self.ValuePos + _utf8_len(self.Value)


class FuncLit(Expr):
    __slots__ = ("Type", "Body")
    _children = ("Type", "Body")

    def __init__(self, Type=None, Body=None):
        self.Type = Type
        self.Body = Body

    @property
    def pos(self):
        return self.Type.pos

    @property
    def end(self):
        return self.Body.end


class CompositeLit(Expr):
    __slots__ = ("Type", "Lbrace", "Elts", "Rbrace")
    _children = ("Type", "Elts")
    Incomplete = False

    def __init__(self, Type=None, Lbrace=None, Elts=None, Rbrace=None):
        self.Type = Type
        self.Lbrace = Lbrace
        self.Elts = Elts
        self.Rbrace = Rbrace

    @property
    def pos(self):
        if self.Type is not None:
            return self.Type.pos
        return self.Lbrace

    @property
    def end(self):
        return self.Rbrace + 1


class ParenExpr(Expr):
    __slots__ = ("Lparen", "X", "Rparen")
    _children = ("X",)

    def __init__(self, Lparen=None, X=None, Rparen=None):
        self.Lparen = Lparen
        self.X = X
        self.Rparen = Rparen

    @property
    def pos(self):
        return self.Lparen

    @property
    def end(self):
        return self.Rparen + 1


class SelectorExpr(Expr):
    __slots__ = ("X", "Sel")
    _children = ("X", "Sel")

    def __init__(self, X=None, Sel=None):
        self.X = X
        self.Sel = Sel

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Sel.end


class IndexExpr(Expr):
    __slots__ = ("X", "Lbrack", "Index", "Rbrack")
    _children = ("X", "Index")

    def __init__(self, X=None, Lbrack=None, Index=None, Rbrack=None):
        self.X = X
        self.Lbrack = Lbrack
        self.Index = Index
        self.Rbrack = Rbrack

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Rbrack + 1


class IndexListExpr(Expr):
    """x[A, B]: a generic instantiation with several type arguments."""
    __slots__ = ("X", "Lbrack", "Indices", "Rbrack")
    _children = ("X", "Indices")

    def __init__(self, X=None, Lbrack=None, Indices=None, Rbrack=None):
        self.X = X
        self.Lbrack = Lbrack
        self.Indices = Indices
        self.Rbrack = Rbrack

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Rbrack + 1


class SliceExpr(Expr):
    __slots__ = ("X", "Lbrack", "Low", "High", "Max", "Slice3", "Rbrack")
    _children = ("X", "Low", "High", "Max")

    def __init__(self, X=None, Lbrack=None, Low=None, High=None, Max=None, Slice3=None, Rbrack=None):
        self.X = X
        self.Lbrack = Lbrack
        self.Low = Low
        self.High = High
        self.Max = Max
        self.Slice3 = Slice3
        self.Rbrack = Rbrack

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Rbrack + 1


class TypeAssertExpr(Expr):
    """x.(T); Type is None for the x.(type) of a type switch."""
    __slots__ = ("X", "Lparen", "Type", "Rparen")
    _children = ("X", "Type")

    def __init__(self, X=None, Lparen=None, Type=None, Rparen=None):
        self.X = X
        self.Lparen = Lparen
        self.Type = Type
        self.Rparen = Rparen

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Rparen + 1


class CallExpr(Expr):
    """Fun(Args); Ellipsis is the offset of a final `...`, or None."""
    __slots__ = ("Fun", "Lparen", "Args", "Ellipsis", "Rparen")
    _children = ("Fun", "Args")

    def __init__(self, Fun=None, Lparen=None, Args=None, Ellipsis=None, Rparen=None):
        self.Fun = Fun
        self.Lparen = Lparen
        self.Args = Args
        self.Ellipsis = Ellipsis
        self.Rparen = Rparen

    @property
    def pos(self):
        return self.Fun.pos

    @property
    def end(self):
        return self.Rparen + 1


class StarExpr(Expr):
    """*X: a dereference or a pointer type."""
    __slots__ = ("Star", "X")
    _children = ("X",)

    def __init__(self, Star=None, X=None):
        self.Star = Star
        self.X = X

    @property
    def pos(self):
        return self.Star

    @property
    def end(self):
        return self.X.end


class UnaryExpr(Expr):
    __slots__ = ("OpPos", "Op", "X")
    _children = ("X",)

    def __init__(self, OpPos=None, Op=None, X=None):
        self.OpPos = OpPos
        self.Op = Op
        self.X = X

    @property
    def pos(self):
        return self.OpPos

    @property
    def end(self):
        return self.X.end


class BinaryExpr(Expr):
    __slots__ = ("X", "OpPos", "Op", "Y")
    _children = ("X", "Y")

    def __init__(self, X=None, OpPos=None, Op=None, Y=None):
        self.X = X
        self.OpPos = OpPos
        self.Op = Op
        self.Y = Y

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.Y.end


class KeyValueExpr(Expr):
    __slots__ = ("Key", "Colon", "Value")
    _children = ("Key", "Value")

    def __init__(self, Key=None, Colon=None, Value=None):
        self.Key = Key
        self.Colon = Colon
        self.Value = Value

    @property
    def pos(self):
        return self.Key.pos

    @property
    def end(self):
        return self.Value.end


# ----------------------------------------------------------------------------
# Types


class ArrayType(Expr):
    """[Len]Elt; Len is None for a slice type, an Ellipsis for [...]T."""
    __slots__ = ("Lbrack", "Len", "Elt")
    _children = ("Len", "Elt")

    def __init__(self, Lbrack=None, Len=None, Elt=None):
        self.Lbrack = Lbrack
        self.Len = Len
        self.Elt = Elt

    @property
    def pos(self):
        return self.Lbrack

    @property
    def end(self):
        return self.Elt.end


class StructType(Expr):
    __slots__ = ("Struct", "Fields")
    _children = ("Fields",)
    Incomplete = False

    def __init__(self, Struct=None, Fields=None):
        self.Struct = Struct
        self.Fields = Fields

    @property
    def pos(self):
        return self.Struct

    @property
    def end(self):
        return self.Fields.end


class FuncType(Expr):
    """Func is None for interface methods; TypeParams and Results may be None."""
    __slots__ = ("Func", "TypeParams", "Params", "Results")
    _children = ("TypeParams", "Params", "Results")

    def __init__(self, Func=None, TypeParams=None, Params=None, Results=None):
        self.Func = Func
        self.TypeParams = TypeParams
        self.Params = Params
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

    def __init__(self, Interface=None, Methods=None):
        self.Interface = Interface
        self.Methods = Methods

    @property
    def pos(self):
        return self.Interface

    @property
    def end(self):
        return self.Methods.end


class MapType(Expr):
    __slots__ = ("Map", "Key", "Value")
    _children = ("Key", "Value")

    def __init__(self, Map=None, Key=None, Value=None):
        self.Map = Map
        self.Key = Key
        self.Value = Value

    @property
    def pos(self):
        return self.Map

    @property
    def end(self):
        return self.Value.end


class ChanType(Expr):
    """Dir is SEND|RECV, SEND (chan<-) or RECV (<-chan)."""
    __slots__ = ("Begin", "Arrow", "Dir", "Value")
    _children = ("Value",)

    def __init__(self, Begin=None, Arrow=None, Dir=None, Value=None):
        self.Begin = Begin
        self.Arrow = Arrow
        self.Dir = Dir
        self.Value = Value

    @property
    def pos(self):
        return self.Begin

    @property
    def end(self):
        return self.Value.end


# ----------------------------------------------------------------------------
# Statements


class BadStmt(Stmt):
    __slots__ = ("From", "To")

    def __init__(self, From=None, To=None):
        self.From = From
        self.To = To

    @property
    def pos(self):
        return self.From

    @property
    def end(self):
        return self.To


class DeclStmt(Stmt):
    __slots__ = ("Decl",)
    _children = ("Decl",)

    def __init__(self, Decl=None):
        self.Decl = Decl

    @property
    def pos(self):
        return self.Decl.pos

    @property
    def end(self):
        return self.Decl.end


class EmptyStmt(Stmt):
    """Implicit: the ';' was a newline or a closing brace."""
    __slots__ = ("Semicolon", "Implicit")

    def __init__(self, Semicolon=None, Implicit=None):
        self.Semicolon = Semicolon
        self.Implicit = Implicit

    @property
    def pos(self):
        return self.Semicolon

    @property
    def end(self):
        if self.Implicit:
            return self.Semicolon
        return self.Semicolon + 1


class LabeledStmt(Stmt):
    __slots__ = ("Label", "Colon", "Stmt")
    _children = ("Label", "Stmt")

    def __init__(self, Label=None, Colon=None, Stmt=None):
        self.Label = Label
        self.Colon = Colon
        self.Stmt = Stmt

    @property
    def pos(self):
        return self.Label.NamePos

    @property
    def end(self):
        return self.Stmt.end


class ExprStmt(Stmt):
    __slots__ = ("X",)
    _children = ("X",)

    def __init__(self, X=None):
        self.X = X

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.X.end


class SendStmt(Stmt):
    __slots__ = ("Chan", "Arrow", "Value")
    _children = ("Chan", "Value")

    def __init__(self, Chan=None, Arrow=None, Value=None):
        self.Chan = Chan
        self.Arrow = Arrow
        self.Value = Value

    @property
    def pos(self):
        return self.Chan.pos

    @property
    def end(self):
        return self.Value.end


class IncDecStmt(Stmt):
    __slots__ = ("X", "TokPos", "Tok")
    _children = ("X",)

    def __init__(self, X=None, TokPos=None, Tok=None):
        self.X = X
        self.TokPos = TokPos
        self.Tok = Tok

    @property
    def pos(self):
        return self.X.pos

    @property
    def end(self):
        return self.TokPos + 2


class AssignStmt(Stmt):
    __slots__ = ("Lhs", "TokPos", "Tok", "Rhs")
    _children = ("Lhs", "Rhs")

    def __init__(self, Lhs=None, TokPos=None, Tok=None, Rhs=None):
        self.Lhs = Lhs
        self.TokPos = TokPos
        self.Tok = Tok
        self.Rhs = Rhs

    @property
    def pos(self):
        return self.Lhs[0].pos

    @property
    def end(self):
        return self.Rhs[-1].end


class GoStmt(Stmt):
    __slots__ = ("Go", "Call")
    _children = ("Call",)

    def __init__(self, Go=None, Call=None):
        self.Go = Go
        self.Call = Call

    @property
    def pos(self):
        return self.Go

    @property
    def end(self):
        return self.Call.end


class DeferStmt(Stmt):
    __slots__ = ("Defer", "Call")
    _children = ("Call",)

    def __init__(self, Defer=None, Call=None):
        self.Defer = Defer
        self.Call = Call

    @property
    def pos(self):
        return self.Defer

    @property
    def end(self):
        return self.Call.end


class ReturnStmt(Stmt):
    __slots__ = ("Return", "Results")
    _children = ("Results",)

    def __init__(self, Return=None, Results=None):
        self.Return = Return
        self.Results = Results

    @property
    def pos(self):
        return self.Return

    @property
    def end(self):
        if self.Results:
            return self.Results[-1].end
        return self.Return + 6


class BranchStmt(Stmt):
    """break, continue, goto or fallthrough, with an optional Label."""
    __slots__ = ("TokPos", "Tok", "Label")
    _children = ("Label",)

    def __init__(self, TokPos=None, Tok=None, Label=None):
        self.TokPos = TokPos
        self.Tok = Tok
        self.Label = Label

    @property
    def pos(self):
        return self.TokPos

    @property
    def end(self):
        if self.Label is not None:
            return self.Label.end
        return self.TokPos + len(_token.STRINGS[self.Tok])


class BlockStmt(Stmt):
    """{ List }; Rbrace is None only after a syntax error."""
    __slots__ = ("Lbrace", "List", "Rbrace")
    _children = ("List",)

    def __init__(self, Lbrace=None, List=None, Rbrace=None):
        self.Lbrace = Lbrace
        self.List = List
        self.Rbrace = Rbrace

    @property
    def pos(self):
        return self.Lbrace

    @property
    def end(self):
        if self.Rbrace is not None:
            return self.Rbrace + 1
        if self.List:
            return self.List[-1].end
        return self.Lbrace + 1


class IfStmt(Stmt):
    __slots__ = ("If", "Init", "Cond", "Body", "Else")
    _children = ("Init", "Cond", "Body", "Else")

    def __init__(self, If=None, Init=None, Cond=None, Body=None, Else=None):
        self.If = If
        self.Init = Init
        self.Cond = Cond
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


class CaseClause(Stmt):
    """case List: Body (List empty for default)."""
    __slots__ = ("Case", "List", "Colon", "Body")
    _children = ("List", "Body")

    def __init__(self, Case=None, List=None, Colon=None, Body=None):
        self.Case = Case
        self.List = List
        self.Colon = Colon
        self.Body = Body

    @property
    def pos(self):
        return self.Case

    @property
    def end(self):
        if self.Body:
            return self.Body[-1].end
        return self.Colon + 1


class SwitchStmt(Stmt):
    __slots__ = ("Switch", "Init", "Tag", "Body")
    _children = ("Init", "Tag", "Body")

    def __init__(self, Switch=None, Init=None, Tag=None, Body=None):
        self.Switch = Switch
        self.Init = Init
        self.Tag = Tag
        self.Body = Body

    @property
    def pos(self):
        return self.Switch

    @property
    def end(self):
        return self.Body.end


class TypeSwitchStmt(Stmt):
    __slots__ = ("Switch", "Init", "Assign", "Body")
    _children = ("Init", "Assign", "Body")

    def __init__(self, Switch=None, Init=None, Assign=None, Body=None):
        self.Switch = Switch
        self.Init = Init
        self.Assign = Assign
        self.Body = Body

    @property
    def pos(self):
        return self.Switch

    @property
    def end(self):
        return self.Body.end


class CommClause(Stmt):
    """case Comm: Body in a select (Comm None for default)."""
    __slots__ = ("Case", "Comm", "Colon", "Body")
    _children = ("Comm", "Body")

    def __init__(self, Case=None, Comm=None, Colon=None, Body=None):
        self.Case = Case
        self.Comm = Comm
        self.Colon = Colon
        self.Body = Body

    @property
    def pos(self):
        return self.Case

    @property
    def end(self):
        if self.Body:
            return self.Body[-1].end
        return self.Colon + 1


class SelectStmt(Stmt):
    __slots__ = ("Select", "Body")
    _children = ("Body",)

    def __init__(self, Select=None, Body=None):
        self.Select = Select
        self.Body = Body

    @property
    def pos(self):
        return self.Select

    @property
    def end(self):
        return self.Body.end


class ForStmt(Stmt):
    __slots__ = ("For", "Init", "Cond", "Post", "Body")
    _children = ("Init", "Cond", "Post", "Body")

    def __init__(self, For=None, Init=None, Cond=None, Post=None, Body=None):
        self.For = For
        self.Init = Init
        self.Cond = Cond
        self.Post = Post
        self.Body = Body

    @property
    def pos(self):
        return self.For

    @property
    def end(self):
        return self.Body.end


class RangeStmt(Stmt):
    """for Key, Value Tok range X; Tok is ILLEGAL and TokPos None without Key."""
    __slots__ = ("For", "Key", "Value", "TokPos", "Tok", "Range", "X", "Body")
    _children = ("Key", "Value", "X", "Body")

    def __init__(self, For=None, Key=None, Value=None, TokPos=None, Tok=None, Range=None, X=None, Body=None):
        self.For = For
        self.Key = Key
        self.Value = Value
        self.TokPos = TokPos
        self.Tok = Tok
        self.Range = Range
        self.X = X
        self.Body = Body

    @property
    def pos(self):
        return self.For

    @property
    def end(self):
        return self.Body.end


# ----------------------------------------------------------------------------
# Declarations


class ImportSpec(Spec):
    """Name is None, an Ident, or Ident(".")/Ident("_"); Path.Value is quoted."""
    __slots__ = ("Doc", "Name", "Path", "Comment")
    _children = ("Doc", "Name", "Path", "Comment")
    EndPos = None

    def __init__(self, Doc=None, Name=None, Path=None, Comment=None):
        self.Doc = Doc
        self.Name = Name
        self.Path = Path
        self.Comment = Comment

    @property
    def pos(self):
        if self.Name is not None:
            return self.Name.NamePos
        return self.Path.ValuePos

    @property
    def end(self):
        return self.Path.end


class ValueSpec(Spec):
    """A const or var spec: Names [Type] [= Values]."""
    __slots__ = ("Doc", "Names", "Type", "Values", "Comment")
    _children = ("Doc", "Names", "Type", "Values", "Comment")

    def __init__(self, Doc=None, Names=None, Type=None, Values=None, Comment=None):
        self.Doc = Doc
        self.Names = Names
        self.Type = Type
        self.Values = Values
        self.Comment = Comment

    @property
    def pos(self):
        return self.Names[0].NamePos

    @property
    def end(self):
        if self.Values:
            return self.Values[-1].end
        if self.Type is not None:
            return self.Type.end
        return self.Names[-1].end


class TypeSpec(Spec):
    """Name [TypeParams] [=] Type; Assign is the offset of '=' for an alias."""
    __slots__ = ("Doc", "Name", "TypeParams", "Assign", "Type", "Comment")
    _children = ("Doc", "Name", "TypeParams", "Type", "Comment")

    def __init__(self, Doc=None, Name=None, TypeParams=None, Assign=None, Type=None, Comment=None):
        self.Doc = Doc
        self.Name = Name
        self.TypeParams = TypeParams
        self.Assign = Assign
        self.Type = Type
        self.Comment = Comment

    @property
    def pos(self):
        return self.Name.NamePos

    @property
    def end(self):
        return self.Type.end


class BadDecl(Decl):
    __slots__ = ("From", "To")

    def __init__(self, From=None, To=None):
        self.From = From
        self.To = To

    @property
    def pos(self):
        return self.From

    @property
    def end(self):
        return self.To


class GenDecl(Decl):
    """import, const, type or var (Tok); Lparen/Rparen None if not grouped."""
    __slots__ = ("Doc", "TokPos", "Tok", "Lparen", "Specs", "Rparen")
    _children = ("Doc", "Specs")

    def __init__(self, Doc=None, TokPos=None, Tok=None, Lparen=None, Specs=None, Rparen=None):
        self.Doc = Doc
        self.TokPos = TokPos
        self.Tok = Tok
        self.Lparen = Lparen
        self.Specs = Specs
        self.Rparen = Rparen

    @property
    def pos(self):
        return self.TokPos

    @property
    def end(self):
        if self.Rparen is not None:
            return self.Rparen + 1
        return self.Specs[0].end


class FuncDecl(Decl):
    """A function or method (Recv set); Body is None for external functions."""
    __slots__ = ("Doc", "Recv", "Name", "Type", "Body")
    _children = ("Doc", "Recv", "Name", "Type", "Body")

    def __init__(self, Doc=None, Recv=None, Name=None, Type=None, Body=None):
        self.Doc = Doc
        self.Recv = Recv
        self.Name = Name
        self.Type = Type
        self.Body = Body

    @property
    def pos(self):
        return self.Type.pos

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
    def pos(self):
        return self.Package

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
# Traversal


def children(node: Node):
    """The direct children of node, in go/ast.Walk order."""
    for f in node._children:
        v = getattr(node, f)
        if v is None:
            continue
        if type(v) is list:
            yield from v
        else:
            yield v


def walk(node: Node):
    """All nodes of the tree under node (itself first), in ast.Inspect order."""
    stack = [node]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        n = pop()
        yield n
        fields = n._children
        # Push children in reverse so the first child is visited next.
        for i in range(len(fields) - 1, -1, -1):
            v = getattr(n, fields[i])
            if v is None:
                continue
            if type(v) is list:
                if v:
                    extend(reversed(v))
            else:
                push(v)


def inspect(node: Node, fn) -> None:
    """go/ast.Inspect: fn(n) for each node in preorder; if it returns true,
    the children are visited, then fn(None) is called."""
    if not fn(node):
        return
    for f in node._children:
        v = getattr(node, f)
        if v is None:
            continue
        if type(v) is list:
            for c in v:
                inspect(c, fn)
        else:
            inspect(v, fn)
    fn(None)


def inspect_stack(node: Node, fn, stack: list | None = None) -> None:
    """go/ast.PreorderStack: fn(n, stack) with the ancestors of n (outermost
    first, n excluded); children are visited if fn returns true."""
    if stack is None:
        stack = []
    if not fn(node, stack):
        return
    stack.append(node)
    for f in node._children:
        v = getattr(node, f)
        if v is None:
            continue
        if type(v) is list:
            for c in v:
                inspect_stack(c, fn, stack)
        else:
            inspect_stack(v, fn, stack)
    stack.pop()


def unparen(x: Expr) -> Expr:
    """The expression with any enclosing parentheses removed."""
    while type(x) is ParenExpr:
        x = x.X
    return x


def is_exported(name: str) -> bool:
    return bool(name) and name[0].isupper()
