"""Type-argument inference for calls of generic functions.

A port of the parts of go/types' infer.go and unify.go (the Go spec's
"Type inference") that a call's result type needs:

1. explicit type arguments (F[T](x), F[T1](x) with the rest inferred);
2. unification of each parameterized parameter type with its typed
   argument's type ("assign" mode: inexact at the top, where a defined type
   unifies with a type literal through its underlying type and channel
   directions do not count; exact below);
3. constraint type inference: a type parameter whose constraint has a core
   type (S ~[]E) is unified with it, one whose constraint is a single
   non-tilde type is set to it; methods of the constraint are unified with
   the inferred type's methods;
4. untyped constant arguments of a bare type parameter that is still
   unknown: the default type of the "largest" kind among them.

Where go/types would need something orch does not model (interface
inference, an argument orch cannot type, intersected constraints) the
answer is None: no type rather than a possibly wrong one.
"""

from .methodset import lookup
from .model import (BASIC_NAMES, BY_NAME, INVALID, Array, Type, Basic, Chan, Interface, Map,
                    Named, Pointer, Signature, Slice, Struct, Subst, TypeParam, Union, BOTH)

EXACT, ASSIGN = 1, 2
_DEPTH = 64

# The kinds of untyped constants (model.BASIC_NAMES), in go/types' order:
# the "largest" numeric kind of several is the max.
UNTYPED_BOOL, UNTYPED_INT, UNTYPED_RUNE, UNTYPED_FLOAT, UNTYPED_COMPLEX, UNTYPED_STRING, \
    UNTYPED_NIL = (BASIC_NAMES.index("untyped " + k)
                   for k in ("bool", "int", "rune", "float", "complex", "string", "nil"))
UNTYPED_NUMERIC = (UNTYPED_INT, UNTYPED_RUNE, UNTYPED_FLOAT, UNTYPED_COMPLEX)
# The default type of an untyped constant.
_DEFAULT = {UNTYPED_BOOL: BY_NAME["bool"], UNTYPED_INT: BY_NAME["int"],
            UNTYPED_RUNE: BY_NAME["rune"], UNTYPED_FLOAT: BY_NAME["float64"],
            UNTYPED_COMPLEX: BY_NAME["complex128"], UNTYPED_STRING: BY_NAME["string"]}


def is_untyped(t):
    return isinstance(t, Basic) and t.kind >= UNTYPED_BOOL


class GiveUp(Exception):
    """Inference needs what orch does not model: no answer."""


# -- instantiating a call ------------------------------------------------
def instantiate_call(sig, targs, args, spread=False):
    """The signature of a call of generic function sig with explicit type
    arguments targs (a prefix of its type parameters) and argument types args
    (INVALID where unknown; untyped constants as untyped basic types), its
    type parameters replaced; None if they cannot all be known. spread: the
    call passes a slice to the variadic parameter (f(xs...))."""
    tparams = list(sig.tparams or ())
    if not tparams:
        return sig
    if len(targs) > len(tparams) or not all(_known(t) for t in targs):
        return None
    if len(targs) < len(tparams):
        params = _param_types(sig, len(args), spread)
        if params is None:
            return None
        try:
            targs = infer(tparams, list(targs), params, args)
        except (GiveUp, RecursionError):
            return None
        if targs is None:
            return None
    return substitute(sig, tparams, targs)


def _param_types(sig, nargs, spread):
    """The parameter type each argument is passed to (the variadic parameter
    spread over its arguments), or None if the counts do not fit."""
    ps = [p.type for p in sig.params]
    if sig.variadic and not spread:
        if nargs < len(ps) - 1 or not isinstance(ps[-1], Slice):
            return None
        return ps[:-1] + [ps[-1].elem] * (nargs - len(ps) + 1)
    return ps if nargs == len(ps) else None


def substitute(sig, tparams, targs):
    """sig with its own type parameters replaced (a plain signature)."""
    return Subst(tparams, targs, by_position=False).type(sig)


