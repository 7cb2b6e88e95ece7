"""Interfaces of the standard library read from GOROOT/src, for a compile
whose importcfg (direct imports only) does not list the interface's
package and whose imports' export data does not name it either (fmt's
export data has io.Writer, not io.Closer).

Only what is certain is answered: an interface type declared in a file of
the package that every build includes (no build constraint, no _GOOS or
_GOARCH file name suffix, no cgo), whose methods, embedded interfaces
included, have signatures made of universe types, composite types and
named types that resolve (the package's own, from the same files; other
packages', through the importer). Anything else (a generic or constraint
interface, a type term, a name only a constrained file declares, a
package too big to parse cheaply) is None: no answer, never a wrong one.
A type's identity is its (path, name), so the interface read from source
is the one export data would give.
"""

import os

from .model import (INVALID, Array, Basic, Chan, Interface, Map, Named, Pointer, Signature,
                    Slice, Struct)

MAX_BYTES = 256 * 1024   # the package's unconstrained files, read and parsed once

_GOOS = set("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd "
            "plan9 solaris wasip1 windows zos".split())
_GOARCH = set("386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le "
              "mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 "
              "wasm".split())


def goroot_of_tool(tool_path):
    """GOROOT of a tool at GOROOT/pkg/tool/GOOS_GOARCH/NAME, or None."""
    if not tool_path:
        return None
    d = os.path.dirname(os.path.realpath(tool_path))
    root = os.path.dirname(os.path.dirname(os.path.dirname(d)))
    if os.path.basename(os.path.dirname(d)) != "tool":
        return None
    return root if os.path.isdir(os.path.join(root, "src", "runtime")) else None


def std_dir(goroot, path):
    """GOROOT/src/path of a standard-library import path, or None."""
    if not goroot or not path or "." in path.split("/", 1)[0] or path in ("C", "unsafe", "builtin") \
            or ".." in path.split("/") or path.startswith("/"):
        return None
    d = os.path.join(goroot, "src", *path.split("/"))
    return d if os.path.isdir(d) else None


def _every_build(fn, src):
    """Whether file fn (source src) is in every build of its package."""
    if not fn.endswith(".go") or fn.endswith("_test.go") or fn[:1] in "._":
        return False
    parts = fn[:-3].split("_")[1:]
    if parts and (parts[-1] in _GOOS or parts[-1] in _GOARCH):
        return False
    for line in src.split(b"\n"):  # anywhere: stricter than go, never laxer
        s = line.strip()
        if s.startswith(b"//go:build") or s.startswith(b"// +build"):
            return False
    return b'"C"' not in src.split(b"\n)", 1)[0] and b'import "C"' not in src


def interface(goroot, path, name, importer):
    """The Named interface path.name from source, or None."""
    d = std_dir(goroot, path)
    if d is None:
        return None
    try:
        names = sorted(os.listdir(d))
    except OSError:
        return None
    srcs, total = [], 0
    for fn in names:
        p = os.path.join(d, fn)
        if not fn.endswith(".go") or not os.path.isfile(p):
            continue
        try:
            with open(p, "rb") as fh:
                src = fh.read()
        except OSError:
            return None
        if not _every_build(fn, src):
            continue
        total += len(src)
        if total > MAX_BYTES:
            return None
        srcs.append((p, src))
    from ..golang import GoSyntaxError, parse_file   # not trees.parse: not kept for the rewrite
    from .source import SourcePackage
    files, pkgname = [], None
    for p, src in srcs:
        try:
            f = parse_file(src, p, skim="signatures")
        except GoSyntaxError:
            return None
        if pkgname is None:
            pkgname = f.Name.Name
        elif f.Name.Name != pkgname:
            return None
        files.append(f)
    if pkgname is None or pkgname in ("main", "documentation"):
        return None
    sp = SourcePackage(path, files, importer)
    t = sp.named(name)
    if not isinstance(t, Named) or t.tparams():
        return None
    u = t.underlying()
    if not isinstance(u, Interface) or u.has_terms():
        return None
    ms = u.all_methods()
    if ms is None or not all(_sound(m.sig, 0) for m in ms.values()):
        return None
    return t


def _sound(t, depth):
    """Whether type t is fully known (no INVALID, type parameter or term)."""
    if depth > 20 or t is None or t is INVALID:
        return False
    if isinstance(t, Named):
        return not t.targs and t is not INVALID
    if isinstance(t, Basic):
        return True
    if isinstance(t, (Pointer, Slice)):
        return _sound(t.elem, depth + 1)
    if isinstance(t, Array):
        return _sound(t.elem, depth + 1)
    if isinstance(t, Chan):
        return _sound(t.elem, depth + 1)
    if isinstance(t, Map):
        return _sound(t.key, depth + 1) and _sound(t.elem, depth + 1)
    if isinstance(t, Signature):
        return not t.tparams and all(_sound(v.type, depth + 1) for v in t.params + t.results)
    if isinstance(t, Struct):
        return all(_sound(f.type, depth + 1) for f in t.fields)
    if isinstance(t, Interface):
        if t.has_terms():
            return False
        ms = t.all_methods()
        return ms is not None and all(_sound(m.sig, depth + 1) for m in ms.values())
    return False
