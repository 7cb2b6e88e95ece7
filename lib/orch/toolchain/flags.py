"""The compiler's and the linker's command lines.

go runs, for example,

    compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p main -lang=go1.22
            -complete -buildid A/B -goversion go1.26.8 -c=2 -nolocalimports
            -importcfg $WORK/b001/importcfg -pack ./main.go ./util.go
    link -o $WORK/b001/exe/a.out -importcfg $WORK/b001/importcfg.link
         -buildmode=exe -buildid=C/D -extld=gcc $WORK/b001/_pkg_.a

Both tools use Go's flag package: `-name value` or `-name=value`, boolean
flags never take the next word, and the first word that is not a flag (or
`--`) starts the positional arguments (source files; the main archive).
Long command lines come as `@file` response files (one argument per line,
with `\\\\` and `\\n` escaped), which expand() reads.

Args is a small parsed view; its methods return new argument lists, so a
stage can change a flag and record what it changed.
"""

from ..errors import OrchError

# Flags that take a value (cmd/compile/internal/base/flag.go, CmdFlags).
COMPILE_VALUE_FLAGS = frozenset("""
    D I c d o p asmhdr bench blockprofile buildid cpuprofile embedcfg env
    gendwarfinl goversion importcfg installsuffix json lang linkobj memprofile
    memprofilerate mutexprofile coveragecfg spectre symabis traceprofile
    trimpath pgoprofile
""".split())

# Flags that take a value (cmd/link/internal/ld/main.go).
LINK_VALUE_FLAGS = frozenset("""
    r extld extldflags buildid o pluginpath fipso installsuffix k libgcc tmpdir
    extar capturehostobjs debugtramp debugtextsize strictdups R T D funcalign E
    randlayout cpuprofile memprofile memprofilerate benchmark benchmarkprofile
    B I H linkmode buildmode X L importcfg
""".split())

VALUE_FLAGS = {"compile": COMPILE_VALUE_FLAGS, "link": LINK_VALUE_FLAGS}


def decode_arg(line: str) -> str:
    """Undo cmd/go's encodeArg: `\\\\` is a backslash, `\\n` a newline."""
    if "\\" not in line:
        return line
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            nxt = line[i + 1]
            out.append("\n" if nxt == "n" else "\\" if nxt == "\\" else c + nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def encode_arg(arg: str) -> str:
    return arg.replace("\\", "\\\\").replace("\n", "\\n")


def expand(argv: list[str]) -> list[str]:
    """Replace each `@file` argument by the arguments it holds."""
    if not any(a.startswith("@") for a in argv):
        return argv
    out = []
    for a in argv:
        if not a.startswith("@"):
            out.append(a)
            continue
        try:
            with open(a[1:], encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            raise OrchError(f"{a[1:]}: cannot read response file: {e.strerror}")
        lines = text.replace("\r", "").strip().split("\n")
        out.extend(expand([decode_arg(line) for line in lines]))
    return out


class Args:
    """argv split into flags and positional arguments."""

    __slots__ = ("argv", "values", "first_positional", "_index")

    def __init__(self, argv: list[str], tool: str):
        self.argv = list(argv)
        self.values = VALUE_FLAGS[tool]
        # name -> [(index of the flag word, index of its value or None)]
        self._index: dict[str, list[tuple[int, int | None]]] = {}
        i, n = 0, len(self.argv)
        while i < n:
            a = self.argv[i]
            if a == "--":
                i += 1
                break
            if not a.startswith("-") or a == "-":
                break
            name, eq, _ = a.lstrip("-").partition("=")
            if eq or name not in self.values:
                self._index.setdefault(name, []).append((i, None))
                i += 1
            else:
                self._index.setdefault(name, []).append((i, i + 1))
                i += 2
        self.first_positional = min(i, n)

    def get(self, name: str, default=None):
        """The value of the last -name (True for a bare boolean flag)."""
        seen = self._index.get(name)
        if not seen:
            return default
        i, v = seen[-1]
        if v is not None:
            return self.argv[v] if v < len(self.argv) else default
        word = self.argv[i]
        return word.partition("=")[2] if "=" in word else True

    def has(self, name: str) -> bool:
        return name in self._index

    def positionals(self) -> list[str]:
        return self.argv[self.first_positional:]

    def with_value(self, name: str, value: str) -> list[str]:
        """argv with -name set to `value` (replacing the last one, or added
        before the positional arguments)."""
        argv = list(self.argv)
        seen = self._index.get(name)
        if not seen:
            argv.insert(self.first_positional, f"-{name}={value}")
            return argv
        i, v = seen[-1]
        if v is not None:
            argv[v] = value
        else:
            dashes = argv[i][:len(argv[i]) - len(argv[i].lstrip("-"))]
            argv[i] = f"{dashes}{name}={value}"
        return argv

    def with_positionals(self, files: list[str]) -> list[str]:
        return self.argv[:self.first_positional] + list(files)
