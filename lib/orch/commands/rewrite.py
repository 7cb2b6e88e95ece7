from .. import cli

USAGE = """\
usage: orch-rewrite [-p] [FILE]

Read a compile step with a "plan" (orch-plan's output, edited or not) and
apply it: each planned file is parsed again, each match's node found by its
kind and byte range, the advice applied (templates run here), and the new
file written to the compile's object directory ($WORK/bNNN/orch/NAME.go)
with //line directives that keep the user's file, line and column for
original code (`<generated>` for injected lines). The step comes back with
"argv" pointing at the new files and "rewrite":

  "files"          {original path: rewritten path}
  "added_imports"  packages the new files import that the package did not
  "link_deps"      packages only the link needs (inject-declarations links)
  "lang"           the -lang the advice needed, when raised
  "dropped_complete"  true when injected code declares body-less functions

A file that does not parse is left alone (the compiler reports it); a match
that does not fit its file is an error. See orch-rewrite(1).

  -p, --pretty    indent the JSON output
  -h, --help      this text
  -V, --version   orch's version

Environment: ORCH_RULES, ORCH_NO_BUILTIN (the rules in force),
ORCH_DEBUG_DIR (copies of the rewritten files), ORCH_TRACEBACK.
"""


def main(argv=None) -> int:
    from ..stages import rewrite
    return cli.run_filter("orch-rewrite", USAGE, rewrite.run, argv)
