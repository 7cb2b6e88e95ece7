"""wrap-expression and assign-value: replace an expression by generated code.

    [aspects.advice.wrap-expression]
    imports = { trace = "orch.dev/runtime/trace" }
    template = "trace.WrapHandler({{.}})"

wrap-expression replaces the selected expression with the template's
output; `{{.}}` stands for the expression itself, moved into the new code
with its original position (so errors and stack traces inside it still
name the user's line). Generated text on the expression's line, such as
`trace.Wrap(`, takes the position where it stands (see splice.py): the new
call is reported at the user's expression. When an earlier advice already
replaced the expression (two wrap-expression on one call) and made it an
operator expression (`100 + {{.}}`), it goes in parenthesised, so that the
next template (`{{.}} * 2`) keeps its meaning, as Orchestrion does. On a KeyValueExpr
(struct-literal with field) it wraps the value. The template must keep the
expression's type.

    [aspects.advice.assign-value]
    template = "true"

assign-value sets the initial value of a package-level var or const
selected by value-declaration (every name of the spec gets the value).
"""

from .base import CodeAdvice, register, EXPR_KINDS


@register
class WrapExpression(CodeAdvice):
    __slots__ = ()
    key = "wrap-expression"
    targets = EXPR_KINDS

    def check(self, node, parent):
        kind = type(node).__name__
        if kind not in EXPR_KINDS:
            return f"wrap-expression needs an expression, not a {kind}"
        if kind == "Ident" and parent is not None and type(parent).__name__ in (
                "SelectorExpr", "KeyValueExpr", "LabeledStmt", "BranchStmt", "Field", "FuncDecl",
                "TypeSpec", "ImportSpec", "ValueSpec", "AssignStmt", "RangeStmt", "IncDecStmt"):
            return "wrap-expression cannot replace a name that is not a value here"
        return None

    def apply(self, rw, t):
        node = t.node
        if type(node).__name__ == "KeyValueExpr":
            t = t.child(node.Value)
            node = node.Value
        frag = rw.render(self.code, t, "expr", moved=True)
        rw.replace(node.pos, node.end, lambda inner: rw.substitute(frag, _operand(rw, node, inner)), t.key)
        rw.require_lang(self.code.lang)


def _operand(rw, node, inner):
    """inner (the segments the expression's range has become) as an
    operand: parenthesised when an earlier replacement of the same range
    made a binary expression of it. The node's own text (perhaps with edits
    inside it) needs none: join points select calls and literals."""
    if inner and inner[0][0] == node.pos and inner[-1][0] >= 0 and \
            inner[-1][0] + len(inner[-1][1]) == node.end:
        return inner
    from ...golang.parser import parse_file
    text = b"".join(seg[1] for seg in inner)
    try:
        f = parse_file(b"package p\nvar _ = " + text + b"\n")
        x = f.Decls[0].Specs[0].Values[0]
    except Exception:  # not an expression alone: leave it as it is
        return inner
    if type(x).__name__ != "BinaryExpr":
        return inner
    return [rw.gen(b"(")] + list(inner) + [rw.gen(b")")]


@register
class AssignValue(CodeAdvice):
    __slots__ = ()
    key = "assign-value"
    targets = frozenset(("ValueSpec",))

    def check(self, node, parent):
        kind = type(node).__name__
        return None if kind == "ValueSpec" else f"assign-value needs a var or const spec, not a {kind}"

    def apply(self, rw, t):
        spec = t.node
        value = rw.render(self.code, t, "expr")
        items = []
        for i in range(len(spec.Names)):
            if i:
                items.append(rw.gen(b", "))
            items.extend(value)
        if spec.Values:
            rw.replace(spec.Values[0].pos, spec.Values[-1].end, lambda inner: items, t.key)
        else:
            rw.insert(spec.end, [rw.gen(b" = ")] + items, t.key)
        rw.require_lang(self.code.lang)
