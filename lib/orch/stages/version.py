"""orch-version: the `-V=full` answer that keys go's build cache.

go folds each tool's `-V=full` line into every action id. orch appends its
identity to the third field, without new whitespace:

    compile version go1.26.8:orch@0.1.0;injectables=<hash>;aspects=<hash>

For a devel toolchain go reads only the `buildID=` field, so that changes too.
The hashes depend on content only (never paths, times or the machine), so a
shared remote cache serves the same entries everywhere:
  - aspects: the rules in force, as parsed (comments and layout don't count);
  - injectables: the Go source of the packages that rules may inject.
"""

import os

from .. import __version__
from ..errors import OrchError
from .. import step as steplib


def identity(rule_files: list[str], module_root: str | None = None) -> str:
    """orch's version and the hashes of the rules in force and of what they
    inject. Loading the rules also checks them: a broken rule file fails the
    build here, at its start, with `file:line: message`."""
    return answer(rule_files, module_root)[0]


def answer(rule_files: list[str], module_root: str | None = None, goroot: str | None = None) -> tuple:
    """(identity, fast-path summary of the rules: see fastpath.py).

    go asks at the start of every build, warm builds included, and
    loading the rules costs ~50 ms: the answer is remembered in orch's cache
    directory under a key made of the stat of every file it could depend
    on (see _memo_path). (The launcher answers most of these calls without
    Python at all: fastpath.py.) Only successes are remembered. goroot:
    the tool's, against whose source the rules' standard-library types are
    checked (rules/typecheck.py); it is part of the memo's key, since
    another toolchain may lack a type."""
    import marshal
    from .. import config
    memo = _memo_path(rule_files, config.rule_pack_dirs(module_root), goroot)
    if memo:
        try:
            with open(memo[0], "rb") as f:
                ident, summary = marshal.load(f)
            if isinstance(ident, str) and ident.startswith("orch@") and (summary is None or (
                    isinstance(summary, tuple) and len(summary) == 3)):
                return ident, summary
        except (OSError, EOFError, ValueError, TypeError):
            pass        # missing or damaged: computed again, and written again
    from ..rules import loader
    from ..rules.prefilter import necessary_condition
    ruleset = loader.load_files(rule_files, goroot)
    result = _identity(ruleset, module_root), necessary_condition(ruleset.prefilter_table()[1])
    if memo:
        _memo_write(memo[0], marshal.dumps(result), memo[1])
    return result


def _identity(ruleset, module_root: str | None) -> str:
    from ..rules import fingerprint
    from .. import config
    aspects = fingerprint.hash_value("orch-aspects", (ruleset.fingerprint, fingerprint.engine_hash()))
    injectables = fingerprint.injectables_hash(ruleset, config.injectable_modules(module_root))
    return f"orch@{__version__};injectables={injectables};aspects={aspects}"


def input_paths(rule_files: list[str], pack_dirs: list[str]) -> list[str]:
    """Every file and directory that identity() reads or could read: the
    rule files in force, orch's own library (the engine hash covers its
    source) and the rule pack directories (their Go modules are what the
    injectables hash reads). Directories count so that an added or a
    removed file changes what they say. Walked once per process: the
    dispatcher's version call asks twice (fastpath.snapshot, _memo_path)."""
    key = (tuple(rule_files), tuple(pack_dirs))
    paths = _inputs_memo.get(key)
    if paths is None:
        lib = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        paths = list(rule_files)
        for top in [lib] + pack_dirs:
            for d, subdirs, names in os.walk(top):
                subdirs[:] = sorted(n for n in subdirs if n != "__pycache__" and not n.startswith("."))
                paths.append(d)
                paths += [os.path.join(d, n) for n in sorted(names)]
        _inputs_memo[key] = paths
    return list(paths)


_inputs_memo: dict = {}


def _memo_path(rule_files: list[str], pack_dirs: list[str], goroot: str | None = None) -> tuple[str, int] | None:
    """Where identity() remembers its answer, and the newest time seen.
    The key covers the path and the stat of each of input_paths(): a
    changed, touched or replaced file changes it."""
    h = _sha256(f"orch-version-memo-v5\0{__version__}\0{goroot or ''}\0".encode())
    newest = 0
    for f in input_paths(rule_files, pack_dirs):
        try:
            st = os.stat(f)
        except OSError:
            return None
        h.update(f"{f}\0{_stat_key(st)}\0".encode())
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    d = _cache_dir()
    return (os.path.join(d, h.hexdigest()[:32]), newest) if d else None


