"""orch-plan: which rules apply where in the package one compile call builds.

Input: a compile step (see orch.step). Output: the step with "plan", plain
data that orch-rewrite applies as given (see orch-plan(1) for every field):

    "plan": {
      "format": 1,
      "import_path": "example.com/shop", "package": "main", "test_main": false,
      "rules_hash": "d1ea6fede3ca5bba",
      "candidates": ["trace-handlers"],
      "ruled_out": [{"rule": "db-spans", "reason": "function-call: the package does not import database/sql"}],
      "files": [
        {"path": "/src/shop/main.go", "arg": "./main.go",
         "matches": [{"rule": "trace-handlers", "advice": 0, "kind": "wrap-expression",
                      "node": "CallExpr", "range": [312, 355], "at": "main.go:14:2"}],
         "ruled_out": [{"rule": "...", "reason": "..."}]}
      ],
      "warnings": ["orch: example.com/shop: cannot read export data: ..."]
                   (only when a type-aware rule could not be answered:
                   rules/typewarn.py; the dispatcher prints them)
    }

Each match is one advice of one rule at one node (found again by its kind
and byte range), so deleting a match (jq 'del(.plan.files[0].matches[1])')
removes exactly that change. Cost model: the package-level tests decide
most packages from the import path and the importcfg; the file-level tests
are byte searches; only files some rule may still match are parsed.
"""

import os

from ..errors import OrchError

FORMAT = 1
RUNTIME_PREFIX = "orch.dev/runtime"


# ----------------------------------------------------------------------------
# The compile command line


class CompileCall:
    """What the plan and rewrite stages read from a compile step."""

    def __init__(self, step: dict):
        from ..toolchain import flags
        if step.get("tool") not in (None, "compile"):
            raise OrchError(f"orch-plan handles compile steps, not {step.get('tool')!r}")
        self.step = step
        self.dir = step.get("dir") or os.getcwd()
        argv = flags.expand(list(step.get("argv") or []))
        self.args = flags.Args(argv, "compile")
        self.argv = argv
        self.files = [a for a in self.args.positionals() if a.endswith(".go")]
        # TOOLEXEC_IMPORTPATH, without the " [pkg.test]" of test variants;
        # -p only when it is missing (for a main package -p is just "main").
        ip = (step.get("import_path") or "").split(" [")[0]
        if not ip:
            p = self.args.get("p")
            ip = p if isinstance(p, str) else ""
        self.import_path = ip
        out = self.args.get("o")
        self.output = os.path.join(self.dir, out) if isinstance(out, str) else None

    def abspath(self, arg: str) -> str:
        return os.path.normpath(os.path.join(self.dir, arg))

    @property
    def work(self) -> str | None:
        """$WORK: go's compile output is $WORK/bNNN/_pkg_.a."""
        if not self.output:
            return None
        action = os.path.dirname(self.output)
        name = os.path.basename(action)
        if name[:1] == "b" and name[1:].isdigit():
            return os.path.dirname(action)
        from ..toolchain import workdir
        return workdir.work_dir(self.output)

    @property
    def objdir(self) -> str | None:
        return os.path.dirname(self.output) if self.output else None

    @property
    def test_main(self) -> bool:
        return (self.args.get("p") == "main" and self.import_path.endswith(".test")
                and any(os.path.basename(f) == "_testmain.go" for f in self.files))

    def rule_files(self) -> list:
        from .. import step as steplib
        return steplib.rule_files(self.step)

    def ruleset(self):
        from ..rules import cache
        return cache.ruleset(self.rule_files(), self.work)

    def prefilters(self):
        from ..rules import cache
        return cache.prefilters(self.rule_files(), self.work)

    def package(self):
        from ..rules.context import PackageContext
        from ..types.stdsource import goroot_of_tool
        imp = self.args.get("importcfg")
        return PackageContext(
            self.import_path, [self.abspath(f) for f in self.files], test_main=self.test_main,
            importcfg=os.path.join(self.dir, imp) if isinstance(imp, str) else None,
            module_root=(self.step.get("build") or {}).get("module_root"),
            goroot=goroot_of_tool(self.step.get("tool_path")))


def never_instrumented(import_path: str, module_root: str | None) -> bool:
    """Packages of the Go modules that rule packs ship (orch's runtime
    first): instrumenting them would recurse. Standard-library paths (no dot
    in the first element) are decided without looking at the rule packs."""
    if import_path == RUNTIME_PREFIX or import_path.startswith(RUNTIME_PREFIX + "/"):
        return True
    if "." not in import_path.split("/", 1)[0]:
        return False
    from .. import config
    return config.module_of(import_path, config.injectable_modules(module_root)) is not None


# ----------------------------------------------------------------------------
# The stage


def run(step: dict) -> dict:
    step["plan"] = make_plan(CompileCall(step))
    return step


