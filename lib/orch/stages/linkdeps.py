"""orch-linkdeps: supply the packages that injected code needs, at compile and at link.

Compile step. The rewrite stage says, in step["rewrite"],

    "added_imports": packages the rewritten files import and the original
                     did not (the compiler needs their archives now);
    "link_deps":     packages reached only through //go:linkname (the
                     linker needs them; importing them would be a cycle).

For each added import that go's -importcfg lacks, orch finds or builds its
archive (toolchain/resolve.py: a nested go list with the parent's flags,
cached per build), writes a completed copy of the importcfg next to the
output and points -importcfg at it. Then it names itself in step["after"]:
once the compiler has succeeded, after() appends to the archive a member
`orch.linkdeps` that records what the link will need that go does not
know of:

    orch.linkdeps 1
    import orch.dev/runtime/trace       the added imports and their closure,
    import internal/bytealg             minus what the package imported anyway
    link orch.dev/runtime/otlphttp      link-only packages

A package whose files the plan parsed also gets a member `orch.report`
(report.py: what applied where), which the link gathers when ORCH_REPORT
asks. A main package also gets its recompile recipe (toolchain/relink.py) when
the rules in force have link-only packages at all. A package with nothing
to record costs nothing here: no file is read and the compiler is exec'd.

Link step. orch reads the record of every archive in the link importcfg
(and of main), resolves the packages that are missing (and, in turn, the
records of their archives), writes a completed importcfg and points
-importcfg at it. Link-only packages that nothing imports are pulled in by
recompiling main with a blank import of them (toolchain/relink.py). Then
the dispatcher runs the real linker.

Either way step["linkdeps"] says what was done: {"importcfg": the new file,
"added": {import path: archive}, "record": [...], "relinked": archive}.
"""

import os

from ..errors import OrchError

MEMBER = "orch.linkdeps"
HEADER = "orch.linkdeps 1"
NEVER_ARCHIVED = frozenset(("unsafe", "C"))


def run(step: dict) -> dict:
    tool = step.get("tool")
    if tool == "compile":
        return _compile(step)
    if tool == "link":
        return _link(step)
    raise OrchError(f"a compile or link step is needed, not {tool!r}")


# --- records -------------------------------------------------------------------

def encode_record(imports, links) -> bytes:
    lines = [HEADER]
    lines += [f"import {p}" for p in sorted(imports)]
    lines += [f"link {p}" for p in sorted(links)]
    return ("\n".join(lines) + "\n").encode()


def decode_record(data: bytes, where: str) -> tuple[set, set]:
    text = data.decode("utf-8", "replace").splitlines()
    if not text or text[0] != HEADER:
        raise OrchError(f"{where}: {MEMBER} is from another orch version ({text[:1]}); "
                        "rebuild with go build -a")
    imports, links = set(), set()
    for line in text[1:]:
        kind, _, path = line.partition(" ")
        if kind == "import":
            imports.add(path)
        elif kind == "link":
            links.add(path)
    return imports, links


def read_record(path: str) -> tuple[set, set]:
    from ..toolchain import archive
    data = archive.member(path, MEMBER)
    return decode_record(data, path) if data is not None else (set(), set())


# --- compile -------------------------------------------------------------------

