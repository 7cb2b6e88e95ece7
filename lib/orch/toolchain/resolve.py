"""Archives of packages that go did not plan, built like the rest of the build.

Injected code imports packages that the package being compiled never
imported: orch's runtime (module orch.dev/runtime in rules.d/), standard
packages (`os`, `unsafe`), or packages of the user's own module graph. go
knows nothing of them, so orch asks a nested go command to build them:

    go list -export -deps -json=ImportPath,Export,Deps <parent's flags> PKGS

`-export` makes go compile each package (or find it in GOCACHE) and print
its archive. Two things make that nested build agree with the parent:

  * Same inputs, same action ids. The nested command runs with the parent's
    -toolexec (so the same rules instrument the same std packages: runtime
    gets its field, net/http its hooks), with ORCH_MODULE_ROOT set to the
    parent's main module (same orch.toml), and with every flag that changes
    compilation: -race -msan -asan -tags -trimpath -buildmode -gcflags
    -asmflags -cover* -pgo (see nested_command). The environment (GOOS,
    GOARCH, GOEXPERIMENT, CGO_*) is inherited. go then serves the parent's
    own GOCACHE entries for every shared dependency, or compiles identical
    ones (the compiler is deterministic), and the linker sees one
    fingerprint per package.
  * The right module context. Packages of orch's own modules and standard
    packages are listed from a module that orch synthesizes under
    $WORK/orch/ (`require orch.dev/runtime` + `replace` => rules.d/runtime,
    GOWORK=off, -mod=mod, GOPROXY=off): the user's go.mod is never touched
    and its -mod=vendor or go.work do not apply to packages it does not
    contain. Other packages belong to the user's module graph and are
    listed from the parent's directory with the parent's -mod, -modfile,
    -overlay and go.work.

Caching and locking. Every compile of an instrumented package needs these
archives, so the answers are kept per build, keyed by content: the index
$WORK/orch/resolve/<key>.json maps import paths to archives (and the
requested packages to their dependency closure), where <key> hashes the
nested command (go binary, flags, PGO profile, module context). A reader
that finds all it needs in the index takes no lock and runs nothing. A
writer takes the lock file <key>.lock (flock), reads the index again, runs
one go list for everything still missing, and replaces the index
atomically; concurrent compile calls wait on the lock instead of running
the same go list. Two builds never share a $WORK, so they never wait on
each other. A warm build compiles nothing but still links: for standard
and orch packages the answers are also saved in orch's cache directory
under a key that covers everything they depend on, and reused while the
archives they name exist (see "across builds" below).

Recursion. The nested go command runs orch-toolexec too, and some of the
packages it compiles may need injected packages themselves (net/http's
hooks import orch.dev/runtime/...). Such a compile resolves them with its
own nested go command, under its own $WORK, hence its own locks: no lock
is ever held across two go commands of the same work directory, so locks
cannot deadlock. What could loop forever is a package whose injected code
imports, through other packages, the package itself: every nested build
would compile it again. ORCH_RESOLVING carries the chain of packages whose
compile started a nested build, and a package found in it is an injection
cycle, reported as such; ORCH_NESTED counts the depth as a last resort.
orch never instruments the packages of its own modules (stages/plan.py),
so the runtime itself never asks for resolution.
"""

import hashlib
import json
import os
import subprocess
import sys

from ..errors import OrchError
from . import gocmd, modfile, workdir

MAX_DEPTH = 6
ORCH_GROUP = "orch"     # standard packages and orch's own modules
USER_GROUP = "user"     # the user's module graph
NEVER_ARCHIVED = frozenset(("unsafe", "C"))


# --- orch's own Go modules ---------------------------------------------------

def orch_modules(module_root: str | None = None) -> dict:
    """{module path: directory} of the Go modules that orch ships for
    injection: those of the built-in rules directory and of every rule pack
    directory in force (see orch.config.injectable_modules)."""
    from .. import config
    return config.injectable_modules(module_root)


def module_of(path: str, modules: dict) -> str | None:
    from .. import config
    return config.module_of(path, modules)


