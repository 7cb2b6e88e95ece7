"""The type layer (orch.types) as the rules ask it: does the type of this
parameter or result implement the interface a rule names?

Only join points whose pre-test passed get here (the package imports the
interface's package, or is it, or may know its types otherwise: see
PackageContext.knows), so the export data and the package's other files
are read only where a type-aware rule may match. Whatever cannot be
known answers "no", and nothing here raises: a rule never makes a build
fail because a type was unknowable. What made an answer "no" that the
user should hear of (export data orch cannot read; a type the rule names
that its package's export data does not declare) is noted for the
compile's warnings (typewarn.py), naming the rule that asked
(PackageContext.asking).
"""

from ..golang import ast
from ..types.exprs import type_params
from ..types.model import INVALID, UNIVERSE_TYPES, Interface, Pointer, instantiate

# CPU seconds this process spent answering type questions (implementing,
# method_receiver): ORCH_DEBUG_DIR's timings.jsonl records it as the
# rewrite stage's part "types" (toolexec.py).
SPENT = [0.0]


def _timed(f):
    import functools
    import time

    @functools.wraps(f)
    def timed(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            SPENT[0] += time.process_time() - t
    return timed


def source_package(pkg, file_ast):
    """The SourcePackage of PackageContext pkg (made once), knowing file_ast."""
    sp = pkg.types
    if sp is None:
        from ..types.importer import Importer
        from ..types.source import SourcePackage
        imp = None
        if pkg.importcfg:
            try:
                imp = Importer.from_importcfg(pkg.importcfg, getattr(pkg, "goroot", None))
            except OSError:
                imp = None
        if imp is None:
            imp = Importer({})
        sp = SourcePackage(pkg.import_path, [], imp)
        sp.pending = list(pkg.files)
        pkg.types = sp
    sp.add_file(file_ast)
    sp.complete()
    return sp


def rule_type(sp, t):
    """The model type of a typenames tuple, or None if unknown."""
    k = t[0]
    if k == "P":
        e = rule_type(sp, t[1])
        return Pointer(e) if e is not None else None
    if k == "I":
        return Interface([], [])
    if k != "N":
        return None
    _, path, name, args = t
    if not path:
        r = UNIVERSE_TYPES.get(name)
        if r is None:
            r = sp.named(name)
    else:
        r = sp._imported(path, name)
    if r is None or r is INVALID or not hasattr(r, "underlying"):
        return None
    if args:
        targs = [rule_type(sp, a) for a in args]
        if any(a is None for a in targs):
            return None
        r = instantiate(r, targs)
    return r


@_timed
def implementing(pkg, file_ast, stack, fields, t):
    """Indexes of the fields (typenames.expand output) whose types implement
    (interface) or are (other types) the rule's type t."""
    try:
        from ..types.methodset import implements
        sp = source_package(pkg, file_ast)
        want = rule_type(sp, t)
        if want is None:
            from . import typenames
            for x in typenames._named_types(t):
                check_declared(pkg, sp, x[1], x[2])
            return []
        env = type_params(sp, stack, file_ast)
        is_iface = isinstance(want.underlying(), Interface)
        out = []
        for i, (_, x) in enumerate(fields):
            got = sp.type_of(x, file_ast, env)
            if got is INVALID:
                continue
            if type(x) is ast.Ellipsis:
                continue  # a variadic parameter is a slice: never an interface's implementation
            if is_iface and implements(got, want) or not is_iface and got == want:
                out.append(i)
        return out
    except RecursionError:
        return []
    except Exception:  # an unforeseen shape of source or export data: no answer
        return []
    finally:
        _report(pkg)


def may_pre(t):
    """The pre-test of a type-aware option naming type t: the package
    imports the package of each named type (or is it, or the export data
    of a package it imports names it: Importer.deep_lookup), and a file
    has a function."""
    from . import typenames
    tests = [("contains", b"func")]
    for p in sorted(typenames.import_paths(t)):
        tests.append(("pkgknows", p))
    return ("all", tests)


@_timed
def method_receiver(pkg, file_ast, stack, x, name, receiver=None):
    """(the named type that declares method `name` selected on expression x,
    whether x's type is a pointer), or None if unknown or not a method.
    receiver: the rule's (path, type name), checked to exist."""
    try:
        from ..types.exprs import Typer
        from ..types.methodset import lookup_owner
        from ..types.model import Named
        sp = source_package(pkg, file_ast)
        if receiver is not None:
            check_declared(pkg, sp, *receiver)
        typer = Typer(sp, file_ast, stack)
        # a package name: a function call, not a method call
        if type(x) is ast.Ident and typer._local_decl(x.Name, x.pos) is None \
                and x.Name not in sp.vars and sp.import_path(x.Name, file_ast) is not None:
            return None
        t = typer.typeof(x)
        if t is INVALID:
            return None
        mid = name if name[:1].isupper() else sp.path + "." + name
        r = lookup_owner(t, mid)
        if r is None or r[0] != "method" or not isinstance(r[3], Named):
            return None
        return r[3], isinstance(t, Pointer)
    except RecursionError:
        return None
    except Exception:  # an unforeseen shape: no answer, never a failed build
        return None
    finally:
        _report(pkg)


def check_declared(pkg, sp, path, name):
    """Note (typewarn.py) when the export data of path, readable and listed
    by the importcfg, does not declare the type path.name a rule names.
    (A standard-library type was checked at load: rules/typecheck.py; the
    package's own types come from source and are not warned about.)"""
    if not path or path == sp.path or sp.importer is None:
        return
    imp = sp.importer
    if imp.package(path) is None:
        return          # not listed (no answer), or unreadable (reported as such)
    obj = imp.lookup(path, name)
    if obj is None or obj.kind not in ("type", "alias"):
        from ..types.archive import go_version
        f = imp.files.get(imp.maps.get(path, path), "?")
        pkg.type_warnings.missing(path, name, f"{f}, {go_version(f)}", pkg.asking)


def _report(pkg):
    """The unreadable archives the question just asked needed: a warning
    naming the rule that asked (typewarn.py)."""
    sp = pkg.types
    if sp is None or sp.importer is None:
        return
    for error in sp.importer.take_unreadable():
        pkg.type_warnings.unreadable(error, pkg.asking)
