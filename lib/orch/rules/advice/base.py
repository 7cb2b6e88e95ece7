"""The base class, the registry and the parser of advice (the package's
interface: see orch.rules.advice). Each family module registers its classes here.
"""

from ..doc import unknown
from .code import Code

ANY = "*"
DEFAULT_NAMESPACE = "default"

REGISTRY: dict = {}

STMT_KINDS = frozenset((
    "BlockStmt", "DeclStmt", "EmptyStmt", "LabeledStmt", "ExprStmt", "SendStmt", "IncDecStmt",
    "AssignStmt", "GoStmt", "DeferStmt", "ReturnStmt", "BranchStmt", "IfStmt", "SwitchStmt",
    "TypeSwitchStmt", "SelectStmt", "ForStmt", "RangeStmt",
))
EXPR_KINDS = frozenset((
    "Ident", "BasicLit", "FuncLit", "CompositeLit", "ParenExpr", "SelectorExpr", "IndexExpr",
    "IndexListExpr", "SliceExpr", "TypeAssertExpr", "CallExpr", "StarExpr", "UnaryExpr",
    "BinaryExpr", "KeyValueExpr",
))


def register(cls):
    REGISTRY[cls.key] = cls
    return cls


class Advice:
    __slots__ = ()
    key = ""
    targets = ANY
    namespace = DEFAULT_NAMESPACE
    order = 0
    lang = None

    @classmethod
    def parse(cls, v):
        raise NotImplementedError

    def check(self, node, parent) -> str | None:
        return None

    def apply(self, rw, target) -> None:
        raise NotImplementedError

    def import_paths(self) -> set:
        return set()

    def links(self) -> tuple:
        return ()

    def codes(self) -> tuple:
        """The code templates of this advice (for load-time checks)."""
        return ()

    def fingerprint(self) -> tuple:
        raise NotImplementedError

    def sort_key(self) -> tuple:
        """Where this advice applies among those at one node, as Orchestrion
        orders them: by namespace (compared as strings, "default" among the
        others), then order; the caller breaks ties by definition order."""
        return (self.namespace, self.order)

    def accepts_kinds(self, kinds) -> bool:
        """Whether a join point selecting `kinds` can ever give this advice a node."""
        if self.targets == ANY or kinds is None or kinds == "*":
            return True
        return bool(self.targets & kinds)


class CodeAdvice(Advice):
    """An advice made of one code template: its language version, templates
    and imports are the code's. Subclasses with more settings than the
    template's table parse them themselves (Code.parse(v, extra=...))."""
    __slots__ = ("code",)

    def __init__(self, code: Code):
        self.code = code

    @classmethod
    def parse(cls, v):
        code, _ = Code.parse(v)
        return cls(code)

    @property
    def lang(self):
        return self.code.lang

    def codes(self):
        return (self.code,)

    def import_paths(self):
        return set(self.code.imports.values())

    def fingerprint(self):
        return (self.key, self.code.fingerprint())


def parse(v):
    """One advice: a table with one key."""
    key, inner = v.single("advice")
    cls = REGISTRY.get(key)
    if cls is None:
        raise unknown("advice", key, REGISTRY, inner.path)
    return cls.parse(inner)