def _compile(step: dict) -> dict:
    rewrite = step.get("rewrite") or {}
    added = [p for p in rewrite.get("added_imports") or () if p not in NEVER_ARCHIVED]
    links = sorted(set(rewrite.get("link_deps") or ()))
    want_recipe = _is_main(step["argv"]) and _rules_have_links(step)
    summary = _report_record(step)
    if not added and not links and not want_recipe and not summary:
        step["linkdeps"] = {}
        return step

    from ..toolchain import flags, importcfg
    argv = flags.expand(step["argv"])
    args = flags.Args(argv, "compile")
    out = _path(step, args.get("o"), "-o")
    cfg_path = args.get("importcfg")
    cfg = importcfg.read(_path(step, cfg_path)) if cfg_path else importcfg.ImportCfg("")
    info = {}
    imports = set()
    missing = [p for p in added if not cfg.has(p)]
    if missing:
        from ..toolchain import resolve
        ctx = _context(step, out, compile_profile=args.get("pgoprofile"))
        found = resolve.resolve(ctx, missing)
        for p in missing:
            cfg.add(p, found.exports[p])
            imports.add(p)
            imports.update(found.closures.get(p, ()))
        imports -= set(cfg.packagefile) | NEVER_ARCHIVED
        new_cfg = importcfg.write(cfg, os.path.join(os.path.dirname(out), "importcfg.orch"))
        step["argv"] = _set_argv(step["argv"], args.with_value("importcfg", new_cfg), out)
        info["importcfg"] = new_cfg
        info["added"] = dict(sorted(cfg.added.items()))
    if imports or links:
        info["record"] = encode_record(imports, links).decode().splitlines()[1:]
    if want_recipe:
        info["recipe"] = True
    if summary:
        info["report"] = summary
    if "record" in info or want_recipe or summary:
        after = step.setdefault("after", [])
        if "linkdeps" not in after:
            after.append("linkdeps")
    step["linkdeps"] = info
    return step


def after(step: dict) -> None:
    """Append the record (and main's recipe) to the archive the compiler wrote."""
    info = step.get("linkdeps") or {}
    if step.get("tool") != "compile" or not info:
        return
    from ..toolchain import archive, flags
    argv = flags.expand(step["argv"])
    out = _path(step, flags.Args(argv, "compile").get("o"), "-o")
    if info.get("record"):
        lines = [HEADER] + info["record"]
        archive.append(out, MEMBER, ("\n".join(lines) + "\n").encode())
    if info.get("recipe"):
        from ..toolchain import relink
        archive.append(out, relink.RECIPE_MEMBER, relink.recipe(argv, step.get("dir") or os.getcwd()))
    if info.get("report") and os.path.exists(out):    # (a stand-in compiler may write none)
        from .. import report
        summary = report.with_dropped(info["report"], step.get("fallback"))
        archive.append(out, report.MEMBER, report.encode(summary))


def _report_record(step: dict) -> dict | None:
    """What ORCH_REPORT will say of this package (report.py), when the plan
    parsed any of its files; only the plan's data, so it costs nothing."""
    plan = step.get("plan")
    if not plan or not plan.get("candidates"):
        return None
    from .. import report
    summary = report.package_record(plan)
    if summary and not (summary["applied"] or summary.get("refused") or summary.get("directives")):
        # Only why candidates matched nothing: worth keeping (it costs a
        # wait for the compiler) for the user's own rules alone.
        from .. import step as steplib
        from ..rules import cache
        rules = cache.ruleset(steplib.rule_files(step))
        if all(report.is_builtin(rules.get(r).file) for r in summary["near"]):
            return None
    return summary


def _path(step: dict, value, flag: str = "") -> str | None:
    """A path argument, absolute (tools run in the step's directory)."""
    if not isinstance(value, str) or not value:
        if flag:
            raise OrchError(f"the {step.get('tool')} step has no {flag}")
        return None
    return os.path.join(step.get("dir") or os.getcwd(), value)


def _is_main(argv: list[str]) -> bool:
    # A byte scan first: this runs for every compile.
    if "main" not in argv and "-p=main" not in argv:
        return False
    from ..toolchain import flags
    return flags.Args(flags.expand(argv), "compile").get("p") == "main"


def _rules_have_links(step: dict) -> bool:
    """Whether any rule in force can add a link-only package."""
    from .. import step as steplib
    from ..rules import cache
    from ..toolchain import flags, workdir
    out = flags.Args(flags.expand(step["argv"]), "compile").get("o")
    work = workdir.work_dir(out) if isinstance(out, str) else None
    rules = cache.ruleset(steplib.rule_files(step), work)
    return any(adv.links() for a in rules.aspects for adv in a.advice)


