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


def cache_dir(name: str) -> str:
    """orch's own cache for `name` (version answers, resolved packages):
    $XDG_CACHE_HOME/orch/NAME, else ~/.cache/orch/NAME. Never GOCACHE."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "orch", name)


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
