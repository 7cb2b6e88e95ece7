"""Rule documents: parsed TOML or JSON values that know where they came from.

tomllib and json give values without line numbers, but a rule author needs
`rules.toml:14: unknown advice "wrap-expresion"`. Every value handed to the
join point and advice parsers is wrapped in a `Value` that carries its path
in the document (("aspects", 3, "advice", 0, "wrap-expresion")); a
`RuleError` raised with that path becomes `file:line: message` once the
loader asks the `RuleFile` where that path is:

- JSON: an exact map from paths to lines, made by a small scan of the text;
- TOML: the [[aspects]] table that holds the path, narrowed by the headers
  of nested arrays of tables, then the first line there that uses the
  offending key (or value). Exact for the usual layouts; never worse than
  the aspect's first line.
"""

import re

from ..errors import OrchError


class RuleError(Exception):
    """A semantic error in a rule document at `path` (a tuple of keys and indexes)."""

    def __init__(self, message: str, path: tuple = (), value=None):
        super().__init__(message)
        self.message = message
        self.path = tuple(path)
        self.value = value


def unknown(what: str, key: str, known, path: tuple) -> RuleError:
    """The error for a key that names nothing known, with the closest known
    key as a hint. (difflib is imported only then: it costs ~1 ms.)"""
    import difflib
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return RuleError(f"unknown {what} {key!r}{hint}", path, key)


