"""The build's work directory ($WORK) and how orch keeps files in it.

go gives each build a fresh directory, `$GOTMPDIR/go-buildNNN`, with one
subdirectory per action (`b001`, `b002`, ...), and removes it when the
build ends (unless -work). Every tool call writes its output there:

    compile -o $WORK/b042/_pkg_.a
    link    -o $WORK/b001/exe/a.out

so $WORK is found from the -o path, without asking go. orch keeps what it
shares between the calls of one build under $WORK/orch/ (resolved
archives, locks, completed importcfg files): it goes away with the build,
and two builds never see each other's files. Shared files are written
atomically (temporary file + rename) and changed only under a file lock.
"""

import contextlib
import os

from ..errors import OrchError

ORCH_SUBDIR = "orch"


def work_dir(output: str) -> str:
    """$WORK for a tool whose -o is `output`.

    The nearest ancestor named go-build*, else the parent of the action
    directory (`$WORK/b001/_pkg_.a` -> `$WORK`), for tools run by hand.
    """
    path = os.path.abspath(output)
    d = os.path.dirname(path)
    while True:
        if os.path.basename(d).startswith("go-build"):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    d = os.path.dirname(path)
    if os.path.basename(d) == "exe":  # link -o $WORK/b001/exe/a.out
        d = os.path.dirname(d)
    return os.path.dirname(d)


def orch_dir(work: str, *parts: str) -> str:
    d = os.path.join(work, ORCH_SUBDIR, *parts)
    os.makedirs(d, exist_ok=True)
    return d


def write_atomic(path: str, data: bytes, durable: bool = False) -> None:
    """Write path as a whole (readers see the old file or the new one).
    durable: flush the data to disk before the rename, so that a crash
    cannot leave the new name on an empty file (for files that outlive the
    build: orch's cache; $WORK's go away with it)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OrchError(f"{path}: cannot write: {e.strerror}")


def read_or_none(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def locked(path: str):
    """Hold an exclusive lock on `path` (created if needed) for the block.

    flock locks belong to the open file, so they are released if the
    process dies; a waiting process simply blocks.
    """
    import fcntl
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