def is_standard(path: str, goroot: str | None = None) -> bool:
    """A standard-library import path: a directory of $GOROOT/src (or, without
    a GOROOT, no dot in its first element, as go itself assumes)."""
    if path == "command-line-arguments":
        return False
    if goroot:
        return os.path.isdir(os.path.join(goroot, "src", *path.split("/")))
    return "." not in path.split("/", 1)[0]


def is_orch_package(path: str, module_root: str | None = None) -> bool:
    """A package of orch's own modules: never instrumented, never a user's."""
    return module_of(path, orch_modules(module_root)) is not None


def group_of(path: str, module_root: str | None = None, goroot: str | None = None) -> str:
    if is_standard(path, goroot) or is_orch_package(path, module_root):
        return ORCH_GROUP
    return USER_GROUP


# --- the build context ----------------------------------------------------

class Context:
    """How the parent build compiles packages, as seen from one tool call."""

    def __init__(self, step: dict, output: str, pgo: str):
        build = step.get("build") or {}
        self.step = step
        self.work = workdir.work_dir(output)
        self.flags = gocmd.parent_flags(build)
        self.cwd = build.get("go_cwd") or os.getcwd()
        self.module_root = build.get("module_root")
        self.go = go_binary(step.get("tool_path", ""))
        goroot = os.path.dirname(os.path.dirname(os.path.realpath(self.go)))
        self.goroot = goroot if os.path.isdir(os.path.join(goroot, "src", "runtime")) else None
        self.pgo = pgo                  # absolute profile path, or "off"
        self.importer = (step.get("import_path") or "").split(" ", 1)[0]

    def toolexec(self) -> str:
        """The parent's -toolexec; a relative path made absolute, since the
        nested command runs elsewhere."""
        value = self.flags.last("toolexec")
        if isinstance(value, str) and value.strip():
            words = go_split(value)
            if len(words) == 1 and os.sep in words[0] and not os.path.isabs(words[0]):
                return go_quote(os.path.join(self.cwd, words[0]))
            return value
        from .. import paths
        return go_quote(paths.toolexec_path())

    def key(self, group: str) -> str:
        """Content hash of everything that decides what the nested go
        command builds (not of the packages asked for)."""
        h = hashlib.sha256(b"orch-resolve-v1\0")
        cmd = nested_command(self, group, [])
        env = {k: v for k, v in os.environ.items()
               if k.startswith(("GO", "CGO_", "CC", "CXX", "ORCH_RULES", "ORCH_NO_BUILTIN"))
               and k not in ("GOFLAGS", "GOTOOLCHAIN")}
        for part in (group, self.go, self.cwd if group == USER_GROUP else "", self.module_root or "",
                     json.dumps(cmd), json.dumps(sorted(env.items()))):
            h.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return h.hexdigest()[:20]


def go_binary(tool_path: str) -> str:
    """The go command of the toolchain that owns `tool_path`
    ($GOROOT/pkg/tool/GOOS_GOARCH/compile -> $GOROOT/bin/go), so that a
    nested command never switches toolchains."""
    exe = ".exe" if sys.platform == "win32" else ""
    if tool_path:
        goroot = os.path.abspath(tool_path)
        for _ in range(4):
            goroot = os.path.dirname(goroot)
        candidate = os.path.join(goroot, "bin", "go" + exe)
        if os.path.isfile(candidate):
            return candidate
    import shutil
    found = shutil.which("go")
    if not found:
        raise OrchError("cannot find the go command to build injected packages")
    return found


# --- PGO -----------------------------------------------------------------------

PREPROFILE_MAGIC = b"GO PREPROFILE V1"


