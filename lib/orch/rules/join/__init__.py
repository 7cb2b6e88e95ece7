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

from .base import ANY, JoinPoint, REGISTRY, UNSUPPORTED, combine_all, combine_any, parse, register  # noqa: F401

# Register every family (each module registers itself in base.REGISTRY).
from . import logic, package, directive, function, call, struct, declaration, configuration  # noqa: E402,F401