def _set_argv(original: list[str], new: list[str], out: str) -> list[str]:
    """`new`, written to a response file if go used one (long lines)."""
    if not any(a.startswith("@") for a in original):
        return new
    from ..toolchain import flags, workdir
    path = os.path.join(os.path.dirname(out), "args.orch")
    workdir.write_atomic(path, "".join(flags.encode_arg(a) + "\n" for a in new).encode("utf-8", "surrogateescape"))
    return ["@" + path]


def _context(step: dict, out: str, *, compile_profile=None, link=False):
    from ..toolchain import gocmd, resolve
    build = step.get("build") or {}
    pgo = resolve.pgo_profile(step, gocmd.parent_flags(build), build.get("module_root"),
                              compile_profile=compile_profile, link=link)
    return resolve.Context(step, out, pgo)


# --- link ------------------------------------------------------------------------

def _link(step: dict) -> dict:
    from ..toolchain import flags, importcfg
    argv = flags.expand(step["argv"])
    args = flags.Args(argv, "link")
    cfg_path = _path(step, args.get("importcfg"), "-importcfg")
    out = _path(step, args.get("o"), "-o")
    if not args.positionals():
        raise OrchError("the link step has no main archive")
    main_archive = _path(step, args.positionals()[-1])
    cfg = importcfg.read(cfg_path)

    packages, pulled = _link_closure(step, cfg, main_archive, out)
    info = {}
    if cfg.added:
        new_cfg = importcfg.write(cfg, os.path.join(os.path.dirname(cfg_path), "importcfg.link.orch"))
        argv = args.with_value("importcfg", new_cfg)
        info["importcfg"] = new_cfg
        info["added"] = dict(sorted(cfg.added.items()))
    if pulled:
        from ..toolchain import relink, workdir
        new_main = relink.relink(step["tool_path"], main_archive, workdir.work_dir(out),
                                 packages, sorted(pulled))
        a = flags.Args(argv, "link")
        argv = a.with_positionals(a.positionals()[:-1] + [new_main])
        info["relinked"] = new_main
        info["pulled"] = sorted(pulled)
    if info:
        step["argv"] = _set_argv(step["argv"], argv, cfg_path)
    from .. import report
    report_path = report.wanted(step)
    if report_path:
        report.write(report_path, report.program(step, packages, main_archive, info))
        info = dict(info, report=report_path)
    step["linkdeps"] = info
    return step


def _link_closure(step: dict, cfg, main_archive: str, out: str) -> tuple[dict, list]:
    """Every package the program needs, with its archive (added to `cfg`
    as needed), and the link-only ones that main must import.

    The linker loads every archive of the importcfg: go lists exactly
    main's dependencies, and orch adds only packages that are imported
    (with their closure) or that main will import (pulled). The records of
    added archives are read in turn, until nothing is missing.
    """
    packages = dict(cfg.packagefile)
    todo = [("main", main_archive)] + list(packages.items())
    scanned, pulled, ctx = set(), [], None
    while todo:
        imports, links = set(), set()
        for p, a in todo:
            scanned.add(p)
            i, l = read_record(a)
            imports |= i
            links |= l
        need = sorted((imports | links) - set(packages) - NEVER_ARCHIVED)
        if need:
            from ..toolchain import resolve
            ctx = ctx or _context(step, out, link=True)
            found = resolve.resolve(ctx, need)
            via_imports = set()
            for p in need:
                closure = [p] + found.closures.get(p, [])
                if p in imports:
                    via_imports.update(closure)
                for q in closure:
                    if q not in packages and q not in NEVER_ARCHIVED:
                        packages[q] = found.exports[q]
                        cfg.add(q, found.exports[q])
            pulled += [p for p in need if p not in imports and p not in via_imports]
        todo = [(p, a) for p, a in packages.items() if p not in scanned]
    return packages, pulled