def pgo_profile(step: dict, flags, module_root: str | None, *, compile_profile=None, link=False) -> str:
    """The -pgo value that builds packages as this tool call's were built.

    -pgo=off and -pgo=FILE are the parent's own. -pgo=auto (the default)
    means default.pgo in the main package's directory, per main package:
    the compiler got -pgoprofile only if the package is built for a main
    package that has one (TOOLEXEC_IMPORTPATH `pkg [main]` names it when go
    builds several); a link is for the main package it links.
    """
    value = flags.last("pgo", "auto")
    if not isinstance(value, str) or value == "off":
        return "off"
    if not link and not compile_profile:
        return "off"
    if value != "auto":
        return _abs(value, flags.cwd)
    import_path = step.get("import_path") or ""
    name, _, bracket = import_path.partition(" [")
    main = bracket.rstrip("]") if bracket else name
    if main.endswith(".test"):
        main = main[:-5]
    d = package_dir(main, flags, module_root)
    if d and os.path.isfile(os.path.join(d, "default.pgo")):
        return os.path.join(d, "default.pgo")
    if link:
        return "off"
    if compile_profile and os.path.isfile(compile_profile):
        with open(compile_profile, "rb") as f:
            if not f.read(len(PREPROFILE_MAGIC)).startswith(PREPROFILE_MAGIC):
                return compile_profile  # Go <= 1.22 passes the profile itself
    found = {os.path.join(d, "default.pgo") for d in _pattern_dirs(flags)
             if os.path.isfile(os.path.join(d, "default.pgo"))}
    if len(found) == 1:
        return found.pop()
    raise OrchError(f"cannot tell which default.pgo the build of {import_path} uses; "
                    "pass -pgo=FILE (or -pgo=off) to go")


def _pattern_dirs(flags) -> list[str]:
    dirs = []
    for p in flags.patterns:
        if p.endswith(".go"):
            dirs.append(os.path.dirname(_abs(p, flags.cwd)))
        elif (p.startswith(".") or os.path.isabs(p)) and "..." not in p:
            dirs.append(_abs(p, flags.cwd))
    return dirs


def package_dir(import_path: str, flags, module_root: str | None) -> str | None:
    """The directory of a main-module package (or of go run's files)."""
    if import_path == "command-line-arguments":
        dirs = _pattern_dirs(flags)
        return dirs[0] if dirs else None
    roots = modfile.main_module_roots(flags.cwd, module_root)
    for root in roots:
        mod = modfile.module_path(os.path.join(root, "go.mod"))
        if mod and (import_path == mod or import_path.startswith(mod + "/")):
            return os.path.join(root, import_path[len(mod):].lstrip("/"))
    return None


# --- the nested command --------------------------------------------------------

def _bool_flag(name: str, value) -> str:
    return f"-{name}" if value is True else f"-{name}={value}"


def _per_package(flags, name: str, group: str) -> list[str]:
    """-gcflags / -asmflags for the nested command.

    A value without a pattern applies to the packages named on the parent's
    command line. For orch's group those are never among the packages
    listed, so it is dropped; for the user's group it is pinned to the
    parent's patterns (same directory, same meaning).
    """
    out = []
    for value in flags.all(name):
        v = value.strip() if isinstance(value, str) else ""
        if v and not v.startswith("-"):
            out.append(f"-{name}={value}")
        elif group == USER_GROUP:
            for pattern in flags.patterns:
                if not pattern.endswith(".go"):
                    out.append(f"-{name}={pattern}={v}")
    return out


def _cover(flags, group: str, ctx: Context) -> list[str]:
    """Coverage flags: cover exactly the packages the parent covers.

    Without -coverpkg, go covers the main module's packages and those named
    on the command line (go test: the packages under test) - never std or
    orch's packages, and a package named on the nested command line would
    be covered: so spell the parent's selection out as -coverpkg.
    """
    cover = flags.on("cover") or flags.last("covermode") or flags.last("coverpkg")
    if not cover:
        return []
    out = ["-cover"]
    if flags.last("covermode"):
        out.append(f"-covermode={flags.last('covermode')}")
    coverpkg = flags.last("coverpkg")
    if coverpkg:
        return out + [f"-coverpkg={coverpkg}"]
    if group == ORCH_GROUP:
        return []
    patterns = [p for p in flags.patterns if not p.endswith(".go")] or ["."]
    if flags.sub != "test":
        patterns += [m + "/..." for m in modfile.main_module_paths(ctx.cwd, ctx.module_root)]
    return out + ["-coverpkg=" + ",".join(patterns)]


