"""The package being compiled: its own declarations, from its source files.

SourcePackage answers for the package's named types (underlying types,
methods with value or pointer receivers, embedded fields and interfaces,
aliases, generic types), functions and package variables, read from the
syntax trees of orch.golang; imported names come from an Importer (export
data). Type expressions resolve in a file's scope: type parameters, the
package's declarations, dot imports, the universe. Whatever cannot be
resolved is INVALID, which no question matches.
"""

from ..golang import ast
from .model import (BY_NAME, INVALID, UNIVERSE_TYPES, Array, Chan, Func, Interface, Map,
                    Named, Pointer, Signature, Slice, Struct, TypeParam, Union, Var,
                    instantiate, split_spec, Subst)


def _unquote(lit):
    from ..rules.imports import unquote
    return unquote(lit)


def _last_elem(path):
    from ..rules.imports import assumed_name
    return assumed_name(path)


class FileScope:
    """One file's imports: name -> path, dot-imported paths."""
    __slots__ = ("names", "dots", "unnamed")

    def __init__(self, file):
        self.names = {}
        self.dots = []
        self.unnamed = []
        for spec in file.Imports:
            path = _unquote(spec.Path.Value)
            n = spec.Name.Name if spec.Name is not None else None
            if n == ".":
                self.dots.append(path)
            elif n == "_":
                continue
            elif n:
                self.names[n] = path
            else:
                self.unnamed.append(path)


