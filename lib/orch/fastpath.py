"""The launcher's fast path: compile calls that need no Python at all.

Most compile calls of a build are for packages that no rule can touch, and
for those orch's whole job is to run the compiler. Starting Python to find
that out costs ~12 ms of CPU a call, about as much again as the rest of the
build's overhead: bin/orch-toolexec can decide most of them itself, from a
summary of the rules in force that the version stage leaves for it.

The summary is a necessary condition for any rule to touch a package,
derived from the rules' pre-tests (rules/prefilter.py, necessary_condition):

    the package's import path is one of IMPORT_PATHS (or below an entry
    "P/...": a rule kept to the main module by package-filter's root
    lists the main module so), or
    one of its .go files contains one of the byte strings PATTERNS, or
    one of the WORDS (names of functions and methods a rule calls for) as
    a whole word, as `grep -w` finds it

When neither holds, the plan stage would rule every rule out too, so the
launcher execs the compiler directly. When a rule's pre-test says nothing
that such a condition can express (a package-name test, or a
package-filter pattern outside the main module, say), there is no summary
and every compile call goes to Python as before.

Where: go asks `compile -V=full` (through orch) before it compiles anything,
once per go process; that call writes the summary, and the answer to go's
next question, to files named after their content, and points the go
process at them (boot id, pid and start time, so that a recycled pid never
finds an old summary):

    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/sum-HASH.pat   PATTERNS, one a line, then "sum-HASH"
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/sum-HASH.wrd   WORDS, one a line, then "sum-HASH"
                                  (only when there are some)
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/sum-HASH.ips   " path1 path2 ... ", then "sum-HASH"
                                  (and " words" when there is a .wrd;
                                  or "-": no summary)
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/sum-HASH.link  the linker's path and
                                  orch's answer to `link -V=full`, go's next question
    ${XDG_CACHE_HOME:-~/.cache}/orch/fast/BOOT-PID-START.ref   "sum-HASH"

The launcher, a child of the same go process, finds them by its parent's
pid; without them (another process in between, an unwritable cache) it
starts Python as always. A main package or a response file (@args) also
goes to Python: those calls do more than the plan. With ORCH_DEBUG_DIR the
launcher notes each call it decides in timings.jsonl. The version call
itself is answered by the launcher when an earlier answer still holds:
see "go's first question" below.
"""

import os

# --- the files the launcher reads ---------------------------------------------

def go_process_key(pid: int) -> str | None:
    """BOOT-PID-START for process pid, as bin/orch-toolexec computes it."""
    boot = _boot_id()
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    if boot is None:
        return None
    fields = stat[stat.rfind(b")") + 2:].split()
    if len(fields) < 20:
        return None
    return f"{boot}-{pid}-{fields[19].decode()}"     # field 22 of stat: start time


def _boot_id() -> str | None:
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            return f.read().strip()
    except OSError:
        return None


def linker_beside(compiler: str) -> str:
    """The linker of the toolchain whose compiler is at path `compiler`."""
    tool_dir, name = os.path.split(compiler)
    return os.path.join(tool_dir, "link" + (".exe" if name.endswith(".exe") else ""))


SUFFIXES = (".ips", ".pat", ".wrd", ".link")     # the files of a summary