def go_split(value: str) -> list[str]:
    """A command line as go splits -toolexec (cmd/internal/quoted): fields
    separated by white space, each possibly in single or double quotes."""
    words, i, n = [], 0, len(value)
    while i < n:
        if value[i].isspace():
            i += 1
            continue
        if value[i] in "'\"":
            end = value.find(value[i], i + 1)
            if end < 0:
                raise OrchError(f"-toolexec: unterminated quote in {value!r}")
            words.append(value[i + 1:end])
            i = end + 1
        else:
            start = i
            while i < n and not value[i].isspace():
                i += 1
            words.append(value[start:i])
    return words


def go_quote(word: str) -> str:
    """word as one field of a go command line (see go_split)."""
    if word and not any(c.isspace() or c in "'\"" for c in word):
        return word
    if "'" not in word:
        return f"'{word}'"
    if '"' not in word:
        return f'"{word}"'
    raise OrchError(f"cannot pass a path with both kinds of quotes to go: {word!r}")


def nested_command(ctx: Context, group: str, packages: list[str]) -> list[str]:
    flags = ctx.flags
    if flags.last("compiler", "gc") != "gc":
        raise OrchError("orch supports the gc toolchain only (not -compiler=gccgo)")
    cmd = [ctx.go, "list", "-export", "-deps", "-json=ImportPath,Export,Deps,Error,DepsErrors"]
    for name in ("race", "msan", "asan", "trimpath", "linkshared"):
        if flags.last(name) is not None:
            cmd.append(_bool_flag(name, flags.last(name)))
    for name in ("tags", "buildmode", "installsuffix"):
        if flags.last(name) is not None:
            cmd.append(f"-{name}={flags.last(name)}")
    cmd += _per_package(flags, "gcflags", group)
    cmd += _per_package(flags, "asmflags", group)
    cmd += _cover(flags, group, ctx)
    cmd.append(f"-pgo={ctx.pgo}")
    if group == USER_GROUP:
        for name in ("mod", "modfile", "overlay"):
            v = flags.last(name)
            if v:
                cmd.append(f"-{name}={_abs(v, ctx.cwd) if name != 'mod' else v}")
    else:
        cmd.append("-mod=mod")
    cmd.append(f"-toolexec={ctx.toolexec()}")
    return cmd + list(packages)


def _abs(path: str, cwd: str) -> str:
    return path if os.path.isabs(path) else os.path.join(cwd, path)


# --- the synthesized module -------------------------------------------------

def _version_key(v: str):
    return tuple(int(x) if x.isdigit() else 0 for x in v.split(".")[:3])


OVERLAY = "overlay.json"


def synth_module(ctx: Context, key: str) -> str:
    """A module under $WORK/orch that requires orch's modules by replace
    (from their virtual directories, with OVERLAY beside its go.mod).

    Its go line is the highest of the orch modules' (go refuses a main
    module older than its dependencies).
    """
    d = workdir.orch_dir(ctx.work, "resolve", f"mod-{key}")
    modules = orch_modules(ctx.module_root)
    go_version = max((modfile.go_line(os.path.join(dirp, "go.mod")) or "1.21" for dirp in modules.values()),
                     key=_version_key, default="1.21")
    lines = ["module orchresolve", "", f"go {go_version}", ""]
    for mod in sorted(modules):
        lines.append(f"require {mod} v0.0.0")
    for mod in sorted(modules):
        lines.append(f"replace {mod} => {virtual_dir(mod)}")
    text = "\n".join(lines) + "\n"
    path = os.path.join(d, "go.mod")
    if workdir.read_or_none(path) != text.encode():
        workdir.write_atomic(path, text.encode())
    ov = json.dumps(overlay(modules), sort_keys=True).encode()
    path = os.path.join(d, OVERLAY)
    if workdir.read_or_none(path) != ov:
        workdir.write_atomic(path, ov)
    return d


