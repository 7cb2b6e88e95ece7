"""The go command's build flags: the parent build's (-tags, -race, -trimpath,
GOFLAGS, the go env file ...), so that orch's nested go commands build
what the parent would. The go process itself (argv, working directory) is
orch.goprocess.
"""

import os
import sys


# --- The parent's build flags ---------------------------------------------
#
# Packages that orch builds itself (the ones injected code imports) must be
# compiled exactly as the parent build compiles its own: same tags, race,
# coverage, trimpath, gcflags, build mode, PGO profile. So the nested go
# command gets the parent's flags, read from its command line and from
# GOFLAGS (applied first, so the command line wins, as in cmd/go).

# Flags of go build/install/run/test/list that take a value
# (cmd/go/internal/work/build.go AddBuildFlags, AddCoverFlags; test/testflag.go).
GO_VALUE_FLAGS = frozenset("""
    C p asmflags compiler buildmode gcflags gccgoflags mod modfile overlay
    installsuffix ldflags pgo pkgdir tags toolexec covermode coverpkg o exec
    debug-actiongraph debug-runtime-trace debug-trace coverprofile vet
    bench benchtime blockprofile blockprofilerate count cpu cpuprofile fuzz
    list memprofile memprofilerate mutexprofile mutexprofilefraction outputdir
    parallel run skip timeout fuzztime fuzzminimizetime trace shuffle f
""".split())

# The flags that change how a package compiles (the others choose packages,
# outputs, verbosity or what the test binary does).
COMPILE_AFFECTING = frozenset("""
    race msan asan tags trimpath gcflags asmflags buildmode pgo cover covermode
    coverpkg mod modfile overlay linkshared installsuffix compiler
""".split())

# Subcommands whose trailing arguments after the packages belong to the
# program (go run prog.go args...), not to go.
_PROGRAM_ARGS = ("run",)


class GoFlags:
    """The parent go command, parsed: subcommand, build flags, packages."""

    __slots__ = ("sub", "flags", "patterns", "cwd")

    def __init__(self, sub: str, flags: list, patterns: list[str], cwd: str):
        self.sub = sub
        self.flags = flags          # [(name, value or True)], GOFLAGS first
        self.patterns = patterns    # package arguments as given
        self.cwd = cwd

    def last(self, name: str, default=None):
        for n, v in reversed(self.flags):
            if n == name:
                return v
        return default

    def all(self, name: str) -> list:
        return [v for n, v in self.flags if n == name]

    def on(self, name: str) -> bool:
        """A boolean flag's effective value (-race, -race=true, -race=false)."""
        v = self.last(name, False)
        return v is True or (isinstance(v, str) and v.lower() in ("1", "t", "true"))

    def compile_flags(self) -> list[tuple]:
        return [(n, v) for n, v in self.flags if n in COMPILE_AFFECTING]


def _split_flag(word: str):
    """'-name=value' -> ('name', 'value'); '-name' -> ('name', None)."""
    name, eq, value = word.lstrip("-").partition("=")
    return name, (value if eq else None)


def _parse_words(words: list[str], *, allow_interleaved: bool):
    """Go's flag syntax over `words`: (flags, positionals)."""
    flags, positionals = [], []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "--":
            positionals.extend(words[i + 1:])
            break
        if w == "-args":  # go test: the rest goes to the test binary
            break
        if not w.startswith("-") or w == "-":
            if not allow_interleaved:
                positionals.extend(words[i:])
                break
            positionals.append(w)
            i += 1
            continue
        name, value = _split_flag(w)
        if name.startswith("test."):
            name = name[5:]
        if value is None and name in GO_VALUE_FLAGS:
            value = words[i + 1] if i + 1 < len(words) else ""
            i += 1
        flags.append((name, True if value is None else value))
        i += 1
    return flags, positionals


def goflags_words(env) -> list[str]:
    """GOFLAGS from the environment, else from the go env file."""
    value = env.get("GOFLAGS")
    if value is None:
        value = goenv_file(env).get("GOFLAGS", "")
    return value.split()


def goenv_file(env) -> dict:
    """The settings of `go env -w` (the file $GOENV, by default
    $XDG_CONFIG_HOME/go/env), or {}: go reads them when the environment
    variable is unset."""
    path = env.get("GOENV")
    if path == "off":
        return {}
    if not path:
        base = env.get("XDG_CONFIG_HOME") or os.path.join(env.get("HOME", "/"), ".config")
        if sys.platform == "darwin" and not env.get("XDG_CONFIG_HOME"):
            base = os.path.join(env.get("HOME", "/"), "Library", "Application Support")
        path = os.path.join(base, "go", "env")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, eq, value = line.partition("=")
        if eq and key.strip() and not key.startswith("#"):
            out[key.strip()] = value.strip()
    return out


def parse(argv: list[str], cwd: str, env=None) -> GoFlags:
    """The build flags of `go SUBCOMMAND ...` (argv[0] is the go binary)."""
    env = os.environ if env is None else env
    words = list(argv[1:])
    sub = ""
    while words:
        w = words.pop(0)
        if w.startswith("-"):  # go -C dir build ... is not valid, but be lenient
            if _split_flag(w)[1] is None and words:
                words.pop(0)
            continue
        sub = w
        break
    if sub == "tool":
        return GoFlags(sub, [], [], cwd)
    gflags, _ = _parse_words(goflags_words(env), allow_interleaved=True)
    cflags, positionals = _parse_words(words, allow_interleaved=(sub == "test"))
    if sub in _PROGRAM_ARGS and positionals:
        # go run [flags] package|files.go... [program args]
        n = 1
        if positionals[0].endswith(".go"):
            while n < len(positionals) and positionals[n].endswith(".go"):
                n += 1
        positionals = positionals[:n]
    return GoFlags(sub, gflags + cflags, positionals, cwd)


def parent_flags(build: dict, env=None) -> GoFlags:
    """The parsed parent go command of a step's build context."""
    return parse(build.get("go_argv") or ["go"], build.get("go_cwd") or os.getcwd(), env)
