"""Go text/template for rule templates: the public entry point.

Rules carry Go code templates in Go's text/template syntax, e.g.

    {{- $req := .Function.Argument 1 -}}
    __orch_span := __orch_trace.Start({{ $req }}.Context(), {{ printf "%q" .Function.Name }})

    t = Template(text, "http.client/span")       # parsed now: errors raised here
    code = t.execute(match)                      # run per match

The engine is a port of Go's lexer, parser and executor, with Go's output
and error messages, one module each: lex, parse, exec, funcs (the builtin
functions), fmt and strconv (what printf and the lexer need of Go's fmt and
strconv). It knows nothing of rules: rules/render.py gives it the data. The
data model:

- dict: `.Key` is a key lookup; a missing key prints "<no value>"
  (Option missingkey=zero|error as in Go);
- list/tuple: range, index, slice, len; str, int, float, bool, None: as Go's
  string, int, float64, bool, nil;
- any other object: `.Name` is its attribute; a callable attribute is a
  method, called with the action's arguments (`.Function.Argument 1`);
  attributes starting with "_" are not visible. Such objects print through
  `__go_str__()` if they define it, else `str()`.

An exception raised by a method or function aborts the execution with
`template: NAME:LINE:COL: executing "NAME" at <.Function.Argument>: error
calling Argument: MESSAGE`. Truth is Go's: empty strings, lists and dicts,
zero numbers, false and nil are false; any other object is true.

Differences from Go: the delimiters are always {{ }}; Python functions and
methods have no parameter types (arguments are not converted or checked,
only counted); lists have no capacity beyond their length (slice); nesting
is limited by Python's recursion limit (about 150 parenthesized levels or
templates calling templates) where Go allows 10000 and 100000.
"""

from ..errors import OrchError
from .exec import ExecError, execute, user_funcs
from .funcs import BUILTINS
from .parse import ParseError, parse


class TemplateError(OrchError):
    """A template that does not parse or fails to execute.

    The message is Go's (`template: NAME:LINE: ...`); `line` and `col` are
    the position in the template text (col None for parse errors), so that
    the rule loader can point at the line of the rule file.
    """

    def __init__(self, message: str, *, name: str, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.name = name
        self.line = line
        self.col = col


_MISSINGKEY = {"default": "default", "invalid": "default", "zero": "zero", "error": "error"}


class Template:
    """A parsed template (and the templates it defines with define/block).

    funcs: the functions the template may call besides the builtins, as
    {name: callable} (names are checked at parse time, as in Go; execute()
    may supply or replace the callables). missingkey: "default", "zero" or
    "error", Go's Option("missingkey=...").
    """

    __slots__ = ("name", "text", "_trees", "_funcs", "_missingkey")

    def __init__(self, text: str, name: str, funcs: dict | None = None, *, missingkey: str = "default"):
        if missingkey not in _MISSINGKEY:
            raise TemplateError("template: %s: unrecognized option missingkey=%s" % (name, missingkey), name=name)
        self.name = name
        self.text = text
        self._missingkey = _MISSINGKEY[missingkey]
        self._funcs = user_funcs(funcs) if funcs else {}
        known = set(BUILTINS)
        known.update(funcs or ())
        try:
            self._trees = parse(name, text, known)
        except ParseError as e:
            raise TemplateError(str(e), name=name, line=e.line) from None
        except RecursionError:
            raise TemplateError("template: %s: max expression depth exceeded" % name, name=name) from None

    def templates(self) -> list[str]:
        """The names of the templates in the set: this one and its definitions."""
        return sorted(self._trees)

    def execute(self, data=None, funcs: dict | None = None) -> str:
        """Run the template with dot = data; funcs add to or replace the functions."""
        return self.execute_template(self.name, data, funcs)

    def execute_template(self, name: str, data=None, funcs: dict | None = None) -> str:
        """Run the template called name (a {{define}} of this set)."""
        fns = self._funcs
        if funcs:
            fns = dict(fns)
            fns.update(user_funcs(funcs))
        if name not in self._trees:
            raise TemplateError("template: no template %s associated with template %s"
                                % (_q(name), _q(self.name)), name=self.name)
        try:
            return execute(self._trees, (self.name, self.text), name, data, fns, self._missingkey)
        except ExecError as e:
            raise TemplateError(str(e), name=self.name, line=e.line, col=e.col) from None

    def __repr__(self):
        return "Template(%r)" % self.name


def _q(s: str) -> str:
    from .strconv import quote
    return quote(s)
