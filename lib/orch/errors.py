"""The one exception type that reaches users as a one-line message.

Anything that is the user's fault (a broken rule file, a bad step document,
a missing tool) raises OrchError with a message that names the file and line
where it can. Executables print `prog: message` and exit 2; only ORCH_TRACEBACK=1
shows a Python traceback, for orch's own bugs.
"""


class OrchError(Exception):
    """An error with a message fit for the user, e.g. `rules.d/http.toml:14: unknown advice "x"`."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        if path is not None:
            where = f"{path}:{line}" if line else path
            message = f"{where}: {message}"
        super().__init__(message)
        self.path = path
        self.line = line
