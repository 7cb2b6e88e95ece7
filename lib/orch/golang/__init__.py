"""orch's Go front end: scanner, parser and syntax tree, in pure Python.

Public API (stable; other parts of orch code against it):

    parse_file(src: bytes, filename="<input>") -> ast.File
        Parse one Go source file (any Go up to 1.27: generics, aliases,
        //line headers, BOM ...). The tree follows go/ast (see orch.golang.ast):
        same node kinds and field names, positions as 0-based byte offsets
        into src, node.pos/node.end as go/ast's Pos()/End(), comments in
        File.Comments and in Doc/Comment fields.
        Raises GoSyntaxError when go/parser would report an error.

    scan_imports(src: bytes, filename="<input>") -> ImportInfo
        The fast path for "could this file matter?": reads only the file's
        header (comments, package clause, import declarations), like
        go/parser's ImportsOnly mode, without building a tree. See ImportInfo
        in orch.golang.imports for the fields (package name, imports with
        offsets, where the package clause ends, the //go:build line).
        Raises GoSyntaxError if the header itself is malformed.

    GoSyntaxError (an orch.errors.OrchError)
        str(e) is gofmt's report: "file:line:col: message" lines, sorted by
        position, at most 10. e.errors is the list of (offset, message).

    ast       the node classes, walk(), inspect(), inspect_stack(), children()
    token     token kinds (token.DEFINE ...) stored in Tok/Op/Kind fields

Importing this package is cheap; the parser loads on first use.
"""

from ..errors import OrchError

__all__ = ["parse_file", "scan_imports", "GoSyntaxError", "ast", "token"]


class GoSyntaxError(OrchError):
    """Syntax errors in a Go file, formatted as gofmt prints them.

    errors: [(offset, message)] sorted by position; the message lines are
    "file:line:col: message" with //line directives applied, as in Go.
    """

    def __init__(self, message: str, errors=(), filename: str = ""):
        super().__init__(message)
        self.errors = list(errors)
        self.filename = filename


def __getattr__(name):
    # orch.golang.ast and orch.golang.token load on first use.
    if name in ("ast", "token"):
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_file(src: bytes, filename: str = "<input>") -> "ast.File":
    from .parser import parse_file as _parse
    return _parse(src, filename)


def scan_imports(src: bytes, filename: str = "<input>"):
    from .imports import scan_imports as _scan
    return _scan(src, filename)
