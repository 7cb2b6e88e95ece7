"""configuration: Orchestrion's per-node configuration values (deprecated there).

    configuration = { httpmode = "wrap" }

In Orchestrion a node chain carries key/value settings that a join point
may require: the join point holds at a node when every listed key has the
listed value in the node's chain (NodeChain.Config walks up the parents).
Orchestrion v1.15.0 sets exactly one value, at the root of every file,
whatever the project or the package (internal/toolexec/aspect/oncompile.go:
`RootConfig: map[string]string{"httpmode": "wrap"}`), and nothing else ever
sets one. So the join point is a constant, known when the rule is loaded:
it holds everywhere when each pair is httpmode = "wrap" (an empty table
holds too), and nowhere otherwise. orch gives it exactly that meaning, so
that an Orchestrion aspect file selects the same nodes; there is nothing
to configure (orch.toml has no such values).

A filter, like package-filter: alone it selects the File node of each
file; under all-of it narrows what other join points select.
"""

from .base import JoinPoint, register

# What Orchestrion v1.15.0 sets at the root of every node chain, and nothing more.
ORCHESTRION_ROOT_CONFIG = {"httpmode": "wrap"}


@register
class Configuration(JoinPoint):
    __slots__ = ("pairs", "holds")
    key = "configuration"
    kinds = None
    needles = ()

    def __init__(self, pairs):
        self.pairs = tuple(sorted(pairs.items()))
        self.holds = all(ORCHESTRION_ROOT_CONFIG.get(k) == v for k, v in self.pairs)

    @classmethod
    def parse(cls, v):
        t = v.table(None)
        pairs = {}
        for k in t:
            pairs[k] = t[k].string(empty=True)
        return cls(pairs)

    def __getstate__(self):
        return self.pairs

    def __setstate__(self, s):
        self.__init__(dict(s))

    def pre(self):
        if self.holds:
            return ("yes",)
        unmet = ", ".join(f"{k} = {v!r}" for k, v in self.pairs if ORCHESTRION_ROOT_CONFIG.get(k) != v)
        return ("no", f"the configuration never has {unmet} (only httpmode = 'wrap', as in Orchestrion)")

    def matches(self, m, i):
        return self.holds

    def fingerprint(self):
        return ("configuration", self.pairs)
