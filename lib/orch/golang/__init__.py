"""orch's Go front end: scanner, parser and syntax tree, in pure Python.

Public API (stable; other parts of orch code against it):

    parse_file(src: bytes, filename="<input>") -> ast.File
        Parse one Go source file: the language of Go 1.22 to 1.27 (generics,
        generic aliases, methods with type parameters, range-over-int ...),
        files starting with a BOM or //line directives (cgo, cover output).
        It accepts exactly what go/parser 1.27 accepts (gofmt's mode; 1.26
        only differs in rejecting methods with type parameters) and builds
        the same tree: the node kinds, field names and field order of go/ast
        (see orch.golang.ast), every position a 0-based byte offset into src,
        node.pos/node.end being go/ast's Pos()/End() (so src[n.pos:n.end] is
        the node's text), comments in File.Comments and in the Doc/Comment
        fields where go/parser puts them. File.position(offset) gives
        (filename, line, column) with //line directives applied.
        Raises GoSyntaxError where go/parser reports an error.
        skim="signatures" leaves out every function body and composite
        literal value, and every comment; skim=(needle, ...) (byte strings)
        those that hold none of the needles: empty blocks at the real
        braces' positions, several times faster, for what reads
        declarations only (orch.types) or can match only where a needle is
        (rules: a function literal holds b"func", a call of Get b"Get"). A
        skimmed block's syntax errors are not seen: never rewrite from a
        skimmed tree.
        The tree is compact: one array of ints per file, each node a record
        in it (see "How a tree is stored" in orch.golang.ast); peak memory
        of a parse, measured by tests/bench/bench_parser.py for every file of
        GOROOT/src: median 2.7-4.2x the file's size from 4 KB up, the
        worst 8.8x; smaller files add fixed costs of ~3 KB. Node
        objects are views made on each read: fields read (and assign) as
        usual, but compare nodes with == (not `is` or id()), and a list
        field is a new list on each read (assign it to change it).

    scan_imports(src: bytes, filename="<input>") -> ImportInfo
        The fast path for "could this file matter?": reads only the header
        (comments, package clause, import declarations), like go/parser's
        ImportsOnly mode, builds no tree; about 50x faster than parse_file.
        ImportInfo (orch.golang.imports) has: package, package_pos,
        package_end (where a new import goes: see import_edit()), imports
        [Import(name, path, pos, end, path_pos, decl)], decls
        [ImportDecl(pos, end, lparen, rparen)], header_end, build / build_pos
        (the //go:build line), cgo (imports "C"); name_of(path), paths().
        Raises GoSyntaxError if the header itself is malformed.

    GoSyntaxError (an orch.errors.OrchError)
        str(e) is what gofmt prints: "file:line:col: message" lines, sorted,
        at most 10 (positions through //line directives, as in Go).
        e.errors: [(offset, message)], sorted likewise.

    ast     node classes (File, FuncDecl, CallExpr ...) and traversal:
            walk(node) (ast.Inspect order), inspect(node, fn),
            inspect_stack(node, fn), children(node), unparen(x);
            each class lists its fields in _fields, its child fields in _children.
    token   token kinds stored in Tok/Op/Kind (token.DEFINE ...); token.string(tok)

Not in scope: type checking, object resolution (Ident.Obj is always None).
Importing this package is cheap; the parser loads on first use.
"""

from .errors import GoSyntaxError

__all__ = ["parse_file", "scan_imports", "GoSyntaxError", "ast", "token"]


def __getattr__(name):
    # orch.golang.ast and orch.golang.token load on first use.
    if name in ("ast", "token"):
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_file(src: bytes, filename: str = "<input>", skim=None) -> "ast.File":
    from .parser import parse_file as _parse
    return _parse(src, filename, skim=skim)


def scan_imports(src: bytes, filename: str = "<input>"):
    from .imports import scan_imports as _scan
    return _scan(src, filename)
