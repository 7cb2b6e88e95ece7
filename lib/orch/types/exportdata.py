"""A package's objects from unified export data, decoded on demand.

A port of the parts of go/internal/gcimporter/ureader.go that answer type
questions: objects (types, aliases, functions, variables, constants), their
types, methods and type parameters. An archive holds the full definitions
of every object its package refers to, including other packages' objects,
so one archive answers for the types its package names; named types are
compared by (path, name, type arguments), so the same type read from two
archives is the same.
"""

from . import pkgbits as pb
from .errors import ExportDataError
from .model import (BASICS, INVALID, UNIVERSE_TYPES, Array, Chan, Func, Interface, Map,
                    Named, Pointer, Signature, Slice, Struct, TypeParam, Union, Var,
                    instantiate)


class Object:
    """kind: "type", "alias", "func", "var", "const"; type: the object's type
    (for "type" the Named, for "alias" its target)."""
    __slots__ = ("kind", "path", "name", "type", "value")

    def __init__(self, kind, path, name, typ, value=None):
        self.kind = kind
        self.path = path
        self.name = name
        self.type = typ
        self.value = value

    def __repr__(self):
        return "Object(%s %s.%s %s)" % (self.kind, self.path, self.name, self.type)


class _Dict:
    __slots__ = ("rtbounds", "rtparams", "bounds", "tparams", "derived", "derived_types")

    def __init__(self):
        self.rtbounds = []      # a generic method's receiver type parameters (V4+)
        self.rtparams = []
        self.bounds = []
        self.tparams = []
        self.derived = []
        self.derived_types = []


