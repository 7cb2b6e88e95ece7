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
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def or_():
        nonlocal pos
        x = and_()
        while peek() == "||":
            pos += 1
            x = ("or", x, and_())
        return x

    def and_():
        nonlocal pos
        x = not_()
        while peek() == "&&":
            pos += 1
            x = ("and", x, not_())
        return x

    def not_():
        nonlocal pos
        t = peek()
        pos += 1
        if t == "!":
            return ("not", not_())
        if t == "(":
            x = or_()
            if peek() != ")":
                raise ValueError("missing )")
            pos += 1
            return x
        if isinstance(t, tuple):
            return t
        raise ValueError(f"unexpected {t!r}")

    x = or_()
    if pos != len(toks):
        raise ValueError(f"unexpected {toks[pos]!r}")
    return x


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
