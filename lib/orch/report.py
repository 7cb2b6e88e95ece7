"""ORCH_REPORT: one readable summary of what orch did to a whole program.

The summary is assembled at link time from what the compiles already
decided, never recomputed:

  compile  the plan knows which rules matched where, which advice it
           refused, which //orch: directives it saw and why a candidate
           rule matched no node of a file. After the compiler succeeds,
           linkdeps appends that to the package's archive as a member
           `orch.report` (JSON, below), next to its link record. The
           member holds no path and no time, so archives stay reproducible,
           and it travels with the archive through GOCACHE: a warm build
           reports as much as a cold one.
  link     with ORCH_REPORT=FILE set, linkdeps reads the member of every
           archive the program links, adds the rules in force and the
           packages orch added to the link, and writes FILE: plain text,
           or JSON when FILE ends in .json. FILE has a section for every
           program linked while ORCH_REPORT named it (go test ./..., go
           build ./cmd/...); linking a program again replaces its section,
           and deleting FILE starts afresh.

A package member (format 1):

    {"format": 1,
     "applied": {"RULE": PLACES, ...},            nodes each rule changed
     "refused": [{"rule", "at", "reason"}],       a match whose advice could not apply
     "near": {"RULE": "file.go: reason"},         candidates that matched nothing
     "directives": [{"at", "text", "by": RULE} |  honoured
                    {"at", "text", "reason"}],    not honoured
     "dropped": ["RULE", ...]}                    left out by the fallback (fallback.py)

Off (no ORCH_REPORT), the link costs nothing more; on, the launcher's
remembered link answers are not used (the report is written by Python).
"""

import json
import os

from .errors import OrchError

MEMBER = "orch.report"
FORMAT = 1
ENV = "ORCH_REPORT"
IGNORE = "orch:ignore"


# --- compile: what one package's plan says ---------------------------------------

def directive_rules(rules) -> dict:
    """{directive name: [ids of the rules whose join points use it]}."""
    from .rules.join.directive import Directive
    out = {}
    for a in rules:
        for jp in a.join_point.walk():
            if isinstance(jp, Directive) and a.id not in out.setdefault(jp.name, []):
                out[jp.name].append(a.id)
    return out


def file_directives(fm, matches, users: dict) -> list:
    """The //orch: directives of a parsed file, each honoured by a rule or
    with the reason it was not. A directive is honoured when a rule that
    uses it matched a node from where the directive's code starts up to the
    next annotated code (the body of an annotated function, say)."""
    targets = sorted(t for t, texts in fm.annotations.items() if any(x.startswith("//orch:") for x in texts))
    if not targets:
        return []
    out = []
    for n, target in enumerate(targets):
        limit = targets[n + 1] if n + 1 < len(targets) else None
        for text in fm.annotations[target]:
            if not text.startswith("//orch:"):
                continue
            name = text[2:].split(None, 1)[0]
            entry = {"at": _at(fm.ast, target), "text": text}
            if name == IGNORE:
                entry["by"] = IGNORE
            else:
                using = users.get(name, ())
                by = [m["rule"] for m in matches if m["rule"] in using
                      and target <= m["range"][0] and (limit is None or m["range"][0] < limit)]
                if by:
                    entry["by"] = by[0]
                elif using:
                    entry["reason"] = f"no rule using it ({', '.join(using)}) matched the code it annotates"
                else:
                    entry["reason"] = f"no rule in force uses //{name}"
            out.append(entry)
    return out


def _at(tree, offset: int) -> str:
    fname, line, col = tree.position(offset)
    return f"{os.path.basename(fname)}:{line}:{col}"


def package_record(plan: dict) -> dict | None:
    """The member for one compiled package, or None when the plan parsed
    nothing (the package's pre-tests decided everything: nothing to say)."""
    files = [f for f in plan.get("files") or () if f.get("matches") or f.get("directives")
             or any("advice" in r or r.get("reason") == "no node of the file matches" for r in f["ruled_out"])]
    if not files:
        return None
    applied, refused, near, directives = {}, [], {}, []
    for f in files:
        places = {}
        for m in f.get("matches") or ():
            places.setdefault(m["rule"], set()).add(tuple(m["range"]))
        for rule, nodes in places.items():
            applied[rule] = applied.get(rule, 0) + len(nodes)
        for r in f["ruled_out"]:
            if "advice" in r:
                refused.append({"rule": r["rule"], "at": r["at"], "reason": r["reason"]})
            elif r["reason"] == "no node of the file matches":
                near.setdefault(r["rule"], f"{os.path.basename(f['path'])}: no node of the file matches")
        directives += f.get("directives") or ()
    for rule in applied:
        near.pop(rule, None)
    record = {"format": FORMAT, "applied": dict(sorted(applied.items()))}
    if refused:
        record["refused"] = refused
    if near:
        record["near"] = dict(sorted(near.items()))
    if directives:
        record["directives"] = directives
    return record


def with_dropped(record: dict, fallback: dict | None) -> dict:
    """The record of a package the fallback compiled without some built-in
    rules (its plan, made again without them, already lacks their matches)."""
    if not fallback or not fallback.get("dropped"):
        return record
    dropped = sorted(set(fallback["dropped"]))
    applied = {rule: n for rule, n in record["applied"].items() if rule not in dropped}
    return dict(record, applied=applied, dropped=dropped)


def is_builtin(rule_file: str) -> bool:
    """Whether a rule file is one of orch's built-in packs."""
    from . import paths
    return os.path.dirname(os.path.realpath(rule_file)) == os.path.realpath(paths.builtin_rules_dir())


