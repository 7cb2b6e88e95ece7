"""Advice: what a rule does to each node its join point selects.

Every advice has

    targets           the go/ast node kinds it can change (ANY: the file)
    check(node, parent) -> None, or why it cannot apply to this node
    apply(rw, target)  its edits, through the file rewriter (rules.rewriter)
    import_paths()    the packages it may make the file import
    links()           packages the link needs (inject-declarations links)
    lang              the minimum Go language version of the code it adds
    namespace, order  where it goes among advice at the same place
    fingerprint()     plain tagged data for the rule set's hash

One module per family registers its classes by key in REGISTRY; CodeAdvice
is the base of those made of one code template (prepend-statements, ...).
Advice at the same node apply in Orchestrion's order: by namespace
(compared as strings, the default being "default"), then by order
(ascending, default 0), then by definition order in the rule files.
"""

from .base import ANY, Advice, CodeAdvice, DEFAULT_NAMESPACE, EXPR_KINDS, REGISTRY, STMT_KINDS, parse, register  # noqa: F401

# Register every family (each module registers itself in base.REGISTRY).
from . import block, expression, call, declaration  # noqa: E402,F401
