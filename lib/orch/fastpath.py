"""The launcher's fast path: compile calls that need no Python at all.

Most compile calls of a build are for packages that no rule can touch, and
for those orch's whole job is to run the compiler. Starting Python to find
that out costs ~12 ms of CPU a call, about as much again as the rest of the
build's overhead: bin/orch-toolexec can decide most of them itself, from a
summary of the rules in force that the version stage leaves for it.

The summary is a necessary condition for any rule to touch a package,
derived from the rules' pre-tests (rules/prefilter.py):

    the package's import path is one of IMPORT_PATHS, or
    one of its .go files contains one of the byte strings PATTERNS

When neither holds, the plan stage would rule every rule out too, so the
launcher execs the compiler directly. When a rule's pre-test says nothing
that such a condition can express (a package-name or package-filter test,
say), there is no summary and every compile call goes to Python as before.

Where: go asks `compile -V=full` (through orch) before it compiles anything,
once per go process; that call writes the summary, and the answer to go's
next question, to files named after the go process (boot id, pid and start
time, so that a recycled pid never finds an old summary):

    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/BOOT-PID-START.pat   PATTERNS, one a line
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/BOOT-PID-START.ips   " path1 path2 ... "
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/BOOT-PID-START.link  the linker's path and
                                  orch's answer to `link -V=full`, go's next question

The launcher, a child of the same go process, finds them by its parent's
pid; without them (another process in between, an unwritable cache) it
starts Python as always. A main package or a response file (@args) also
goes to Python: those calls do more than the plan. With ORCH_DEBUG_DIR the
launcher notes each call it decides in timings.jsonl.
"""

import os

TRUE = None          # a condition that excludes nothing


def condition(table) -> tuple[list[str], list[bytes]] | None:
    """(import paths, patterns) such that a rule of the prefilter table can
    touch a package only if its import path is listed or one of its files
    contains a pattern; None when the rules allow no such summary."""
    paths, patterns = set(), set()
    for _rule_id, pre in table:
        c = _necessary(pre)
        if c is TRUE:
            return None
        paths |= c[0]
        patterns |= c[1]
    if any(not p or b"\n" in p for p in patterns):
        return None      # not expressible as grep -F patterns
    return sorted(paths), sorted(patterns)


def _necessary(e):
    """A condition (import paths, patterns) implied by pre-test e being
    MAYBE or YES for some file of a package, or TRUE."""
    op = e[0]
    if op == "ip":
        return {e[1]}, set()
    if op == "contains":
        return set(), {e[1]}
    if op == "imports":         # FileContext.may_import: it is the package, or names it quoted
        return {e[1]}, {f'"{e[1]}"'.encode()}
    if op == "typename":        # FileContext.contains_type_name
        if e[1] == "any":
            return TRUE
        b = e[1].encode()
        return set(), {b} | {x for pair in _ALIASES for x in pair if b in pair}
    if op == "no":
        return set(), set()
    if op == "label":
        return _necessary(e[2])
    if op == "any":
        paths, patterns = set(), set()
        for x in e[1]:
            c = _necessary(x)
            if c is TRUE:
                return TRUE
            paths |= c[0]
            patterns |= c[1]
        return paths, patterns
    if op == "all":             # any one conjunct is necessary: take the most selective
        known = [c for c in map(_necessary, e[1]) if c is not TRUE]
        return min(known, key=_breadth) if known else TRUE
    return TRUE                 # re, name, filter, testmain, not, yes, maybe


_ALIASES = ((b"uint8", b"byte"), (b"int32", b"rune"))


def _breadth(c) -> tuple:
    """How much of a build a condition lets through (smaller: rarer). An
    import path alone selects one package; a pattern selects every file
    that has it, and a short one is common."""
    paths, patterns = c
    if not patterns:
        return (0, len(paths))
    return (1, -min(len(p) for p in patterns), len(paths) + len(patterns))


# --- the files the launcher reads ---------------------------------------------

def go_process_key(pid: int) -> str | None:
    """BOOT-PID-START for process pid, as bin/orch-toolexec computes it."""
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip()
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2:].split()
    if len(fields) < 20:
        return None
    return f"{boot}-{pid}-{fields[19].decode()}"     # field 22 of stat: start time


def publish(summary, pid: int, link_answer: tuple[str, str] | None = None) -> None:
    """Leave the summary for the compile calls of go process pid, and orch's
    answer to its `link -V=full` question, as (linker path, answer line)
    (or nothing of either: stale files are removed). Failures cost speed only."""
    key = go_process_key(pid)
    if key is None:
        return
    from .errors import OrchError
    from .paths import cache_dir
    from .toolchain.workdir import write_atomic
    d = cache_dir("fast")
    base = os.path.join(d, key)
    try:
        os.makedirs(d, exist_ok=True)
        if link_answer and "\n" not in link_answer[1].rstrip("\n"):
            write_atomic(base + ".link", f"{link_answer[0]}\n{link_answer[1].rstrip()}\n".encode())
        else:
            _remove(base + ".link")
        if summary is None:
            _remove(base + ".ips")
        else:
            paths, patterns = summary
            write_atomic(base + ".pat", b"".join(p + b"\n" for p in patterns))
            write_atomic(base + ".ips", (" " + " ".join(paths) + " \n").encode())   # last: it says "complete"
    except (OSError, OrchError):
        return
    _forget_old(d, key.rsplit("-", 2)[0])


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _forget_old(d: str, boot: str) -> None:
    """Remove summaries of go processes that are gone (other boots, dead
    pids, pids reused since)."""
    try:
        names = os.listdir(d)
    except OSError:
        return
    for name in names:
        stem = name.rsplit(".", 1)[0]
        if name.endswith(".tmp"):
            continue
        parts = stem.rsplit("-", 2)
        alive = (len(parts) == 3 and parts[0] == boot and parts[1].isdigit()
                 and go_process_key(int(parts[1])) == stem)
        if not alive:
            _remove(os.path.join(d, name))
