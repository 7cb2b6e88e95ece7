"""A few token-level facts about Go text, without parsing it.

The rewriter needs two: which names are used as package qualifiers (`x.`
outside strings and comments) in a text, and renaming such a qualifier in
generated code (`trace.Start` -> `trace_orch.Start`). One regular
expression splits the text into comments, string and rune literals,
identifiers and everything else.
"""

import re

TOKENS = re.compile(r"""
    (?P<comment> //[^\n]* | /\*.*?\*/ )
  | (?P<string> "(?:[^"\\\n]|\\.)*" | `[^`]*` | '(?:[^'\\\n]|\\.)*' )
  | (?P<ident> [^\W\d]\w* )
  | (?P<space> \s+ )
  | (?P<other> . )
""", re.S | re.X)

KEYWORDS = frozenset("""
    break case chan const continue default defer else fallthrough for func go goto if
    import interface map package range return select struct switch type var
""".split())


def qualifiers(text: str) -> set:
    """Names used as `name.` (outside comments and literals)."""
    out = set()
    prev_dot = False
    pending = None
    for m in TOKENS.finditer(text):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        tok = m.group()
        if pending is not None:
            if tok == ".":
                out.add(pending)
            pending = None
        if kind == "ident":
            if not prev_dot:
                pending = tok
            prev_dot = False
        else:
            prev_dot = tok == "."
    return out


def rename_qualifiers(text: str, renames: dict) -> str:
    """Replace qualifier names (`old.` -> `new.`) per renames; strings,
    comments and selectors (`x.old.`) are left alone."""
    if not renames:
        return text
    toks = [(m.lastgroup, m.group()) for m in TOKENS.finditer(text)]
    out = []
    prev_dot = False
    for i, (kind, tok) in enumerate(toks):
        if kind == "ident" and not prev_dot and tok in renames:
            j = i + 1
            while j < len(toks) and toks[j][0] in ("space", "comment"):
                j += 1
            if j < len(toks) and toks[j][1] == ".":
                tok = renames[tok]
        if kind not in ("space", "comment"):
            prev_dot = tok == "."
        out.append(tok)
    return "".join(out)


def identifiers(text: str) -> set:
    return {m.group() for m in TOKENS.finditer(text) if m.lastgroup == "ident"}