# Where orch's modules are built from. go hashes a package's directory into
# its action id and, without -trimpath, writes it into the objects: built
# from wherever orch is installed, the runtime would give two installs of
# orch (two checkouts, two machines with other HOMEs) different cache
# entries and different binaries. So the synthesized module requires each
# of orch's modules from a directory that exists nowhere,
# VIRTUAL_ROOT/MODULE, and the nested go command reads its files through an
# overlay (go build -overlay): the action ids hash their content, the
# objects name VIRTUAL_ROOT/MODULE/..., and where orch is installed is
# never part of a build. (With -trimpath go writes the module path.)

VIRTUAL_ROOT = os.path.join(os.sep, "_orch_")


def virtual_dir(mod: str) -> str:
    return os.path.join(VIRTUAL_ROOT, *mod.split("/"))


def _module_files(src: str) -> list[str]:
    """The module's files, relative, sorted (what go could read: no VCS or
    editor directories, no bytecode)."""
    out = []
    for d, subdirs, files in os.walk(src):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith(".") and s != "__pycache__")
        rel = os.path.relpath(d, src)
        out += [os.path.normpath(os.path.join(rel, f)) for f in sorted(files) if not f.startswith(".")]
    return out


def overlay(modules: dict) -> dict:
    """go's -overlay document: each file of each module at its virtual path."""
    replace = {}
    for mod, src in sorted(modules.items()):
        for rel in _module_files(src):
            replace[os.path.join(virtual_dir(mod), rel)] = os.path.join(src, rel)
    return {"Replace": replace}


# --- resolving ---------------------------------------------------------------

class Resolved:
    """What the index knows: each package's archive, and the closure of
    the packages that were asked for."""

    __slots__ = ("exports", "closures")

    def __init__(self, data: dict | None = None):
        data = data if isinstance(data, dict) else {}
        exports, closures = data.get("exports", {}), data.get("closures", {})
        if not (isinstance(exports, dict) and all(isinstance(v, str) for v in exports.values())
                and isinstance(closures, dict) and all(isinstance(v, list) for v in closures.values())):
            exports, closures = {}, {}      # damaged: as if absent
        self.exports: dict[str, str] = exports
        self.closures: dict[str, list[str]] = closures

    def knows(self, path: str) -> bool:
        return path in self.closures and path in self.exports

    def merge(self, packages: list[dict], asked: list[str]) -> None:
        for p in packages:
            if p.get("Export"):
                self.exports[p["ImportPath"]] = p["Export"]
        by_path = {p["ImportPath"]: p for p in packages}
        for path in asked:
            if path in by_path:
                self.closures[path] = list(by_path[path].get("Deps") or [])

    def to_json(self) -> bytes:
        return json.dumps({"exports": self.exports, "closures": self.closures},
                          sort_keys=True, indent=0).encode()


def _index_paths(ctx: Context, key: str) -> tuple[str, str]:
    d = workdir.orch_dir(ctx.work, "resolve")
    return os.path.join(d, f"{key}.json"), os.path.join(d, f"{key}.lock")


def _load(path: str) -> Resolved:
    data = workdir.read_or_none(path)
    if data is None:
        return Resolved()
    try:
        return Resolved(json.loads(data))
    except ValueError:
        return Resolved()       # damaged (a saved answer, say): as if absent


def resolve(ctx: Context, paths: list[str]) -> Resolved:
    """Archives (and closures) of `paths`, building them if needed.

    Returns one Resolved per call, covering every path asked for; raises
    OrchError with go's own message if a package cannot be built.
    """
    paths = sorted({p for p in paths if p not in NEVER_ARCHIVED})
    result = Resolved()
    for group in (ORCH_GROUP, USER_GROUP):
        mine = [p for p in paths if group_of(p, ctx.module_root, ctx.goroot) == group]
        if not mine:
            continue
        got = _resolve_group(ctx, group, mine)
        result.exports.update(got.exports)
        result.closures.update(got.closures)
    return result


def _resolve_group(ctx: Context, group: str, paths: list[str]) -> Resolved:
    key = ctx.key(group)
    index, lock = _index_paths(ctx, key)
    known = _load(index)
    if all(known.knows(p) for p in paths):
        return known
    with workdir.locked(lock):
        known = _load(index)
        missing = [p for p in paths if not known.knows(p)]
        if missing:
            saved_path = saved_results_path(ctx, key) if group == ORCH_GROUP else None
            if not (saved_path and _reuse(saved_path, known, missing)):
                packages = run_go_list(ctx, group, key, missing)
                known.merge(packages, missing)
                if saved_path:
                    _save(saved_path, packages, missing)
            workdir.write_atomic(index, known.to_json())
    return known


