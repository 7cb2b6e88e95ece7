"""The go command that started this build: its argv and working directory.

go runs `TOOLEXEC tool args` as a direct child, and orch-toolexec execs
Python in place, so the parent process is the go command (unless the user
wrapped orch-toolexec in something else: then we walk up to the nearest
process that looks like go). Read from /proc; on systems without /proc the
answer is empty and callers fall back to the environment.
"""

import os


def _read_proc(pid: int) -> tuple[list[str], str] | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            raw = f.read()
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return None
    argv = [a.decode("utf-8", "surrogateescape") for a in raw.split(b"\0")[:-1]]
    return argv, cwd


def _ppid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    # pid (comm) state ppid ...: comm may hold spaces and parentheses.
    return int(stat[stat.rindex(b")") + 2:].split()[1])


def _looks_like_go(argv: list[str]) -> bool:
    return bool(argv) and os.path.basename(argv[0]) in ("go", "go.exe")


def parent_go(max_depth: int = 4) -> dict:
    """{'pid', 'argv', 'cwd'} of the go command above us, or {} if not found."""
    pid = os.getppid()
    for _ in range(max_depth):
        if not pid or pid <= 1:
            break
        info = _read_proc(pid)
        if info is None:
            break
        argv, cwd = info
        if _looks_like_go(argv):
            return {"pid": pid, "argv": argv, "cwd": cwd}
        pid = _ppid(pid)
    return {}


def go_cwd() -> str:
    """The directory go was started in: what a relative ORCH_RULES or
    ORCH_DEBUG_DIR is relative to, whichever directory a tool call runs in
    (this process's own when no go command is above it)."""
    return parent_go().get("cwd") or os.getcwd()
