"""The lexer of Go's text/template (a port of text/template/parse/lex.go).

`lex(text)` is a generator of items (type, pos, val, line): plain text
outside actions, tokens inside `{{ }}`. Trim markers (`{{- ` and ` -}}`)
and comments are handled here, exactly as Go does, so the parser never sees
them. An error ends the stream with an ERROR item whose val is the message.

Positions are indexes into the Python string; messages convert them to
Go's byte columns.
"""

import re

from .strconv import quote

# Item types. Keywords come after KEYWORD, as in Go.
(ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD,
 IDENTIFIER, LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM,
 RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
 KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE,
 TEMPLATE, WITH) = range(35)

KEYWORDS = {
    ".": DOT, "block": BLOCK, "break": BREAK, "continue": CONTINUE, "define": DEFINE,
    "else": ELSE, "end": END, "if": IF, "range": RANGE, "nil": NIL,
    "template": TEMPLATE, "with": WITH,
}

LEFT, RIGHT = "{{", "}}"
SPACES = " \t\r\n"
_WORD = re.compile(r"\w+")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def item_string(item) -> str:
    """How Go's parser names a token in messages: "EOF", <if>, "text"."""
    typ, _, val, _ = item
    if typ == EOF:
        return "EOF"
    if typ == ERROR:
        return val
    if typ > KEYWORD:
        return "<%s>" % val
    if len(val) > 10:
        return quote(val[:10]) + "..."
    return quote(val)


def is_alnum(c: str) -> bool:
    """Go's isAlphaNumeric: '_', a Unicode letter or a decimal digit."""
    return c == "_" or c.isalpha() or c.isdecimal()


def format_rune(c: str) -> str:
    """fmt's %#U: U+0041 'A'."""
    s = "U+%04X" % ord(c)
    return s + " '" + c + "'" if c.isprintable() else s