# --- across builds -------------------------------------------------------------
#
# A warm build compiles nothing, yet its link still needs the injected
# packages' archives, and `go list` costs a few hundred milliseconds. For
# standard packages and orch's own, what the nested command builds depends
# only on things orch can hash: the command (flags, environment: the build
# key), the toolchain release, the rules in force, the source of orch's
# modules, the go env file, PATH (which C compiler) and GOCACHE. Results
# saved under that key in orch's cache directory are reused when every
# archive they name still exists; anything else runs go list again. A
# development toolchain, whose standard library may change under the same
# version, never reuses results; nor do packages of the user's module
# graph, whose source changes all the time. ORCH_RESOLVE_CACHE=off turns
# this off.

def cache_dir() -> str | None:
    from ..paths import cache_dir
    return cache_dir("resolve")


def saved_results_path(ctx: Context, key: str) -> str | None:
    if os.environ.get("ORCH_RESOLVE_CACHE") == "off":
        return None
    saved_dir = cache_dir()
    goroot = ctx.goroot
    if not saved_dir:
        return None
    if not goroot:
        return None
    version = workdir.read_or_none(os.path.join(goroot, "VERSION"))
    if not version or b"devel" in version.split(b"\n", 1)[0]:
        return None
    h = hashlib.sha256(b"orch-resolve-saved-v1\0")

    def add(*parts):
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
            h.update(b"%d\0" % len(data) + data)

    add(key, goroot, version.split(b"\n", 1)[0], os.environ.get("PATH", ""), os.environ.get("GOCACHE", ""))
    env_file = os.environ.get("GOENV") or os.path.join(
        os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config"), "go", "env")
    add(workdir.read_or_none(env_file) or b"")
    from .. import config
    for f in config.rule_files(ctx.module_root):
        add(f, workdir.read_or_none(f) or b"")
    for mod, d in sorted(orch_modules(ctx.module_root).items()):
        add(mod)
        for dirpath, subdirs, files in os.walk(d):
            subdirs[:] = sorted(x for x in subdirs if x not in ("testdata", "vendor") and not x.startswith((".", "_")))
            for name in sorted(files):
                if name.endswith((".go", ".s", ".h", ".c", "go.mod", "go.sum")) and not name.endswith("_test.go"):
                    path = os.path.join(dirpath, name)
                    add(os.path.relpath(path, d), workdir.read_or_none(path) or b"")
    return os.path.join(saved_dir, h.hexdigest()[:32] + ".json")


def _reuse(saved_path: str, known: Resolved, missing: list[str]) -> bool:
    """Copy the saved answers for `missing` into `known` if they are all
    there and every archive they name still exists (go trims its cache)."""
    saved = _load(saved_path)
    if not all(saved.knows(p) for p in missing):
        return False
    needed = {q for p in missing for q in [p] + saved.closures[p] if q in saved.exports}
    if not all(os.path.isfile(saved.exports[q]) for q in needed):
        return False
    for p in missing:
        known.closures[p] = saved.closures[p]
    for q in needed:
        known.exports[q] = saved.exports[q]
    return True


def _save(saved_path: str, packages: list[dict], asked: list[str]) -> None:
    try:
        os.makedirs(os.path.dirname(saved_path), exist_ok=True)
        with workdir.locked(saved_path + ".lock"):
            saved = _load(saved_path)
            saved.merge(packages, asked)
            workdir.write_atomic(saved_path, saved.to_json(), durable=True)
    except (OSError, OrchError):
        pass  # a cache that cannot be written is only slower


def _check_recursion(ctx: Context, paths: list[str]) -> tuple[int, str]:
    """The depth and chain for the nested command, or an OrchError.

    ORCH_RESOLVING lists `importer=pkg,pkg` for each enclosing resolution.
    A nested compile of an importer that is already in the chain means the
    packages injected into it depend on it: go would compile it again, and
    again, one go command deeper each time.
    """
    depth = int(os.environ.get("ORCH_NESTED") or 0)
    chain = os.environ.get("ORCH_RESOLVING", "").split()
    for entry in chain:
        importer, _, wanted = entry.partition("=")
        if importer == ctx.importer:
            raise OrchError(f"injection cycle: the code injected into {importer} imports "
                            f"{wanted.replace(',', ', ')}, which depends on {importer} "
                            "(make it a link-time dependency, `links`, instead of an import)")
    if depth >= MAX_DEPTH:
        raise OrchError(f"injected packages nest {depth} go commands deep ({' '.join(chain)}); giving up")
    return depth, " ".join(chain + [f"{ctx.importer or '?'}={','.join(paths)}"])


def nested_env(ctx: Context, group: str, depth: int, chain: str, cwd: str) -> dict:
    env = dict(os.environ)
    env.pop("TOOLEXEC_IMPORTPATH", None)
    env["GOTOOLCHAIN"] = "local"
    # Our flags are all on the command line; a non-empty GOFLAGS keeps go
    # from reading the go env file's, which may name -mod or -modfile.
    env["GOFLAGS"] = "-buildvcs=false"
    env["ORCH_NESTED"] = str(depth + 1)
    env["ORCH_RESOLVING"] = chain
    # The parent's orch.toml, not one found from the nested directory (with
    # no main module, the synthesized module stands for "no orch.toml").
    env["ORCH_MODULE_ROOT"] = ctx.module_root or cwd
    # Relative rule paths are relative to where the user ran go; the nested
    # go command runs elsewhere.
    if env.get("ORCH_RULES"):
        from .. import config
        env["ORCH_RULES"] = ":".join(config.env_rule_paths(env))
    if env.get("ORCH_DEBUG_DIR"):
        from .. import debug
        env["ORCH_DEBUG_DIR"] = os.path.join(debug.enabled(), f"nested{depth + 1}")
    if group == ORCH_GROUP:
        env["GOWORK"] = "off"
        env["GOPROXY"] = "off"
        # orch's modules need no module cache (nothing is downloaded), and
        # go refuses an overlay beneath GOMODCACHE, which is every path
        # when it is empty (no HOME, no GOPATH): give it one of its own.
        env["GOMODCACHE"] = os.path.join(cwd, "gomodcache")
    return env


def run_go_list(ctx: Context, group: str, key: str, paths: list[str]) -> list[dict]:
    depth, chain = _check_recursion(ctx, paths)
    cwd = synth_module(ctx, key) if group == ORCH_GROUP else ctx.cwd
    cmd = nested_command(ctx, group, paths)
    if group == ORCH_GROUP:     # orch's modules at their virtual directories (see VIRTUAL_ROOT)
        cmd.insert(len(cmd) - len(paths), f"-overlay={os.path.join(cwd, OVERLAY)}")
    env = nested_env(ctx, group, depth, chain, cwd)
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    except OSError as e:
        raise OrchError(f"{cmd[0]}: {e.strerror}")
    packages = _decode_stream(proc.stdout)
    errors = [p["Error"]["Err"] for p in packages if p.get("Error")]
    if proc.returncode != 0 or errors:
        detail = "\n".join(errors) or proc.stderr.decode("utf-8", "replace").strip()
        raise OrchError(f"cannot build {', '.join(paths)} (imported by code that orch injected into "
                        f"{ctx.importer or 'the program'}):\n{_tail(detail)}")
    return packages


def _tail(text: str, lines: int = 20) -> str:
    parts = text.splitlines()
    if len(parts) > lines:
        parts = parts[:lines] + [f"... ({len(parts) - lines} more lines)"]
    return "\n".join("\t" + p for p in parts)


def _decode_stream(data: bytes) -> list[dict]:
    """go list -json prints one object after another, not a JSON array."""
    text = data.decode("utf-8", "surrogateescape")
    dec = json.JSONDecoder()
    out, i, n = [], 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
