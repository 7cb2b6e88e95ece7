"""prepend-statements: code that runs first in a block, or right before a statement.

    [[aspects.advice]]
    [aspects.advice.prepend-statements]
    namespace = "tracing"      # optional: see the ordering below
    order = 10                 # optional, default 0
    imports = { trace = "orch.dev/runtime/trace" }
    template = "defer trace.Start({{printf \"%q\" .Function.Name}})()"

On a BlockStmt (function-body selects the body of a function) the
statements go first in the block; on any other statement of a statement
list, right before it. They are wrapped in their own block, `{ ... }`, so
that the names they declare cannot clash with the code that follows (a
`defer` still runs when the function returns).

Several prepend-statements at one place apply in Orchestrion's order: by
namespace (compared as strings; the default is "default"), then by order
(ascending), then in the order the rule files define them. On a block each
goes to its top, above the statements prepended before it, so the last
applied runs first (and its defer last); before another statement each
goes right before it, so they run in the order applied.
"""

from .base import CodeAdvice, register, STMT_KINDS
from .code import Code


@register
class PrependStatements(CodeAdvice):
    __slots__ = ("namespace", "order")
    key = "prepend-statements"
    targets = STMT_KINDS

    def __init__(self, code: Code, namespace: str = "default", order: int = 0):
        super().__init__(code)
        self.namespace = namespace
        self.order = order

    @classmethod
    def parse(cls, v):
        code, extra = Code.parse(v, extra=("namespace", "order"))
        ns = extra["namespace"].string() if "namespace" in extra else "default"
        order = extra["order"].integer() if "order" in extra else 0
        return cls(code, ns, order)

    def check(self, node, parent):
        kind = type(node).__name__
        if kind == "BlockStmt":
            return None
        if kind not in STMT_KINDS:
            return f"prepend-statements needs a statement, not a {kind}"
        if parent is None or type(parent).__name__ not in ("BlockStmt", "CaseClause", "CommClause"):
            return "prepend-statements needs a statement of a statement list"
        return None

    def apply(self, rw, t):
        node = t.node
        body = rw.render(self.code, t, "stmts")
        key = t.key
        if type(node).__name__ == "BlockStmt":
            # At the top of the block, above what was prepended before: the
            # last applied comes first (Orchestrion's result), and before any
            # other edit at that offset (t.key is (1, rank), rank >= 0).
            at = node.Lbrace + 1
            key = (key[0], -1 - key[1])
        else:
            at = node.pos
        rw.insert(at, [rw.gen(b"{ ")] + body + [rw.gen(b"\n}; ")], key)
        rw.require_lang(self.code.lang)

    def fingerprint(self):
        return ("prepend-statements", self.namespace, self.order, self.code.fingerprint())
