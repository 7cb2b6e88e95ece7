"""The cheap pre-tests of join points, as data: decided before any parse.

Each join point describes its package- and file-level test as a small
expression of plain tuples (join point `pre()`), which this module
evaluates to may.NO / MAYBE / YES and, for NO, explains:

    ("ip", path)              the package's import path is path       YES/NO
    ("name", name)            its package clause says name            YES/NO
    ("filter", re, root, pattern)  package-filter                     YES/NO
    ("testmain", flag)        go test's generated main package or not YES/NO
    ("imports", path)         package: NO if the importcfg lacks path, else MAYBE;
    ("pkgimports", path)      package and file: NO if the importcfg lacks path
                              (and the package is not path), else MAYBE (type-aware
                              options: a file need not name the interface's package)
                              file: NO unless the file mentions "path" (or is path)
    ("pkgknows", path)        package and file: as pkgimports, but MAYBE too when the
                              export data of an imported package names path (type-aware
                              options: a type of path that the package does not import,
                              known from its imports' deep export data)
    ("contains", bytes)       package: MAYBE; file: NO unless the bytes occur
    ("word", bytes)           as contains, for an identifier or keyword: the bytes
                              must occur as a whole word (no letter, digit or _
                              of ASCII on either side), as `grep -w` finds them
    ("typename", name)        as contains, with byte/uint8 and rune/int32 alike
    ("re", pattern, what)     as contains, for a regular expression (bytes)
    ("yes",) ("maybe",) ("no",)  constants; ("no", reason) says why (configuration)
    ("all", [e...]) ("any", [e...]) ("not", e)    may.all_of / one_of / negate
    ("label", key, e)         e, its reasons prefixed with "key: "

necessary_condition(table) sums up the pre-tests of a whole rule set as
import paths, byte strings and words, for the launcher's fast path
(fastpath.py).

Being data, the expressions of all rules are stored (marshal) next to the
pickled rule set, so a compile call that no rule can touch loads neither
the rule classes nor the parser, and reads no more than the files' bytes.
"""

NO, MAYBE, YES = 0, 1, 2


def package_may(e, pkg) -> int:
    return _may(e, pkg, _package_test)


def file_may(e, f) -> int:
    return _may(e, f, _file_test)


def _may(e, ctx, test) -> int:
    """e for ctx: the combinators here, the plain tests by test(e, ctx)."""
    op = e[0]
    if op == "all":
        r = YES
        for x in e[1]:
            v = _may(x, ctx, test)
            if v < r:
                r = v
                if r == NO:
                    break
        return r
    if op == "any":
        r = NO
        for x in e[1]:
            v = _may(x, ctx, test)
            if v > r:
                r = v
                if r == YES:
                    break
        return r
    if op == "not":
        return 2 - _may(e[1], ctx, test)
    if op == "label":
        return _may(e[2], ctx, test)
    return test(e, ctx)


def _package_test(e, pkg) -> int:
    op = e[0]
    if op == "ip":
        return YES if pkg.import_path == e[1] else NO
    if op in ("imports", "pkgimports"):
        return NO if pkg.imports(e[1]) is False else MAYBE
    if op == "pkgknows":
        return NO if pkg.knows(e[1]) is False else MAYBE
    if op in ("contains", "word", "typename", "re"):
        return MAYBE
    if op == "name":
        return YES if pkg.name == e[1] else NO
    if op == "testmain":
        return YES if pkg.test_main == e[1] else NO
    if op == "filter":
        return YES if _filter(e, pkg) else NO
    if op in ("yes", "maybe", "no"):
        return {"yes": YES, "maybe": MAYBE, "no": NO}[op]
    raise ValueError(f"unknown pre-test {op!r}")


def _file_test(e, f) -> int:
    """The byte searches; the package's facts hold for each of its files."""
    op = e[0]
    if op == "contains":
        found = e[1] in f.data
    elif op == "word":
        found = has_word(f.data, e[1])
    elif op == "imports":
        found = f.may_import(e[1])
    elif op == "typename":
        found = f.contains_type_name(e[1])
    elif op == "re":
        found = _regex(e[1]).search(f.data) is not None
    else:
        return _package_test(e, f.pkg)
    return MAYBE if found else NO


def why(e, ctx, level: str) -> str:
    """Why e is NO for ctx (a package, or a file when level == "file")."""
    op = e[0]
    test = file_may if level == "file" else package_may
    if op == "label":
        return f"{e[1]}: {why(e[2], ctx, level)}"
    if op == "all":
        for x in e[1]:
            if test(x, ctx) == NO:
                return why(x, ctx, level)
        return "cannot match"
    if op == "any":
        return "none of: " + "; ".join(why(x, ctx, level) for x in e[1])
    if op == "not":
        return "the negated condition holds for the whole " + ("file" if level == "file" else "package")
    pkg = ctx.pkg if level == "file" else ctx
    if op == "ip":
        return f"the package is {pkg.import_path}, not {e[1]}"
    if op == "imports":
        return f"the {level} does not import {e[1]}"
    if op == "pkgimports":
        return f"the package does not import {e[1]}"
    if op == "pkgknows":
        return f"the package does not import {e[1]}, nor does its imports' export data name it"
    if op == "contains":
        return f"the file does not contain {e[1].decode('utf-8', 'replace')}"
    if op == "word":
        return f"the file does not contain the word {e[1].decode('utf-8', 'replace')}"
    if op == "typename":
        return f"the file does not mention {e[1]}"
    if op == "re":
        return f"the file does not contain {e[2]}"
    if op == "name":
        return f"the package is named {pkg.name or '?'}, not {e[1]}"
    if op == "testmain":
        return "this is " + ("" if pkg.test_main else "not ") + "the generated test main package"
    if op == "filter":
        _, _, root, pattern = e
        if root and not _in_module(pkg):
            return f"{pkg.import_path} is not in the main module ({pkg.module_path or 'unknown'})"
        return f"{pkg.import_path} does not match {pattern!r}"
    if op == "no" and len(e) > 1:
        return e[1]
    return "cannot match"


