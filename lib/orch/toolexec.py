"""The dispatcher that `go build -toolexec orch-toolexec` runs.

bin/orch-toolexec (a POSIX sh script) already sent every tool other than
compile and link straight to the real tool without starting Python; what
reaches here is:

    TOOL -V=full       -> the version stage; print its answer
    compile ARGS...    -> plan, rewrite, linkdeps; then the real compiler
    link ARGS...       -> linkdeps; then the real linker
    anything else      -> the real tool, unchanged (when called directly)

The stages are the same functions that bin/orch-plan & co. expose, called
in-process. A stage that must act after the tool has run (linkdeps appends
its record to the compiled archive) names itself in step["after"]; only then
does the dispatcher wait for the tool instead of exec'ing it.
"""

import os
import sys

USAGE = """\
usage: go build -toolexec /path/to/orch-toolexec [build flags] [packages]
       orch-toolexec TOOL [ARGS...]

orch-toolexec is what go runs for every tool call of an instrumented build.
It rewrites the compiler's input according to the rules in force and links
the packages that injected code needs; every other tool runs unchanged.

Environment: ORCH_RULES, ORCH_NO_BUILTIN, ORCH_DEBUG_DIR, ORCH_REPORT,
ORCH_PYTHON, ORCH_TRACEBACK, ORCH_RESOLVE_CACHE, ORCH_TOOLEXEC (see
orch-toolexec(1)).
"""

CHAINS = {
    "compile": ("plan", "rewrite", "linkdeps"),
    "link": ("linkdeps",),
}


def _stage(name: str):
    # __import__, not importlib.import_module: importing the importlib
    # package costs ~1 ms, on every compile call.
    module = f"orch.stages.{name}"
    __import__(module)
    return sys.modules[module]


def _exec(tool_path: str, argv: list[str]):
    try:
        os.execv(tool_path, [tool_path] + argv)
    except OSError as e:
        _fail(f"{tool_path}: {e.strerror}")


def _fail(message: str):
    sys.stderr.write(f"orch-toolexec: {message}\n")
    sys.exit(2)


def version(args: list[str]) -> int:
    from .step import from_toolexec
    from .stages import version as stage
    timer = None
    if os.environ.get("ORCH_DEBUG_DIR"):
        from . import debug
        timer = debug.timer("version")
    step = from_toolexec(args)
    snapshot = None
    if step["tool"] == "compile":
        from . import fastpath
        snapshot = fastpath.snapshot(step)      # before the answer: see fastpath.remember
    step = stage.run(step)
    sys.stdout.write(step["version"])
    if step["tool"] == "compile":
        _publish_fastpath(step, stage, snapshot)
    if timer:
        timer.lap("version")
        timer.record(step)
    return 0


def _publish_fastpath(step: dict, stage, snapshot) -> None:
    """go asks compile -V=full before it compiles anything: leave the rules'
    summary for bin/orch-toolexec's fast path (fastpath.py), keyed by the go
    process, which is this process's parent (the launcher exec'd Python),
    with the answer to the link -V=full question that go asks next, so that
    the launcher gives it without starting Python again; and remember this
    answer, so that the launcher gives it to the next go process itself."""
    from . import fastpath
    from .errors import OrchError
    summary = step.get("fastpath")
    if summary is not None:
        summary = (summary["import_paths"], [p.encode("utf-8", "surrogateescape") for p in summary["patterns"]],
                   [w.encode("utf-8", "surrogateescape") for w in summary.get("words", [])])
    link_answer = None
    link = fastpath.linker_beside(step["tool_path"])
    try:
        link_answer = link, stage.stamp(stage.tool_version_line(link), step["identity"])
    except OrchError:
        pass    # no linker there: go will ask, and Python answers
    stem = fastpath.publish(summary, os.getppid(), link_answer)
    if stem and snapshot:
        fastpath.remember(snapshot, stem, step["version"])


def instrument(args: list[str]) -> int:
    from . import debug
    from .step import from_toolexec
    timer = debug.timer()   # None unless ORCH_DEBUG_DIR is set
    step = from_toolexec(args)
    if timer:
        timer.lap("step")
    debug.save(step, 0, "input")
    original_argv = list(step["argv"])
    if step["tool"] == "link":
        from . import fastpath, paths
        fastpath.tidy()     # pointers of go processes that are gone (see fastpath.py)
        paths.prune_cache()
    planned = None
    for i, name in enumerate(CHAINS[step["tool"]], 1):
        if timer:
            timer.lap("debug-save")
        if name == "rewrite":
            planned = step
            step = dict(step)       # the stages below replace keys, never change planned's values
        step = _stage(name).run(step)
        if timer:
            timer.lap(name)
            types = sys.modules.get("orch.rules.typeaware")
            if name == "rewrite" and types and types.SPENT[0]:
                timer.stages["types"] = types.SPENT[0]   # CPU, part of rewrite's time
        debug.save(step, i, name)
    if timer:
        timer.lap("debug-save")
    if step["tool"] == "compile":
        _warn(step)
    if step["tool"] == "link":
        fastpath.remember_link(step, original_argv)     # for the launcher: see fastpath.py
    if step["tool"] == "compile" and (step.get("rewrite") or {}).get("files"):
        from . import fallback      # only now: it imports subprocess and re (~13 ms)
        status, step = fallback.compile_watched(step, planned, _after_plan)
    else:
        if not step.get("after"):
            if timer:
                timer.record(step)
            _exec(step["tool_path"], step["argv"])
        import subprocess
        status = subprocess.call([step["tool_path"]] + step["argv"])
    after = step.get("after") or []
    if timer:
        timer.lap("tool")
    if status == 0:
        for name in after:
            _stage(name).after(step)
    if timer:
        timer.lap("after")
        timer.record(step)
    return status


def _warn(step: dict) -> None:
    """The type layer's warnings (type-aware rules left unanswered in this
    package: rules/typewarn.py), on the compile's output before the
    compiler's: go shows them under `# pkg`, and the build goes on."""
    lines = ((step.get("plan") or {}).get("warnings") or []) + ((step.get("rewrite") or {}).get("warnings") or [])
    if lines:
        from .rules.typewarn import emit
        emit(lines)


def _after_plan(step: dict) -> dict:
    """The compile chain's stages after the plan, for fallback's retries."""
    for name in CHAINS["compile"][1:]:
        step = _stage(name).run(step)
    return step


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0 if args else 2
    if args[0] in ("-V", "--version"):
        from . import __version__
        sys.stdout.write(f"orch-toolexec {__version__}\n")
        return 0
    from .step import tool_name
    tool = tool_name(args[0])
    if tool not in CHAINS:
        _exec(args[0], args[1:])
    from .errors import OrchError
    try:
        if args[1:] == ["-V=full"]:
            return version(args)
        return instrument(args)
    except OrchError as e:
        _fail(str(e))
    except Exception as e:
        if os.environ.get("ORCH_TRACEBACK"):
            raise
        _fail(f"internal error while handling {tool} for {os.environ.get('TOOLEXEC_IMPORTPATH', '?')}: "
              f"{type(e).__name__}: {e} (ORCH_TRACEBACK=1 shows where)")


if __name__ == "__main__":
    sys.exit(main())
