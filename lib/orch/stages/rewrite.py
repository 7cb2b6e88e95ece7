"""orch-rewrite: apply a plan to the files of one compile call.

Input: a compile step with "plan" (orch-plan's output, edited or not: the
plan is applied exactly as given). For each file with matches it parses the
file again, finds each planned node by kind and byte range, applies the
advice (running their templates), writes the new file to the compile's
object directory ($WORK/b001/orch/<name>.go) and points argv at it. A file
that does not parse is left alone: the compiler then reports Go's error.

Output: the step with a new "argv" and

    "rewrite": {
      "files": {"/src/shop/main.go": "$WORK/b001/orch/main.go"},   (absolute paths)
      "added_imports": ["orch.dev/runtime/trace"],   packages the new files
                                        import that the package did not
      "link_deps": ["orch.dev/runtime/hooks"],       packages only the link
                                        needs (inject-declarations links)
      "lang": "go1.21",                 when advice raised -lang
      "dropped_complete": true          when injected code declares a
                                        function without a body
    }
"""

import os

from ..errors import OrchError
from .plan import CompileCall


def run(step: dict) -> dict:
    plan = step.get("plan")
    if not isinstance(plan, dict):
        raise OrchError("orch-rewrite needs a step with a plan (run orch-plan first)")
    record = {"files": {}, "added_imports": [], "link_deps": []}
    files = [f for f in plan.get("files") or [] if f.get("matches")]
    if not files:
        step["rewrite"] = record
        return step
    from ..toolchain.workdir import write_atomic
    call = CompileCall(step)
    rs = call.ruleset()
    pkg = call.package()
    out_dir = os.path.join(call.objdir or os.path.join(call.dir, "_orch"), "orch")
    os.makedirs(out_dir, exist_ok=True)
    replaced, langs, bodyless = {}, [], False
    used_names = set()
    for entry in files:
        result = _rewrite_file(call, rs, entry)
        if result is None:
            continue
        rw, text = result
        path = entry["path"]
        name = os.path.basename(path)
        if name in used_names:
            name = f"{len(used_names)}_{name}"
        used_names.add(name)
        new_path = os.path.join(out_dir, name)
        write_atomic(new_path, text)
        replaced[entry.get("arg") or path] = new_path
        record["files"][path] = new_path
        for p in rw.added_imports():
            if pkg.imports(p) is not True and p not in record["added_imports"]:
                record["added_imports"].append(p)
        for p in rw.links:
            if p not in record["link_deps"]:
                record["link_deps"].append(p)
        langs += rw.langs
        bodyless = bodyless or rw.bodyless
    step["argv"] = _new_argv(call, replaced, langs, bodyless, record)
    step["rewrite"] = record
    _debug_copy(step, record)
    return step


def _rewrite_file(call, rs, entry):
    from ..golang import GoSyntaxError
    from ..rules import trees
    from ..rules.rewriter import FileRewriter, Target
    path = entry["path"]
    try:
        with open(path, "rb") as f:
            src = f.read()
    except OSError as e:
        raise OrchError(f"{path}: {e.strerror}")
    try:
        tree = trees.parse(path, src)
    except GoSyntaxError:
        return None      # the compiler reports it
    rw = FileRewriter(path, src, tree, call.import_path)
    matches = entry["matches"]
    wanted = set()
    for m in matches:
        try:
            wanted.add((m["node"], int(m["range"][0]), int(m["range"][1])))
        except (KeyError, TypeError, ValueError, IndexError):
            raise OrchError(f"{path}: a match of the plan lacks node or range: {m!r}")
    found = rw.locate(wanted)
    jobs = []
    for seq, m in enumerate(matches):
        a = rs.get(m.get("rule"))
        n = m.get("advice", 0)
        if not isinstance(n, int) or not 0 <= n < len(a.advice):
            raise OrchError(f"{path}: the plan names advice {n!r} of rule {a.id!r}, which has {len(a.advice)}")
        adv = a.advice[n]
        key = (m["node"], int(m["range"][0]), int(m["range"][1]))
        stack = found.get(key)
        if stack is None:
            raise OrchError(f"{path}: the plan's match of rule {a.id!r} does not fit the file: "
                            f"no {key[0]} at bytes {key[1]}-{key[2]} (was the file changed after planning?)")
        node, parent = stack[-1], (stack[-2] if len(stack) > 1 else None)
        problem = adv.check(node, parent)
        if problem:
            raise OrchError(f"{path}: rule {a.id!r} advice {n}: {problem}")
        sort_key = (1,) + adv.sort_key() + (a.index, n, seq)
        jobs.append((sort_key, adv, Target(node, stack, sort_key, f"rule {a.id!r} advice {n}")))
    jobs.sort(key=lambda j: j[0])
    for _, adv, target in jobs:
        adv.apply(rw, target)
    return rw, rw.finish()


def _new_argv(call, replaced, langs, bodyless, record) -> list:
    from ..rules.advice.code import lang_tuple
    argv = call.argv
    first = call.args.first_positional
    files = [replaced.get(a, a) for a in argv[first:]]
    flags_part = list(argv[:first])
    if bodyless and "-complete" in flags_part:
        flags_part.remove("-complete")
        record["dropped_complete"] = True
    if langs:
        want = max(langs, key=lang_tuple)
        have = call.args.get("lang")
        if isinstance(have, str) and lang_tuple(want) > lang_tuple(have):
            from ..toolchain import flags
            flags_part = flags.Args(flags_part, "compile").with_value("lang", want)
            record["lang"] = want
    return flags_part + files


def _debug_copy(step, record) -> None:
    from .. import debug
    d = debug.step_dir(step)
    if not d:
        return
    import shutil
    for new in record["files"].values():
        try:
            shutil.copy(new, os.path.join(d, os.path.basename(new)))
        except OSError:
            pass
