"""Loading rule files into a RuleSet: parse, validate, fingerprint.

A rule file (TOML or JSON) has the tree of keys of an Orchestrion aspect
file:

    [meta]                       # optional, free-form (name, description ...)
    [[aspects]]
    id = "trace-handlers"        # unique among all rule files in force
    join-point = { function-call = "net/http.HandleFunc" }
    [[aspects.advice]]           # one table or a list of them
    wrap-expression = { template = "...", imports = { ... } }

orch.toml may hold its own [orch] settings table too; it is not a rule.
Every error is reported as `file:line: message` (see doc.py) and a broken
file fails the build at its start, when go asks for the compiler's version.
"""

import os

from ..errors import OrchError
from .doc import RuleFile, RuleError, Value
from . import join, advice as advice_mod

_ASPECT_KEYS = {"id", "join-point", "advice", "tracer-internal"}
_TOP_KEYS = {"aspects", "meta", "orch"}


class Aspect:
    """One rule: an id, a join point, its advice; where it was defined."""

    __slots__ = ("id", "join_point", "advice", "file", "line", "index")

    def __init__(self, id, join_point, advice, file, line, index):
        self.id = id
        self.join_point = join_point
        self.advice = tuple(advice)
        self.file = file        # the rule file (absolute path)
        self.line = line        # the line of its [[aspects]] entry
        self.index = index      # its position among all aspects in force

    @property
    def kinds(self):
        """The node kinds this rule selects (a filter-only join point: the File)."""
        k = self.join_point.kinds
        return frozenset(("File",)) if k is None else k

    def fingerprint(self) -> tuple:
        return ("aspect", self.id, self.join_point.fingerprint(), tuple(a.fingerprint() for a in self.advice))


class RuleSet:
    """The aspects in force, in definition order, with their hash."""

    def __init__(self, aspects, files):
        self.aspects = list(aspects)
        self.files = list(files)
        self.by_id = {a.id: a for a in self.aspects}
        from . import fingerprint
        self.fingerprint = fingerprint.hash_value("orch-aspects-v2", [a.fingerprint() for a in self.aspects])

    def __len__(self):
        return len(self.aspects)

    def get(self, rule_id: str) -> Aspect:
        a = self.by_id.get(rule_id)
        if a is None:
            raise OrchError(f"the plan names rule {rule_id!r}, which is not in the rules in force")
        return a

    def prefilter_table(self) -> tuple:
        """(hash, ((id, pre-test), ...)): what cache.py stores for cheap calls."""
        return (self.fingerprint, tuple((a.id, a.join_point.prefilter()) for a in self.aspects))

    def injected_paths(self) -> set:
        """Every import path that advice may add to a package, links included."""
        out = set()
        for a in self.aspects:
            for adv in a.advice:
                out |= adv.import_paths()
                out.update(adv.links())
        return out


def load_files(paths, goroot: str | None = None) -> RuleSet:
    """Parse and check the rule files; OrchError(file:line: ...) on the first problem.
    With the compiler's goroot, a type-aware option that names a type a
    standard-library package does not declare is a problem too (typecheck.py)."""
    aspects, seen = [], {}
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise OrchError(f"cannot read rule file: {e.strerror}", path=path)
        rf = RuleFile(path, data)
        try:
            for a in _aspects(rf, len(aspects)):
                if a.id in seen:
                    other = seen[a.id]
                    raise OrchError(f"duplicate aspect id {a.id!r} (first defined at {other.file}:{other.line})",
                                    path=path, line=a.line)
                seen[a.id] = a
                aspects.append(a)
        except RuleError as e:
            raise rf.error(e) from None
        if goroot:
            from .typecheck import check_std_types
            check_std_types(rf, goroot)
    return RuleSet(aspects, [os.path.abspath(p) for p in paths])


def _aspects(rf: RuleFile, first_index: int):
    root = Value(rf.doc)
    top = root.table(_TOP_KEYS)
    if "meta" in top:
        top["meta"].table()
    if "aspects" not in top:
        return
    for i, v in enumerate(top["aspects"].items()):
        t = v.table(_ASPECT_KEYS, required=("id", "join-point", "advice"))
        aspect_id = t["id"].string()
        if "tracer-internal" in t:
            t["tracer-internal"].boolean()      # accepted for Orchestrion compatibility; no meaning here
        jp = join.parse(t["join-point"])
        av = t["advice"]
        items = [av] if isinstance(av.data, dict) else av.items(empty=False)
        advice = []
        for n, x in enumerate(items):
            a = advice_mod.parse(x)
            if not a.accepts_kinds(jp.kinds):
                raise x.error(f"{a.key} cannot apply to what the join point selects "
                              f"({', '.join(sorted(jp.kinds))})")
            for code in a.codes():
                code.name = f"{aspect_id}/advice[{n}]"
                code.where = f"{rf.path}:{rf.line_of(code.path)}"
                _check_template(code, rf, aspect_id)
            advice.append(a)
        line = rf.line_of(("aspects", i, "id"), aspect_id)
        yield Aspect(aspect_id, jp, advice, os.path.abspath(rf.path), line, first_index + i)


def _check_template(code, rf: RuleFile, aspect_id: str) -> None:
    """Parse the template now so that a syntax error fails at load time,
    reported at the rule file's line of the template's offending line."""
    from . import render
    problem = render.check(code.text, code.name)
    if problem is None:
        return
    message, tline = problem
    line = rf.line_of(code.path)
    if tline and line and not rf.path.endswith(".json"):
        text_line = rf.text.split("\n")[line - 1]
        starts_below = text_line.rstrip().endswith(('"""', "'''"))
        line += tline - (0 if starts_below else 1)
    raise OrchError(f"aspect {aspect_id!r}: {message}", path=rf.path, line=line)
