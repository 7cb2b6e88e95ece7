"""The static type of an expression where a rule asks (a call's receiver).

typeof(sp, file, stack, x): x is an expression inside the node stack
(File ... enclosing nodes); its type, or INVALID. Knows: parameters and
results of the enclosing functions, locals declared with a type or by :=
/ = from a call, a composite literal, &T{}, a conversion, a type assertion,
the variable of a type switch case with one type; struct fields (promoted
through embedding); package variables (declared with a type or a typed
value); calls of functions and methods whose signatures are known, generic ones
with their type arguments given or inferred (orch.types.infer); new(T),
make(T, ...), conversions to generic types (List[int](x)).
"""

from ..golang import ast, token
from . import constants
from .infer import incomplete, instantiate_call
from .methodset import lookup
from .model import (BASICS, INVALID, Array, Map, Named, Pointer, Signature, Slice, Chan, Interface,
                    TypeParam)

_DEPTH = 40


class Typer:
    def __init__(self, sp, file, stack):
        self.sp = sp
        self.file = file
        self.stack = stack
        self.env = None
        self._busy = set()

    def tparams(self):
        if self.env is None:
            self.env = type_params(self.sp, self.stack, self.file)
        return self.env

    def type_expr(self, x):
        return self.sp.type_of(x, self.file, self.tparams())

    # -- expressions ---------------------------------------------------
    def typeof(self, x, depth=0):
        if x is None or depth > _DEPTH:
            return INVALID
        d = depth + 1
        tx = type(x)
        if tx is ast.ParenExpr:
            return self.typeof(x.X, d)
        if tx is ast.Ident:
            return self._ident(x, d)
        if tx is ast.SelectorExpr:
            if self._package_of(x) is not None:
                obj = self._imported(x)
                return obj.type if obj is not None and obj.kind in ("var", "func") else INVALID
            base = self.typeof(x.X, d)
            r = lookup(base, x.Sel.Name if _exported(x.Sel.Name) else self.sp.path + "." + x.Sel.Name)
            if r is None:
                return INVALID
            kind, obj, _ = r
            return obj.type if kind == "field" else obj.sig
        if tx is ast.CallExpr:
            return self._call(x, 0, d)
        if tx is ast.CompositeLit:
            return self.type_expr(x.Type) if x.Type is not None else INVALID
        if tx is ast.UnaryExpr:
            if x.Op == token.AND:
                t = self.typeof(x.X, d)
                return Pointer(t) if t is not INVALID else INVALID
            if x.Op == token.ARROW:
                t = self.typeof(x.X, d).underlying()
                return t.elem if isinstance(t, Chan) else INVALID
            return INVALID
        if tx is ast.StarExpr:
            t = self.typeof(x.X, d)
            u = t.underlying() if t is not INVALID else INVALID
            return u.elem if isinstance(u, Pointer) else INVALID
        if tx is ast.TypeAssertExpr:
            return self.type_expr(x.Type) if x.Type is not None else INVALID
        if tx is ast.IndexListExpr or tx is ast.IndexExpr:
            t = self.typeof(x.X, d)
            if isinstance(t, Signature) and t.tparams:   # F[int] as a value
                return self._instance(t, self._type_args(x))
            if tx is ast.IndexListExpr:
                return INVALID
            u = t.underlying() if t is not INVALID else INVALID
            if isinstance(u, Pointer):
                u = u.elem.underlying()
            if isinstance(u, (Slice, Array, Map)):
                return u.elem
            return INVALID
        if tx is ast.FuncLit:
            return self.sp.signature(x.Type, self.file, self.tparams())
        return INVALID

    def _instance(self, sig, targs):
        """A generic function with all its type arguments given."""
        if len(targs) != len(sig.tparams):
            return INVALID
        return instantiate_call(sig, targs, []) or INVALID

    def _package_of(self, x):
        """The import path of pkg if x is pkg.Name, pkg an import name of the
        file that no local, package variable or function shadows; else None."""
        if type(x) is not ast.SelectorExpr or type(x.X) is not ast.Ident:
            return None
        name = x.X.Name
        if self._local_decl(name, x.X.pos) is not None or name in self.sp.vars \
                or name in self.sp.funcs:
            return None
        path = self.sp.import_path(name, self.file)
        return path if path != self.sp.path else None

    def _imported(self, x):
        """The export data object that x (pkg.Name) names, or None."""
        path = self._package_of(x)
        if path is None or self.sp.importer is None:
            return None
        return self.sp.importer.lookup(path, x.Sel.Name)

    def _call(self, call, index, d):
        fun = call.Fun
        while type(fun) is ast.ParenExpr:
            fun = fun.X
        # new(T), and conversions T(x)
        if type(fun) is ast.Ident and self._local_decl(fun.Name, fun.pos) is None:
            if fun.Name == "new" and fun.Name not in self.sp.funcs and len(call.Args) == 1:
                t = self.type_expr(call.Args[0])
                return Pointer(t) if not incomplete(t) and index == 0 else INVALID
            if fun.Name == "make" and fun.Name not in self.sp.funcs and call.Args:
                t = self.type_expr(call.Args[0])
                return t if not incomplete(t) and index == 0 else INVALID
            if fun.Name in self.sp.types or fun.Name in ("string", "int", "int64", "byte", "rune",
                                                          "float64", "uint", "uint64", "error"):
                return self.type_expr(fun) if index == 0 else INVALID
            if fun.Name in self.sp.funcs:
                sig = self.sp.func(fun.Name)
                return self._result(sig, (), call, index, d) if sig is not None else INVALID
        if type(fun) in (ast.ArrayType, ast.MapType, ast.StarExpr, ast.ChanType, ast.FuncType,
                         ast.InterfaceType):
            if type(fun) is not ast.StarExpr:
                return self.type_expr(fun) if index == 0 else INVALID
        obj = self._imported(fun)
        if obj is not None and obj.kind in ("type", "alias"):   # a conversion pkg.T(x)
            return obj.type if index == 0 else INVALID
        if type(fun) in (ast.IndexExpr, ast.IndexListExpr):
            base = self.typeof(fun.X, d)
            if isinstance(base, Signature) and base.tparams:   # F[T](x), F[T1](x, y)
                return self._result(base, self._type_args(fun), call, index, d)
            if base is INVALID and self._names_type(fun.X):      # a conversion List[int](x)
                t = self.type_expr(fun)
                return t if isinstance(t, Named) and index == 0 else INVALID
        t = self.typeof(fun, d)
        if isinstance(t, Signature):
            return self._result(t, (), call, index, d)
        return INVALID

    def _names_type(self, x):
        """Whether x names a (generic) type: T or pkg.T, not shadowed."""
        if type(x) is ast.Ident:
            return self._local_decl(x.Name, x.pos) is None and x.Name in self.sp.types
        obj = self._imported(x)
        return obj is not None and obj.kind == "type"

    def _result(self, sig, targs, call, index, d):
        """Result `index` of a call of sig, type arguments inferred for a
        generic function (orch.types.infer)."""
        if sig.tparams:
            args = [self._arg_type(a, d) for a in call.Args]
            sig = instantiate_call(sig, targs, args, call.Ellipsis is not None)
            if sig is None:
                return INVALID
        return sig.results[index].type if index < len(sig.results) else INVALID

    def _type_args(self, x):
        idx = [x.Index] if type(x) is ast.IndexExpr else x.Indices
        return [self.type_expr(i) for i in idx]

    def _arg_type(self, x, d):
        """A call argument's type; an untyped constant's is its untyped kind
        (which inference defaults: 1 -> int), unlike typeof's."""
        k = constants.untyped_kind(self, x)
        if k is not None:
            return BASICS[k]
        obj = self._imported(x)
        if obj is not None and obj.kind == "const":
            return obj.type
        return self.typeof(x, d)

    # -- identifiers ---------------------------------------------------
    def _ident(self, x, d):
        name = x.Name
        decl = self._local_decl(name, x.pos)
        if decl is not None:
            key = (name, decl[0].pos if hasattr(decl[0], "pos") else 0)
            if key in self._busy:
                return INVALID
            self._busy.add(key)
            try:
                return self._decl_type(decl, d)
            finally:
                self._busy.discard(key)
        if name in self.sp.vars:
            spec, i, f = self.sp.vars[name]
            if spec.Type is not None:
                return self.sp.type_of(spec.Type, f)
            if f is self.file and len(spec.Values) == len(spec.Names) and ("pkgvar", name) not in self._busy:
                self._busy.add(("pkgvar", name))
                try:
                    return Typer(self.sp, f, [f]).typeof(spec.Values[i], d)
                finally:
                    self._busy.discard(("pkgvar", name))
            return INVALID
        if name in self.sp.funcs:
            return self.sp.func(name) or INVALID
        return INVALID

    def _decl_type(self, decl, d):
        kind = decl[0]
        if kind == "typed":
            return self.type_expr(decl[1])
        if kind == "value":           # (value, rhs list, index)
            rhs, i = decl[1], decl[2]
            if len(rhs) == 1 and i > 0 or (len(rhs) == 1 and type(_unparen(rhs[0])) is ast.CallExpr):
                x = _unparen(rhs[0])
                if type(x) is ast.CallExpr:
                    return self._call(x, i, d)
                if type(x) is ast.TypeAssertExpr and i == 0:
                    return self.typeof(x, d)
                return INVALID
            if i < len(rhs):
                t = self.typeof(rhs[i], d)
                return t
            return INVALID
        if kind == "switch":          # the type switch variable in a case with one type
            return self.type_expr(decl[1])
        return INVALID

    def _local_decl(self, name, pos):
        """The innermost declaration of local `name` in force at pos:
        ("typed", type expr) | ("value", rhs, index) | ("switch", type) |
        ("other",), or None (not a local)."""
        stack = self.stack
        for k in range(len(stack) - 1, 0, -1):
            node, child = stack[k - 1], stack[k]
            tn = type(node)
            found = None
            if tn is ast.BlockStmt or tn is ast.CaseClause or tn is ast.CommClause:
                stmts = node.List if tn is ast.BlockStmt else node.Body
                for s in stmts:
                    if s.pos >= child.pos and not (s == child):
                        break
                    if s == child:
                        break
                    r = _stmt_decl(s, name)
                    if r is not None:
                        found = r
                if found is None and tn is ast.CaseClause:
                    sw = stack[k - 3] if k >= 3 else None
                    if type(sw) is ast.TypeSwitchStmt:
                        a = sw.Assign
                        if type(a) is ast.AssignStmt and len(a.Lhs) == 1 and type(a.Lhs[0]) is ast.Ident \
                                and a.Lhs[0].Name == name:
                            found = ("switch", node.List[0]) if len(node.List) == 1 else ("other",)
            elif tn in (ast.IfStmt, ast.ForStmt, ast.SwitchStmt, ast.TypeSwitchStmt):
                init = node.Init
                if init is not None and not (init == child):
                    found = _stmt_decl(init, name)
            elif tn is ast.RangeStmt:
                if not (child == node.X):
                    for e in (node.Key, node.Value):
                        if type(e) is ast.Ident and e.Name == name and node.Tok == token.DEFINE:
                            found = ("other",)
            elif tn is ast.FuncDecl or tn is ast.FuncLit:
                ft = node.Type
                lists = [ft.Params, ft.Results]
                if tn is ast.FuncDecl:
                    lists.insert(0, node.Recv)
                for fl in lists:
                    if fl is None:
                        continue
                    for fld in fl.List:
                        for n in fld.Names:
                            if n.Name == name:
                                t = fld.Type
                                if type(t) is ast.Ellipsis:
                                    return ("typed_variadic", t)
                                found = ("typed", t)
                if tn is ast.FuncDecl and found is None:
                    return None
            if found is not None:
                return found
        return None