# What `grep -w` counts as part of a word in the C locale: a match counts
# only if neither neighbour is one (other bytes, UTF-8 included, are not).
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def has_word(data: bytes, word: bytes) -> bool:
    """Whether word occurs in data as a whole word. A find loop, not re: a
    file that does not contain the bytes at all (most) costs one scan and no
    import."""
    n, i = len(word), data.find(word)
    while i >= 0:
        if (i == 0 or data[i - 1] not in _WORD_BYTES) and (
                i + n == len(data) or data[i + n] not in _WORD_BYTES):
            return True
        i = data.find(word, i + 1)
    return False


def _in_module(pkg) -> bool:
    mod = pkg.module_path
    return bool(mod) and (pkg.import_path == mod or pkg.import_path.startswith(mod + "/"))


_compiled = {}


def _filter(e, pkg) -> bool:
    _, regex, root, pattern = e
    path = pkg.import_path
    if root:
        if not _in_module(pkg):
            return False
        mod = pkg.module_path
        path = "" if path == mod else path[len(mod) + 1:]
        if not pattern:
            return True
    return _regex(regex).match(path) is not None


def _regex(pattern):
    r = _compiled.get(pattern)
    if r is None:
        import re
        r = _compiled[pattern] = re.compile(pattern)
    return r


# --- a summary for the launcher (fastpath.py) ------------------------------

_ANYTHING = None     # a necessary condition that excludes nothing

# In a summary's import paths, "P/..." stands for P and every package below
# it, as in go's patterns; MAIN_MODULE for the main module's packages, which
# the version stage names (its module path is not part of the rules).
MAIN_MODULE = "(main module)/..."


def necessary_condition(table) -> tuple[list[str], list[bytes], list[bytes]] | None:
    """(import paths, patterns, words) such that a rule of the prefilter
    table can touch a package only if its import path is listed
    (path_listed) or one of its files contains a pattern, or a word as a
    whole word (has_word); None when the rules allow no such summary."""
    paths, patterns, words = set(), set(), set()
    for _rule_id, pre in table:
        c = _necessary(pre)
        if c is _ANYTHING:
            return None
        paths |= c[0]
        patterns |= c[1]
        words |= c[2]
    if any(not p or b"\n" in p for p in patterns | words):
        return None      # not expressible as grep -F patterns
    # A long name is rarely part of a longer identifier: searched as plain
    # bytes, it spares the launcher its second grep for every package.
    patterns |= {w for w in words if len(w) >= LONG_WORD}
    return sorted(paths), sorted(patterns), sorted(w for w in words if w not in patterns)


LONG_WORD = 8


def path_listed(import_path: str, paths) -> bool:
    """Whether a summary's import paths list import_path, as the launcher
    reads them: exactly, or under an entry "P/..."."""
    return any(import_path == p or p.endswith("/...") and (import_path + "/").startswith(p[:-3])
               for p in paths)


def _necessary(e):
    """A condition (import paths, patterns, words) implied by pre-test e
    being MAYBE or YES for some file of a package, or _ANYTHING."""
    op = e[0]
    if op == "ip":
        return {e[1]}, set(), set()
    if op == "contains":
        return set(), {e[1]}, set()
    if op == "word":
        return set(), set(), {e[1]}
    if op in ("imports", "pkgimports"):
        # FileContext.may_import: it is the package, or names it quoted; a
        # package imports what one of its files imports (the importcfg)
        return {e[1]}, set(quoted_paths(e[1])), set()
    if op == "typename":        # FileContext.contains_type_name
        if e[1] == "any":
            return _ANYTHING
        b = e[1].encode()
        return set(), {b} | {x for pair in _ALIASES for x in pair if b in pair}, set()
    if op == "no":
        return set(), set(), set()
    if op == "filter" and e[2]:     # package-filter with root = true: the main module only
        return {MAIN_MODULE}, set(), set()
    if op == "label":
        return _necessary(e[2])
    if op == "any":
        paths, patterns, words = set(), set(), set()
        for x in e[1]:
            c = _necessary(x)
            if c is _ANYTHING:
                return _ANYTHING
            paths |= c[0]
            patterns |= c[1]
            words |= c[2]
        return paths, patterns, words
    if op == "all":             # any one conjunct is necessary: take the most selective
        known = [c for c in map(_necessary, e[1]) if c is not _ANYTHING]
        return min(known, key=_breadth) if known else _ANYTHING
    return _ANYTHING                 # re, name, filter by pattern, testmain, not, yes, maybe


_ALIASES = ((b"uint8", b"byte"), (b"int32", b"rune"))


def quoted_paths(path: str) -> tuple[bytes, bytes]:
    """How a file that imports path names it: quoted, or as a raw string."""
    return f'"{path}"'.encode(), f"`{path}`".encode()


def _breadth(c) -> tuple:
    """How much of a build a condition lets through (smaller: rarer). An
    import path alone selects one package; a pattern selects every file
    that has it, and a short one is common; a word is rarer than the same
    bytes anywhere (a quoted import path counts without its quotes)."""
    paths, patterns, words = c
    if not patterns and not words:
        return (0, len(paths))
    sizes = [len(p) - 2 * (p[:1] in (b'"', b"`")) for p in patterns] + [len(w) + 1 for w in words]
    return (1, -min(sizes), len(paths) + len(patterns) + len(words))