def publish(summary, pid: int, link_answer: tuple[str, str] | None = None) -> str | None:
    """Leave the summary (or None) for the compile calls of go process pid,
    and orch's answer to its `link -V=full` question as (linker path, answer
    line) or None. Returns the stem of the summary files, or None when they
    could not be written: failures cost speed only."""
    key = go_process_key(pid)
    if key is None:
        return None
    from .errors import OrchError
    from .toolchain.workdir import write_atomic
    d = directory()
    if d is None:
        return None
    if summary is None:
        files = {".ips": b"-\n"}                # no summary: every compile call goes to Python
    else:
        paths, patterns, words = summary
        files = {".pat": b"".join(p + b"\n" for p in patterns),
                 ".ips": (" " + " ".join(paths) + " \n").encode()}
        if words:
            files[".wrd"] = b"".join(w + b"\n" for w in words)
    if link_answer and "\n" not in link_answer[1].rstrip("\n"):
        files[".link"] = f"{link_answer[0]}\n{link_answer[1].rstrip()}\n".encode()
    h = _sha256(b"orch-fast-v3")    # v3: .wrd (older installs share the directory)
    for suffix in SUFFIXES:
        h.update(b"%s\0%d\0%s" % (suffix.encode(), len(files.get(suffix, b"")), files.get(suffix, b"")))
    stem = "sum-" + h.hexdigest()[:24]
    if ".pat" in files:
        # The canary: the last pattern (and word), and the second line of
        # .ips, which the launcher greps with the package's files. A .pat
        # (.wrd) that does not find it in .ips was cut short or damaged, and
        # is not used. " words" after it: there is a .wrd to grep -w.
        files[".pat"] += stem.encode() + b"\n"
        files[".ips"] += stem.encode() + (b" words\n" if ".wrd" in files else b"\n")
        if ".wrd" in files:
            files[".wrd"] += stem.encode() + b"\n"
    try:
        for suffix in sorted(files, key=lambda s: s == ".ips"):     # .ips last: it says "complete"
            _write_checked(os.path.join(d, stem + suffix), files[suffix])
        os.utime(os.path.join(d, stem + ".ips"))                   # in use: see _forget_old
        write_atomic(os.path.join(d, key + ".ref"), f"{stem}\n".encode())
    except (OSError, OrchError):
        return None
    _forget_old(d, key.rsplit("-", 2)[0])
    return stem


def _write_checked(path: str, data: bytes) -> None:
    """Write a file whose name says its content (content-addressed) unless it
    holds that content already: a damaged one (empty or cut short by a
    crash, edited) is written again, durably."""
    from .toolchain.workdir import read_or_none, write_atomic
    try:
        same = read_or_none(path) == data
    except OSError:
        same = False
    if not same:
        write_atomic(path, data, durable=True)


def directory() -> str | None:
    from .paths import cache_dir
    return cache_dir("fast")


def _sha256(data: bytes):
    from .stages.version import _sha256 as sha256
    return sha256(data)


# --- go's first question, answered by the launcher ----------------------------
#
# go's compile -V=full call is the one that publishes the summary, so it
# must reach Python: in a warm build, where every action is cached, that
# is all orch's cost (~20 ms of CPU, half of it the interpreter's start).
# So the answer is remembered, with everything it depends on, in one of
# a few slot files that the launcher can check by itself:
#
#     fast/version-N     MAGIC, the compiler's path, $PWD, the variables of
#                        LAUNCHER_ENV (one a line), the summary's stem, the
#                        name of its inputs' files, the answer
#     fast/in-HASH.sh    the inputs' paths and their record, as sh code:
#                        set -- 'path' ...; record='...'
#
# The inputs are every file and directory the answer depends on: the tools
# (compile and link), orch's library and rule packs (files and directories,
# so that an added or removed file counts), the rule files in force, the
# directories from the working directory up to the module root (a new
# go.mod moves the root), orch.toml and go.mod (its module line names the
# main module in the summary). Their record is what
# `stat -L --printf STAT_FORMAT` prints for them: device, inode, size,
# mtime and ctime, the last of which no one can set back. The launcher
# answers only when stat prints the same (one fork of stat, ~1 ms; the
# inputs are sh code because dash reads a file a byte a call but parses
# one in blocks), and points its go process at the stem; anything else
# goes to Python.
# The slot is replaced atomically, and what it names is never rewritten
# (names are content hashes), so a reader sees one consistent answer.
#
# The record is taken before the answer is computed, and a slot is
# written only when every input is version.SETTLED_NS (2 s) old, so an
# input changed after the record always shows in it (times are whole
# seconds here).

MAGIC = "orch-version-memo 3"     # 3: summaries with .wrd
SLOTS = 8
STAT_FORMAT = "%d %i %s %Y %Z;"
LAUNCHER_ENV = ("ORCH_RULES", "ORCH_NO_BUILTIN", "ORCH_MODULE_ROOT")     # + version._BUILDCFG_ENV


def launcher_env() -> tuple[str, ...]:
    from .stages.version import _BUILDCFG_ENV
    return LAUNCHER_ENV + _BUILDCFG_ENV


