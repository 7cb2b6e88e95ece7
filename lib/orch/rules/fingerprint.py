"""Content hashes of the rules in force and of the Go code they inject.

Both feed orch's -V=full answer (stages/version.py), hence every action id
of an instrumented build. They hash content only: no absolute path, time or
machine-specific value, so that every machine computes the same answer.
"""

import hashlib
import os

from ..errors import OrchError


def _parse(path: str):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".json"):
        import json
        try:
            return json.loads(data)
        except ValueError as e:
            raise OrchError(f"not valid JSON: {e}", path=path)
    import tomllib
    try:
        return tomllib.loads(data.decode())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise OrchError(str(e), path=path)


def load_for_fingerprint(rule_files: list[str]) -> list:
    """The parsed documents, in order. (The rule loader validates them.)"""
    docs = []
    for path in rule_files:
        doc = _parse(path)
        if isinstance(doc, dict):
            doc = {k: v for k, v in doc.items() if k != "orch"}  # settings, not rules
        docs.append(doc)
    return docs


def _canonical(value) -> bytes:
    import json
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode()


def aspects_hash(docs: list) -> str:
    h = hashlib.sha256(b"orch-aspects-v1\0")
    for doc in docs:
        blob = _canonical(doc)
        h.update(b"%d\0" % len(blob) + blob)
    return h.hexdigest()[:16]


def go_module_dirs(root: str) -> list[str]:
    """Directories under `root` that hold a go.mod (the injectable Go modules)."""
    found = []
    for d, subdirs, files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if s not in ("testdata", "vendor") and not s.startswith((".", "_")))
        if "go.mod" in files:
            found.append(d)
    return found


def injectables_hash(docs: list, root: str | None = None) -> str:
    """Hash of the Go source of every module orch ships for injection.

    Test files and testdata don't count: they never reach an instrumented
    binary.
    """
    from .. import paths
    root = root or paths.builtin_rules_dir()
    h = hashlib.sha256(b"orch-injectables-v1\0")
    if os.path.isdir(root):
        for mod in go_module_dirs(root):
            for d, subdirs, files in os.walk(mod):
                subdirs[:] = sorted(s for s in subdirs if s not in ("testdata", "vendor") and not s.startswith((".", "_")))
                for name in sorted(files):
                    if name in ("go.mod", "go.sum") or (name.endswith((".go", ".s", ".h")) and not name.endswith("_test.go")):
                        p = os.path.join(d, name)
                        rel = os.path.relpath(p, root).replace(os.sep, "/").encode()
                        with open(p, "rb") as f:
                            blob = f.read()
                        h.update(b"%d\0" % len(rel) + rel + b"%d\0" % len(blob) + blob)
    return h.hexdigest()[:16]
