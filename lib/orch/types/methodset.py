"""Method lookup, method sets and implements(), as go/types answers them.

- A named type's method set has its value-receiver methods; *T's has the
  pointer-receiver ones too. Methods and fields of embedded fields are
  promoted (shallowest depth wins, two at one depth cancel); a method with a
  pointer receiver is promoted into T's set only through an embedded pointer.
- An interface's method set is its methods and those of the interfaces it
  embeds.
- A type parameter has the methods of its constraint.
Where a type cannot be known (INVALID), the answer is None / False.
"""

from .model import INVALID, Basic, Interface, Named, Pointer, Struct, TypeParam


def _deref(t):
    if isinstance(t, Pointer):
        return t.elem, True
    return t, False


def lookup(t, mid):
    """The method or field named by id `mid` that a value of type t selects:
    (kind, obj, indirect) with kind "method" or "field", or None (not found,
    ambiguous or unknowable). indirect: the path to it went through a pointer."""
    r = lookup_owner(t, mid)
    return r[:3] if r is not None else None


def lookup_owner(t, mid):
    """lookup(), and the type that declares the method or field: (kind, obj,
    indirect, owner)."""
    if t is INVALID or t is None:
        return None
    typ, is_ptr = _deref(t)
    if is_ptr and isinstance(typ.underlying(), Interface) and not isinstance(typ, TypeParam):
        return None  # a pointer to an interface has no methods
    current = [(typ, is_ptr)]
    seen = set()
    while current:
        found = None
        count = 0
        nxt = []
        for typ, indirect in current:
            if isinstance(typ, TypeParam):
                c = typ.constraint()
                u = c.underlying() if c is not None else INVALID
                if not isinstance(u, Interface):
                    return None
                indirect = True
            else:
                if isinstance(typ, Named):
                    key = (typ.path, typ.name, typ.targs)
                    if key in seen:
                        continue
                    seen.add(key)
                    hit = None
                    for m in typ.methods():
                        if m.id() == mid:
                            hit = m
                            break
                    if hit is not None:
                        found, count = ("method", hit, indirect, typ), count + 1
                        continue
                u = typ.underlying()
            if u is INVALID:
                return None
            if isinstance(u, Struct):
                for f in u.fields:
                    fid = f.name if _exported(f.name) else f.pkg + "." + f.name
                    if fid == mid:
                        found, count = ("field", f, indirect, typ), count + 1
                        continue
                    if f.embedded:
                        ft, p = _deref(f.type)
                        nxt.append((ft, indirect or p))
            elif isinstance(u, Interface):
                ms = u.all_methods()
                if ms is None:
                    return None
                if mid in ms:
                    found, count = ("method", ms[mid], indirect, typ), count + 1
        if count == 1:
            return found
        if count > 1:
            return None
        current = nxt
    return None


def _exported(name):
    return bool(name) and name[0].isupper()


def method_set(t):
    """{id: Func} of the method set of t (go/types.NewMethodSet), or None if
    unknowable."""
    if t is INVALID or t is None:
        return None
    typ, is_ptr = _deref(t)
    u = typ.underlying()
    if isinstance(u, Interface):
        if is_ptr:
            return {}
        return u.all_methods()
    if u is INVALID:
        return None
    names = set()
    _collect_names(typ, names, set(), 0)
    out = {}
    for mid in names:
        r = lookup(t, mid)
        if r is None or r[0] != "method":
            continue
        kind, m, indirect = r
        if m.ptr_recv and not indirect:
            continue
        out[mid] = m
    return out


def _collect_names(typ, names, seen, depth):
    if depth > 20:
        return
    if isinstance(typ, TypeParam):
        c = typ.constraint()
        u = c.underlying() if c is not None else INVALID
        if isinstance(u, Interface):
            names.update((u.all_methods() or {}).keys())
        return
    if isinstance(typ, Named):
        key = (typ.path, typ.name, typ.targs)
        if key in seen:
            return
        seen.add(key)
        names.update(m.id() for m in typ.methods())
    u = typ.underlying()
    if isinstance(u, Struct):
        for f in u.fields:
            if f.embedded:
                _collect_names(_deref(f.type)[0], names, seen, depth + 1)
    elif isinstance(u, Interface):
        names.update((u.all_methods() or {}).keys())


def implements(t, iface):
    """Whether type t implements interface type iface (go/types.Implements,
    method part): False when either is unknowable."""
    if t is None or iface is None or t is INVALID or iface is INVALID:
        return False
    iu = iface.underlying()
    if not isinstance(iu, Interface):
        return False
    want = iu.all_methods()
    if want is None:
        return False
    if iu.has_terms():
        return False  # constraint interfaces: not asked of values here
    if not want:
        return True
    if isinstance(t, TypeParam):
        c = t.constraint()
        cu = c.underlying() if c is not None else INVALID
        if not isinstance(cu, Interface):
            return False
        have = cu.all_methods()
        if have is None:
            return False
        return all(k in have and _same_sig(have[k], m) for k, m in want.items())
    # method_set(t) has what lookup() finds but the pointer-receiver
    # methods of a value: looking up only the wanted ids answers the same.
    for k, m in want.items():
        r = lookup(t, k)
        if r is None or r[0] != "method" or r[1].ptr_recv and not r[2] or not _same_sig(r[1], m):
            return False
    return True


def _same_sig(a, b):
    try:
        return a.sig == b.sig
    except RecursionError:
        return False


def assignable(v, t):
    """Whether a value of type v is assignable to type t (the cases rules
    ask: identical types, interfaces by implementation, identical underlying
    types where one side is not named)."""
    if v is None or t is None or v is INVALID or t is INVALID:
        return False
    if v == t:
        return True
    tu = t.underlying()
    if isinstance(tu, Interface) and not isinstance(t, TypeParam):
        return implements(v, t)
    vu = v.underlying()
    if (not isinstance(v, (Named, TypeParam)) or not isinstance(t, (Named, TypeParam))) \
            and vu == tu and not isinstance(vu, Basic):
        return True
    return False