def _stat_key(st) -> str:
    """What says a file is unchanged: size and mtime, and the inode and
    ctime, which an edit that keeps size and mtime (cp -p, rsync -a, a
    tool that restores the mtime) still changes."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


# Only what files at least this old (ns) gave is remembered, here and by
# fastpath.snapshot: file times are as coarse as the kernel's tick, so a
# file written again within the same tick, at the same size, would
# otherwise keep the old key (git's "racily clean" problem).
SETTLED_NS = 2_000_000_000


def _memo_write(path: str, data: str | bytes, newest: int) -> None:
    """Write a memo, if every file it depends on is SETTLED_NS old (newest:
    their latest mtime or ctime)."""
    import time
    if time.time_ns() - newest < SETTLED_NS:
        return
    from ..toolchain.workdir import write_atomic
    try:
        write_atomic(path, data.encode() if isinstance(data, str) else data, durable=True)
    except (OSError, OrchError):
        pass    # a read-only or full cache costs time, not correctness


def stamp(line: str, ident: str) -> str:
    """Append `:ident` to the version field (and the devel build id)."""
    fields = line.split(" ")
    words = [i for i, f in enumerate(fields) if f]
    if len(words) < 3 or fields[words[1]] != "version":
        raise OrchError(f"unexpected -V=full answer: {line.strip()!r}")
    third = words[2]
    fields[third] = fields[third].rstrip("\n") + ":" + ident + ("\n" if fields[third].endswith("\n") else "")
    if "devel" in fields[third]:
        last = words[-1]
        value = fields[last].rstrip("\n")
        if value.startswith("buildID="):
            suffix = _sha256(ident.encode()).hexdigest()[:32]
            fields[last] = f"{value}.orch{suffix}" + ("\n" if fields[last].endswith("\n") else "")
    return " ".join(fields)


# What the tools' -V=full answer depends on besides the binary: the
# variables that internal/buildcfg reads (the experiments it prints follow
# GOEXPERIMENT and the target's baseline).
_BUILDCFG_ENV = ("GOROOT", "GOOS", "GOARCH", "GOEXPERIMENT", "GO386", "GOAMD64", "GOARM", "GOARM64",
                 "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM", "GOFIPS140", "GO_EXTLINK_ENABLED")


def tool_version_line(tool_path: str) -> str:
    """The tool's own -V=full answer, remembered per binary (path and
    stat) and buildcfg environment like identity(): running it costs
    ~10 ms a call."""
    try:
        st = os.stat(tool_path)
    except OSError as e:
        raise OrchError(f"{tool_path}: {e.strerror}")
    env = "\0".join(f"{k}={os.environ.get(k, '')}" for k in _BUILDCFG_ENV)
    key = _sha256(f"{tool_path}\0{_stat_key(st)}\0{env}".encode()).hexdigest()[:32]
    d = _cache_dir()
    path = os.path.join(d, f"tool-{key}") if d else None
    if path:
        try:
            with open(path, "rb") as f:
                line = f.read().decode()
            if _is_version_line(line):
                return line
        except (OSError, UnicodeDecodeError):
            pass    # missing or damaged: asked again, and written again
    import subprocess
    try:
        out = subprocess.run([tool_path, "-V=full"], capture_output=True, text=True)
    except OSError as e:
        raise OrchError(f"{tool_path}: {e.strerror}")
    if out.returncode != 0:
        raise OrchError(f"{tool_path} -V=full failed: {out.stderr.strip() or out.returncode}")
    if path and _is_version_line(out.stdout):
        _memo_write(path, out.stdout, max(st.st_mtime_ns, st.st_ctime_ns))
    return out.stdout


def _is_version_line(line: str) -> bool:
    """A tool's whole -V=full answer, as stamp() takes it: `compile version
    go1.26.8[ ...]` and a newline (a damaged memo is not)."""
    words = line.split()
    return line.endswith("\n") and line.count("\n") == 1 and len(words) >= 3 and words[1] == "version"


def _sha256(data: bytes):
    """hashlib.sha256 without importing hashlib, which loads OpenSSL (~3 ms
    CPU, on the call that go makes at the start of every build)."""
    try:
        from _sha256 import sha256      # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256    # 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def _cache_dir() -> str | None:
    from ..paths import cache_dir
    return cache_dir("version")


def run(step: dict) -> dict:
    """Input: a step for `TOOL -V=full` (optionally with "version_line",
    the tool's own answer). Output: the step with "version", orch's answer,
    "identity", what it appended, and "fastpath", the rules' summary for the
    launcher (fastpath.py; null when the rules allow none)."""
    line = step.get("version_line")
    if line is None:
        if not step.get("tool_path"):
            raise OrchError('a version step needs "tool_path" or "version_line"')
        line = tool_version_line(step["tool_path"])
    module_root = (step.get("build") or {}).get("module_root")
    from ..types.stdsource import goroot_of_tool
    ident, summary = answer(steplib.rule_files(step), module_root, goroot_of_tool(step.get("tool_path")))
    step["version"] = stamp(line, ident)
    step["identity"] = ident
    # For the launcher's fast path (fastpath.py); the dispatcher publishes it.
    step["fastpath"] = None if summary is None else {
        "import_paths": _name_main_module(summary[0], module_root),
        "patterns": [p.decode("utf-8", "surrogateescape") for p in summary[1]],
        "words": [w.decode("utf-8", "surrogateescape") for w in summary[2]]}
    return step


def _name_main_module(paths: list[str], module_root: str | None) -> list[str]:
    """The summary's import paths with MAIN_MODULE made "M/...", M the main
    module's path as package-filter's root reads it; no main module, no
    package is in it."""
    from ..rules.prefilter import MAIN_MODULE
    if MAIN_MODULE not in paths:
        return paths
    from ..rules.context import main_module_path
    out = [p for p in paths if p != MAIN_MODULE]
    mod = main_module_path(module_root)
    if mod:
        out.append(mod + "/...")
    return out
