"""Types that type-aware rules name and that do not exist: caught at load.

A rule whose argument-implements, result-implements or
final-result-implements type, or whose method-call receiver, names a type
its package does not declare (io.Writerr) would silently never match.
For a standard-library package the answer is in GOROOT's source, so the
version stage (which loads the rules at the start of every build, and
remembers a success: stages/version.py) fails with the rule file and line,
like any other load error. The check is cheap and paid once: only the
packages that type-aware options name are looked at, a file only if it
mentions the name, and most types are found by one byte search for
`type Name` at the start of a line; a file is parsed only for a grouped
`type ( ... )` declaration.

Only a certain "no" is an error: a package that is not in GOROOT (a
module's), or a file that does not parse, gives no answer, and a type
declared only under some build constraint exists. Non-standard packages
are checked at compile time, against their export data, by the type layer
(typeaware.py: a warning, not an error, since the build may still be
right for other packages).
"""

import os
import re

from ..errors import OrchError

TYPE_AWARE = ("argument-implements", "result-implements", "final-result-implements")


def named_types(data, path=()):
    """[(document path, import path, type name)] of the named types that
    the type-aware options of a join point document name (pkg-qualified
    only: a universe name such as error always exists)."""
    from . import typenames
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            p = path + (k,)
            if k in TYPE_AWARE and isinstance(v, str):
                try:
                    t = typenames.parse(v)
                except ValueError:
                    continue        # the loader reports the syntax
                out += [(p, x[1], x[2]) for x in typenames._named_types(t) if x[1]]
            elif k == "method-call" and isinstance(v, dict) and isinstance(v.get("receiver"), str):
                pkg, _, name = v["receiver"].rpartition(".")
                if pkg and name:
                    out.append((p + ("receiver",), pkg, name))
            else:
                out += named_types(v, p)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += named_types(v, path + (i,))
    return out


def check_std_types(rf, goroot) -> None:
    """OrchError(file:line) for the first type-aware option of rule file rf
    (a doc.RuleFile) that names a type a standard-library package does not
    declare."""
    if not goroot or not isinstance(rf.doc, dict):
        return
    for i, a in enumerate(rf.doc.get("aspects") or []):
        if not isinstance(a, dict):
            continue
        for path, pkg, name in named_types(a.get("join-point"), ("aspects", i, "join-point")):
            if std_declares(goroot, pkg, name) is False:
                raise OrchError(f"aspect {a.get('id')!r}: {pkg} has no type {name} "
                                f"(the standard library of {goroot})",
                                path=rf.path, line=rf.line_of(path))


_memo = {}


def std_declares(goroot, pkg, name):
    """Whether standard-library package pkg declares type name in any of
    its files (any build constraint): True, False, or None (not a
    standard-library package here, or a file that cannot be read or parsed)."""
    key = (goroot, pkg, name)
    if key not in _memo:
        _memo[key] = _declares(goroot, pkg, name)
    return _memo[key]


def _declares(goroot, pkg, name):
    from ..types.stdsource import std_dir
    d = std_dir(goroot, pkg)
    if d is None or not name.isidentifier():
        return None
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(".go") and not n.endswith("_test.go"))
    except OSError:
        return None
    word = re.compile(rb"\b%s\b" % re.escape(name.encode()))
    single = re.compile(rb"(?m)^type[ \t]+%s\b" % re.escape(name.encode()))
    grouped = []
    for fn in names:
        try:
            with open(os.path.join(d, fn), "rb") as f:
                src = f.read()
        except OSError:
            return None
        if not word.search(src):
            continue
        if single.search(src):
            return True
        if re.search(rb"(?m)^type[ \t]*\(", src):
            grouped.append((os.path.join(d, fn), src))
    for p, src in grouped:
        found = _in_type_groups(p, src, name)
        if found is not False:
            return found
    return False


def _in_type_groups(path, src, name):
    """Whether a top-level type declaration of file src declares name
    (None if the file does not parse)."""
    from ..golang import GoSyntaxError, ast, parse_file, token
    try:
        f = parse_file(src, path)
    except GoSyntaxError:
        return None
    for decl in f.Decls:
        if type(decl) is ast.GenDecl and decl.Tok == token.TYPE:
            if any(s.Name.Name == name for s in decl.Specs):
                return True
    return False