def encode(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode()


def read_member(archive_path: str) -> dict | None:
    from .toolchain import archive
    data = archive.member(archive_path, MEMBER)
    if data is None:
        return None
    try:
        record = json.loads(data)
    except ValueError:
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


# --- link: the program's report ----------------------------------------------------

def wanted(step: dict) -> str | None:
    """The report file ORCH_REPORT names (relative: to go's directory), or None."""
    path = os.environ.get(ENV)
    if not path:
        return None
    return os.path.join((step.get("build") or {}).get("go_cwd") or os.getcwd(), path)


def program(step: dict, packages: dict, main_archive: str, info: dict) -> dict:
    """The report of one linked program: packages: {import path: archive}."""
    from . import step as steplib
    from .rules import cache
    rules = cache.ruleset(steplib.rule_files(step))
    records = {}
    for p, a in sorted(list(packages.items()) + [("main", main_archive)]):
        r = read_member(a)
        if r is not None:
            records[p] = r
    main_path = os.environ.get("TOOLEXEC_IMPORTPATH", "").split(" [")[0] or "main"
    if "main" in records:
        records[main_path] = records.pop("main")
    report = {"program": main_path,
              "rule_files": [], "packages": {}, "directives": [], "unmatched": [],
              "link_added": sorted(set(info.get("added") or ()) | set(info.get("pulled") or ()))}
    for f in rules.files:
        report["rule_files"].append({"file": f, "builtin": is_builtin(f),
                                     "rules": [a.id for a in rules.aspects if a.file == f]})
    applied_anywhere, near = set(), {}
    for p, r in sorted(records.items()):
        entry = {k: r[k] for k in ("applied", "refused", "dropped") if r.get(k)}
        if entry:
            report["packages"][p] = entry
        applied_anywhere.update(r.get("applied") or ())
        for rule, why in (r.get("near") or {}).items():
            near.setdefault(rule, f"{p}: {why}")
        for ref in r.get("refused") or ():
            near.setdefault(ref["rule"], f"{p}: {ref['at']}: {ref['reason']}")
        for d in r.get("directives") or ():
            report["directives"].append(dict(d, package=p))
    for f in report["rule_files"]:
        if f["builtin"]:
            continue
        for rule in f["rules"]:
            if rule not in applied_anywhere:
                a = rules.get(rule)
                report["unmatched"].append({
                    "rule": rule, "where": f"{a.file}:{a.line}",
                    "reason": near.get(rule, "ruled out before parsing in every package "
                                             "(the package and file pre-tests: see orch-plan)")})
    return report


def write(path: str, prog: dict) -> None:
    """Put prog's section into the report at path, replacing the section
    its program had there. The sections live in orch's cache (report/, one
    JSON file per report path, under a lock: links run concurrently); the
    report itself is rendered from them whole and renamed into place."""
    import hashlib
    from . import paths
    from .toolchain import workdir
    state_dir = paths.cache_dir("report")
    try:
        if state_dir is None:       # no trusted cache: this program alone
            _render(path, [prog])
            return
        state_path = os.path.join(state_dir, hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32])
        with workdir.locked(state_path + ".lock"):
            state = _read_state(state_path)
            state["programs"][prog["program"]] = prog
            workdir.write_atomic(state_path, json.dumps(state, sort_keys=True).encode())
            _render(path, [state["programs"][k] for k in sorted(state["programs"])])
    except OSError as e:
        raise OrchError(f"{ENV}: cannot write {path}: {e.strerror}")


def _render(path: str, programs: list) -> None:
    from .toolchain import workdir
    if path.endswith(".json"):
        data = json.dumps({"format": FORMAT, "programs": programs}, indent=2, sort_keys=True) + "\n"
    else:
        data = "\n".join(render_text(p) for p in programs)
    workdir.write_atomic(path, data.encode())


def _read_state(path: str) -> dict:
    """The sections written so far; none if the report file was removed
    since (the user starts afresh by deleting it)."""
    try:
        with open(path, "rb") as f:
            state = json.load(f)
        if isinstance(state, dict) and isinstance(state.get("programs"), dict):
            return state
    except (OSError, ValueError):
        pass
    return {"programs": {}}


def render_text(p: dict) -> str:
    lines = [f"orch report: {p['program']}"]
    lines.append("rule files:")
    for f in p["rule_files"]:
        lines.append(f"  {'built-in ' if f['builtin'] else ''}{f['file']} ({len(f['rules'])} rules)")
    lines.append("applied (rule: places):")
    if not p["packages"]:
        lines.append("  nothing")
    for pkg, e in p["packages"].items():
        lines.append(f"  {pkg}")
        for rule, n in e.get("applied", {}).items():
            lines.append(f"    {rule}: {n}")
        for r in e.get("refused", ()):
            lines.append(f"    {r['rule']}: refused at {r['at']}: {r['reason']}")
        for rule in e.get("dropped", ()):
            lines.append(f"    {rule}: left out (the compiler rejected its code; see ORCH_DEBUG_DIR notices)")
    if p["directives"]:
        lines.append("directives:")
        for d in p["directives"]:
            how = f"honoured by {d['by']}" if "by" in d else f"NOT honoured: {d['reason']}"
            lines.append(f"  {d['package']} {d['at']} {d['text']}: {how}")
    if p["unmatched"]:
        lines.append("your rules that matched nothing:")
        for u in p["unmatched"]:
            lines.append(f"  {u['rule']} ({u['where']}): {u['reason']}")
    lines.append("packages orch added to the link:" + ("" if p["link_added"] else " none"))
    lines += [f"  {x}" for x in p["link_added"]]
    return "\n".join(lines) + "\n"
