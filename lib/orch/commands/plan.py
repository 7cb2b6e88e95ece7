from .. import cli

USAGE = """\
usage: orch-plan [-p] [FILE]

Read a step document for one compile call (JSON: "tool", "argv", "dir",
"import_path", "build"; orch-toolexec keeps them with ORCH_DEBUG_DIR) and
write it back with "plan": which rules apply where in that package.

The plan explains itself: "candidates" (rules the package-level tests did
not rule out), "ruled_out" (the others, each with its reason), and per file
"matches" (rule, advice index, advice kind, node kind, byte range, and
file:line:col) and "ruled_out" (why other candidates did not match there).
A package no rule can touch is decided without parsing any file.

The plan is data: orch-rewrite applies it as given, so an edited plan
(a match deleted with jq) drops exactly that change. See orch-plan(1);
the rules themselves are described in orch-rules(5).

  -p, --pretty    indent the JSON output
  -h, --help      this text
  -V, --version   orch's version

Environment: ORCH_RULES, ORCH_NO_BUILTIN (the rules in force), ORCH_TRACEBACK.
"""


def main(argv=None) -> int:
    from ..stages import plan
    return cli.run_filter("orch-plan", USAGE, plan.run, argv)
