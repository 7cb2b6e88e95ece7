"""What the cheap pre-tests look at: the package being compiled and its files.

Everything is computed on first use, so a package that the import path
alone rules out costs no file read at all:

    PackageContext   import path, package name (from the first file's
                     package clause), whether it is go test's generated
                     main package, its imports (from the compile's
                     importcfg, which lists every package it may import),
                     the main module's path (for package-filter root)
    FileContext      one file's bytes, for byte searches
"""

import os

from .prefilter import quoted_paths


class PackageContext:
    __slots__ = ("import_path", "files", "test_main", "importcfg", "module_root",
                 "_name", "_imports", "_module_path", "types", "_knows", "goroot", "_warnings", "asking")

    def __init__(self, import_path: str, files, *, test_main: bool = False,
                 importcfg: str | None = None, module_root: str | None = None,
                 goroot: str | None = None):
        self.import_path = import_path
        self.files = list(files)          # absolute paths of the package's Go files
        self.test_main = test_main
        self.importcfg = importcfg
        self.module_root = module_root
        self._name = None
        self._imports = None
        self._module_path = None
        self._knows = {}
        self.goroot = goroot              # of the compiler: standard-library source
        self.types = None                 # the type layer (rules/typeaware.py), on first need
        self._warnings = None
        self.asking = None                # the rule whose join point or template asks (typewarn.py)

    @property
    def type_warnings(self):
        """What type-aware rules could not be answered here (typewarn.py)."""
        if self._warnings is None:
            from .typewarn import TypeWarnings
            self._warnings = TypeWarnings()
        return self._warnings

    def warning_lines(self) -> list:
        return self._warnings.lines(self.import_path) if self._warnings is not None else []

    @property
    def name(self) -> str:
        """The package name of the package clauses ("" if unreadable)."""
        if self._name is None:
            self._name = ""
            for path in self.files:
                try:
                    with open(path, "rb") as f:
                        head = f.read(16384)
                except OSError:
                    continue
                name = package_clause(head)
                if name:
                    self._name = name
                    break
        return self._name

    def imports(self, path: str):
        """True/False: whether the package may import path; None if unknown."""
        if path == self.import_path:
            return True
        if self._imports is None:
            self._imports = _read_importcfg(self.importcfg)
        if self._imports is False:
            return None
        return path in self._imports

    def knows(self, path: str):
        """True/False: whether the package imports path, or path is a
        standard-library package (its source in GOROOT), or the export data
        of a package it imports may name path (a byte search of the
        archives' __.PKGDEF members: it may say True wrongly, never False
        wrongly); None if unknown. What the type layer can know of path's
        types (orch.types.importer: Importer.deep_lookup)."""
        r = self.imports(path)
        if r is not False:
            return r
        if path not in self._knows:
            from ..types.stdsource import std_dir
            self._knows[path] = (std_dir(self.goroot, path) is not None
                                 or _archives_name(self.importcfg, path.encode()))
        return self._knows[path]

    @property
    def module_path(self) -> str:
        """The module path of the main module ("" if unknown)."""
        if self._module_path is None:
            self._module_path = main_module_path(self.module_root)
        return self._module_path


def package_clause(head: bytes) -> str:
    """The name in the package clause at the start of a Go file ("" if none)."""
    i, n = 0, len(head)
    while i < n:
        c = head[i]
        if c in b" \t\r\n":
            i += 1
        elif head.startswith(b"//", i):
            j = head.find(b"\n", i)
            i = n if j < 0 else j + 1
        elif head.startswith(b"/*", i):
            j = head.find(b"*/", i + 2)
            i = n if j < 0 else j + 2
        elif head.startswith(b"\xef\xbb\xbf", i):
            i += 3
        else:
            break
    if not head.startswith(b"package", i):
        return ""
    rest = head[i + 7:i + 200].lstrip(b" \t")
    j = 0
    while j < len(rest) and (rest[j:j + 1].isalnum() or rest[j:j + 1] == b"_" or rest[j] >= 0x80):
        j += 1
    return rest[:j].decode("utf-8", "replace")


def main_module_path(module_root: str | None) -> str:
    """The module path in module_root's go.mod ("" if none): the main
    module of package-filter's root, and of the launcher's summary."""
    if not module_root:
        return ""
    try:
        with open(os.path.join(module_root, "go.mod"), "rb") as f:
            return module_line(f.read())
    except OSError:
        return ""


def module_line(gomod: bytes) -> str:
    """The module path of a go.mod ("" if none)."""
    for line in gomod.split(b"\n"):
        words = line.split()
        if len(words) >= 2 and words[0] == b"module":
            return words[1].strip(b'"').decode("utf-8", "replace")
    return ""


def _read_importcfg(path):
    """The import paths an importcfg maps (False when there is none)."""
    if not path:
        return False
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    out = set()
    for line in data.split(b"\n"):
        verb, _, rest = line.strip().partition(b" ")
        if verb in (b"packagefile", b"importmap"):
            key = rest.partition(b"=")[0].strip()
            if key:
                out.add(key.decode())
    return out


def _archives_name(importcfg, needle: bytes) -> bool:
    """Whether an archive the importcfg lists has needle in its export data."""
    from ..types import archive
    from ..types.importer import parse_importcfg
    if not importcfg:
        return False
    try:
        with open(importcfg, encoding="utf-8", errors="surrogateescape") as f:
            files, _ = parse_importcfg(f.read())
    except OSError:
        return True
    for path in files.values():
        try:
            if needle in archive.read_file(path):
                return True
        except Exception:  # unreadable: the type layer will not answer from it either
            continue
    return False


class FileContext:
    __slots__ = ("path", "pkg", "_data")

    _ALIASES = {b"uint8": b"byte", b"int32": b"rune"}

    def __init__(self, path: str, pkg: PackageContext, data: bytes | None = None):
        self.path = path
        self.pkg = pkg
        self._data = data

    @property
    def data(self) -> bytes:
        if self._data is None:
            try:
                with open(self.path, "rb") as f:
                    self._data = f.read()
            except OSError:
                self._data = b""
        return self._data

    def contains(self, needle: bytes) -> bool:
        return needle in self.data

    def may_import(self, path: str) -> bool:
        """Whether the file may refer to package path (imports it, or is it)."""
        return path == self.pkg.import_path or any(q in self.data for q in quoted_paths(path))

    def contains_type_name(self, name: str) -> bool:
        if name in ("any",):
            return True
        b = name.encode()
        alt = self._ALIASES.get(b)
        return b in self.data or (alt is not None and alt in self.data)
