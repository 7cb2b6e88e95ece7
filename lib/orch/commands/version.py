import sys

from .. import cli

USAGE = """\
usage: orch-version [-p] [FILE]

Read a step document for `TOOL -V=full` (JSON with "tool_path", or with
"version_line", the tool's own answer) and write it back with "version":
the answer with orch's identity appended, as go will see it:

  compile version go1.26.8:orch@0.1.0;injectables=<hash>;aspects=<hash>

A plain line (not JSON) on stdin is taken as the tool's answer and the
stamped line is printed. The hashes cover the rules in force (ORCH_RULES,
ORCH_NO_BUILTIN, the main module's orch.toml) and the Go source they inject.

  -p, --pretty    indent the JSON output
  -h, --help      this text
  -V, --version   orch's version
"""


def main(argv=None) -> int:
    from ..stages import version
    args = sys.argv[1:] if argv is None else argv
    if not args:
        data = sys.stdin.buffer.read()
        if data.strip() and not data.lstrip().startswith(b"{"):
            from ..errors import OrchError
            from ..step import build_context
            try:
                step = version.run({"version_line": data.decode(), "build": build_context()})
            except OrchError as e:
                cli.die("orch-version", str(e))
            sys.stdout.write(step["version"])
            return 0
        import io
        return cli.run_filter("orch-version", USAGE, version.run, args, stdin=io.BytesIO(data))
    return cli.run_filter("orch-version", USAGE, version.run, args)