class SourcePackage:
    """files: [parsed ast.File] of the package (all of them for complete
    answers; a name not declared in them resolves through imports)."""

    def __init__(self, path, files, importer):
        self.path = path
        self.importer = importer
        self.types = {}      # name -> (TypeSpec, file)
        self.funcs = {}      # name -> (FuncDecl, file)
        self.vars = {}       # name -> (ValueSpec, index, file)
        self.methods = {}    # receiver base name -> [(FuncDecl, file)]
        self._scopes = {}
        self._named = {}
        self._files = set()
        self.pending = []    # paths of files not read yet: read on the first question
        for f in files:
            self.add_file(f)

    def complete(self):
        """Reads the pending files' declarations (a file that does not parse
        is left out: the compiler reports it)."""
        if not self.pending:
            return
        from ..golang import GoSyntaxError
        from ..rules import trees
        pending, self.pending = self.pending, []
        for path in pending:
            if path in self._files:
                continue
            try:
                with open(path, "rb") as fh:
                    src = fh.read()
                self.add_file(trees.declarations(path, src))
            except (OSError, GoSyntaxError):
                continue

    def add_file(self, f):
        from ..golang import token
        if f.filename in self._files:
            return
        self._files.add(f.filename)
        for d in f.Decls:
            if type(d) is ast.FuncDecl:
                if d.Recv is not None and d.Recv.List:
                    base = _recv_base(d.Recv.List[0].Type)
                    if base:
                        self.methods.setdefault(base, []).append((d, f))
                else:
                    self.funcs[d.Name.Name] = (d, f)
            elif type(d) is ast.GenDecl and d.Tok in (token.TYPE, token.VAR, token.CONST):
                for s in d.Specs:
                    if type(s) is ast.TypeSpec:
                        self.types[s.Name.Name] = (s, f)
                    elif d.Tok == token.VAR:
                        for i, n in enumerate(s.Names):
                            self.vars[n.Name] = (s, i, f)

    def scope(self, f):
        sc = self._scopes.get(id(f))
        if sc is None:
            sc = self._scopes[id(f)] = (FileScope(f), f)
        return sc[0]

    # -- objects -------------------------------------------------------
    def named(self, name):
        """The package's type `name` (a Named, or an alias's target), or None."""
        if name in self._named:
            return self._named[name]
        hit = self.types.get(name)
        if hit is None:
            return None
        spec, f = hit
        if spec.Assign is not None:   # an alias
            self._named[name] = INVALID  # cycles resolve to nothing
            tps = self._tparams(spec.TypeParams, f, {})
            t = self.type_of(spec.Type, f, {p.name: p for p in tps})
            t = _Alias(t, tps) if tps else t
            self._named[name] = t
            return t
        n = Named(self.path, name, load=lambda: self._load(name))
        self._named[name] = n
        return n

    def _load(self, name):
        spec, f = self.types[name]
        tps = self._tparams(spec.TypeParams, f, {})
        env = {p.name: p for p in tps}
        under = self.type_of(spec.Type, f, env)
        if isinstance(under, Named):
            under = under.underlying()
        methods = []
        for d, mf in self.methods.get(name, ()):
            recv = d.Recv.List[0].Type
            x = recv.X if type(recv) is ast.StarExpr else recv
            while type(x) is ast.ParenExpr:
                x = x.X
            menv = {}
            if type(x) in (ast.IndexExpr, ast.IndexListExpr):
                idx = [x.Index] if type(x) is ast.IndexExpr else x.Indices
                for i, e in enumerate(idx):
                    if type(e) is ast.Ident and i < len(tps):
                        menv[e.Name] = tps[i]
            sig = self.signature(d.Type, mf, menv)
            methods.append(Func(d.Name.Name, self.path, sig, type(recv) is ast.StarExpr))
        return under, methods, tuple(tps)

    def _tparams(self, fl, f, env):
        out = []
        if fl is None:
            return out
        i = 0
        fields = []
        for fld in fl.List:
            for n in fld.Names:
                fields.append((n.Name, fld.Type, i))
                i += 1
        env = dict(env)
        for name, _, i in fields:
            tp = TypeParam(name, i)
            out.append(tp)
            env[name] = tp
        for (name, tx, i), tp in zip(fields, out):
            tp._fn = (lambda tx=tx, env=env: self._constraint(tx, f, env))
        return out

    def _constraint(self, tx, f, env):
        t = self.type_of(tx, f, env)
        if isinstance(t, Interface) or (isinstance(t, Named) and isinstance(t.underlying(), Interface)):
            return t
        return Interface([], [t], implicit=True)

    def func(self, name):
        """The signature of the package's function `name`, or None."""
        hit = self.funcs.get(name)
        if hit is None:
            return None
        d, f = hit
        tps = self._tparams(d.Type.TypeParams, f, {})
        sig = self.signature(d.Type, f, {p.name: p for p in tps})
        sig.tparams = tps
        return sig

    def var(self, name):
        """The declared type of the package variable `name`, or None (untyped
        or inferred from a value: not answered here)."""
        hit = self.vars.get(name)
        if hit is None:
            return None
        spec, _, f = hit
        return self.type_of(spec.Type, f) if spec.Type is not None else None

    # -- type expressions ----------------------------------------------
    def type_of(self, x, f, env=None, _depth=0):
        """The type denoted by go/ast type expression x in file f; env:
        type parameters in scope {name: TypeParam}."""
        if x is None or _depth > 100:
            return INVALID
        env = env or {}
        d = _depth + 1
        tx = type(x)
        if tx is ast.ParenExpr:
            return self.type_of(x.X, f, env, d)
        if tx is ast.Ident:
            return self._ident(x.Name, f, env)
        if tx is ast.SelectorExpr:
            if type(x.X) is not ast.Ident:
                return INVALID
            path = self.import_path(x.X.Name, f)
            if path is None:
                return INVALID
            return self._imported(path, x.Sel.Name)
        if tx in (ast.IndexExpr, ast.IndexListExpr):
            base = self.type_of(x.X, f, env, d)
            idx = [x.Index] if tx is ast.IndexExpr else x.Indices
            targs = [self.type_of(i, f, env, d) for i in idx]
            if isinstance(base, _Alias):
                return Subst(base.tparams, targs).type(base.target)
            if isinstance(base, Named) and not base.targs:
                return instantiate(base, targs)
            return INVALID
        if tx is ast.StarExpr:
            return Pointer(self.type_of(x.X, f, env, d))
        if tx is ast.ArrayType:
            elem = self.type_of(x.Elt, f, env, d)
            if x.Len is None:
                return Slice(elem)
            n = _int_lit(x.Len)
            return Array(n, elem) if n is not None else INVALID
        if tx is ast.Ellipsis:
            return Slice(self.type_of(x.Elt, f, env, d))
        if tx is ast.MapType:
            return Map(self.type_of(x.Key, f, env, d), self.type_of(x.Value, f, env, d))
        if tx is ast.ChanType:
            dr = {ast.SEND | ast.RECV: 0, ast.SEND: 1, ast.RECV: 2}.get(x.Dir, 0)
            return Chan(dr, self.type_of(x.Value, f, env, d))
        if tx is ast.FuncType:
            return self.signature(x, f, env)
        if tx is ast.StructType:
            fields = []
            for fld in x.Fields.List:
                ft = self.type_of(fld.Type, f, env, d)
                tag = fld.Tag.Value if fld.Tag is not None else ""
                if fld.Names:
                    for n in fld.Names:
                        fields.append(Var(n.Name, ft, self.path))
                else:
                    fields.append(Var(_embedded_name(fld.Type), ft, self.path, True, tag))
            return Struct(fields)
        if tx is ast.InterfaceType:
            methods, embeddeds = [], []
            for fld in x.Methods.List:
                if fld.Names:
                    sig = self.signature(fld.Type, f, env)
                    for n in fld.Names:
                        methods.append(Func(n.Name, self.path, sig))
                else:
                    embeddeds.append(self._term(fld.Type, f, env, d))
            return Interface(methods, embeddeds)
        if tx is ast.UnaryExpr or tx is ast.BinaryExpr:
            return self._term(x, f, env, d)
        return INVALID

    def _term(self, x, f, env, d):
        from ..golang import token
        terms = []

        def walk(x):
            if type(x) is ast.BinaryExpr and x.Op == token.OR:
                walk(x.X)
                walk(x.Y)
            elif type(x) is ast.UnaryExpr and x.Op == token.TILDE:
                terms.append((True, self.type_of(x.X, f, env, d)))
            else:
                terms.append((False, self.type_of(x, f, env, d)))
        walk(x)
        if len(terms) == 1 and not terms[0][0]:
            return terms[0][1]
        return Union(terms)

    def signature(self, ft, f, env=None):
        params, results, variadic = [], [], False
        if ft.Params is not None:
            for fld in ft.Params.List:
                if type(fld.Type) is ast.Ellipsis:
                    variadic = True
                t = self.type_of(fld.Type, f, env)
                for n in (fld.Names or [None]):
                    params.append(Var(n.Name if n is not None else "", t))
        if ft.Results is not None:
            for fld in ft.Results.List:
                t = self.type_of(fld.Type, f, env)
                for n in (fld.Names or [None]):
                    results.append(Var(n.Name if n is not None else "", t))
        return Signature(params, results, variadic)

    def import_path(self, name, f):
        """The import path `name` stands for in file f (its imports' names;
        an unaliased import is known by its package's real name)."""
        sc = self.scope(f)
        p = sc.names.get(name)
        if p is not None:
            return p
        guess = [p for p in sc.unnamed if _last_elem(p) == name]
        if len(guess) == 1:
            real = self._pkg_name(guess[0])
            if real in (None, name):
                return guess[0]
        for p in sc.unnamed:
            if self._pkg_name(p) == name:
                return p
        return None

    def _pkg_name(self, path):
        pkg = self.importer.package(path) if self.importer is not None else None
        return pkg.name if pkg is not None else None

    def _ident(self, name, f, env):
        if name in env:
            return env[name]
        if name in self.types:
            t = self.named(name)
            return t if t is not None else INVALID
        for p in self.scope(f).dots:
            t = self._imported(p, name)
            if t is not INVALID:
                return t
        if name in UNIVERSE_TYPES:
            return UNIVERSE_TYPES[name]
        return INVALID

    def _imported(self, path, name):
        if path == self.path:
            t = self.named(name)
            return t if t is not None else INVALID
        if self.importer is None:
            return INVALID
        obj = self.importer.lookup(path, name)
        if obj is None or obj.kind not in ("type", "alias"):
            return INVALID
        return obj.type

    def resolve(self, spec):
        """The type a rule names as "path.Name" / "*path.Name" / "error":
        the package's own names come from source, others from export data."""
        ptr, path, name = split_spec(spec)
        if not path:
            t = UNIVERSE_TYPES.get(name, INVALID)
        else:
            t = self._imported(path, name)
        if isinstance(t, _Alias) or t is INVALID:
            return None
        for _ in range(ptr):
            t = Pointer(t)
        return t


class _Alias:
    """A generic alias: its type parameters and target, instantiated when
    used with type arguments."""

    def __init__(self, target, tparams):
        self.target = target
        self.tparams = tparams


def _recv_base(x):
    while True:
        tx = type(x)
        if tx is ast.StarExpr or tx is ast.ParenExpr:
            x = x.X
        elif tx in (ast.IndexExpr, ast.IndexListExpr):
            x = x.X
        elif tx is ast.Ident:
            return x.Name
        else:
            return None


def _embedded_name(x):
    while True:
        tx = type(x)
        if tx is ast.StarExpr or tx is ast.ParenExpr or tx in (ast.IndexExpr, ast.IndexListExpr):
            x = x.X
        elif tx is ast.SelectorExpr:
            return x.Sel.Name
        elif tx is ast.Ident:
            return x.Name
        else:
            return ""


def _int_lit(x):
    if type(x) is ast.BasicLit:
        try:
            return int(x.Value.replace("_", ""), 0)
        except ValueError:
            return None
    return None


__all__ = ["SourcePackage", "FileScope", "BY_NAME"]
