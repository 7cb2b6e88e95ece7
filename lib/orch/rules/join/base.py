"""The base class, the registry and the parser of join points (the package's
interface: see orch.rules.join). Each family module registers its classes here.
"""

from .. import prefilter
from ..doc import RuleError, unknown

ANY = "*"

REGISTRY: dict = {}

# Join points of Orchestrion that orch does not implement (yet): a rule that
# uses one fails when it is loaded, not silently at build time.
UNSUPPORTED = {
    "assignment": "not implemented",
    "goroutine": "not implemented",
    "slice-expression": "not implemented",
    "string-concat": "not implemented",
    "type-conversion": "not implemented",
    "value-operation": "not implemented",
    "method-expression": "not implemented",
    "method-value": "not implemented",
}


def register(cls):
    REGISTRY[cls.key] = cls
    return cls


class JoinPoint:
    """The interface (see the module doc). Subclasses set `key` and `kinds`
    and give their cheap pre-test as data (`pre()`, see prefilter.py)."""

    __slots__ = ()
    key = ""
    kinds = None            # frozenset of go/ast class names, ANY, or None (a filter)
    needs_scope = False     # matches() reads m.scope (local declarations in force)
    # Byte strings of which a function body or composite literal value must
    # hold one for this join point itself to select or read anything in it
    # (function-call: the function's name), or None: anything in any body
    # may matter. A rule is matched on a tree whose blocks that hold none of
    # its join points' needles are skimmed (parse_file's skim).
    needles = None

    @classmethod
    def parse(cls, v):
        raise NotImplementedError

    def pre(self) -> tuple:
        """The package- and file-level pre-test (prefilter.py's expressions)."""
        return ("maybe",)

    def prefilter(self) -> tuple:
        """pre(), labelled with this join point's key for orch-plan's reasons."""
        return ("label", self.key, self.pre())

    def package_may(self, pkg) -> int:
        return prefilter.package_may(self.prefilter(), pkg)

    def file_may(self, f) -> int:
        return prefilter.file_may(self.prefilter(), f)

    def why_not(self, pkg) -> str:
        return prefilter.why(self.prefilter(), pkg, "package")

    def why_not_file(self, f) -> str:
        return prefilter.why(self.prefilter(), f, "file")

    def matches(self, m, i: int) -> bool:
        raise NotImplementedError

    def fingerprint(self) -> tuple:
        raise NotImplementedError

    def children(self) -> tuple:
        return ()

    def body_needles(self):
        """The needles of this join point and those inside it (a frozenset),
        or None if one of them may look at any body."""
        out = set()
        for j in self.walk():
            if j.needles is None:
                return None
            out.update(j.needles)
        return frozenset(out)

    def walk(self):
        """This join point and all those inside it."""
        yield self
        for c in self.children():
            yield from c.walk()


def parse(v) -> JoinPoint:
    """The join point of a rule document value: a table with one key."""
    key, inner = v.single("join point")
    cls = REGISTRY.get(key)
    if cls is None:
        if key in UNSUPPORTED:
            raise RuleError(f"join point {key!r} is not supported by orch: {UNSUPPORTED[key]}", inner.path, key)
        raise unknown("join point", key, REGISTRY, inner.path)
    return cls.parse(inner)


def combine_all(kinds_list):
    """Kinds selected by an all-of: the intersection of its members' (filters ignored)."""
    result = None
    for k in kinds_list:
        if k is None:
            continue
        if result is None or result == ANY:
            result = k
        elif k != ANY:
            result = result & k
    return result


def combine_any(kinds_list):
    """Kinds selected by a one-of: the union. A one-of of filters is a
    filter; a filter among other members holds for every node of the
    package, so the one-of may then select any node (as in Orchestrion)."""
    kinds_list = list(kinds_list)
    if all(k is None for k in kinds_list):
        return None
    result = frozenset()
    for k in kinds_list:
        if k is None or k == ANY:
            return ANY
        result |= k
    return result

