"""Join points: where in a package's syntax trees a rule applies.

Every join point answers three questions, from cheapest to dearest:

    package_may(pkg)  -> may.NO / MAYBE / YES   from the import path, the
                         package name, the importcfg; no file is read
    file_may(f)       -> may.NO / MAYBE / YES   from a byte search in the
                         file (`//orch:span`, `"net/http"`); nothing parsed
    matches(m, i)     -> bool   on the syntax tree: is m.stack[i] selected?

The first two are given as data (`pre()`, evaluated by prefilter.py), so
that they run without loading the rule classes. A join point also says
which node kinds it can select (`kinds`: go/ast class names, ANY for every
node, or None for a node-agnostic filter such as import-path that only
narrows what others select); a rule whose join point is only a filter
selects the File node. `why_not(pkg)` and `why_not_file(f)` explain a NO in
orch-plan's report; `fingerprint()` is the join point as plain tagged data
for the rule set's hash.

One module per family registers its classes by key in REGISTRY; `parse`
builds a join point from a rule document's value.
"""

from .. import prefilter
from ..doc import RuleError, unknown

ANY = "*"

REGISTRY: dict = {}

# Join points of Orchestrion that orch does not implement (yet): a rule that
# uses one fails when it is loaded, not silently at build time.
UNSUPPORTED = {
    "method-call": "method calls need type information that orch's syntactic matcher does not have",
    "configuration": "orch has no per-package configuration values",
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


# Register every family (import order does not matter; each module registers itself).
from . import logic, package, directive, function, call, struct, declaration  # noqa: E402,F401
