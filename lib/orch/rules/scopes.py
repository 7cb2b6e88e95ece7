"""Local scopes: the names declared in the blocks around a point of a function.

The matcher opens a Scope for each function (its parameters and results)
and block (if, for, switch, case ...), and adds names as their declarations
end (`x := f()` declares x after f() is evaluated), so that `has(name)` is
true exactly where a local declaration hides an import or a top-level name.
"""


class Scope:
    __slots__ = ("parent", "names")

    def __init__(self, parent, names=()):
        self.parent = parent
        self.names = set(names)

    def has(self, name: str) -> bool:
        s = self
        while s is not None:
            if name in s.names:
                return True
            s = s.parent
        return False
