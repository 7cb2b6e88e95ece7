"""Join points about the package being compiled: decided before any file is read.

    import-path = "net/http"            the package's import path
    package-name = "main"               the name in its package clauses
    package-filter = "**/internal/*"    a glob over import paths, or a table
    package-filter = { pattern = "internal/*", root = true }
                                        root: only packages of the main module,
                                        the pattern applied to their path
                                        relative to the module
    test-main = true                    the generated main package of `go test`

All four are filters (node-agnostic): alone, they select the File node of
each file; with all-of they narrow what other join points select.
"""

import re

from .. import prefilter
from .base import JoinPoint, register


class _PackageFact(JoinPoint):
    """A fact about the package: its pre-test decides it (YES or NO)."""
    __slots__ = ()
    kinds = None
    needles = ()

    def matches(self, m, i):
        return prefilter.package_may(self.pre(), m.pkg) == prefilter.YES


@register
class ImportPath(_PackageFact):
    __slots__ = ("path",)
    key = "import-path"

    def __init__(self, path):
        self.path = path

    @classmethod
    def parse(cls, v):
        return cls(v.string())

    def pre(self):
        return ("ip", self.path)

    def fingerprint(self):
        return ("import-path", self.path)


@register
class PackageName(_PackageFact):
    __slots__ = ("name",)
    key = "package-name"

    def __init__(self, name):
        self.name = name

    @classmethod
    def parse(cls, v):
        name = v.string()
        if not name.isidentifier():
            raise v.error(f"package-name must be a Go identifier, not {name!r}")
        return cls(name)

    def pre(self):
        return ("name", self.name)

    def fingerprint(self):
        return ("package-name", self.name)


def glob_regex(pattern: str) -> str:
    """A regular expression for a path glob: * within a segment, ** across
    segments, ? one character but '/', [class] as in path.Match."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                out.append("(?:.*/)?")     # **/ also matches nothing
                i += 1
            else:
                out.append(".*")
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                raise ValueError("unterminated [")
            body = pattern[i + 1:j]
            if body.startswith("^") or body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@register
class PackageFilter(_PackageFact):
    __slots__ = ("pattern", "root", "_re")
    key = "package-filter"

    def __init__(self, pattern: str, root: bool):
        self.pattern = pattern
        self.root = root
        self._re = re.compile(glob_regex(pattern) + r"\Z") if pattern else None

    @classmethod
    def parse(cls, v):
        if isinstance(v.data, str):
            pattern, root = v.string(), False
        else:
            t = v.table({"pattern", "root"})
            if "pattern" not in t and "root" not in t:
                raise v.error("package-filter needs a pattern, root = true, or both")
            pattern = t["pattern"].string() if "pattern" in t else ""
            root = t["root"].boolean() if "root" in t else False
            if not pattern and not root:
                raise v.error("package-filter without a pattern must have root = true")
        try:
            return cls(pattern, root)
        except (ValueError, re.error) as e:
            raise v.error(f"bad package-filter pattern {pattern!r}: {e}")

    def __getstate__(self):
        return (self.pattern, self.root)

    def __setstate__(self, state):
        self.__init__(*state)

    def pre(self):
        return ("filter", self._re.pattern if self._re else "", self.root, self.pattern)

    def fingerprint(self):
        return ("package-filter", self.pattern, self.root)


@register
class TestMain(_PackageFact):
    __slots__ = ("value",)
    key = "test-main"

    def __init__(self, value: bool):
        self.value = value

    @classmethod
    def parse(cls, v):
        return cls(v.boolean())

    def pre(self):
        return ("testmain", self.value)

    def fingerprint(self):
        return ("test-main", self.value)
