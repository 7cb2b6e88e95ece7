"""Go package archives (`!<arch>` files), read and appended in Python.

The compiler writes each package as a Unix ar archive:

    !<arch>\\n
    __.PKGDEF        export data, read by compilers of importers
    _go_.o           the object code, read by the linker
    ...              assembly and cgo objects that go packs in afterwards

Each member has a 60-byte text header,

    %-16s%-12d%-6d%-6d%-8o%-10d`\\n      name mtime uid gid mode size

then `size` bytes of data and one zero byte of padding if `size` is odd.

orch adds its own members (see stages/linkdeps.py). The linker skips a
member whose name is shorter than 16 bytes and does not end in .o or .syso
(cmd/link/internal/ld/lib.go, loadobjfile); the compiler only reads
__.PKGDEF; `pack r` appends after whatever is there. So an extra member
with a short dotted name is invisible to the toolchain.

Reading one member must be cheap, since the link step looks in every
archive of the program: member() reads headers and seeks over the data.
"""

from ..errors import OrchError

MAGIC = b"!<arch>\n"
HEADER_SIZE = 60


def _bad(path: str, why: str) -> OrchError:
    return OrchError(f"{path}: not a Go package archive ({why})")


def _headers(f, path: str):
    """Yield (name, data offset, size) for each member of the open file."""
    if f.read(len(MAGIC)) != MAGIC:
        raise _bad(path, "no !<arch> header")
    offset = len(MAGIC)
    while True:
        header = f.read(HEADER_SIZE)
        if not header:
            return
        if len(header) < HEADER_SIZE or header[58:60] != b"`\n":
            raise _bad(path, f"corrupt member header at byte {offset}")
        try:
            size = int(header[48:58])
        except ValueError:
            raise _bad(path, f"bad member size at byte {offset}")
        data = offset + HEADER_SIZE
        yield header[:16].rstrip(b" ").decode("latin-1"), data, size
        offset = data + size + (size & 1)
        f.seek(offset)


def _open(path: str):
    # Unbuffered: each header is one small read, not an 8 KB buffer fill.
    try:
        return open(path, "rb", buffering=0)
    except OSError as e:
        raise OrchError(f"{path}: cannot read archive: {e.strerror}")


def members(path: str) -> list[tuple[str, int, int]]:
    """[(name, data offset, size)] of every member, in order."""
    with _open(path) as f:
        return list(_headers(f, path))


def member(path: str, name: str) -> bytes | None:
    """The data of the last member called `name`, or None."""
    found = None
    with _open(path) as f:
        for n, offset, size in _headers(f, path):
            if n == name:
                found = (offset, size)
        if found is None:
            return None
        f.seek(found[0])
        return f.read(found[1])


def header(name: str, size: int) -> bytes:
    raw = name.encode()
    if len(raw) > 16:
        raise ValueError(f"archive member name longer than 16 bytes: {name!r}")
    return b"%-16s%-12d%-6d%-6d%-8o%-10d`\n" % (raw, 0, 0, 0, 0o644, size)


def encode_member(name: str, data: bytes) -> bytes:
    return header(name, len(data)) + data + (b"\0" if len(data) & 1 else b"")


MIN_MEMBER = 8


def append(path: str, name: str, data: bytes) -> None:
    """Append one member (as `go tool pack r` would: after the last one).

    The data must be at least 8 bytes: go's archive reader (pack, nm,
    objdump) peeks that far into each member for an object header.
    """
    if len(data) < MIN_MEMBER:
        raise ValueError(f"archive member {name!r} must be at least {MIN_MEMBER} bytes")
    with open(path, "rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise _bad(path, "no !<arch> header")
    with open(path, "ab") as f:
        f.write(encode_member(name, data))


def copy_members(src: str, dst: str, skip: set[str]) -> None:
    """Append to `dst` every member of `src` whose name is not in `skip`,
    in order (used to carry assembly and cgo objects into a recompiled
    archive)."""
    with open(src, "rb") as f, open(dst, "ab") as out:
        wanted = [(n, o, s) for n, o, s in _headers(f, src) if n not in skip]
        for n, offset, size in wanted:
            f.seek(offset)
            out.write(encode_member(n, f.read(size)))


def is_archive(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False