# -- inference -----------------------------------------------------------
def infer(tparams, targs, params, args):
    """The type arguments of tparams (explicit ones first) from the call's
    parameter and argument types; None if one stays unknown."""
    u = Unifier(tparams, targs)
    untyped = []
    for par, arg in zip(params, args):
        if not (u.parameterized(par) or u.parameterized(arg)):
            continue
        if not _known(arg) or (isinstance(arg, Signature) and arg.tparams):
            # an argument orch cannot type (or a generic function value, which
            # go/types infers in reverse) could decide the answer
            raise GiveUp()
        if not is_untyped(arg):
            if not u.unify(par, arg, ASSIGN):
                return None
        elif u.bound(par) is not None and arg.kind != UNTYPED_NIL:
            untyped.append((par, arg))
    _constraints(u, tparams)
    _untyped_defaults(u, untyped)
    return _simplify(u, tparams)


def _constraints(u, tparams):
    """Constraint type inference, repeated while it makes progress."""
    while True:
        before = u.unknowns()
        for tp in tparams:
            tx = u.at(tp)
            core = core_term(tp.constraint())
            if core is not None:
                (tilde, ctype), single = core
                if tx is not None:
                    if not u.unify(tx, ctype, 0):
                        raise GiveUp()
                elif single and not tilde:
                    u.set(tp, ctype)
            if tx is not None and not u.parameterized(tx):
                _constraint_methods(u, tp, tx)
        if u.unknowns() == before:
            return


def _constraint_methods(u, tp, tx):
    """Unifies the constraint's methods that mention type parameters with
    tx's methods of the same name (func F[T interface{ Get() E }, E any])."""
    c = tp.constraint()
    cu = c.underlying() if c is not None else INVALID
    if not isinstance(cu, Interface):
        raise GiveUp()
    ms = cu.all_methods()
    if ms is None:
        raise GiveUp()
    for mid, m in ms.items():
        if not u.parameterized(m.sig):
            continue
        r = lookup(tx, mid)
        if r is None or r[0] != "method" or not u.unify(m.sig, r[1].sig, EXACT):
            raise GiveUp()


def _untyped_defaults(u, untyped):
    largest = {}
    for par, arg in untyped:
        if u.at(par) is not None:
            continue
        k = largest.get(id(par), (par, None))[1]
        if k is None or k == arg.kind:
            k = arg.kind
        elif k in UNTYPED_NUMERIC and arg.kind in UNTYPED_NUMERIC:
            k = max(k, arg.kind)
        else:
            return  # mismatched untyped kinds: a compile error
        largest[id(par)] = (par, k)
    for par, k in largest.values():
        u.set(par, _DEFAULT[k])


def _simplify(u, tparams):
    """The inferred types with references to one another resolved; None if
    one is unknown or refers to itself."""
    inferred = [u.at(tp) for tp in tparams]
    ids = {id(tp) for tp in tparams}
    for i, t in enumerate(inferred):
        if t is not None and _mentions(t, {id(tparams[i])}):
            inferred[i] = None    # a cycle (T = []T): cannot be inferred
    for _ in range(len(tparams) + 1):
        sub = Subst(tparams, [t if t is not None else tp for t, tp in zip(inferred, tparams)],
                    by_position=False)
        nxt = [sub.type(t) if t is not None else None for t in inferred]
        if nxt == inferred:
            break
        inferred = nxt
    if any(t is None or _mentions(t, ids) for t in inferred):
        return None
    return inferred