def make_plan(call: CompileCall) -> dict:
    from ..rules import prefilter
    NO = prefilter.NO
    plan = {"format": FORMAT, "import_path": call.import_path, "package": "", "test_main": call.test_main,
            "rules_hash": "", "candidates": [], "ruled_out": [], "files": []}
    if never_instrumented(call.import_path, (call.step.get("build") or {}).get("module_root")):
        plan["note"] = "orch's own runtime packages are never instrumented"
        return plan
    # 1. Package-level tests, from the marshalled table: no rule class loaded.
    rules_hash, table = call.prefilters()
    plan["rules_hash"] = rules_hash
    if not table or not call.files:
        return plan
    pkg = call.package()
    candidates = []
    for rule_id, pre in table:
        if prefilter.package_may(pre, pkg) == NO:
            plan["ruled_out"].append({"rule": rule_id, "reason": prefilter.why(pre, pkg, "package")})
        else:
            candidates.append((rule_id, pre))
    plan["candidates"] = [rule_id for rule_id, _ in candidates]
    if not candidates:
        return plan
    plan["package"] = pkg.name
    # 2. File-level tests: byte searches.
    from ..rules.context import FileContext
    todo = []
    for arg in call.files:
        path = call.abspath(arg)
        f = FileContext(path, pkg)
        entry = {"path": path, "arg": arg, "matches": [], "ruled_out": []}
        ids = []
        for rule_id, pre in candidates:
            if prefilter.file_may(pre, f) == NO:
                entry["ruled_out"].append({"rule": rule_id, "reason": prefilter.why(pre, f, "file")})
            else:
                ids.append(rule_id)
        plan["files"].append(entry)
        if ids:
            todo.append((f, ids, entry))
    if not todo:
        return plan
    # 3. The real match, on the syntax trees of the files that may match.
    rs = call.ruleset()
    from .. import report
    directive_users = report.directive_rules(rs.aspects)
    injected = {}        # (rule, advice) -> where inject-declarations was planned
    # Every tree first: the type layer's first question reads the
    # declarations of all the package's files, and finds these.
    parsed = []
    for f, ids, entry in todo:
        rules = [rs.get(i) for i in ids]
        parsed.append((f, rules, entry, _parse(f, rules, entry)))
    for f, rules, entry, tree in parsed:
        if tree is not None:
            _match_file(f, tree, pkg, rules, entry, injected, directive_users)
    warnings = pkg.warning_lines()
    if warnings:
        plan["warnings"] = warnings     # type-aware rules left unanswered: typewarn.py
    return plan


def _parse(f, rules, entry):
    """f's syntax tree for matching rules, or None if it does not parse."""
    from ..golang import GoSyntaxError
    from ..rules import trees
    # The rules are matched on a tree without the bodies (and literal
    # values) that hold none of their needles: nothing in those can match
    # (the rewrite parses the whole file again).
    needles = set()
    for a in rules:
        n = a.join_point.body_needles()
        if n is None:
            needles = None
            break
        needles |= n
    skim = tuple(sorted(needles)) if needles is not None else None
    try:
        return trees.parse(f.path, f.data, skim)
    except GoSyntaxError as e:
        # The compiler will report it, in its own words; orch leaves the file alone.
        entry["skipped"] = f"syntax error: {str(e).splitlines()[0]}"
        return None


def _match_file(f, tree, pkg, rules, entry, injected, directive_users) -> None:
    from ..rules.matcher import FileMatch, match_file
    fm = FileMatch(tree, pkg, f.path)
    found = match_file(fm, rules)
    matched = set()
    blank_imports = set()
    for a, node, parent in found:
        matched.add(a.id)
        fname, line, col = tree.position(node.pos)
        at = f"{os.path.basename(fname)}:{line}:{col}"
        for n, adv in enumerate(a.advice):
            problem = adv.check(node, parent)
            if problem is None and adv.key == "inject-declarations":
                first = injected.get((a.id, n))
                if first is not None:
                    problem = f"inject-declarations applies once per package (done at {first})"
                else:
                    injected[(a.id, n)] = at
            if problem is None and adv.key == "add-blank-import":
                if (a.id, n) in blank_imports:
                    continue
                blank_imports.add((a.id, n))
            if problem is not None:
                entry["ruled_out"].append({"rule": a.id, "advice": n, "at": at, "reason": problem})
                continue
            entry["matches"].append({"rule": a.id, "advice": n, "kind": adv.key,
                                     "node": type(node).__name__, "range": [node.pos, node.end], "at": at})
    for a in rules:
        if a.id not in matched:
            entry["ruled_out"].append({"rule": a.id, "reason": "no node of the file matches"})
    from .. import report
    directives = report.file_directives(fm, entry["matches"], directive_users)
    if directives:
        entry["directives"] = directives