def snapshot(step: dict):
    """What the launcher will need to answer step (compile -V=full) next
    time: (key lines, inputs, their record), or None when it cannot (go
    is not our parent, odd characters in a path or a variable, an input
    under 2 s old)."""
    import time
    from .errors import OrchError
    from .stages import version
    from .goprocess import parent_go
    from . import config
    taken = time.time()
    pwd = os.environ.get("PWD", "")
    module_root = (step.get("build") or {}).get("module_root")
    try:
        go = parent_go()
        if go.get("pid") != os.getppid() or not pwd or not os.path.samefile(pwd, os.getcwd()):
            return None     # the launcher's $PWD must be go's working directory
        rule_files = config.rule_files(module_root)
        inputs = version.input_paths(rule_files, config.rule_pack_dirs(module_root))
    except (OSError, OrchError):
        return None
    tool = step["tool_path"]
    link = linker_beside(tool)
    inputs = [tool] + ([link] if os.path.exists(link) else []) + [pwd] + inputs
    inputs += _module_root_inputs(os.getcwd(), module_root, bool(os.environ.get("ORCH_MODULE_ROOT")))
    key = [MAGIC, tool, pwd] + [os.environ.get(k, "") for k in launcher_env()]
    if any("\n" in x for x in key + inputs):
        return None
    record = _record(inputs)
    if record is None or (taken - record[1]) * 1e9 < version.SETTLED_NS:
        return None     # too young to remember: see above
    return key, inputs, record[0]


def _module_root_inputs(cwd: str, module_root: str | None, explicit: bool) -> list[str]:
    """The directories whose entries decide the module root (from cwd up
    to it, or up to / when there is none), its orch.toml and its go.mod
    (whose module line names the main module for package-filter's root)."""
    dirs = []
    if explicit:
        dirs = [module_root] if module_root else []
    else:
        d = os.path.abspath(cwd)
        while True:
            dirs.append(d)
            parent = os.path.dirname(d)
            if d == module_root or parent == d:
                break
            d = parent
    from .config import PROJECT_FILE
    files = [os.path.join(module_root, name) for name in (PROJECT_FILE, "go.mod")] if module_root else []
    return dirs + [f for f in files if os.path.exists(f)]


