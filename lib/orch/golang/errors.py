"""The error of the Go front end (orch.golang re-exports it)."""

from ..errors import OrchError


class GoSyntaxError(OrchError):
    """Syntax errors in a Go file, formatted as gofmt prints them.

    errors: [(offset, message)] sorted by position; the message lines are
    "file:line:col: message" with //line directives applied, as in Go.
    """

    def __init__(self, message: str, errors=(), filename: str = ""):
        super().__init__(message)
        self.errors = list(errors)
        self.filename = filename
