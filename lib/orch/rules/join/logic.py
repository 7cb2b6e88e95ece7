"""all-of, one-of, not: join points made of join points.

    all-of = [ {import-path = "net/http"}, {function-call = "net/http.Get"} ]
    one-of = [ {function-call = "net/http.Get"}, {function-call = "net/http.Post"} ]
    not = { directive = "orch:ignore" }

They combine the three-valued pre-tests with may.all_of / one_of / negate,
so `all-of` of an import-path that does not hold rules a package out before
any file is read. `not` is a filter: it never selects nodes by itself.
"""

from .. import may
from ..doc import RuleError
from . import JoinPoint, register, parse, combine_all, combine_any


class _Group(JoinPoint):
    __slots__ = ("members", "kinds", "needs_scope")

    def __init__(self, members):
        self.members = tuple(members)
        self.needs_scope = any(m.needs_scope for m in self.members)

    @classmethod
    def parse(cls, v):
        items = v.items()
        if len(items) < 1:
            raise v.error(f"{cls.key} needs at least one join point")
        jp = cls([parse(x) for x in items])
        return jp

    def children(self):
        return self.members

    def fingerprint(self):
        return (self.key, tuple(m.fingerprint() for m in self.members))


@register
class AllOf(_Group):
    __slots__ = ()
    key = "all-of"

    def __init__(self, members):
        super().__init__(members)
        self.kinds = combine_all(m.kinds for m in self.members)

    @classmethod
    def parse(cls, v):
        jp = super().parse(v)
        if jp.kinds is not None and not jp.kinds:
            raise v.error("all-of can never match: its join points select different kinds of nodes")
        return jp

    def package_may(self, pkg):
        return may.all_of(m.package_may(pkg) for m in self.members)

    def file_may(self, f):
        return may.all_of(m.file_may(f) for m in self.members)

    def matches(self, m, i):
        for x in self.members:
            if not x.matches(m, i):
                return False
        return True

    def why_not(self, pkg):
        for x in self.members:
            if x.package_may(pkg) == may.NO:
                return x.why_not(pkg)
        return super().why_not(pkg)

    def why_not_file(self, f):
        for x in self.members:
            if x.file_may(f) == may.NO:
                return x.why_not_file(f)
        return super().why_not_file(f)


@register
class OneOf(_Group):
    __slots__ = ()
    key = "one-of"

    def __init__(self, members):
        super().__init__(members)
        self.kinds = combine_any(m.kinds for m in self.members)

    def package_may(self, pkg):
        return may.one_of(m.package_may(pkg) for m in self.members)

    def file_may(self, f):
        return may.one_of(m.file_may(f) for m in self.members)

    def matches(self, m, i):
        node = type(m.stack[i]).__name__
        for x in self.members:
            k = x.kinds
            # A member only answers for the kinds it selects (a filter: the File).
            if k is None:
                if node != "File":
                    continue
            elif k != "*" and node not in k:
                continue
            if x.matches(m, i):
                return True
        return False

    def why_not(self, pkg):
        return "none of: " + "; ".join(x.why_not(pkg) for x in self.members)

    def why_not_file(self, f):
        return "none of: " + "; ".join(x.why_not_file(f) for x in self.members)


@register
class Not(JoinPoint):
    __slots__ = ("member", "needs_scope")
    key = "not"
    kinds = None

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

    def package_may(self, pkg):
        return may.negate(self.member.package_may(pkg))

    def file_may(self, f):
        return may.negate(self.member.file_may(f))

    def matches(self, m, i):
        return not self.member.matches(m, i)

    def why_not(self, pkg):
        return f"not: {self.member.key} holds for the whole package"

    def why_not_file(self, f):
        return f"not: {self.member.key} holds for the whole file"

    def fingerprint(self):
        return ("not", self.member.fingerprint())
