from .. import cli

USAGE = """\
usage: orch-linkdeps [-p] [--after] [FILE]

Read a compile or link step document (JSON, from FILE or stdin) and write
it back with "linkdeps" and, where it changed the command, a new "argv".

compile: for each package in rewrite.added_imports that the -importcfg
  file lacks, find or build its archive (a nested `go list -export -deps`
  with the parent build's flags, cached per build under $WORK/orch/resolve),
  write a completed copy of the importcfg and point -importcfg at it. If
  there is anything to record for the link (the added packages and their
  closure, rewrite.link_deps), "after" names linkdeps: orch-toolexec then
  appends the record to the compiled archive (member orch.linkdeps). A main
  package also gets its recompile recipe (member orch.recipe) when rules in
  force have link-only packages.

link: read the orch.linkdeps record of every archive in the importcfg and
  of the main archive, build what is missing, write a completed importcfg
  and point -importcfg at it; recompile main with blank imports of the
  link-only packages that nothing imports.

The step's "build" (the parent go command's argv and directory) decides the
flags of the nested go command; see orch-linkdeps(1).

With --after, do what orch-toolexec does once the compiler has succeeded:
append the step's record (and recipe) to the archive named by -o, and
write the step back unchanged.

  --after         append the record of a compile step that linkdeps ran on
  -p, --pretty    indent the JSON output
  -h, --help      this text
  -V, --version   orch's version
"""


def main(argv=None) -> int:
    import sys
    from ..stages import linkdeps
    args = list(sys.argv[1:] if argv is None else argv)
    stage = linkdeps.run
    if "--after" in args:
        args.remove("--after")

        def stage(step):
            linkdeps.after(step)
            return step
    return cli.run_filter("orch-linkdeps", USAGE, stage, args)