def _stmt_decl(s, name):
    ts = type(s)
    if ts is ast.AssignStmt and s.Tok == token.DEFINE:
        for i, l in enumerate(s.Lhs):
            if type(l) is ast.Ident and l.Name == name:
                return ("value", s.Rhs, i)
    elif ts is ast.DeclStmt and type(s.Decl) is ast.GenDecl and s.Decl.Tok == token.VAR:
        r = None
        for spec in s.Decl.Specs:
            for i, n in enumerate(spec.Names):
                if n.Name == name:
                    if spec.Type is not None:
                        r = ("typed", spec.Type)
                    else:
                        r = ("value", spec.Values, i)
        return r
    elif ts is ast.DeclStmt and type(s.Decl) is ast.GenDecl and s.Decl.Tok in (token.CONST, token.TYPE):
        for spec in s.Decl.Specs:
            names = [spec.Name] if type(spec) is ast.TypeSpec else spec.Names
            if any(n.Name == name for n in names):
                return ("other",)
    elif ts is ast.LabeledStmt:
        return _stmt_decl(s.Stmt, name)
    return None


def _unparen(x):
    while type(x) is ast.ParenExpr:
        x = x.X
    return x


def _exported(name):
    return bool(name) and name[0].isupper()


__all__ = ["Typer", "Named", "Interface", "TypeParam"]


def type_params(sp, stack, f):
    """{name: TypeParam} in scope at the end of stack (the enclosing
    functions' type parameters, a method's receiver type parameters)."""
    env = {}
    for node in stack:
        if type(node) is not ast.FuncDecl:
            continue
        if node.Recv is not None and node.Recv.List:
            x = node.Recv.List[0].Type
            while type(x) in (ast.StarExpr, ast.ParenExpr):
                x = x.X
            if type(x) in (ast.IndexExpr, ast.IndexListExpr) and type(x.X) is ast.Ident:
                base = sp.named(x.X.Name)
                tps = base.tparams() if base is not None and hasattr(base, "tparams") else ()
                idx = [x.Index] if type(x) is ast.IndexExpr else x.Indices
                for i, e in enumerate(idx):
                    if type(e) is ast.Ident and i < len(tps):
                        env[e.Name] = tps[i]
        tp = node.Type.TypeParams
        if tp is not None:
            for p in sp._tparams(tp, f, env):
                env[p.name] = p
    return env
