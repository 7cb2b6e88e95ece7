"""directive: nodes annotated with a `//name` comment.

    directive = "orch:span"

A directive is a line comment with no space after the slashes, `//name`
alone or followed by white space and arguments (`//orch:span op:checkout`).
It annotates the code it precedes: the comments right before a node (blank
lines allowed, nothing but comments in between, not a comment that ends a
line of code) annotate every node that starts there, e.g.

    //orch:span                    //orch:span
    func Checkout() { ... }        err := process(func() { ... })

annotates the FuncDecl on the left; the AssignStmt, `err` and, on the right,
through the assignment, the FuncLit (as Orchestrion does: a spec is also
annotated by its declaration's comment, and the operands of an annotated
assignment, value spec, defer, go or return statement by the statement's).

The file pre-test is a byte search for `//name`; alone, a directive selects
any annotated node (ANY kind); with all-of it filters what the others select.
"""

import re

from .base import JoinPoint, register, ANY

_PROPAGATE = frozenset(("AssignStmt", "ValueSpec", "DeferStmt", "GoStmt", "ReturnStmt"))
_NAME = re.compile(r"^[\w:./-]+$")


def directive_args(texts, name: str):
    """The `key:value` arguments of the first //name comment in texts, or None."""
    prefix = "//" + name
    for t in texts:
        if t.startswith(prefix) and (len(t) == len(prefix) or t[len(prefix)] in " \t"):
            return t[len(prefix):].split()
    return None


def annotated(m, i: int, name: str) -> bool:
    """Whether m.stack[i] is annotated with //name (with Orchestrion's propagation)."""
    stack = m.stack
    ann = m.file.annotations
    while True:
        node = stack[i]
        texts = ann.get(node.pos)
        if texts and directive_args(texts, name) is not None:
            return True
        if i == 0:
            return False
        parent = type(stack[i - 1]).__name__
        if parent == "GenDecl" and type(node).__name__ in ("ValueSpec", "TypeSpec", "ImportSpec"):
            i -= 1
            continue
        if parent in _PROPAGATE:
            i -= 1
            continue
        return False


@register
class Directive(JoinPoint):
    __slots__ = ("name", "_needle")
    key = "directive"
    kinds = ANY

    def __init__(self, name: str):
        self.name = name
        self._needle = ("//" + name).encode()

    @classmethod
    def parse(cls, v):
        name = v.string()
        if name.startswith("//"):
            name = name[2:]
        if not _NAME.match(name):
            raise v.error(f"directive must be a name such as orch:span, not {v.data!r}")
        return cls(name)

    def __getstate__(self):
        return self.name

    def __setstate__(self, state):
        self.__init__(state)

    @property
    def needles(self):
        return (self._needle,)

    def pre(self):
        return ("contains", self._needle)

    def matches(self, m, i):
        return annotated(m, i, self.name)

    def fingerprint(self):
        return ("directive", self.name)
