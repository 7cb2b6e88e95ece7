"""Untyped constant expressions: their kind (untyped int, rune, float ...),
which type inference needs where a call passes 1 or "x" to a type
parameter (go/types gives the constant its default type then).

untyped_kind(typer, x) knows literals, true/false, nil, and unary and
binary operations of those; anything else (a named constant, a typed
operand) is None: not known to be an untyped constant.
"""

from ..golang import ast, token
from .infer import (UNTYPED_BOOL, UNTYPED_COMPLEX, UNTYPED_FLOAT, UNTYPED_INT, UNTYPED_NIL,
                    UNTYPED_NUMERIC as _NUMERIC, UNTYPED_RUNE, UNTYPED_STRING)

_LITERALS = {token.INT: UNTYPED_INT, token.FLOAT: UNTYPED_FLOAT, token.IMAG: UNTYPED_COMPLEX,
             token.CHAR: UNTYPED_RUNE, token.STRING: UNTYPED_STRING}
_PREDECLARED = {"true": UNTYPED_BOOL, "false": UNTYPED_BOOL, "nil": UNTYPED_NIL}
_COMPARISONS = (token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ)


def untyped_kind(typer, x, depth=0):
    if depth > 40:
        return None
    tx = type(x)
    if tx is ast.ParenExpr:
        return untyped_kind(typer, x.X, depth + 1)
    if tx is ast.BasicLit:
        return _LITERALS.get(x.Kind)
    if tx is ast.Ident:
        k = _PREDECLARED.get(x.Name)
        shadowed = typer._local_decl(x.Name, x.pos) is not None or x.Name in typer.sp.vars \
            or x.Name in typer.sp.funcs or x.Name in typer.sp.types
        return None if shadowed else k
    if tx is ast.UnaryExpr:
        k = untyped_kind(typer, x.X, depth + 1)
        if x.Op == token.NOT:
            return k if k == UNTYPED_BOOL else None
        if x.Op in (token.ADD, token.SUB, token.XOR):
            return k if k in _NUMERIC else None
        return None
    if tx is ast.BinaryExpr:
        return _binary(typer, x, depth + 1)
    return None


def _binary(typer, x, depth):
    a = untyped_kind(typer, x.X, depth)
    if x.Op in (token.SHL, token.SHR):
        return a if a in _NUMERIC else None   # a constant shift: the left operand's kind
    b = untyped_kind(typer, x.Y, depth)
    if a is None or b is None or UNTYPED_NIL in (a, b):
        return None
    if x.Op in _COMPARISONS or x.Op in (token.LAND, token.LOR):
        return UNTYPED_BOOL
    if a in _NUMERIC and b in _NUMERIC:
        return max(a, b)
    return a if a == b and a == UNTYPED_STRING and x.Op == token.ADD else None
