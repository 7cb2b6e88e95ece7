"""The export data in a Go package archive (GOROOT/src/internal/exportdata).

An archive made by `go tool compile -pack` starts with "!<arch>\\n" and its
first member, __.PKGDEF, holds a "go object ..." header line, more header
lines, then "$$B\\n", the format byte 'u' (unified), the payload, and
"\\n$$\\n".
"""

from .errors import ExportDataError

_MAGIC = b"!<arch>\n"
_HEADER = 60


def read_file(path: str) -> bytes:
    """The unified payload of the archive (or bare export file) at path."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_MAGIC) + _HEADER)
            if not head.startswith(_MAGIC):
                raise ExportDataError(f"{path}: not a Go package archive")
            hdr = head[len(_MAGIC):]
            name = hdr[:16].rstrip(b" ")
            if name != b"__.PKGDEF":
                raise ExportDataError(f"{path}: no __.PKGDEF member (found {name!r})")
            try:
                size = int(hdr[48:58].strip())
            except ValueError:
                raise ExportDataError(f"{path}: damaged archive header") from None
            member = f.read(size)
    except OSError as e:
        raise ExportDataError(f"{path}: {e.strerror or e}") from None
    if len(member) != size:
        raise ExportDataError(f"{path}: truncated archive")
    return payload(member, path)


def payload(member: bytes, path: str = "export data") -> bytes:
    """The unified payload of a __.PKGDEF member."""
    if not member.startswith(b"go object "):
        raise ExportDataError(f"{path}: not a go object file")
    start = member.find(b"\n$$B\n")
    if start < 0:
        if member.find(b"\n$$\n") >= 0:
            raise ExportDataError(f"{path}: old textual export format")
        raise ExportDataError(f"{path}: no export data")
    start += len(b"\n$$B\n")
    fmt = member[start:start + 1]
    if fmt != b"u":
        raise ExportDataError(
            f"{path}: export data format {fmt!r} is not unified export data ('u')")
    end = member.rfind(b"\n$$\n")
    if end < start:
        raise ExportDataError(f"{path}: no end-of-section marker")
    return member[start + 1:end]


def go_version(member_or_path) -> str:
    """The go version named by the archive's object header (for messages)."""
    try:
        with open(member_or_path, "rb") as f:
            data = f.read(200)
    except OSError:
        return "unknown go version"
    i = data.find(b"go object ")
    if i < 0:
        return "unknown go version"
    for w in data[i:].split(b"\n", 1)[0].split()[2:]:
        if w.startswith(b"go1") or w.startswith(b"devel"):
            return w.decode("ascii", "replace")
    return "unknown go version"