class Package:
    """The objects an archive's export data knows, by (path, name)."""

    def __init__(self, data: bytes, path: str, where: str = "export data", types_cache=None):
        self.pr = pb.PkgDecoder(data, where)
        self.path = path
        self.where = where
        self._pkgs = {}
        self._typs = {}
        self._objs = {}
        self._index = None
        self._named = types_cache if types_cache is not None else {}
        self.name = self._root_name()

    # -- lookups ---------------------------------------------------------
    def lookup(self, name, path=None):
        """The object `name` of package `path` (this package by default), or None."""
        key = (path or self.path, name)
        if key not in self._objs:
            idx = self._name_index().get(key)
            obj = None
            if idx is not None:
                try:
                    obj = self._obj(idx)
                except (ExportDataError, IndexError, KeyError, ValueError):
                    obj = None
            self._objs[key] = obj
        return self._objs[key]

    def names(self, path=None):
        """Names of the objects of package path (this one by default) in the data."""
        p = path or self.path
        return sorted(n for (q, n) in self._name_index() if q == p)

    def _name_index(self):
        if self._index is None:
            idx = {}
            pr = self.pr
            for i in range(pr.num_elems(pb.NAME)):
                r = pr.decoder(pb.NAME, i)
                r.sync()
                r.sync()
                path = self._pkg_path(r.reloc(pb.PKG))
                name = r.string()
                tag = r.code()
                if tag != pb.O_STUB and path is not None:
                    idx.setdefault((path, name), i)
            self._index = idx
        return self._index

    def _root_name(self):
        r = self.pr.decoder(pb.META, 0)
        r.sync()
        idx = r.reloc(pb.PKG)
        self._pkg(idx)
        return self._pkgs[idx][1]

    # -- packages --------------------------------------------------------
    def _pkg(self, idx):
        p = self._pkgs.get(idx)
        if p is None:
            r = self.pr.decoder(pb.PKG, idx)
            path = r.string()
            name = ""
            if path == "":
                path = self.path
            if path not in ("builtin", "unsafe"):
                name = r.string()
            if path == "builtin":
                path = None
            p = self._pkgs[idx] = (path, name)
        return p

    def _pkg_path(self, idx):
        return self._pkg(idx)[0]

    # -- objects ---------------------------------------------------------
    def _obj(self, idx):
        """The object at SectionObj idx (SectionName idx is the same)."""
        r = self.pr.decoder(pb.NAME, idx)
        r.sync()
        r.sync()
        path = self._pkg_path(r.reloc(pb.PKG))
        name = r.string()
        tag = r.code()
        if tag == pb.O_STUB:
            if path is None:
                t = UNIVERSE_TYPES.get(name)
                return Object("type", "", name, t) if t is not None else None
            if path == "unsafe" and name == "Pointer":
                return Object("type", "unsafe", name, BASICS[18])
            return None
        key = (path, name)
        if key in self._objs and self._objs[key] is not None:
            return self._objs[key]
        if "·" in name or "." in name:  # local types (vargen suffix), generic methods
            return None
        d = self._dict(idx)
        r = self.pr.decoder(pb.OBJ, idx)
        if tag == pb.O_TYPE:
            named = self._named.get(key)
            if named is None:
                named = Named(path, name, load=lambda: self._type_body(idx, d))
                self._named[key] = named
            obj = Object("type", path, name, named)
        elif tag == pb.O_ALIAS:
            self._pos(r)
            tps = self._tparam_names(r, d) if self.pr.has_alias_tparams else []
            t = self._typ(r, d)
            obj = Object("alias", path, name, t)
            obj.value = tps  # an alias's type parameters
        elif tag == pb.O_CONST:
            self._pos(r)
            t = self._typ(r, d)
            obj = Object("const", path, name, t, r.value())
        elif tag == pb.O_FUNC:
            self._pos(r)
            if self.pr.has_generic_methods:
                r.bool()  # a generic method: read with its type
            tps = self._tparam_names(r, d)
            sig = self._signature(r, d)
            sig.tparams = tps
            obj = Object("func", path, name, sig)
        elif tag == pb.O_VAR:
            self._pos(r)
            obj = Object("var", path, name, self._typ(r, d))
        else:
            raise ExportDataError(f"{self.where}: unknown object tag {tag}")
        self._objs[key] = obj
        return obj

    def _type_body(self, idx, d):
        r = self.pr.decoder(pb.OBJ, idx)
        self._pos(r)
        tps = self._tparam_names(r, d)
        under = self._typ(r, d)
        if isinstance(under, Named):
            under = under.underlying()
        methods = []
        for _ in range(r.len()):
            methods.append(self._method(r, d))
        if self.pr.has_generic_methods:
            for _ in range(r.len()):
                methods.append(self._generic_method(r.reloc(pb.OBJ)))
            if self.pr.has_method_order:
                methods.sort(key=lambda im: im[0])
        return under, [m for _, m in methods], tuple(tps)

    def _generic_method(self, idx):
        d = self._dict(idx)
        r = self.pr.decoder(pb.OBJ, idx)
        self._pos(r)
        r.bool()
        pkg, name = self._ident(r)
        self._tparam_names(r, d, receiver=True)
        recv = self._param(r, d)
        order = r.len() if self.pr.has_method_order else -1
        tps = self._tparam_names(r, d)
        sig = self._signature(r, d)
        sig.recv = recv
        sig.tparams = tps
        return order, Func(name, pkg, sig, isinstance(recv.type, Pointer))

    def _dict(self, idx):
        d = _Dict()
        r = self.pr.decoder(pb.OBJDICT, idx)
        if r.len() != 0:
            raise ExportDataError(f"{self.where}: object with implicit type parameters")
        nrecv = r.len() if self.pr.has_generic_methods else 0
        nexplicit = r.len()
        d.rtbounds = [self._typinfo(r) for _ in range(nrecv)]
        d.bounds = [self._typinfo(r) for _ in range(nexplicit)]
        n = r.len()
        for _ in range(n):
            d.derived.append(r.reloc(pb.TYPE))
            if self.pr.has_derived_info_needed:
                r.bool()
        d.derived_types = [None] * n
        return d

    def _tparam_names(self, r, d, receiver=False):
        r.sync()
        bounds = d.rtbounds if receiver else d.bounds
        if not bounds:
            return []
        tps = []
        for i in range(len(bounds)):
            self._pos(r)
            _, name = self._ident(r)
            bound = bounds[i]
            tps.append(TypeParam(name, i, (lambda b=bound: self._typidx(b, d))))
        if receiver:
            d.rtparams = tps
        else:
            d.tparams = tps
        return tps

    def _method(self, r, d):
        """(declaration order or -1, Func)."""
        r.sync()
        order = r.len() if self.pr.has_method_order else -1
        self._pos(r)
        pkg, name = self._ident(r)
        self._tparam_names(r, d)
        recv = self._param(r, d)
        sig = self._signature(r, d)
        sig.recv = recv
        self._pos(r)
        return order, Func(name, pkg or "", sig, isinstance(recv.type, Pointer))

    def _ident(self, r):
        """qualifiedIdent/localIdent/selector: (package path or "", name)."""
        r.sync()
        r.sync()
        path = self._pkg_path(r.reloc(pb.PKG))
        return path or "", r.string()

    # -- positions (skipped) -------------------------------------------
    def _pos(self, r):
        r.sync()
        if r.bool():
            r.reloc(pb.POSBASE)
            r.uint()
            r.uint()

    # -- types -----------------------------------------------------------
    def _typinfo(self, r):
        r.sync()
        if r.bool():
            return (True, r.len())
        return (False, r.reloc(pb.TYPE))

    def _typ(self, r, d):
        return self._typidx(self._typinfo(r), d)

    def _typidx(self, info, d):
        derived, idx = info
        if derived:
            t = d.derived_types[idx]
            if t is None:
                r = self.pr.decoder(pb.TYPE, d.derived[idx])
                t = d.derived_types[idx] = self._do_typ(r, d)
            return t
        t = self._typs.get(idx)
        if t is None:
            r = self.pr.decoder(pb.TYPE, idx)
            t = self._typs[idx] = self._do_typ(r, d)
        return t

    def _do_typ(self, r, d):
        tag = r.code()
        if tag == pb.T_BASIC:
            k = r.len()
            return BASICS[k] if k < len(BASICS) else INVALID
        if tag == pb.T_NAMED:
            return self._named_ref(r, d)
        if tag == pb.T_TYPEPARAM:
            i = r.len()
            if d is None:
                return INVALID
            if i < len(d.rtbounds):
                return d.rtparams[i] if i < len(d.rtparams) else INVALID
            i -= len(d.rtbounds)
            return d.tparams[i] if i < len(d.tparams) else INVALID
        if tag == pb.T_ARRAY:
            n = r.uint64()
            return Array(n, self._typ(r, d))
        if tag == pb.T_CHAN:
            dr = r.len()
            return Chan(dr, self._typ(r, d))
        if tag == pb.T_MAP:
            k = self._typ(r, d)
            return Map(k, self._typ(r, d))
        if tag == pb.T_POINTER:
            return Pointer(self._typ(r, d))
        if tag == pb.T_SIGNATURE:
            return self._signature(r, d)
        if tag == pb.T_SLICE:
            return Slice(self._typ(r, d))
        if tag == pb.T_STRUCT:
            fields = []
            for _ in range(r.len()):
                self._pos(r)
                pkg, name = self._ident(r)
                ft = self._typ(r, d)
                tag_ = r.string()
                emb = r.bool()
                fields.append(Var(name, ft, pkg or "", emb, tag_))
            return Struct(fields)
        if tag == pb.T_INTERFACE:
            nm = r.len()
            ne = r.len()
            implicit = nm == 0 and ne == 1 and r.bool()
            methods = []
            for _ in range(nm):
                self._pos(r)
                pkg, name = self._ident(r)
                methods.append(Func(name, pkg or "", self._signature(r, d)))
            embeddeds = [self._typ(r, d) for _ in range(ne)]
            return Interface(methods, embeddeds, implicit)
        if tag == pb.T_UNION:
            terms = []
            for _ in range(r.len()):
                tilde = r.bool()
                terms.append((tilde, self._typ(r, d)))
            return Union(terms)
        raise ExportDataError(f"{self.where}: unknown type tag {tag}")

    def _named_ref(self, r, d):
        r.sync()
        if self.pr.has_derived_func_instance:
            r.bool()
        idx = r.reloc(pb.OBJ)
        targs = [self._typ(r, d) for _ in range(r.len())]
        obj = self._obj(idx)
        if obj is None:
            return INVALID
        if obj.kind == "alias":
            t = obj.type
            if targs and obj.value:
                from .model import Subst
                return Subst(obj.value, targs).type(t)
            return t
        if obj.kind != "type":
            return INVALID
        t = obj.type
        if targs and isinstance(t, Named):
            return instantiate(t, targs)
        return t

    def _signature(self, r, d):
        r.sync()
        params = self._params(r, d)
        results = self._params(r, d)
        variadic = r.bool()
        return Signature(params, results, variadic)

    def _params(self, r, d):
        r.sync()
        return [self._param(r, d) for _ in range(r.len())]

    def _param(self, r, d):
        r.sync()
        self._pos(r)
        pkg, name = self._ident(r)
        return Var(name, self._typ(r, d), pkg)