# -- unification -----------------------------------------------------------
class Unifier:
    """Unifies types mentioning the type parameters being inferred; each
    parameter has a cell holding its type (None: unknown), shared by
    parameters unified with one another."""

    def __init__(self, tparams, targs):
        self.cells = {}
        for i, tp in enumerate(tparams):
            self.cells[id(tp)] = [targs[i] if i < len(targs) else None]

    def bound(self, t):
        return self.cells.get(id(t)) if isinstance(t, TypeParam) else None

    def at(self, tp):
        return self.cells[id(tp)][0]

    def set(self, tp, t):
        self.cells[id(tp)][0] = t

    def unknowns(self):
        return sum(1 for c in self.cells.values() if c[0] is None)

    def parameterized(self, t):
        return _mentions(t, self.cells)

    def _join(self, cx, cy):
        if cx is cy:
            return True
        if cx[0] is not None and cy[0] is not None:
            return False
        keep, drop = (cx, cy) if cx[0] is not None else (cy, cx)
        for k, c in self.cells.items():
            if c is drop:
                self.cells[k] = keep
        return True

    def unify(self, x, y, mode, depth=0):
        if not (_known(x) and _known(y)):
            raise GiveUp()
        if _same(x, y):
            return True
        if depth > _DEPTH:
            raise GiveUp()
        d = depth + 1
        if isinstance(x, Named) or self.bound(y) is not None:
            x, y = y, x
        if not mode & EXACT and isinstance(y, Named) and _type_lit(x) \
                and not isinstance(x, Interface):
            y = y.underlying()   # a defined type unifies with a literal by its underlying type
            if _same(x, y):
                return True
        cx, cy = self.bound(x), self.bound(y)
        if cx is not None and cy is not None:
            return self._join(cx, cy) or self.unify(cx[0], cy[0], mode, d)
        if cx is not None:
            return self._bind(cx, y, mode, d)
        if not mode & EXACT and (_iface(x) or _iface(y)):
            raise GiveUp()   # interface inference (go1.21+): not modelled
        if isinstance(y, TypeParam):
            x, y = y, x
        emode = mode | EXACT if mode & ASSIGN else mode
        return self._structure(x, y, mode, emode, d)

    def _bind(self, cx, y, mode, d):
        """Unifies a bound type parameter (cell cx) with y."""
        tx = cx[0]
        if tx is None:
            cx[0] = y
            return True
        if not self.unify(tx, y, mode, d):
            return False
        xi, yi = _iface(tx), _iface(y)
        if xi and yi:
            if isinstance(tx, Named) and isinstance(y, Named):
                return _same(tx, y)
            raise GiveUp()   # go/types compares method counts here
        if xi or yi:
            return False
        if not mode & EXACT and not isinstance(tx, Named):
            # inexact: the defined type (or a directional channel) wins
            yu = y.underlying()
            if isinstance(y, Named) or (isinstance(yu, Chan) and yu.dir != BOTH):
                cx[0] = y
        return True

    def _structure(self, x, y, mode, emode, d):
        """Unifies x and y part by part (no bound type parameter at the top)."""
        u = self.unify
        if isinstance(x, Basic):
            return isinstance(y, Basic) and x.kind == y.kind
        if isinstance(x, Array):
            return isinstance(y, Array) and x.len == y.len and u(x.elem, y.elem, emode, d)
        if isinstance(x, (Slice, Pointer)):
            return type(y) is type(x) and u(x.elem, y.elem, emode, d)
        if isinstance(x, Map):
            return isinstance(y, Map) and u(x.key, y.key, emode, d) and u(x.elem, y.elem, emode, d)
        if isinstance(x, Chan):
            return isinstance(y, Chan) and (not mode & EXACT or x.dir == y.dir) \
                and u(x.elem, y.elem, emode, d)
        if isinstance(x, Signature):
            return isinstance(y, Signature) and x.variadic == y.variadic \
                and self._vars(x.params, y.params, emode, d) \
                and self._vars(x.results, y.results, emode, d)
        if isinstance(x, Struct):
            return isinstance(y, Struct) and len(x.fields) == len(y.fields) and all(
                f.embedded == g.embedded and f.tag == g.tag and _same_field(f, g)
                and u(f.type, g.type, emode, d) for f, g in zip(x.fields, y.fields))
        if isinstance(x, Interface):
            return isinstance(y, Interface) and self._interfaces(x, y, d)
        if isinstance(x, Named):
            return isinstance(y, Named) and x.path == y.path and x.name == y.name \
                and len(x.targs) == len(y.targs) \
                and all(u(a, b, mode, d) for a, b in zip(x.targs, y.targs))
        if isinstance(x, TypeParam):
            raise GiveUp()   # core-type unification of another function's parameter
        raise GiveUp()

    def _vars(self, xs, ys, mode, d):
        return len(xs) == len(ys) and all(self.unify(a.type, b.type, mode, d)
                                          for a, b in zip(xs, ys))

    def _interfaces(self, x, y, d):
        """Exact unification of two interfaces: the same methods, signatures
        unified (interfaces with type terms are not modelled)."""
        if x.has_terms() or y.has_terms():
            raise GiveUp()
        a, b = x.all_methods(), y.all_methods()
        if a is None or b is None:
            raise GiveUp()
        return a.keys() == b.keys() and all(self.unify(a[k].sig, b[k].sig, EXACT, d) for k in a)


