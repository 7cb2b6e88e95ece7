"""scan_imports: a file's package name and imports, from its header only.

The fast path for "could this file matter?" (go/parser's ImportsOnly mode):
it scans the leading comments, the package clause and the import
declarations, and stops at the first token after them, building no tree.
Only the first few KB of the file are even decoded; a longer header is
rescanned with more of the file.

    info = scan_imports(src)
    info.package                 "main"
    [(i.name, i.path) for i in info.imports]   [(None, "fmt"), ("_", "embed")]
    offset, text = info.import_edit("orch.dev/runtime", "__orch")
    # src[:offset] + text + src[offset:] imports the package, on the package
    # clause's line, so no line number of the file changes.
"""

from . import token as T
from .lines import LineTable
from .scanner import Scanner


class Import:
    """One import spec: name is None, "_", "." or an identifier; path is
    unquoted; pos/end are the spec's offsets (name included, like
    ImportSpec.pos/end); path_pos is where the quoted path starts; decl is the
    index of its declaration in ImportInfo.decls."""
    __slots__ = ("name", "path", "pos", "end", "path_pos", "decl")

    def __init__(self, name, path, pos, end, path_pos, decl):
        self.name, self.path, self.pos, self.end, self.path_pos, self.decl = name, path, pos, end, path_pos, decl

    def __repr__(self):
        return f"Import({self.name!r}, {self.path!r}, {self.pos}..{self.end})"


class ImportDecl:
    """An `import` declaration: pos is the keyword's offset, end the offset
    after its last spec or ')'; lparen/rparen are None if not grouped."""
    __slots__ = ("pos", "end", "lparen", "rparen")

    def __init__(self, pos, end, lparen, rparen):
        self.pos, self.end, self.lparen, self.rparen = pos, end, lparen, rparen

    def __repr__(self):
        return f"ImportDecl({self.pos}..{self.end})"


class ImportInfo:
    """What scan_imports found.

    package       the package name
    package_pos   offset of the `package` keyword
    package_end   offset just after the package name: where a new import
                  declaration goes ("; import ..." keeps every line number)
    imports       [Import] in source order
    decls         [ImportDecl] in source order
    header_end    offset after the last import declaration (package_end if none)
    build         the //go:build line before the package clause, or None
    build_pos     its offset, or None
    cgo           True if the file imports "C"
    """
    __slots__ = ("package", "package_pos", "package_end", "imports", "decls", "header_end",
                 "build", "build_pos", "cgo")

    def __init__(self):
        self.package = ""
        self.package_pos = self.package_end = self.header_end = 0
        self.imports = []
        self.decls = []
        self.build = self.build_pos = None
        self.cgo = False

    def paths(self) -> list:
        return [i.path for i in self.imports]

    def name_of(self, path: str):
        """The local name under which path is imported: the explicit name, or
        None if it is imported without one; KeyError if not imported."""
        for i in self.imports:
            if i.path == path:
                return i.name
        raise KeyError(path)

    def import_edit(self, path: str, name: str | None = None):
        """(offset, text) that adds `import name "path"` to the file without
        moving any line: inserted right after the package name."""
        spec = f'"{path}"' if name is None else f'{name} "{path}"'
        return self.package_end, f"; import {spec}"

    def __repr__(self):
        return f"ImportInfo(package={self.package!r}, imports={self.imports!r})"


class _NeedMore(Exception):
    """The header goes on past the part of the file scanned so far."""


def scan_imports(src: bytes, filename: str = "<input>") -> ImportInfo:
    if isinstance(src, str):
        src = src.encode("utf-8")
    limit = 4096
    while True:
        head, partial = src, False
        if limit < len(src):
            cut = src.find(b"\n", limit)
            if cut >= 0:
                head, partial = src[:cut + 1], True
        try:
            return _Header(head, filename, partial).scan()
        except _NeedMore:
            limit *= 8


