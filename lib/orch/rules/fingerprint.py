"""Content hashes of the rules in force and of the Go code they inject.

Both feed orch's -V=full answer (stages/version.py), hence every action id
of an instrumented build. They hash content only: no absolute path, time or
machine-specific value, so that every machine computes the same answer.

- aspects: every aspect's fingerprint (its id, its join point and advice as
  tagged data: ("function-call", "net/http", "Get") ...), in order, each
  value framed with its type and length. Comments, layout, TOML or JSON,
  key order and the files' names do not count; a changed rule does. The
  version stage folds in a hash of orch's own source (engine_hash), which
  decides what the rules do.
- injectables: the Go source of every package that rules may add to a
  build and that orch ships (the go.mod modules of the rule packs in
  force, see orch.config.injectable_modules): the packages that
  advice names in `imports`, `links` and qualified types, closed over their
  own imports inside those modules, with the go.mod of each module used.
"""

import hashlib
import os
import re


def _encode(value, out: bytearray) -> None:
    if value is None:
        out += b"n"
    elif isinstance(value, bool):
        out += b"t" if value else b"f"
    elif isinstance(value, int):
        s = str(value).encode()
        out += b"i%d:" % len(s) + s
    elif isinstance(value, str):
        b = value.encode("utf-8", "surrogateescape")
        out += b"s%d:" % len(b) + b
    elif isinstance(value, bytes):
        out += b"y%d:" % len(value) + value
    elif isinstance(value, (tuple, list)):
        out += b"l%d:" % len(value)
        for v in value:
            _encode(v, out)
    elif isinstance(value, dict):
        out += b"d%d:" % len(value)
        for k in sorted(value):
            _encode(k, out)
            _encode(value[k], out)
    else:
        raise TypeError(f"cannot fingerprint {type(value).__name__}")


def encode(value) -> bytes:
    """The framed encoding of plain data (None, bool, int, str, bytes, lists, dicts)."""
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def hash_value(tag: str, value) -> str:
    h = hashlib.sha256(tag.encode() + b"\0")
    h.update(encode(value))
    return h.hexdigest()[:16]


ENGINE = ("rules", "golang", "types", "template", "stages/plan.py", "stages/rewrite.py", "stages/linkdeps.py",
          "report.py", "toolchain/relink.py", "fallback.py")


def engine_hash() -> str:
    """A hash of the orch source that decides what a compile produces (the
    rules engine, the Go parser, the template engine, the plan and rewrite
    stages, the fallback that drops a failing rule, and the records that
    linkdeps and relink append to archives): a changed matcher changes the
    output as surely as a changed rule does."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256(b"orch-engine-v1\0")
    for part in ENGINE:
        top = os.path.join(root, part)
        paths = [top] if top.endswith(".py") else sorted(
            os.path.join(d, n) for d, subdirs, files in os.walk(top)
            if "__pycache__" not in d for n in files if n.endswith(".py"))
        for path in paths:
            with open(path, "rb") as f:
                h.update(encode((os.path.relpath(path, root), f.read())))
    return h.hexdigest()[:16]


# ----------------------------------------------------------------------------
# Injectables

_IMPORT_BLOCK = re.compile(rb"^import\s*\((.*?)\)", re.M | re.S)
_IMPORT_LINE = re.compile(rb'^import\s+(?:[\w.]+\s+)?"([^"]+)"', re.M)
_QUOTED = re.compile(rb'"([^"]+)"')


def _package_files(d: str) -> list:
    try:
        names = sorted(os.listdir(d))
    except OSError:
        return []
    return [n for n in names
            if n.endswith((".go", ".s", ".h")) and not n.endswith("_test.go") and os.path.isfile(os.path.join(d, n))]


def _imports_of(data: bytes) -> set:
    out = set()
    for m in _IMPORT_BLOCK.finditer(data):
        out.update(x.decode() for x in _QUOTED.findall(m.group(1)))
    out.update(x.decode() for x in _IMPORT_LINE.findall(data))
    return out


def injectables_hash(ruleset, modules: dict) -> str:
    """modules: {module path: directory} of the Go modules that the rule
    packs in force ship (orch.config.injectable_modules)."""
    from ..config import module_of as _module_of
    h = hashlib.sha256(b"orch-injectables-v2\0")

    def module_of(path):
        return _module_of(path, modules)

    # The closure first, then the hash in a fixed order.
    todo = [p for p in ruleset.injected_paths() if module_of(p)]
    closure = {}
    while todo:
        path = todo.pop()
        if path in closure:
            continue
        mod = module_of(path)
        d = os.path.join(modules[mod], path[len(mod):].lstrip("/"))
        files = []
        for name in _package_files(d):
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            files.append((name, data))
            if name.endswith(".go"):
                todo.extend(p for p in _imports_of(data) if p not in closure and module_of(p))
        closure[path] = (mod, files)
    for path in sorted(closure):
        mod, files = closure[path]
        h.update(encode((path, files)))
    for mod in sorted({mod for mod, _ in closure.values()}):
        for name in ("go.mod", "go.sum"):
            p = os.path.join(modules[mod], name)
            if os.path.isfile(p):
                with open(p, "rb") as f:
                    h.update(encode((mod, name, f.read())))
    return h.hexdigest()[:16]
