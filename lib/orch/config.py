"""Which rule files are in force for a build.

Sources, in this order (later ones may override earlier aspect ids only by
being distinct; see orch-rules(5)):
  1. the built-in packs: every *.toml and *.json directly in rules.d/,
     unless ORCH_NO_BUILTIN=1 or `[orch] builtin = false` in orch.toml;
  2. orch.toml at the root of the main module: its own aspects, if any,
     then the files and directories its `[orch] rules` list names
     (relative to the module root);
  3. ORCH_RULES: colon-separated files and directories (TOML or JSON),
     relative ones to the directory go was started in.
A directory stands for the *.toml and *.json files directly inside it,
in name order. A directory is also a rule pack: the Go modules below it
(directories with a go.mod) are what its rules may inject; orch builds them
itself, never instruments them, and hashes their source into its identity. The main module is the one that go was started in (see
toolchain.gocmd); ORCH_MODULE_ROOT overrides it (nested go commands that
orch starts itself set it, so they see the same rules as the parent build).
"""

import os

from .errors import OrchError
from . import paths

RULE_SUFFIXES = (".toml", ".json")
PROJECT_FILE = "orch.toml"


def find_module_root(start: str) -> str | None:
    """The nearest directory at or above `start` holding a go.mod."""
    d = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(d, "go.mod")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def expand(path: str, *, origin: str) -> list[str]:
    """A rule path: a file stays, a directory becomes its rule files."""
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith(RULE_SUFFIXES))
        return [os.path.join(path, n) for n in names]
    if os.path.isfile(path):
        return [path]
    raise OrchError(f"{origin}: no such rule file or directory: {path}")


def parse_toml(path: str, data: bytes) -> dict:
    """A TOML document (rule files, orch.toml); errors read `path:line: ...`."""
    import tomllib
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise OrchError(f"not UTF-8: {e}", path=path)
    except tomllib.TOMLDecodeError as e:
        import re
        m = re.search(r"\((?:at line (\d+), column \d+|at end of document)\)$", str(e))
        msg = str(e)[:m.start()].strip() if m else str(e)
        line = (int(m.group(1)) if m.group(1) else data.count(b"\n") + 1) if m else None
        raise OrchError(f"not valid TOML: {msg}", path=path, line=line)


def read_project_file(module_root: str | None) -> tuple[str | None, dict]:
    """orch.toml of the main module, parsed (or (None, {}) when there is none)."""
    if not module_root:
        return None, {}
    path = os.path.join(module_root, PROJECT_FILE)
    if not os.path.isfile(path):
        return None, {}
    try:
        with open(path, "rb") as f:
            doc = parse_toml(path, f.read())
    except OSError as e:
        raise OrchError(f"cannot read: {e.strerror}", path=path)
    settings = doc.get("orch", {})
    if not isinstance(settings, dict):
        raise OrchError("[orch] must be a table", path=path)
    unknown = set(settings) - {"builtin", "rules"}
    if unknown:
        raise OrchError(f"unknown key in [orch]: {sorted(unknown)[0]!r} (known: builtin, rules)", path=path)
    return path, doc


def rule_files(module_root: str | None, env=None) -> list[str]:
    """The rule files in force, in order, as absolute paths."""
    env = os.environ if env is None else env
    project_path, project = read_project_file(module_root)
    settings = project.get("orch", {})

    builtin = settings.get("builtin", True)
    if not isinstance(builtin, bool):
        raise OrchError("[orch] builtin must be true or false", path=project_path)
    switch = env.get("ORCH_NO_BUILTIN", "")
    if switch not in ("", "0", "1"):
        raise OrchError(f"ORCH_NO_BUILTIN must be 0 or 1, not {switch!r}")
    if switch:
        builtin = switch == "0"

    files: list[str] = []
    if builtin:
        files += expand(paths.builtin_rules_dir(), origin="built-in rules")
    if project_path:
        if "aspects" in project:
            files.append(project_path)
        listed = settings.get("rules", [])
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise OrchError("[orch] rules must be a list of paths", path=project_path)
        for p in listed:
            files += expand(os.path.join(module_root, p), origin=project_path)
    for p in env_rule_paths(env):
        files += expand(p, origin="ORCH_RULES")
    # The same file named twice counts once, at its first place.
    seen, unique = set(), []
    for f in map(os.path.abspath, files):
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


def env_rule_paths(env=None) -> list[str]:
    """ORCH_RULES's entries as absolute paths. A relative one is relative to
    the directory go was started in, where the user wrote it, whichever
    directory a tool call runs in: go links a c-shared or plugin build in
    the output's directory, and orch's nested go commands run in a module
    of their own under $WORK (they get absolute paths: toolchain.resolve)."""
    env = os.environ if env is None else env
    entries = [p for p in env.get("ORCH_RULES", "").split(":") if p]
    if all(os.path.isabs(p) for p in entries):
        return [os.path.normpath(p) for p in entries]
    from .goprocess import go_cwd
    base = go_cwd()
    return [os.path.normpath(os.path.join(base, p)) for p in entries]


def rule_pack_dirs(module_root: str | None, env=None) -> list[str]:
    """The built-in rules directory and every directory among the rule
    paths in force (ORCH_RULES, orch.toml's [orch] rules)."""
    env = os.environ if env is None else env
    entries = [paths.builtin_rules_dir()]
    entries += env_rule_paths(env)
    if module_root:
        try:
            _, project = read_project_file(module_root)
        except OrchError:
            project = {}  # reported where the rules are loaded
        listed = (project.get("orch") or {}).get("rules") or []
        entries += [os.path.join(module_root, p) for p in listed if isinstance(p, str)]
    return [d for d in dict.fromkeys(entries) if os.path.isdir(d)]


_SKIP_DIRS = ("testdata", "vendor")


def go_modules(root: str) -> dict[str, str]:
    """{module path: directory} of the go.mod files below root."""
    found = {}
    for d, subdirs, files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if s not in _SKIP_DIRS and not s.startswith((".", "_")))
        if "go.mod" in files:
            path = _module_path(os.path.join(d, "go.mod"))
            if path:
                found[path] = d
    return found


def _module_path(gomod: str) -> str | None:
    with open(gomod, encoding="utf-8", errors="replace") as f:
        for line in f:
            words = line.split("//", 1)[0].split()
            if len(words) == 2 and words[0] == "module":
                return words[1].strip('"`')
    return None


_modules_memo: dict = {}


def injectable_modules(module_root: str | None, env=None) -> dict[str, str]:
    """{module path: directory} of the Go modules that the rule packs in
    force ship for injection (the first pack that names a module wins)."""
    dirs = rule_pack_dirs(module_root, env)
    key = "\0".join(dirs)
    found = _modules_memo.get(key)
    if found is None:
        found = {}
        for d in dirs:
            for mod, path in go_modules(d).items():
                found.setdefault(mod, path)
        _modules_memo[key] = found
    return found


def module_of(import_path: str, modules) -> str | None:
    """The longest module path of `modules` that holds import_path."""
    best = None
    for mod in modules:
        if (import_path == mod or import_path.startswith(mod + "/")) and (best is None or len(mod) > len(best)):
            best = mod
    return best
