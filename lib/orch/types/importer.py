"""Packages by import path, read from the archives a compile's importcfg names."""

import os

from . import archive
from .errors import ExportDataError
from .exportdata import Package
from .model import UNIVERSE_TYPES, Pointer, split_spec


def parse_importcfg(text: str):
    """{import path: archive} and {import path: resolved path} of an importcfg."""
    files, maps = {}, {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        verb, _, rest = line.partition(" ")
        a, eq, b = rest.strip().partition("=")
        if not eq:
            continue
        if verb == "packagefile":
            files[a] = b
        elif verb == "importmap":
            maps[a] = b
    return files, maps


class Importer:
    """Reads each archive once, and only when a question names its package."""

    def __init__(self, files, maps=None, goroot=None):
        self.files = dict(files)
        self.goroot = goroot    # of the compile: standard-library interfaces from source
        self.maps = dict(maps or {})
        self._pkgs = {}
        self._named = {}
        self._deep = {}
        self.errors = {}
        # Import paths whose unreadable export data a question needed since
        # the last take_unreadable(): the asker reports them (typewarn.py).
        self.unreadable_used = set()

    @classmethod
    def from_importcfg(cls, path, goroot=None):
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            files, maps = parse_importcfg(f.read())
        return cls(files, maps, goroot)

    def package(self, path):
        """The Package of import path `path`, or None (unknown or unreadable:
        then self.errors[path] says why, naming the archive and go version)."""
        path = self.maps.get(path, path)
        if path in self._pkgs:
            if path in self.errors:
                self.unreadable_used.add(path)
            return self._pkgs[path]
        pkg = None
        f = self.files.get(path)
        if f and os.path.exists(f):
            try:
                pkg = Package(archive.read_file(f), path, f, self._named)
            except Exception as e:  # damaged data: no answer, never a failed build
                self._unreadable(path, e)
        self._pkgs[path] = pkg
        return pkg

    def _unreadable(self, path, e):
        """Record why path's archive cannot be read: its name and go version."""
        f = self.files.get(path, "?")
        if isinstance(e, ExportDataError):
            self.errors[path] = "%s (%s)" % (e, archive.go_version(f))
        else:
            self.errors[path] = "%s: damaged export data (%s; %s)" % (
                f, e.__class__.__name__, archive.go_version(f))
        self._pkgs[path] = None
        self.unreadable_used.add(path)

    def take_unreadable(self):
        """The errors of the unreadable archives questions needed since the
        last call (see unreadable_used)."""
        used, self.unreadable_used = self.unreadable_used, set()
        return [self.errors[p] for p in sorted(used) if p in self.errors]

    def lookup(self, path, name):
        """The object path.name, or None."""
        if not path:
            t = UNIVERSE_TYPES.get(name)
            if t is None:
                return None
            from .exportdata import Object
            return Object("type", "", name, t)
        p = self.package(path)
        if p is not None:
            try:
                return p.lookup(name)
            except Exception as e:  # export data damaged past its header: read lazily
                self._unreadable(self.maps.get(path, path), e)
                return None
        if self.maps.get(path, path) in self.files:
            return None  # the package's own archive is unreadable: no answer
        return self.deep_lookup(path, name)

    def deep_lookup(self, path, name):
        """The type path.name of a package the importcfg does not list, from
        the export data of the packages it does list, or None. Unified export
        data is deep: an archive holds the full declarations (underlying
        type, methods) of the other packages' objects its package refers to,
        e.g. fmt's names io.Writer, so io.Writer is known to a compile that
        imports fmt and not io. Only types and aliases: their declarations
        are the same in any archive that has them. Failing that, an interface
        of the standard library is read from GOROOT's source (stdsource)."""
        key = (path, name)
        if key in self._deep:
            return self._deep[key]
        self._deep[key] = None  # a cycle through the source of GOROOT: no answer
        obj = None
        used = set(self.unreadable_used)
        for ip in sorted(self.files):
            pkg = self.package(ip)
            if pkg is None:
                continue
            try:
                o = pkg.lookup(name, path)
            except Exception as e:  # export data damaged past its header
                self._unreadable(ip, e)
                continue
            if o is not None and o.kind in ("type", "alias"):
                obj = o
                break
        if obj is None and self.goroot:
            from . import stdsource
            try:
                t = stdsource.interface(self.goroot, path, name, self)
            except Exception:  # an unforeseen shape of source: no answer
                t = None
            if t is not None:
                from .exportdata import Object
                obj = Object("type", path, name, t)
        if obj is not None:
            # Found: the unreadable archives passed over did not matter.
            self.unreadable_used = used
        self._deep[key] = obj
        return obj

    def type(self, spec):
        """The type named by "path.Name", "*path.Name" or a universe name
        ("error"), or None."""
        ptr, path, name = split_spec(spec)
        if "/" in name:
            return None
        obj = self.lookup(path, name)
        if obj is None or obj.kind not in ("type", "alias"):
            return None
        t = obj.type
        for _ in range(ptr):
            t = Pointer(t)
        return t