def _record(paths: list[str]) -> tuple[str, float] | None:
    """(what `stat -L --printf STAT_FORMAT PATHS...` prints, the newest
    mtime or ctime among them), or None."""
    out, newest = [], 0
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            return None
        out.append(f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns // 10**9} {st.st_ctime_ns // 10**9};")
        newest = max(newest, st.st_mtime, st.st_ctime)
    return "".join(out), newest


def remember(snap, stem: str, answer: str) -> None:
    """Fill a slot with the answer to snap's question. Failures cost
    speed only."""
    key, inputs, record = snap
    answer = answer.rstrip("\n")
    if "\n" in answer or not answer:
        return
    d = directory()
    if d is None:
        return
    code = "set -- " + " ".join(map(_sh_quote, inputs)) + f"\nrecord='{record}'\n"
    name = "in-" + _sha256(code.encode()).hexdigest()[:24]
    text = "\n".join(key + [stem, name, answer]) + "\n"
    from .errors import OrchError
    try:
        path = os.path.join(d, name + ".sh")
        _write_checked(path, code.encode())
        os.utime(path)                                  # in use: see _forget_old
        _write_checked(_slot_for(d, key), text.encode())        # mostly unchanged: no write
    except (OSError, OrchError):
        pass


def _sh_quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def _slot_for(d: str, key: list[str]) -> str:
    """The slot that holds key's answer, else an empty one, else the oldest."""
    head = "\n".join(key) + "\n"
    free, oldest = None, None
    for n in range(1, SLOTS + 1):
        path = os.path.join(d, f"version-{n}")
        try:
            with open(path, errors="replace") as f:     # damaged: no match, not an error
                if f.read(len(head)) == head:
                    return path
            mtime = os.stat(path).st_mtime
        except OSError:
            free = free or path
            continue
        if oldest is None or mtime < oldest[0]:
            oldest = (mtime, path)
    return free or oldest[1]


# --- cleaning up --------------------------------------------------------------

def tidy() -> None:
    """Clean up (_forget_old) outside a version call: the dispatcher does it
    at every link call, since the version call of a warm build no longer
    reaches Python, which alone cleaned up before."""
    boot, d = _boot_id(), directory()
    if boot is not None and d is not None:
        _forget_old(d, boot)
    d = link_directory()
    if d is not None:
        _forget_old_links(d)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# How long the pointer of a go process of another boot is kept: that may be
# another machine sharing this home directory (over NFS, say), whose
# processes this one cannot see; no go command runs for a day.
OTHER_BOOT_KEEP_S = 86400


def _forget_old(d: str, boot: str) -> None:
    """Remove the files of go processes that are gone (dead pids, pids
    reused since, other boots a day old), and summaries and input lists
    that neither a slot nor a live go process points to (unless written in
    the last minute: a writer writes them before its pointer)."""
    import time
    try:
        names = os.listdir(d)
    except OSError:
        return
    now = time.time()
    in_use, shared = set(), []
    for name in names:
        path = os.path.join(d, name)
        if name.endswith(".tmp"):
            continue
        if name.startswith("version-"):
            in_use.update(_slot_names(path))
            continue
        stem, _, suffix = name.rpartition(".")
        if stem.startswith(("sum-", "in-")):
            shared.append((stem, path))
            continue
        parts = stem.rsplit("-", 2)
        if len(parts) == 3 and parts[0] != boot:
            alive = _age(path, now) < OTHER_BOOT_KEEP_S
        else:
            alive = len(parts) == 3 and parts[1].isdigit() and go_process_key(int(parts[1])) == stem
        if not alive:
            _remove(path)
        elif suffix == "ref":
            in_use.add(_first_line(path))
    for stem, path in shared:
        if stem not in in_use and _age(os.path.join(d, stem + (".ips" if stem.startswith("sum-") else ".sh")), now) >= 60:
            _remove(path)


def _age(path: str, now: float) -> float:
    """Seconds since path was last written (infinite if it is gone)."""
    try:
        return now - os.stat(path).st_mtime
    except OSError:
        return float("inf")


def _first_line(path: str) -> str | None:
    try:
        with open(path, errors="replace") as f:     # damaged: no match, not an error
            return f.readline().rstrip("\n")
    except OSError:
        return None


def _slot_names(path: str) -> list[str]:
    """The summary stem and the inputs' name that a slot points to."""
    try:
        with open(path, errors="replace") as f:     # damaged: no match, not an error
            lines = f.read().split("\n")
    except OSError:
        return []
    n = 3 + len(launcher_env())
    return lines[n:n + 2] if len(lines) > n + 1 and lines[0] == MAGIC else []


# --- link calls answered by the launcher --------------------------------------
#
# `go build -o /dev/null` of an unchanged program, `go test` of an unchanged
# package with -count=1, `go run`: go links again although nothing was
# compiled, and orch's link stage (reading every archive's record, maybe
# recompiling main with the link-only packages) would cost ~90 ms of Python
# each time. Its answer depends only on what the link's importcfg lists
# (archives in GOCACHE are named by their content), the main archive (idem),
# and what the nested go command would build link-only packages with: go's
# command line, GOFLAGS and the go env file. So once Python has answered a
# link whose inputs all live in GOCACHE, it remembers the answer, under the
# name of the main archive's GOCACHE entry (a content hash already):
#
#     link/link-ENTRY          MAGIC, then sha256 of: the importcfg, go's /proc
#                              cmdline, the go env file (or of nothing); $GOFLAGS;
#                              the main archive's path; the importcfg to link
#                              with and its sha256 (or - -); the main archive
#                              to link with and its sha256 (or - -); the
#                              archives that must still exist (space-separated)
#     link/cfg-HASH            that importcfg (content-named)
#     link/main-HASH.a         a main recompiled with the link-only packages
#     link/out-KEY             the linker's output for a link the launcher
#                              answered (below)
#
# (A directory of their own: fast/ is tidied by every install of orch that
# shares the cache, older ones included, and they remove what they do not
# know.)
#
# The launcher answers the same link itself: one sha256sum of everything
# the answer depends on and of the files it hands the linker (so a damaged
# one is never used), a few tests, exec. One link in 32 still goes to
# Python, which tidies fast/ and link/ up.
#
# Linked binaries: the launcher also keeps the output of a link it answered
# (when the linker said nothing and was given no flag that writes elsewhere)
# under a hash of go's argv, whose -buildid is go's link action ID, and of the
# sums it checked; the next relink with the same key copies it instead of
# running the linker. go's own cache of executables (`go run`, `go tool`)
# reuses a binary under the same action ID. The launcher keeps the 12 newest;
# Python removes those older than LINK_KEEP_S and what a killed link left.

LINK_MAGIC = "orch-link-memo 2"
LINK_KEEP_S = 30 * 86400       # a link answer is written again when needed
LINK_LEFTOVER_S = 3600          # no link runs for an hour


def link_directory() -> str | None:
    from .paths import cache_dir
    return cache_dir("link")


def _forget_old_links(d: str) -> None:
    """Remove link answers not written for LINK_KEEP_S, and importcfgs and
    archives that no answer names (unless written in the last minute: a
    writer writes them before the answer that names them)."""
    import time
    try:
        names = os.listdir(d)
    except OSError:
        return
    now, in_use, named = time.time(), set(), []
    for name in names:
        path = os.path.join(d, name)
        if name.startswith("link-") and not name.endswith(".tmp"):
            if _age(path, now) > LINK_KEEP_S:
                _remove(path)
            else:
                in_use.update(_link_names(path))
        elif name.startswith(("cfg-", "main-")) and not name.endswith(".tmp"):
            named.append((name, path))
        elif name.startswith("out-") and _age(path, now) > LINK_KEEP_S:
            _remove(path)
        elif name.startswith("tmp-out-") and _age(path, now) > LINK_LEFTOVER_S:
            _remove(path)       # a link killed while the launcher kept its output
    for name, path in named:
        if name not in in_use and _age(path, now) >= 60:
            _remove(path)


def _link_names(path: str) -> list[str]:
    """The importcfg and main archive (names in fast/) a link answer names."""
    try:
        with open(path, errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return []
    if len(lines) < 12 or lines[0] != LINK_MAGIC:
        return []
    return [os.path.basename(lines[i]) for i in (6, 8) if lines[i] != "-"]


def go_env_file(env=None) -> str:
    """The go env file as the launcher names it (go's own rules)."""
    env = os.environ if env is None else env
    explicit = env.get("GOENV")
    if explicit:
        return "/dev/null" if explicit == "off" else explicit
    base = env.get("XDG_CONFIG_HOME") or os.path.join(env.get("HOME", "/"), ".config")
    return os.path.join(base, "go", "env")


def _sha256_file(path: str) -> str:
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def remember_link(step: dict, original: list[str]) -> None:
    """After a link call through Python (original: the argv go gave it):
    remember its answer for the launcher when every input is content-named.
    Failures cost speed only."""
    import re
    from .errors import OrchError
    from .toolchain import flags, workdir
    d = link_directory()
    if d is None or any(a.startswith("@") for a in original):
        return
    try:
        args = flags.Args(list(original), "link")
        cfg = os.path.join(step.get("dir") or os.getcwd(), args.get("importcfg"))
        work = workdir.work_dir(args.get("o"))
        main = args.positionals()[-1]
        entry = os.path.basename(main)
        if not os.path.isabs(main) or main.startswith(work + os.sep) or not re.fullmatch(r"[0-9a-f]{16,}-d", entry):
            return      # main was compiled in this build: nothing to remember
        with open(cfg, "rb") as f:
            if work.encode() in f.read():
                return
        info = step.get("linkdeps") or {}
        new_cfg, new_main, must_exist = ("-", "-"), ("-", "-"), []
        if info.get("importcfg"):
            with open(info["importcfg"], "rb") as f:
                data = f.read()
            if work.encode() in data:
                return
            name = "cfg-" + _sha256_hex(data)[:32]
            _write_checked(os.path.join(d, name), data)
            new_cfg = (name, _sha256_hex(data))
            must_exist = sorted(info.get("added", {}).values())
        if info.get("relinked"):
            with open(info["relinked"], "rb") as f:
                data = f.read()
            path = os.path.join(d, "main-" + _sha256_hex(data)[:32] + ".a")
            _write_checked(path, data)
            new_main = (path, _sha256_hex(data))
        goflags = os.environ.get("GOFLAGS", "")
        if any(" " in p or "\n" in p for p in must_exist + [main, d]) or "\n" in goflags:
            return
        env_file = go_env_file()
        text = "\n".join([LINK_MAGIC, _sha256_file(cfg), _sha256_file(f"/proc/{os.getppid()}/cmdline"),
                          _sha256_file(env_file) if os.path.exists(env_file) else _sha256_hex(b""),
                          goflags, main, *new_cfg, *new_main, " ".join(must_exist)]) + "\n"
        _write_checked(os.path.join(d, "link-" + entry), text.encode())
    except (OSError, OrchError, IndexError, TypeError):
        pass


def _sha256_hex(data: bytes) -> str:
    return _sha256(data).hexdigest()
