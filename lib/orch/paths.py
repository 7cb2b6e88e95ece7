"""Where orch's own files are: the built-in rule packs and the Go runtime.

In a checkout, lib/orch sits two levels below the top, next to rules.d/.
When installed with pip, rules.d is package data inside orch/.
"""

import os

_here = os.path.dirname(os.path.abspath(__file__))


def builtin_rules_dir() -> str:
    for candidate in (os.path.join(_here, "rules.d"),
                      os.path.join(os.path.dirname(os.path.dirname(_here)), "rules.d")):
        if os.path.isdir(candidate):
            return candidate
    return os.path.join(_here, "rules.d")  # absent: no built-in rules


def cache_root() -> str:
    """orch's own cache directory (never GOCACHE): $XDG_CACHE_HOME/orch if
    that is absolute (the XDG spec says to ignore a relative one; it would
    land in whatever directory a tool call runs in), else $HOME/.cache/orch,
    else /tmp/orch-UID. bin/orch-toolexec computes the same."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "orch")
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return os.path.join(home, ".cache", "orch")
    return f"/tmp/orch-{os.getuid()}"


_trusted: dict = {}


def cache_dir(name: str) -> str | None:
    """orch's cache for `name` (version answers, resolved packages, the
    launcher's summaries), created if needed; None when the cache directory
    is not one orch can trust, and then nothing is remembered.

    Trusted means: this user owns it and no one else can write to it.
    orch creates it with mode 0700, and takes write access from group and
    others if they have it; a directory another user owns (planted in /tmp,
    a shared home) is never used. Everything in a trusted directory was
    written by this user (the launcher also checks each file it reads)."""
    root = cache_root()
    ok = _trusted.get(root)
    if ok is None:
        ok = _trusted[root] = _make_trusted(root)
    if not ok:
        return None
    d = os.path.join(root, name)
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return d


def _make_trusted(root: str) -> bool:
    import stat
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
        st = os.lstat(root)
        if stat.S_ISLNK(st.st_mode):
            st = os.stat(root)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return False
    if st.st_mode & 0o022:
        try:
            os.chmod(root, stat.S_IMODE(st.st_mode) & ~0o022)
        except OSError:
            return False
    return True


# Memos of version/ and resolve/ are named after what they depend on, so a
# changed input leaves the old ones behind: those not written for this long
# go, at most once a day (a memo that is still good is simply made again).
PRUNE_AFTER_S = 30 * 86400


def prune_cache(now: float | None = None) -> None:
    """Remove old memos from version/, resolve/ and report/ (see PRUNE_AFTER_S);
    modules/ held copies of orch's modules in an earlier version: it goes."""
    import shutil
    import time
    now = time.time() if now is None else now
    root = cache_root()
    if not _trusted.get(root, False) and cache_dir("version") is None:
        return
    stamp = os.path.join(root, "pruned")
    try:
        if now - os.stat(stamp).st_mtime < 86400:
            return
    except OSError:
        pass
    try:
        with open(stamp, "w"):
            pass
    except OSError:
        return
    shutil.rmtree(os.path.join(root, "modules"), ignore_errors=True)
    for name in ("version", "resolve", "report"):
        d = os.path.join(root, name)
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            try:
                if now - e.stat(follow_symlinks=False).st_mtime <= PRUNE_AFTER_S:
                    continue
                if e.is_dir(follow_symlinks=False):
                    shutil.rmtree(e.path, ignore_errors=True)
                else:
                    os.unlink(e.path)
            except OSError:
                pass


def toolexec_path() -> str:
    """The orch-toolexec executable that started this build (for nested go commands)."""
    explicit = os.environ.get("ORCH_TOOLEXEC")
    if explicit:
        return explicit
    for candidate in (os.path.join(os.path.dirname(os.path.dirname(_here)), "bin", "orch-toolexec"),):
        if os.path.isfile(candidate):
            return candidate
    import shutil
    found = shutil.which("orch-toolexec")
    if found:
        return found
    from .errors import OrchError
    raise OrchError("cannot find orch-toolexec (set ORCH_TOOLEXEC)")