# bool before int: True is an int to isinstance.
_KINDS = ((bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"),
          (list, "a list"), (dict, "a table"))


def _kind(v) -> str:
    for t, name in _KINDS:
        if isinstance(v, t):
            return name
    return type(v).__name__


class Value:
    """A value of a rule document and its path; accessors check types."""

    __slots__ = ("data", "path")

    def __init__(self, data, path: tuple = ()):
        self.data = data
        self.path = path

    @property
    def key(self) -> str:
        """The last key of the path ("name" for aspects[0].join-point.function[0].name)."""
        for p in reversed(self.path):
            if isinstance(p, str):
                return p
        return "document"

    def error(self, message: str):
        return RuleError(message, self.path, self.data)

    def _expect(self, typ, what: str):
        if not isinstance(self.data, typ):
            raise self.error(f"{self.key} must be {what}, not {_kind(self.data)}")
        return self.data

    def string(self, *, empty: bool = False) -> str:
        s = self._expect(str, "a string")
        if not empty and not s:
            raise self.error(f"{self.key} must not be empty")
        return s

    def boolean(self) -> bool:
        if not isinstance(self.data, bool):
            raise self.error(f"{self.key} must be true or false, not {_kind(self.data)}")
        return self.data

    def integer(self) -> int:
        if isinstance(self.data, bool) or not isinstance(self.data, int):
            raise self.error(f"{self.key} must be an integer, not {_kind(self.data)}")
        return self.data

    def items(self, *, empty: bool = True) -> list["Value"]:
        """The elements of a list (each a Value)."""
        data = self._expect(list, "a list")
        if not empty and not data:
            raise self.error(f"{self.key} must not be an empty list")
        return [Value(v, self.path + (i,)) for i, v in enumerate(data)]

    def table(self, allowed=None, required=()) -> dict:
        """The table's entries as Values, checking its keys."""
        data = self._expect(dict, "a table")
        if allowed is not None:
            for k in data:
                if k not in allowed:
                    known = ", ".join(sorted(allowed)) or "none"
                    raise RuleError(f"unknown key {k!r} in {self.key} (known: {known})", self.path + (k,), k)
        for k in required:
            if k not in data:
                raise self.error(f"{self.key} needs {k!r}")
        return {k: Value(v, self.path + (k,)) for k, v in data.items()}

    def single(self, what: str) -> tuple[str, "Value"]:
        """A table with exactly one key, e.g. a join point {"function-call": "net/http.Get"}."""
        data = self._expect(dict, f"a table with one {what}")
        if len(data) != 1:
            keys = ", ".join(repr(k) for k in data) or "nothing"
            raise self.error(f"{self.key} must hold exactly one {what}, not {keys}")
        (k, v), = data.items()
        return k, Value(v, self.path + (k,))


# ----------------------------------------------------------------------------
# Files


def _parse_text(path: str, data: bytes):
    if path.endswith(".json"):
        import json
        try:
            return json.loads(data)
        except ValueError as e:
            raise OrchError(f"not valid JSON: {e}", path=path, line=getattr(e, "lineno", None))
    from ..config import parse_toml
    return parse_toml(path, data)


class RuleFile:
    """One rule file: its text, its parsed document, and where paths are in it."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.text = data.decode("utf-8", "replace")
        self.doc = _parse_text(path, data)
        self._json_lines = None

    def error(self, e: RuleError) -> OrchError:
        return OrchError(e.message, path=self.path, line=self.line_of(e.path, e.value))

    def line_of(self, path: tuple, value=None) -> int | None:
        if self.path.endswith(".json"):
            if self._json_lines is None:
                self._json_lines = _json_lines(self.text)
            p = tuple(path)
            while p:
                if p in self._json_lines:
                    return self._json_lines[p]
                p = p[:-1]
            return 1
        return _toml_line(self.text.split("\n"), tuple(path), value)


# JSON: a scan that records the line where each value (or object key) starts.
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\n|\s+')


def _json_lines(text: str) -> dict:
    lines, line = {}, 1
    stack = []          # [container, key-or-index, expecting_key]
    path = []
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok == "\n":
            line += 1
            continue
        if tok.isspace():
            line += tok.count("\n")
            continue
        if stack and stack[-1][0] == "{" and stack[-1][2] and tok.startswith('"'):
            import json
            key = json.loads(tok)
            stack[-1][1] = key
            stack[-1][2] = False
            lines[tuple(path + [key])] = line
            continue
        if tok == ":":
            continue
        if tok == ",":
            if stack:
                top = stack[-1]
                if top[0] == "{":
                    top[2] = True
                else:
                    top[1] += 1
            continue
        if tok in "}]":
            if stack:
                stack.pop()
                if path:
                    path.pop()
            continue
        # A value starts here.
        if stack:
            cur = path + [stack[-1][1]]
            lines.setdefault(tuple(cur), line)
        else:
            cur = []
        if tok in "{[":
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
            path = list(cur)
    return lines


# TOML: find the [[aspects]] region, narrow it, then find the key or value.
def _toml_line(lines: list, path: tuple, value) -> int:
    lo, hi = 0, len(lines)
    rest = list(path)
    prefix = []
    while len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
        key, index = rest[0], rest[1]
        prefix.append(key)
        header = re.compile(r"^\s*\[\[\s*" + r"\s*\.\s*".join(map(_toml_key, prefix)) + r"\s*\]\]")
        starts = [i for i in range(lo, hi) if header.match(lines[i])]
        if index >= len(starts):
            break
        lo = starts[index]
        hi = starts[index + 1] if index + 1 < len(starts) else hi
        rest = rest[2:]
    # The most specific key first, then the value, then broader keys.
    keys = [k for k in reversed(rest) if isinstance(k, str)]
    candidates = keys[:1]
    if isinstance(value, str) and value and value not in candidates:
        candidates.append(value)
    candidates += keys[1:]
    for needle in candidates:
        if needle in keys:
            pat = re.compile(r'(?:^|[\s{,.\[])(?:' + re.escape(needle) + r'|"' + re.escape(needle) + r'")\s*[=.\]]')
        else:
            pat = re.compile(re.escape(needle))
        for i in range(lo, hi):
            if pat.search(lines[i]):
                return i + 1
    return lo + 1


def _toml_key(k: str) -> str:
    return "(?:" + re.escape(k) + '|"' + re.escape(k) + '")'