def lex(text: str, break_ok: bool = True, continue_ok: bool = True):
    """Yield the items of a template; the last one is EOF or ERROR."""
    n = len(text)
    # Lines are counted incrementally: items come in increasing position order.
    counted = [0, 1]  # position up to which newlines are counted, line there

    def line_at(p):
        q, line = counted
        if p > q:
            line += text.count("\n", q, p)
            counted[0], counted[1] = p, line
        elif p < q:
            line -= text.count("\n", p, q)
        return line

    def error(p, msg):
        return (ERROR, p, msg, line_at(p))

    def at_terminator(p):
        if p >= n:
            return True
        c = text[p]
        return c in SPACES or c in ".,|:)(" or text.startswith(RIGHT, p)

    def alnum_end(p):
        """End of the run of Go alphanumerics starting at p."""
        m = _WORD.match(text, p)
        if not m:
            return p
        end = m.end()
        word = m.group()
        if not word.isascii():  # \w is wider than Go's letters and digits
            for k, c in enumerate(word):
                if not is_alnum(c):
                    return p + k
        return end

    def trim_marker_right(p):
        """Is there ` -}}` (a space, then the trim marker and delimiter) at p?"""
        return p + 1 < n and text[p] in SPACES and text[p + 1] == "-" and text.startswith(RIGHT, p + 2)

    pos = 0
    while True:
        # ---- text, up to the next "{{" ----
        x = text.find(LEFT, pos)
        if x < 0:
            if pos < n:
                yield (TEXT, pos, text[pos:], line_at(pos))
            yield (EOF, n, "EOF", line_at(n))
            return
        delim_end = x + len(LEFT)
        trim = delim_end + 1 < n and text[delim_end] == "-" and text[delim_end + 1] in SPACES
        if x > pos:
            end = x
            if trim:
                end = pos + len(text[pos:x].rstrip(SPACES))
            if end > pos:
                yield (TEXT, pos, text[pos:end], line_at(pos))
        after = delim_end + (2 if trim else 0)

        # ---- a comment: {{/* ... */}} ----
        if text.startswith("/*", after):
            start = after
            y = text.find("*/", start + 2)
            if y < 0:
                yield error(start, "unclosed comment")
                return
            pos = y + 2
            if trim_marker_right(pos):
                pos += 2 + len(RIGHT)
                m = _SPACE_RUN.match(text, pos)
                if m:
                    pos = m.end()
            elif text.startswith(RIGHT, pos):
                pos += len(RIGHT)
            else:
                yield error(start, "comment ends before closing delimiter")
                return
            continue

        # ---- an action ----
        yield (LEFT_DELIM, x, LEFT, line_at(x))
        pos = after
        depth = 0
        while True:
            if trim_marker_right(pos) or text.startswith(RIGHT, pos):
                if depth:
                    yield error(pos, "unclosed left paren")
                    return
                break
            if pos >= n:
                yield error(pos, "unclosed action")
                return
            c = text[pos]
            start = pos
            if c in SPACES:
                m = _SPACE_RUN.match(text, pos)
                end = m.end()
                # " -}}": the last space belongs to the closing delimiter.
                if text.startswith("-" + RIGHT, end):
                    end -= 1
                    if end == start:
                        break
                pos = end
                yield (SPACE, start, text[start:end], line_at(start))
                continue
            if c == "=":
                pos += 1
                yield (ASSIGN, start, "=", line_at(start))
            elif c == ":":
                if text[pos + 1:pos + 2] != "=":
                    yield error(start, "expected :=")
                    return
                pos += 2
                yield (DECLARE, start, ":=", line_at(start))
            elif c == "|":
                pos += 1
                yield (PIPE, start, "|", line_at(start))
            elif c == '"' or c == "'":
                end = _scan_quoted(text, pos + 1, c)
                if end < 0:
                    kind = "quoted string" if c == '"' else "character constant"
                    yield error(start, "unterminated " + kind)
                    return
                pos = end
                typ = STRING if c == '"' else CHAR_CONSTANT
                yield (typ, start, text[start:end], line_at(start))
            elif c == "`":
                end = text.find("`", pos + 1)
                if end < 0:
                    yield error(start, "unterminated raw quoted string")
                    return
                pos = end + 1
                yield (RAW_STRING, start, text[start:pos], line_at(start))
            elif c == "$" or (c == "." and pos + 1 < n and not "0" <= text[pos + 1] <= "9"):
                # $, $x, ., .Field
                if at_terminator(pos + 1):
                    pos += 1
                    yield (VARIABLE if c == "$" else DOT, start, c, line_at(start))
                    continue
                end = alnum_end(pos + 1)
                if not at_terminator(end):
                    yield error(start, "bad character " + format_rune(text[end]))
                    return
                pos = end
                yield (VARIABLE if c == "$" else FIELD, start, text[start:end], line_at(start))
            elif c in "+-." or "0" <= c <= "9":
                end, typ = _scan_number_item(text, pos)
                if typ == ERROR:
                    yield error(start, "bad number syntax: " + quote(text[start:end]))
                    return
                pos = end
                yield (typ, start, text[start:end], line_at(start))
            elif is_alnum(c):
                end = alnum_end(pos)
                if not at_terminator(end):
                    yield error(start, "bad character " + format_rune(text[end]))
                    return
                pos = end
                word = text[start:end]
                typ = KEYWORDS.get(word, IDENTIFIER)
                if (typ == BREAK and not break_ok) or (typ == CONTINUE and not continue_ok):
                    typ = IDENTIFIER
                elif word == "true" or word == "false":
                    typ = BOOL
                yield (typ, start, word, line_at(start))
            elif c == "(":
                depth += 1
                pos += 1
                yield (LEFT_PAREN, start, c, line_at(start))
            elif c == ")":
                depth -= 1
                if depth < 0:
                    yield error(start, "unexpected right paren")
                    return
                pos += 1
                yield (RIGHT_PAREN, start, c, line_at(start))
            elif c < "\x80" and c.isprintable():
                pos += 1
                yield (CHAR, start, c, line_at(start))
            else:
                yield error(start, "unrecognized character in action: " + format_rune(c))
                return

        # ---- the closing delimiter, possibly with a trim marker ----
        trim = not text.startswith(RIGHT, pos)
        if trim:
            pos += 2
        yield (RIGHT_DELIM, pos, RIGHT, line_at(pos))
        pos += len(RIGHT)
        if trim:
            m = _SPACE_RUN.match(text, pos)
            if m:
                pos = m.end()


def _scan_quoted(text: str, i: int, q: str) -> int:
    """The end (after the closing quote) of a "..." or '...' literal, or -1."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 >= n or text[i + 1] == "\n":
                return -1
            i += 2
            continue
        if c == "\n":
            return -1
        i += 1
        if c == q:
            return i
    return -1


def _scan_number(text: str, i: int) -> tuple[int, bool]:
    """Go's lexer.scanNumber: deliberately loose, strconv checks later."""
    n = len(text)

    def accept(valid):
        nonlocal i
        if i < n and text[i] in valid:
            i += 1
            return True
        return False

    def accept_run(valid):
        nonlocal i
        while i < n and text[i] in valid:
            i += 1

    accept("+-")
    digits = "0123456789_"
    if accept("0"):
        if accept("xX"):
            digits = "0123456789abcdefABCDEF_"
        elif accept("oO"):
            digits = "01234567_"
        elif accept("bB"):
            digits = "01_"
    accept_run(digits)
    if accept("."):
        accept_run(digits)
    if len(digits) == 11 and accept("eE"):
        accept("+-")
        accept_run("0123456789_")
    if len(digits) == 23 and accept("pP"):
        accept("+-")
        accept_run("0123456789_")
    accept("i")
    if i < n and is_alnum(text[i]):
        return i + 1, False
    return i, True


def _scan_number_item(text: str, i: int) -> tuple[int, int]:
    """(end, NUMBER | COMPLEX | ERROR) for the number at i."""
    end, ok = _scan_number(text, i)
    if not ok:
        return end, ERROR
    if end < len(text) and text[end] in "+-":
        end, ok = _scan_number(text, end)
        if not ok or text[end - 1] != "i":
            return end, ERROR
        return end, COMPLEX
    return end, NUMBER
