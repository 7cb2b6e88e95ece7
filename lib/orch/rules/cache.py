"""The rules of a build, loaded once: a pickled RuleSet under $WORK.

go runs orch once per compile, hundreds of times per build, and the rules
are the same every time. The first call loads and checks the rule files
and writes the RuleSet to $WORK/orch/rules-<hash>.pickle (atomically);
every later call finds it by the same content hash of the rule files and
unpickles it, which costs a fraction of a millisecond and imports neither
the Go parser nor the template engine. Without a work directory (a stage
run by hand) the rules are simply loaded.
"""

import hashlib
import os
import pickle

from .. import __version__

_memo = {}


def content_key(files: list[str]) -> tuple[str, list]:
    """A hash of orch's version, the rule files' paths and their contents."""
    h = hashlib.sha256(f"orch-rules-cache {__version__}\0".encode())
    for path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b"\0missing"
        p = path.encode("utf-8", "surrogateescape")
        h.update(b"%d\0" % len(p) + p + b"%d\0" % len(data) + data)
    return h.hexdigest()[:24]


def ruleset(files: list[str], work: str | None = None):
    """The RuleSet of the rule files, from the build's cache when it has one."""
    key = content_key(files)
    rs = _memo.get(key)
    if rs is not None:
        return rs
    path = None
    if work and os.path.isdir(work):
        path = os.path.join(work, "orch", f"rules-{key}.pickle")
        try:
            with open(path, "rb") as f:
                rs = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            rs = None
    if rs is None:
        from .loader import load_files
        rs = load_files(files)
        if path is not None:
            _store(path, rs)
    _memo[key] = rs
    return rs


def _store(path: str, rs) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(rs, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
