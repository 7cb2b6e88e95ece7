"""The rules of a build, loaded once and kept under $WORK for every compile.

go runs orch once per compile, hundreds of times per build, and the rules
are the same every time. The first call loads and checks the rule files
and writes two files under $WORK/orch/ (atomically), named by a content
hash of the rule files (with orch's version):

    rules-<hash>.pre      marshal: the rule set's hash and, per aspect, its id
                          and its pre-test as data (prefilter.py)
    rules-<hash>.pickle   the whole RuleSet (join points, advice, templates)

A compile call first reads only the .pre table: for a package that no rule
can touch, that and some byte searches decide, without importing the rule
classes, the Go parser or the template engine. The pickle is read only
when some file may match. Without a work directory (a stage run by hand)
the rules are simply loaded.
"""

import marshal
import os

from .. import __version__

_memo = {}


def content_key(files: list) -> str:
    """A hash of orch's version and the rule files' paths and contents.
    (The cache lives in one build's $WORK, so a CRC pair is enough and
    avoids loading hashlib on every call.)"""
    import zlib
    crc, adler, total = 0, 1, 0
    parts = [f"orch-rules {__version__}".encode()]
    for path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b"\0missing"
        parts.append(path.encode("utf-8", "surrogateescape"))
        parts.append(data)
    for p in parts:
        frame = b"%d\0" % len(p) + p
        crc = zlib.crc32(frame, crc)
        adler = zlib.adler32(frame, adler)
        total += len(frame)
    return f"{crc:08x}{adler:08x}{total:x}"


def _paths(work, key):
    if not work or not os.path.isdir(work):
        return None, None
    d = os.path.join(work, "orch")
    return os.path.join(d, f"rules-{key}.pre"), os.path.join(d, f"rules-{key}.pickle")


def prefilters(files: list, work: str | None = None):
    """(rules hash, [(aspect id, pre-test)]) of the rule files."""
    key = content_key(files)
    table = _memo.get(("pre", key))
    if table is not None:
        return table
    pre, _ = _paths(work, key)
    table = _load(pre, marshal.load, (OSError, EOFError, ValueError, TypeError))
    if table is None:
        table = ruleset(files, work, key).prefilter_table()
    _memo[("pre", key)] = table
    return table


def ruleset(files: list, work: str | None = None, key: str | None = None):
    """The RuleSet of the rule files, from the build's cache when it has one."""
    key = key or content_key(files)
    rs = _memo.get(key)
    if rs is not None:
        return rs
    import pickle
    pre, path = _paths(work, key)
    rs = _load(path, pickle.load, (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError))
    if rs is None:
        from .loader import load_files
        rs = load_files(files)
        if path is not None:
            _store(path, pickle.dumps(rs, protocol=pickle.HIGHEST_PROTOCOL))
            _store(pre, marshal.dumps(rs.prefilter_table()))
    _memo[key] = rs
    return rs


def _load(path: str | None, load, errors: tuple):
    """load(file) of a cache file; None without one, or if it is unreadable."""
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return load(f)
    except errors:
        return None


def _store(path: str, data: bytes) -> None:
    from ..errors import OrchError
    from ..toolchain.workdir import write_atomic
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, data)
    except (OSError, OrchError):
        pass  # a cache that cannot be written only costs time
