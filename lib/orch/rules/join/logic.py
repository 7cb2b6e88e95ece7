"""all-of, one-of, not: join points made of join points.

    all-of = [ {import-path = "net/http"}, {function-call = "net/http.Get"} ]
    one-of = [ {function-call = "net/http.Get"}, {function-call = "net/http.Post"} ]
    not = { directive = "orch:ignore" }

Their pre-tests combine their members' with may.all_of / one_of / negate,
so `all-of` of an import-path that does not hold rules a package out before
any file is read. `not` is a filter: it never selects nodes by itself.
"""

from ..doc import RuleError
from .base import JoinPoint, register, parse, combine_all, combine_any


class _Group(JoinPoint):
    __slots__ = ("members", "kinds", "needs_scope")
    op = ""
    needles = ()           # its members' (children)

    def __init__(self, members):
        self.members = tuple(members)
        self.needs_scope = any(m.needs_scope for m in self.members)

    @classmethod
    def parse(cls, v):
        items = v.items()
        if not items:
            raise v.error(f"{cls.key} needs at least one join point")
        return cls([parse(x) for x in items])

    def children(self):
        return self.members

    def prefilter(self):
        return (self.op, [m.prefilter() for m in self.members])

    def fingerprint(self):
        return (self.key, tuple(m.fingerprint() for m in self.members))


@register
class AllOf(_Group):
    __slots__ = ()
    key = "all-of"
    op = "all"

    def __init__(self, members):
        super().__init__(members)
        self.kinds = combine_all(m.kinds for m in self.members)

    @classmethod
    def parse(cls, v):
        jp = super().parse(v)
        if jp.kinds is not None and not jp.kinds:
            raise v.error("all-of can never match: its join points select different kinds of nodes")
        return jp

    def matches(self, m, i):
        for x in self.members:
            if not x.matches(m, i):
                return False
        return True


@register
class OneOf(_Group):
    __slots__ = ()
    key = "one-of"
    op = "any"

    def __init__(self, members):
        super().__init__(members)
        self.kinds = combine_any(m.kinds for m in self.members)

    def matches(self, m, i):
        # Each member checks the kind of node it selects itself.
        for x in self.members:
            if x.matches(m, i):
                return True
        return False


@register
class Not(JoinPoint):
    __slots__ = ("member", "needs_scope")
    key = "not"
    kinds = None
    needles = ()           # its member's (a child)

    def __init__(self, member):
        self.member = member
        self.needs_scope = member.needs_scope

    @classmethod
    def parse(cls, v):
        if isinstance(v.data, list):
            raise RuleError("not takes one join point (a table), not a list", v.path)
        return cls(parse(v))

    def children(self):
        return (self.member,)

    def prefilter(self):
        return ("not", self.member.prefilter())

    def matches(self, m, i):
        return not self.member.matches(m, i)

    def fingerprint(self):
        return ("not", self.member.fingerprint())
