"""importcfg files: how go tells the compiler and linker where packages are.

    # import config
    packagefile fmt=/home/me/.cache/go-build/a2/a299...-d
    importmap golang.org/x/net/http2/hpack=vendor/golang.org/x/net/http2/hpack
    packageshlib p=/path/libp.so          (link, -linkshared)
    modinfo "..."                          (link, the main module's build info)

A compile importcfg lists the package's direct imports only; a link importcfg
lists every package of the program. orch never edits go's file: it writes a
completed copy (go's text, then the added lines) and points the tool at it.
"""

from ..errors import OrchError


class ImportCfg:
    """The parsed file: go's own text plus what orch adds."""

    __slots__ = ("path", "text", "packagefile", "importmap", "added")

    def __init__(self, text: str, path: str = "importcfg"):
        self.path = path
        self.text = text
        self.packagefile: dict[str, str] = {}
        self.importmap: dict[str, str] = {}
        self.added: dict[str, str] = {}
        for lineno, line in enumerate(text.split("\n"), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            verb, _, args = line.partition(" ")
            before, eq, after = args.strip().partition("=")
            if verb in ("packagefile", "importmap"):
                if not eq or not before or not after:
                    raise OrchError(f"invalid {verb} line", path=path, line=lineno)
                (self.packagefile if verb == "packagefile" else self.importmap)[before] = after

    def has(self, import_path: str) -> bool:
        """Whether the tool can already find this package."""
        return (import_path in self.packagefile or import_path in self.importmap
                or import_path in self.added)

    def add(self, import_path: str, archive: str) -> None:
        if not self.has(import_path):
            self.added[import_path] = archive

    def files(self) -> dict[str, str]:
        """Every package's archive, go's and orch's."""
        return {**self.packagefile, **self.added}

    def render(self) -> str:
        if not self.added:
            return self.text
        text = self.text if not self.text or self.text.endswith("\n") else self.text + "\n"
        lines = "".join(f"packagefile {p}={a}\n" for p, a in sorted(self.added.items()))
        return f"{text}# added by orch\n{lines}"


def read(path: str) -> ImportCfg:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return ImportCfg(f.read(), path)
    except OSError as e:
        raise OrchError(f"{path}: cannot read importcfg: {e.strerror}")


def write(cfg: ImportCfg, path: str) -> str:
    """Write the completed copy atomically; returns `path`."""
    from . import workdir
    workdir.write_atomic(path, cfg.render().encode("utf-8", "surrogateescape"))
    return path