class _Header:
    """A tiny parser over the scanner's tokens: package clause, imports."""

    def __init__(self, src, filename, partial):
        self.src = src
        self.filename = filename
        self.partial = partial
        self.lines = LineTable(src, filename)
        # Small chunks: a header is a few hundred bytes; scan no further.
        self.scanner = Scanner(src, self.lines, check_bytes=False, chunk=512)
        self.toks = []
        self.i = 0
        self.build = None

    def scan(self) -> ImportInfo:
        info = ImportInfo()
        tok, pos, lit = self.next()
        if tok != T.PACKAGE:
            self.fail(pos, tok, lit, "'package'")
        info.package_pos = pos
        info.build, info.build_pos = self.build or (None, None)
        tok, pos, lit = self.next()
        if tok != T.IDENT:
            self.fail(pos, tok, lit, "'IDENT'")
        info.package = _text(lit)
        info.package_end = info.header_end = pos + len(lit)
        tok, pos, lit = self.next()
        if tok != T.SEMICOLON and tok != T.EOF:
            self.fail(pos, tok, lit, "';'")
        tok, pos, lit = self.next()
        while tok == T.IMPORT:
            decl = ImportDecl(pos, None, None, None)
            info.decls.append(decl)
            index = len(info.decls) - 1
            tok, pos, lit = self.next()
            if tok == T.LPAREN:
                decl.lparen = pos
                tok, pos, lit = self.next()
                while tok != T.RPAREN:
                    if tok == T.EOF:
                        self.fail(pos, tok, lit, "')'")
                    tok, pos, lit = self.spec(info, index, tok, pos, lit)
                    if tok == T.SEMICOLON:
                        tok, pos, lit = self.next()
                    elif tok != T.RPAREN:
                        self.fail(pos, tok, lit, "';'")
                decl.rparen = pos
                decl.end = pos + 1
                tok, pos, lit = self.next()
            else:
                tok, pos, lit = self.spec(info, index, tok, pos, lit)
                decl.end = info.imports[-1].end
            info.header_end = decl.end
            if tok == T.SEMICOLON:
                tok, pos, lit = self.next()
            elif tok != T.EOF and tok != T.IMPORT:
                self.fail(pos, tok, lit, "';'")
        if tok == T.EOF and self.partial:
            raise _NeedMore()
        return info

    def spec(self, info, index, tok, pos, lit):
        """One import spec; returns the token after it."""
        start = pos
        name = None
        if tok == T.IDENT:
            name = _text(lit)
            tok, pos, lit = self.next()
        elif tok == T.PERIOD:
            name = "."
            tok, pos, lit = self.next()
        if tok != T.STRING:
            if T.IDENT <= tok <= T.STRING:
                self.error(pos, "import path must be a string")
            self.error(pos, "missing import path")
        path = _unquote(_text(lit))
        end = pos + len(lit)
        info.imports.append(Import(name, path, start, end, pos, index))
        if path == "C":
            info.cgo = True
        return self.next()

    def next(self):
        """The next non-comment token as (kind, offset, literal)."""
        while True:
            if self.i >= len(self.toks):
                kinds, poss, lits, errs = self.scanner.scan()
                if errs:
                    if self.partial:
                        raise _NeedMore()   # perhaps a raw string or comment cut short
                    _, off, msg = errs[0]
                    self.error(off, msg)
                self.toks = list(zip(kinds, poss, lits))
                self.i = 0
            t = self.toks[self.i]
            self.i += 1
            if t[0] == T.EOF and self.partial:
                raise _NeedMore()
            if t[0] != T.COMMENT:
                return t
            if self.build is None and t[2].startswith("//go:build"):
                from .constraint import split_go_build
                text = _text(t[2]).rstrip("\r")
                if split_go_build(text) is not None:
                    self.build = (text, t[1])

    def fail(self, pos, tok, lit, want):
        if tok == T.SEMICOLON and lit == "\n":
            found = "newline"
        elif T.IDENT <= tok <= T.STRING:
            found = _text(lit)
        else:
            found = "'" + T.STRINGS[tok] + "'"
        self.error(pos, f"expected {want}, found {found}")

    def error(self, pos, msg):
        from .errors import GoSyntaxError
        raise GoSyntaxError(f"{self.lines.format(pos)}: {msg}", [(pos, msg)], self.filename)


def _text(lit: str) -> str:
    return lit if lit.isascii() else lit.encode("latin-1").decode("utf-8", "replace")


def _unquote(s: str) -> str:
    """The value of a Go string literal (import paths: plain text, rarely escapes)."""
    if s.startswith("`"):
        return s[1:-1].replace("\r", "")
    body = s[1:-1]
    if "\\" not in body:
        return body
    import ast as pyast
    try:
        return pyast.literal_eval('"' + body + '"')
    except (SyntaxError, ValueError):
        return body
