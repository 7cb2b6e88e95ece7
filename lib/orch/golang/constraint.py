"""//go:build lines (go/build/constraint): parse, evaluate, minimum Go version.

    expr = parse("//go:build linux && (amd64 || arm64)")
    evaluate(expr, {"linux", "amd64"})  -> True
    go_version(parse("//go:build go1.21 && !windows"))  -> "go1.21"

An expression is a nested tuple: ("tag", name), ("not", x), ("and", x, y),
("or", x, y). parse raises ValueError on a malformed line.
"""

import re

_TOKEN = re.compile(r"\s*(?:(&&|\|\||!|\(|\))|([A-Za-z0-9_.]+)|(\S))")


def split_go_build(line: str):
    """The expression text of a //go:build line, or None if it is not one."""
    if line.endswith("\n"):
        line = line[:-1]
    if "\n" in line or not line.startswith("//go:build"):
        return None
    line = line.strip()[len("//go:build"):]
    trim = line.strip()
    if len(line) == len(trim) and line != "":
        return None      # //go:buildfoo
    return trim


def parse(line: str):
    text = split_go_build(line)
    if text is None:
        raise ValueError("not a //go:build line")
    toks = []
    for m in _TOKEN.finditer(text):
        if m.group(3):
            raise ValueError(f"unexpected {m.group(3)!r}")
        toks.append(m.group(1) or ("tag", m.group(2)))
    if not toks:
        raise ValueError("empty //go:build expression")
    x, pos = _binary(toks, 0, 0)
    if pos != len(toks):
        raise ValueError(f"unexpected {toks[pos]!r}")
    return x


# The binary operators, by increasing precedence. (The parse functions take
# and return the token index: nested closures sharing it would form a
# reference cycle, kept while the Go parser runs with the collector off.)
_BINARY = (("||", "or"), ("&&", "and"))


def _binary(toks: list, pos: int, level: int):
    """The operands joined by the operators of _BINARY[level:]: (x, next pos)."""
    if level == len(_BINARY):
        return _not(toks, pos)
    op, name = _BINARY[level]
    x, pos = _binary(toks, pos, level + 1)
    while pos < len(toks) and toks[pos] == op:
        y, pos = _binary(toks, pos + 1, level + 1)
        x = (name, x, y)
    return x, pos


def _not(toks: list, pos: int):
    t = toks[pos] if pos < len(toks) else None
    pos += 1
    if t == "!":
        x, pos = _not(toks, pos)
        return ("not", x), pos
    if t == "(":
        x, pos = _binary(toks, pos, 0)
        if pos >= len(toks) or toks[pos] != ")":
            raise ValueError("missing )")
        return x, pos + 1
    if isinstance(t, tuple):
        return t, pos
    raise ValueError(f"unexpected {t!r}")


def evaluate(x, tags) -> bool:
    op = x[0]
    if op == "tag":
        return x[1] in tags
    if op == "not":
        return not evaluate(x[1], tags)
    if op == "and":
        return evaluate(x[1], tags) and evaluate(x[2], tags)
    return evaluate(x[1], tags) or evaluate(x[2], tags)


def _min_version(x, sign: int) -> int:
    op = x[0]
    if op == "and" or op == "or":
        a, b = _min_version(x[1], sign), _min_version(x[2], sign)
        use_max = (op == "and") == (sign > 0)
        if use_max:
            return max(a, b)
        return min(a, b)
    if op == "not":
        return _min_version(x[1], -sign)
    if sign < 0:
        return -1
    tag = x[1]
    if tag == "go1":
        return 0
    _, sep, v = tag.partition("go1.")
    if not sep or not re.fullmatch(r"[+-]?[0-9]+", v):
        return -1
    return int(v)


def go_version(x) -> str:
    """The minimum Go version the expression implies ("go1.21"), or ""."""
    v = _min_version(x, 1)
    if v < 0:
        return ""
    return "go1" if v == 0 else f"go1.{v}"