def _known(t):
    # not INVALID, nor what type expressions give for a generic alias
    # without type arguments (not a Type)
    return isinstance(t, Type) and t is not INVALID


def _same(x, y):
    try:
        return x is y or x == y
    except RecursionError:
        return False


def _same_field(f, g):
    if f.name != g.name:
        return False
    return f.name[:1].isupper() or f.pkg == g.pkg


def _type_lit(t):
    return not isinstance(t, (Named, TypeParam))


def _iface(t):
    if isinstance(t, TypeParam):
        return False
    return isinstance(t.underlying(), Interface)


def _mentions(t, ids):
    """Whether type t mentions one of the type parameters ids (by id())."""
    return _any_part(t, lambda x: isinstance(x, TypeParam) and id(x) in ids)


def incomplete(t):
    """Whether type t has a part orch could not know (a local type: []T)."""
    return _any_part(t, lambda x: not _known(x))


def _any_part(t, pred, depth=0):
    """Whether pred holds for t or a type t is made of (not looking under
    named types, which stand for themselves)."""
    if t is None or depth > _DEPTH:
        return False
    if pred(t):
        return True
    d = depth + 1
    if isinstance(t, (Pointer, Slice, Array, Chan)):
        return _any_part(t.elem, pred, d)
    if isinstance(t, Map):
        return _any_part(t.key, pred, d) or _any_part(t.elem, pred, d)
    if isinstance(t, Signature):
        return any(_any_part(v.type, pred, d) for v in t.params + t.results)
    if isinstance(t, Struct):
        return any(_any_part(f.type, pred, d) for f in t.fields)
    if isinstance(t, Interface):
        return any(_any_part(m.sig, pred, d) for m in t.methods) or \
            any(_any_part(e, pred, d) for e in t.embeddeds)
    if isinstance(t, Union):
        return any(_any_part(x, pred, d) for _, x in t.terms)
    if isinstance(t, Named):
        return any(_any_part(a, pred, d) for a in t.targs)
    return False


# -- core types of constraints ---------------------------------------------
def core_term(constraint):
    """((tilde, type), single) of a constraint with a core type: single when
    its type set is that one term; None if it has no core type (no terms,
    or terms of different underlying types). GiveUp if the type set is not
    modelled (intersected term lists, unknown embedded types)."""
    terms = _terms(constraint, 0)
    if terms is None:
        return None
    if len(terms) == 1:
        return terms[0], True
    under = terms[0][1].underlying()
    if isinstance(under, Chan):
        raise GiveUp()   # go/types merges channel directions here
    if all(_same(t.underlying(), under) for _, t in terms[1:]):
        return (any(tl for tl, _ in terms), under), False
    return None


def _terms(t, depth):
    """The type terms [(tilde, type)] of constraint t, None if it has none."""
    if t is None or t is INVALID or depth > 20:
        raise GiveUp()
    u = t.underlying()
    if not isinstance(u, Interface):
        raise GiveUp()
    found = []
    for e in u.embeddeds:
        eu = e.underlying()
        if eu is INVALID:
            raise GiveUp()
        if isinstance(eu, Interface) and not isinstance(e, TypeParam):
            sub = _terms(e, depth + 1)
            if sub is not None:
                found.append(sub)
        elif isinstance(e, Union):
            if any(isinstance(x, TypeParam) or _iface(x) for _, x in e.terms):
                raise GiveUp()
            found.append(list(e.terms))
        elif isinstance(e, TypeParam):
            raise GiveUp()
        else:
            found.append([(False, e)])
    if not found:
        return None
    if len(found) > 1:
        raise GiveUp()   # an intersection of term lists
    return found[0]


__all__ = ["instantiate_call", "infer", "core_term", "is_untyped", "incomplete"]
