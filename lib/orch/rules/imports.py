"""What the names of one Go file refer to: imports, dot imports, top-level names.

Matching is syntactic, so `h.Get(u)` is a call of net/http.Get exactly when
`h` is the name under which this file imports net/http and no local
declaration in scope at the call shadows it. `Names` answers those questions
for one file; `Names.at(scope)` is the same file seen from a point inside a
function, where the local names in scope (a scopes.Scope) hide imports.

An import without an alias is known under its package name, which only the
package itself declares; like goimports, orch assumes the usual one: the last
path element without a major-version suffix (/v2, .v3) or a "go-" prefix,
cut at the first character that cannot be in an identifier.
"""

import re

_NOT_IDENT = re.compile(r"[^\w]")
_MAJOR = re.compile(r"^v[0-9]+$")


def assumed_name(path: str) -> str:
    """The package name an import path usually has (goimports' rule)."""
    parts = path.split("/")
    base = parts[-1]
    if _MAJOR.match(base) and len(parts) > 1:
        base = parts[-2]
    if base.startswith("go-"):
        base = base[3:]
    m = _NOT_IDENT.search(base)
    if m:
        base = base[:m.start()]
    return base


class Names:
    """Name resolution for one file (see the module doc)."""

    __slots__ = ("pkg_path", "explicit", "assumed", "dots", "paths", "top", "scope")

    def __init__(self, pkg_path: str, imports, top_level=(), scope=None):
        """imports: [(name or None, path)] as written; top_level: names the file declares."""
        self.pkg_path = pkg_path
        self.explicit = {}      # alias -> path
        self.assumed = {}       # assumed name -> [paths] (unaliased imports)
        self.dots = set()       # paths imported with "."
        self.paths = {}         # path -> [names the file uses for it]
        for name, path in imports:
            if name == ".":
                self.dots.add(path)
            elif name == "_":
                self.paths.setdefault(path, [])
            elif name:
                self.explicit[name] = path
                self.paths.setdefault(path, []).append(name)
            else:
                n = assumed_name(path)
                self.assumed.setdefault(n, []).append(path)
                self.paths.setdefault(path, []).append(n)
        self.top = frozenset(top_level)
        self.scope = scope

    @classmethod
    def of_file(cls, file, pkg_path: str) -> "Names":
        """Names of a parsed file (orch.golang.ast.File)."""
        from ..golang import ast, token
        imports = []
        for spec in file.Imports:
            imports.append((spec.Name.Name if spec.Name is not None else None, unquote(spec.Path.Value)))
        top = set()
        for d in file.Decls:
            if type(d) is ast.FuncDecl:
                if d.Recv is None:
                    top.add(d.Name.Name)
            elif type(d) is ast.GenDecl and d.Tok != token.IMPORT:
                for s in d.Specs:
                    if type(s) is ast.TypeSpec:
                        top.add(s.Name.Name)
                    else:
                        top.update(n.Name for n in s.Names)
        return cls(pkg_path, imports, top)

    def at(self, scope) -> "Names":
        """The same file, seen where `scope` (local declarations) is in force."""
        n = Names.__new__(Names)
        for f in Names.__slots__:
            setattr(n, f, getattr(self, f))
        n.scope = scope
        return n

    def _local(self, name: str) -> bool:
        return self.scope is not None and self.scope.has(name)

    # -- questions the matchers ask

    def import_path(self, name: str) -> str | None:
        """The import path `name` stands for as the X of X.Sel here, or None."""
        if self._local(name) or name in self.top:
            return None
        path = self.explicit.get(name)
        if path is not None:
            return path
        paths = self.assumed.get(name)
        if paths and len(paths) == 1:
            return paths[0]
        return None

    def predeclared(self, name: str) -> bool:
        """Whether an unqualified name is Go's predeclared one here."""
        return not self._local(name) and name not in self.top

    def local_type(self, name: str) -> bool:
        """Whether an unqualified name may be the package's own declaration."""
        if self._local(name):
            return False
        return name in self.top or not self.dots

    def unqualified_from(self, name: str, path: str) -> bool:
        """Whether an unqualified name may denote path.name here: declared by
        the package itself (path is the package), or dot-imported."""
        if self._local(name):
            return False
        if path == self.pkg_path:
            return name in self.top or not self.dots
        return path in self.dots and name not in self.top

    def name_for(self, path: str) -> str | None:
        """A name under which this file already refers to path (not shadowed here)."""
        for n in self.paths.get(path, ()):
            if self.import_path(n) == path:
                return n
        return None


def unquote(lit: str) -> str:
    """The value of an import path literal ("net/http" or `net/http`)."""
    if lit[:1] == "`":
        return lit[1:-1]
    if "\\" not in lit:
        return lit[1:-1]
    import ast as pyast
    try:
        return pyast.literal_eval(lit)
    except (ValueError, SyntaxError):
        return lit[1:-1]


_PATH_ELEM = re.compile(r"^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]*$")


def check_import_path(path: str) -> str | None:
    """Why `path` is not a Go import path that advice may add (None if it
    is): elements as go's module.CheckImportPath allows them, so no
    absolute or relative path (/x, ./x, ../x, a/../b) can make orch or a
    nested go command read outside the module graph."""
    if not path:
        return "it is empty"
    for elem in path.split("/"):
        if elem in ("", ".", ".."):
            return "it is not a clean slash-separated path (empty, . or .. elements, a leading or trailing /)"
        if not _PATH_ELEM.match(elem):
            return f"element {elem!r} has a character an import path cannot have, or starts with a dot"
    return None

