"""The shared base of the orch-* executables (csvkit style).

Each executable is a Unix filter over one stage function: it reads a JSON
step document on stdin (or from a file argument), calls the stage, and writes
the resulting document on stdout. The base owns what every command shares:
--help, --version, --pretty, one-line errors with exit status 2, and quiet
handling of a closed pipe.
"""

import os
import sys

from . import __version__
from .errors import OrchError


def die(prog: str, message: str, status: int = 2):
    sys.stderr.write(f"{prog}: {message}\n")
    sys.exit(status)


def run_filter(prog: str, usage: str, stage, argv=None, stdin=None, stdout=None) -> int:
    """Run `stage` (dict -> dict) as a filter. `usage` is the --help text.

    stdin/stdout may be injected (binary streams) so tests can run commands
    in-process.
    """
    argv = sys.argv[1:] if argv is None else argv
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    pretty = False
    source = "-"
    for arg in argv:
        if arg in ("-h", "--help"):
            stdout.write(usage.encode())
            return 0
        if arg in ("-V", "--version"):
            stdout.write(f"{prog} {__version__}\n".encode())
            return 0
        if arg in ("-p", "--pretty"):
            pretty = True
        elif arg.startswith("-") and arg != "-":
            die(prog, f"unknown option {arg!r} (see {prog} --help)")
        else:
            source = arg
    try:
        from . import jsonio
        data = stdin.read() if source == "-" else _read(source)
        try:
            step = jsonio.loads(data)
        except ValueError as e:
            raise OrchError(f"{'stdin' if source == '-' else source}: not a JSON document: {e}")
        if not isinstance(step, dict):
            raise OrchError("the input must be a JSON object (a step document)")
        result = stage(step)
        stdout.write(jsonio.dumps(result, pretty=pretty) + b"\n")
        stdout.flush()
    except OrchError as e:
        die(prog, str(e))
    except BrokenPipeError:
        # The reader went away (`orch-plan < step.json | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # an orch bug: one line unless asked for more
        if os.environ.get("ORCH_TRACEBACK"):
            raise
        die(prog, f"internal error: {type(e).__name__}: {e} (ORCH_TRACEBACK=1 shows where)")
    return 0


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise OrchError(f"{path}: {e.strerror}")
