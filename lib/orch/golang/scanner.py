"""The Go scanner: source bytes to tokens, as go/scanner does it.

How it is fast in Python: the source is read a chunk at a time, decoded as
latin-1, so that one character is one byte and string offsets are byte
offsets; one compiled master regex (`findall`) cuts the chunk into token
strings, whitespace runs included, so that positions are a running sum of
lengths; a loop with everything in locals turns them into three parallel
lists: kinds (token ints), positions (offsets) and literals (the raw text).
No per-token objects, and no copy of the whole file.

Only the common, valid shapes go through that loop. Anything unusual (an
unterminated string or comment, a bad escape or number, an illegal or
non-ASCII character that is not a letter) goes to `_scan_exact`, a port of
go/scanner's Scan for one token with its exact error messages; the regex then
resumes after that token. Byte-level problems (NUL, invalid UTF-8, a BOM after
the start) are found once for the whole file.

Semicolons are inserted as Go does (after an identifier, literal, one of
break continue fallthrough return ++ -- ) ] } at a newline or at EOF); their
literal is "\\n" and an explicit one's ";". Literals are the raw source text
(latin-1 view): the parser decodes UTF-8 and drops carriage returns where Go
does. //line directives are recorded into the file's LineTable.
"""

import re

from . import token as T

# ----------------------------------------------------------------------------
# The master regex

_IDENT = r"[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*"
# Loose number shape: what go/scanner consumes for a number token, errors
# included (invalid digits, misplaced "_" ...); _number_kind says if it is valid.
_NUMBER = (r"(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]*)?"
           r"|0[oObB][0-9_]*(?:\.[0-9_]*)?(?:[eEpP][+-]?[0-9_]*)?"
           r"|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eEpP][+-]?[0-9_]*)?)i?")
_OPERATORS = sorted(T.OPERATORS, key=len, reverse=True)

MASTER = re.compile("|".join([
    r"[ \t\r]+",                        # blanks
    r"\n[ \t\r\n]*",                    # newline (then blanks): may insert ';'
    _IDENT,
    _NUMBER,
    # (*+ is possessive: no backtracking state per character, so a 1 MB
    # string literal costs no more than its own size to match)
    r'"(?:[^"\\\n]|\\[^\n])*+"',        # interpreted string (escapes checked later)
    r"`[^`]*`",                         # raw string
    r"'(?:[^'\\\n]|\\[^\n])*+'",        # rune
    r"//[^\n]*",                        # line comment
    r"/\*(?s:.*?)\*/",                  # block comment
    r"/\*",                             # unterminated block comment: exact path
    "|".join(re.escape(op) for op in _OPERATORS),
    r"(?s:.)",                          # anything else: exact path
]))

_ESC = r"\\(?:[abfnrtv\\]|[0-3][0-7]{2}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})"
_STRING_OK = re.compile(r'"(?:[^"\\\n]|' + _ESC + r'|\\")*+"')
_CHAR_OK = re.compile(r"'(?:[^'\\\n\x80-\xff]|[\xc0-\xff][\x80-\xbf]*|" + _ESC + r"|\\')'")
_UNICODE_ESC = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))|\\.")
# Kind of the fixed spellings (operators, keywords) and of the other shapes by first char.
_FIXED = dict(T.OPERATORS)
_FIXED.update(T.KEYWORDS)
_BLANK, _NEWLINE, _WORD, _NUM, _STR, _RAW, _CHR, _SLASH, _DOT, _OTHER = range(-10, 0)
_FIRST = {}
for _c in range(256):
    _ch = chr(_c)
    if _ch in " \t\r":
        _FIRST[_ch] = _BLANK
    elif _ch == "\n":
        _FIRST[_ch] = _NEWLINE
    elif _ch.isascii() and (_ch.isalpha() or _ch == "_") or _c >= 0x80:
        _FIRST[_ch] = _WORD
    elif _ch.isdigit():
        _FIRST[_ch] = _NUM
    else:
        _FIRST[_ch] = {'"': _STR, "`": _RAW, "'": _CHR, "/": _SLASH, ".": _DOT}.get(_ch, _OTHER)
del _c, _ch

# Tokens after which a newline (or EOF) is a semicolon.
INSERT_SEMI = [False] * (T.TILDE + 1)
for _t in (T.IDENT, T.INT, T.FLOAT, T.IMAG, T.CHAR, T.STRING, T.BREAK, T.CONTINUE,
           T.FALLTHROUGH, T.RETURN, T.RPAREN, T.RBRACK, T.RBRACE, T.INC, T.DEC):
    INSERT_SEMI[_t] = True
INSERT_SEMI = tuple(INSERT_SEMI)

# Bytes scanned per refill: bounds the memory of the token lists (~100
# bytes a token), most of a parse's memory beyond the tree. 128: a 1.5 KB
# file's peak is 11.6 KB, 17.9 KB with 512, at ~5% of the parse speed.
CHUNK = 1 << 7
# Bytes cut into strings by one findall: bounds the memory of its list of
# strings (whitespace included, ~60 bytes a token), while the chunk is large
# enough that the cost of a refill does not count.
WINDOW = 1 << 7


# Errors go/scanner reports at a token's start when it reaches its end.
_AT_THE_END = ("literal not terminated", "comment not terminated")


class Scanner:
    """Scans a file chunk by chunk: `scan()` returns the next tokens as
    (kinds, positions, literals, errors), the last chunk ending with EOF.
    errors are (index in this chunk, offset, message), to be reported when
    the parser reaches that token (as go/scanner reports them when scanning it).
    """

    __slots__ = ("src", "lines", "off", "end", "insert_semi", "done", "char_errors", "chunk")

    def __init__(self, src: bytes, lines, check_bytes: bool = True, chunk: int = CHUNK):
        self.src = src
        self.chunk = chunk
        self.lines = lines
        self.end = len(src)
        self.off = 3 if src.startswith(b"\xef\xbb\xbf") else 0   # BOM at the start is ignored
        self.insert_semi = False
        self.done = False
        # (the import scan reads a header only and leaves byte checks to the parser)
        self.char_errors = _char_errors(src, self.off) if check_bytes else []

    def resume_at(self, offset: int) -> None:
        """Scan on from offset, a "}" (the parser skipped a block up to it)."""
        self.off = offset
        self.insert_semi = False
        self.done = False

    def scan(self):
        kinds, poss, lits, errs = [], [], [], []
        if self.done:   # like go/scanner, keep returning EOF
            return [T.EOF], [self.end], [""], []
        src = self.src
        start = self.off
        stop = self.end
        chunk = self.chunk
        text = None
        if stop - start > chunk:
            # Cut after a newline: only raw strings and block comments cross
            # one, and those that are cut fall to the exact path, which reads on.
            nl = src.find(b"\n", start + chunk, start + 4 * chunk)
            if nl >= 0:
                stop = nl + 1
            else:
                # A very long line (a data table): cut after a token, found
                # by a first pass of the regex over the line.
                eol = src.find(b"\n", start + 4 * chunk)
                text = src[start:eol if eol >= 0 else stop].decode("latin-1")
                for m in MASTER.finditer(text):
                    if m.end() >= chunk:
                        stop = start + m.end()
                        break
        # The chunk's text (offsets in it are relative to start), decoded as
        # latin-1: one char per byte.
        if text is None:
            text = src[start:stop].decode("latin-1")
        tstop = stop - start
        fixed_get = _FIXED.get
        first = _FIRST
        insert_tab = INSERT_SEMI
        spelling = T.STRINGS
        add_kind, add_pos, add_lit = kinds.append, poss.append, lits.append
        IDENT, SEMICOLON, COMMENT = T.IDENT, T.SEMICOLON, T.COMMENT
        insert = self.insert_semi
        pos = start
        while pos < stop:
            # One window, cut after a newline (like the chunk).
            w = pos - start
            wend = text.find("\n", w + WINDOW, tstop)
            wend = tstop if wend < 0 else wend + 1
            for s in MASTER.findall(text, w, wend):
                k = fixed_get(s)
                if k is None:
                    c = first[s[0]]
                    if c == _BLANK:
                        pos += len(s)
                        continue
                    if c == _NEWLINE:
                        if insert:
                            add_kind(SEMICOLON)
                            add_pos(pos)
                            add_lit("\n")
                            insert = False
                        pos += len(s)
                        continue
                    # A literal: its kind in k if it is valid (else the exact path).
                    if c == _WORD:
                        if s.isascii() or _is_ident(s):
                            k = IDENT
                    elif c == _NUM or c == _DOT:
                        k = _number_kind(s)
                    elif c == _STR:
                        if len(s) > 1 and ("\\" not in s or _string_ok(s)):
                            k = T.STRING
                    elif c == _RAW:
                        if len(s) > 1:
                            k = T.STRING
                    elif c == _CHR:
                        if (len(s) == 3 and s[1] < "\x80") or _char_ok(s):
                            k = T.CHAR
                    elif c == _SLASH:
                        if s != "/*":   # a whole comment ("/*" alone is unterminated)
                            add_kind(COMMENT)
                            add_pos(pos)
                            add_lit(s)
                            if s[1] == "*":
                                if insert and "\n" in s:
                                    # A /*...*/ with a newline ends the line: COMMENT, then ';'
                                    add_kind(SEMICOLON)
                                    add_pos(pos + s.index("\n"))
                                    add_lit("\n")
                                    insert = False
                                if s.startswith("line ", 2):
                                    self._line_directive(s, pos, pos + len(s), errs, len(kinds) - 1)
                            elif s.startswith("line ", 2) and (pos == 0 or src[pos - 1] == 0x0A):
                                nxt = pos + len(s)
                                if nxt < self.end:   # the newline belongs to the directive
                                    nxt += 1
                                self._line_directive(s, pos, nxt, errs, len(kinds) - 1)
                            pos += len(s)
                            continue
                    if k is not None:
                        add_kind(k)
                        add_pos(pos)
                        add_lit(s)
                        insert = True
                        pos += len(s)
                        continue
                    # Everything else is unusual: scan this one token exactly, then resume.
                    pos, insert = self._exact(pos, insert, kinds, poss, lits, errs)
                    break
                add_kind(k)
                add_pos(pos)
                add_lit(spelling[k])    # (not s: one str per keyword, not per token)
                insert = insert_tab[k]
                pos += len(s)
        self.off = pos
        if pos >= self.end:
            if insert:
                add_kind(SEMICOLON)
                add_pos(self.end)
                add_lit("\n")
                insert = False
            add_kind(T.EOF)
            add_pos(self.end)
            add_lit("")
            self.done = True
        self.insert_semi = insert
        if self.char_errors:
            self._attach_char_errors(start, pos, poss, errs)
            # In the order go/scanner meets them: by token, then by offset,
            # except that a literal or comment that is not terminated is
            # reported (at its start) once its end is reached.
            errs.sort(key=lambda e: (e[0], (1 << 62) if e[2].endswith(_AT_THE_END) else e[1]))
        elif errs:
            errs.sort(key=lambda e: e[0])
        return kinds, poss, lits, errs

    def _exact(self, pos, insert, kinds, poss, lits, errs):
        """Scan one token at pos with _scan_exact; append it; return (end, insert)."""
        tok, lit, end, msgs = _scan_exact(self.src, pos)
        index = len(kinds)
        for off, msg in msgs:
            errs.append((index, off, msg))
        if tok == T.COMMENT:
            kinds.append(tok)
            poss.append(pos)
            lits.append(lit)
            if lit[1] == "*" and insert and "\n" in lit:
                kinds.append(T.SEMICOLON)
                poss.append(pos + lit.index("\n"))
                lits.append("\n")
                insert = False
            return end, insert
        kinds.append(tok)
        poss.append(pos)
        lits.append(lit)
        if tok == T.ILLEGAL:
            return end, insert    # Go keeps the insert-semicolon state across an illegal char
        return end, INSERT_SEMI[tok]

    def _line_directive(self, lit, pos, nxt, errs, index):
        text = lit
        if "\r" in text:
            if text[1] == "/" and text.endswith("\r"):
                text = text[:-1]
        if not text.isascii():
            text = text.encode("latin-1").decode("utf-8", "surrogateescape")
        if text[1] == "*" and not text.endswith("*/"):
            return   # unterminated: not a directive
        self.lines.add_line_directive(nxt, text, pos, lambda off, msg: errs.append((index, off, msg)))

    def _attach_char_errors(self, start, stop, poss, errs):
        """Give each byte-level error to the token whose scan reads the bad
        byte, as go/scanner's one-character look-ahead does: the token that
        ends right before it (or the semicolon of a newline right before
        it), else the token it is in or starts."""
        import bisect
        keep = []
        src = self.src
        for off, msg in self.char_errors:
            if start <= off < stop or (off >= stop and stop >= self.end):
                i = bisect.bisect_right(poss, off) - 1
                if off > start:
                    before = bisect.bisect_right(poss, off - 1) - 1
                    if src[off - 1] not in b" \t\r\n" or (before >= 0 and poss[before] == off - 1):
                        i = before
                errs.append((max(i, 0), off, msg))
            elif off >= stop:
                keep.append((off, msg))
        self.char_errors = keep


_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"


def _number_kind(s: str):
    """The kind of a valid number literal, or None if it is not valid.
    (Decimal, octal and hex integers are checked here; other forms by the
    exact scanner: a regex for the spec's number syntax takes 30 ms to
    compile, every process.)"""
    if s.isascii():
        if s.isdigit():
            if s[0] != "0" or not s.strip(_OCTAL):
                return T.INT
        elif s[1:2] in "xX" and len(s) > 2 and s[0] == "0" and not s[2:].strip(_HEX):
            return T.INT
    errs = []
    kind, _, end, _ = _scan_number(s, 0, errs)
    if errs or end != len(s):
        return None
    return kind


def _is_ident(s: str) -> bool:
    """A non-ASCII word is an identifier if it is UTF-8 letters and digits."""
    try:
        u = s.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return (u[0].isalpha() or u[0] == "_") and all(ch.isalpha() or ch.isdecimal() or ch == "_" for ch in u)


def _string_ok(s: str) -> bool:
    if not _STRING_OK.fullmatch(s):
        return False
    return _unicode_escapes_ok(s)


def _char_ok(s: str) -> bool:
    if not _CHAR_OK.fullmatch(s):
        return False
    return _unicode_escapes_ok(s)


def _unicode_escapes_ok(s: str) -> bool:
    if "\\u" not in s and "\\U" not in s:
        return True
    for m in _UNICODE_ESC.finditer(s):
        h = m.group(1) or m.group(2)
        if h:
            x = int(h, 16)
            if x > 0x10FFFF or 0xD800 <= x < 0xE000:
                return False
    return True


def _check_utf8(src: bytes) -> None:
    """UnicodeDecodeError if src is not UTF-8. A kilobyte at a time: decoding
    the whole file would make a copy of it (up to 4x its size) just to look."""
    if src.isascii():
        return
    import codecs
    decode = codecs.getincrementaldecoder("utf-8")().decode
    view = memoryview(src)
    for i in range(0, len(src), 1024):
        decode(view[i:i + 1024])
    decode(b"", True)


def _char_errors(src: bytes, start: int) -> list:
    """Byte-level errors of go/scanner's next(), for the whole file: NUL,
    invalid UTF-8, a BOM after the start. [] for nearly every file."""
    errors = []
    if b"\x00" in src:
        i = src.find(b"\x00", start)
        while i >= 0:
            errors.append((i, "illegal character NUL"))
            i = src.find(b"\x00", i + 1)
    try:
        _check_utf8(src)
    except UnicodeDecodeError:
        if src[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return [(0, "illegal UTF-8 encoding (got UTF-16)")]
        u = src.decode("utf-8", "surrogateescape")
        off = 0
        for ch in u:
            if "\udc80" <= ch <= "\udcff":
                errors.append((off, "illegal UTF-8 encoding"))
                off += 1
            else:
                off += len(ch.encode("utf-8"))
    i = src.find(b"\xef\xbb\xbf", 1)
    while i >= 0:
        errors.append((i, "illegal byte order mark"))
        i = src.find(b"\xef\xbb\xbf", i + 3)
    errors.sort()
    return errors


# ----------------------------------------------------------------------------
# The exact path: go/scanner's Scan for one token, with its error messages


def _rune_at(src: bytes, off: int):
    """(rune, width) as utf8.DecodeRune; (-1, 0) at EOF, (0xFFFD, 1) if invalid."""
    if off >= len(src):
        return -1, 0
    b = src[off]
    if b < 0x80:
        return b, 1
    for w in (2, 3, 4):
        try:
            s = src[off:off + w].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(s) == 1:
            return ord(s), w
    return 0xFFFD, 1


def _is_letter(r: int) -> bool:
    return r == 0x5F or (r >= 0 and chr(r).isalpha()) if r >= 0x80 else (
        0x61 <= (r | 0x20) <= 0x7A or r == 0x5F)


def _is_digit(r: int) -> bool:
    return 0x30 <= r <= 0x39 or (r >= 0x80 and chr(r).isdecimal())


def _quote_rune(r: int) -> str:
    """Go's %#U: U+0040 '@' (the character only if printable)."""
    s = f"U+{r:04X}"
    ch = chr(r)
    if ch.isprintable() and r != 0xFFFD or r == 0xFFFD:
        s += f" '{ch}'"
    return s


def _scan_exact(src: bytes, off: int):
    """Scan the token at off like go/scanner; return (tok, lit, end, errors)."""
    errs = []
    r, w = _rune_at(src, off)
    if _is_letter(r):
        end = off
        while True:
            r, w = _rune_at(src, end)
            if r < 0 or not (_is_letter(r) or _is_digit(r)):
                break
            end += w
        lit = _latin1(src, off, end)
        return T.KEYWORDS.get(lit, T.IDENT) if len(lit) > 1 else T.IDENT, lit, end, errs
    if 0x30 <= r <= 0x39 or r == 0x2E and 0x30 <= (src[off + 1] if off + 1 < len(src) else 0) <= 0x39:
        # (a number is made of these bytes: scan just them)
        text = _latin1(src, off, _NUMBER_BYTES.match(src, off).end())
        tok, lit, end, num_errs = _scan_number(text, 0, [])
        errs.extend((off + o, msg) for o, msg in num_errs)
        return tok, lit, off + end, errs
    nxt = off + w
    c = chr(r) if r >= 0 else ""
    if c == '"':
        end = _scan_string(src, off, errs)
        return T.STRING, _latin1(src, off, end), end, errs
    if c == "'":
        end = _scan_rune(src, off, errs)
        return T.CHAR, _latin1(src, off, end), end, errs
    if c == "`":
        end = _closed(src, off, off + 1, b"`", errs, "raw string literal not terminated")
        return T.STRING, _latin1(src, off, end), end, errs
    if c == "/" and src.startswith(b"//", off):
        end = src.find(b"\n", off)
        if end < 0:
            end = len(src)
        return T.COMMENT, _latin1(src, off, end), end, errs
    if c == "/" and src.startswith(b"/*", off):
        end = _closed(src, off, off + 2, b"*/", errs, "comment not terminated")
        return T.COMMENT, _latin1(src, off, end), end, errs
    # an operator the regex would have taken, or an illegal character
    for op in _OPERATORS:
        if src.startswith(op.encode(), off):
            return T.OPERATORS[op], op, off + len(op), errs
    if r == 0xFEFF:
        pass    # next() already reported it
    elif r in (0x201C, 0x201D):
        errs.append((off, f"curly quotation mark '{c}' (use neutral '\"')"))
    elif r == 0:
        errs.append((off, "illegal character U+0000"))
    else:
        errs.append((off, "illegal character " + _quote_rune(r)))
    return T.ILLEGAL, _latin1(src, off, nxt), nxt, errs


_NUMBER_BYTES = re.compile(rb"[0-9A-Za-z_.+\-]*")


def _closed(src: bytes, off: int, start: int, close: bytes, errs: list, msg: str) -> int:
    """The end of the token at off that `close` ends, searched from start;
    if it is missing, the error msg and the end of the file."""
    end = src.find(close, start)
    if end < 0:
        errs.append((off, msg))
        return len(src)
    return end + len(close)


def _latin1(src: bytes, start: int, end: int) -> str:
    """src[start:end] as the scanner's literals are: one char per byte."""
    return src[start:end].decode("latin-1")


def _scan_escape(src: bytes, i: int, quote: int, errs: list):
    """At the char after a backslash; return (next offset, ok)."""
    offs = i
    r, w = _rune_at(src, i)
    if r in (0x61, 0x62, 0x66, 0x6E, 0x72, 0x74, 0x76, 0x5C, quote):   # a b f n r t v \ quote
        return i + w, True
    if 0x30 <= r <= 0x37:
        n, base, mx = 3, 8, 255
    elif r == 0x78:
        i += 1
        n, base, mx = 2, 16, 255
    elif r == 0x75:
        i += 1
        n, base, mx = 4, 16, 0x10FFFF
    elif r == 0x55:
        i += 1
        n, base, mx = 8, 16, 0x10FFFF
    else:
        errs.append((offs, "escape sequence not terminated" if r < 0 else "unknown escape sequence"))
        return i, False
    x = 0
    while n > 0:
        r, w = _rune_at(src, i)
        d = 16
        if 0x30 <= r <= 0x39:
            d = r - 0x30
        elif 0x61 <= (r | 0x20) <= 0x66 and r < 0x80:
            d = (r | 0x20) - 0x61 + 10
        if d >= base:
            if r < 0:
                errs.append((i, "escape sequence not terminated"))
            else:
                errs.append((i, f"illegal character {_quote_rune(r)} in escape sequence"))
            return i, False
        x = x * base + d
        i += w
        n -= 1
    if x > mx or 0xD800 <= x < 0xE000:
        errs.append((offs, "escape sequence is invalid Unicode code point"))
        return i, False
    return i, True


def _scan_string(src: bytes, off: int, errs: list) -> int:
    i = off + 1
    while True:
        r, w = _rune_at(src, i)
        if r == 0x0A or r < 0:
            errs.append((off, "string literal not terminated"))
            return i
        i += w
        if r == 0x22:
            return i
        if r == 0x5C:
            i, _ = _scan_escape(src, i, 0x22, errs)


def _scan_rune(src: bytes, off: int, errs: list) -> int:
    i = off + 1
    valid = True
    n = 0
    while True:
        r, w = _rune_at(src, i)
        if r == 0x0A or r < 0:
            if valid:
                errs.append((off, "rune literal not terminated"))
                valid = False
            break
        i += w
        if r == 0x27:
            break
        n += 1
        if r == 0x5C:
            i, ok = _scan_escape(src, i, 0x27, errs)
            if not ok:
                valid = False
    if valid and n != 1:
        errs.append((off, "illegal rune literal"))
    return i


def _litname(prefix: str) -> str:
    return {"x": "hexadecimal literal", "o": "octal literal", "0": "octal literal",
            "b": "binary literal"}.get(prefix, "decimal literal")


def _scan_number(text: str, off: int, errs: list):
    """A number at text[off:] (text: a latin-1 view); return (tok, lit, end, errs)."""
    n = len(text)
    i = off

    def ch(j):
        return text[j] if j < n else ""

    def digits(j, base, invalid):
        digsep = 0
        if base <= 10:
            mx = chr(ord("0") + base)
            while ch(j) and (ch(j) in "0123456789_"):
                ds = 1
                if ch(j) == "_":
                    ds = 2
                elif ch(j) >= mx and invalid[0] < 0:
                    invalid[0] = j
                digsep |= ds
                j += 1
        else:
            while ch(j) and ch(j) in "0123456789abcdefABCDEF_":
                digsep |= 2 if ch(j) == "_" else 1
                j += 1
        return j, digsep

    tok = T.ILLEGAL
    base, prefix, digsep = 10, "", 0
    invalid = [-1]
    if ch(i) != ".":
        tok = T.INT
        if ch(i) == "0":
            i += 1
            lc = ch(i).lower()
            if lc == "x":
                i += 1
                base, prefix = 16, "x"
            elif lc == "o":
                i += 1
                base, prefix = 8, "o"
            elif lc == "b":
                i += 1
                base, prefix = 2, "b"
            else:
                base, prefix, digsep = 8, "0", 1
        i, ds = digits(i, base, invalid)
        digsep |= ds
    if ch(i) == ".":
        tok = T.FLOAT
        if prefix in ("o", "b"):
            errs.append((i, "invalid radix point in " + _litname(prefix)))
        i += 1
        i, ds = digits(i, base, invalid)
        digsep |= ds
    if digsep & 1 == 0:
        errs.append((i, _litname(prefix) + " has no digits"))
    e = ch(i).lower()
    if e in ("e", "p") and e:
        if e == "e" and prefix not in ("", "0"):
            errs.append((i, f"'{ch(i)}' exponent requires decimal mantissa"))
        elif e == "p" and prefix != "x":
            errs.append((i, f"'{ch(i)}' exponent requires hexadecimal mantissa"))
        i += 1
        tok = T.FLOAT
        if ch(i) in ("+", "-") and ch(i):
            i += 1
        i, ds = digits(i, 10, [-1])
        digsep |= ds
        if ds & 1 == 0:
            errs.append((i, "exponent has no digits"))
    elif prefix == "x" and tok == T.FLOAT:
        errs.append((i, "hexadecimal mantissa requires a 'p' exponent"))
    if ch(i) == "i":
        tok = T.IMAG
        i += 1
    lit = text[off:i]
    if tok == T.INT and invalid[0] >= 0:
        errs.append((invalid[0], f"invalid digit '{text[invalid[0]]}' in {_litname(prefix)}"))
    if digsep & 2:
        k = _invalid_sep(lit)
        if k >= 0:
            errs.append((off + k, "'_' must separate successive digits"))
    return tok, lit, i, errs


def _invalid_sep(x: str) -> int:
    x1 = " "
    d = "."
    i = 0
    if len(x) >= 2 and x[0] == "0":
        x1 = x[1].lower()
        if x1 in ("x", "o", "b"):
            d = "0"
            i = 2
    while i < len(x):
        p = d
        d = x[i]
        if d == "_":
            if p != "0":
                return i
        elif d.isdigit() and d.isascii() or x1 == "x" and d in "0123456789abcdefABCDEF":
            d = "0"
        else:
            if p == "_":
                return i - 1
            d = "."
        i += 1
    if d == "_":
        return len(x) - 1
    return -1


# ----------------------------------------------------------------------------
# Whole-file helpers


def tokens(src: bytes, filename: str = "<input>"):
    """All tokens of a file as (kind, offset, literal) tuples, EOF last, with
    the scanner's errors as a list of (offset, message); for tests and tools."""
    from .lines import LineTable
    sc = Scanner(src, LineTable(src, filename))
    out, errors = [], []
    while not sc.done:
        kinds, poss, lits, errs = sc.scan()
        out.extend(zip(kinds, poss, lits))
        errors.extend((off, msg) for _, off, msg in errs)
    return out, errors


def segments(src: bytes):
    """The file cut into (kind, start, end): every token with its own text
    plus the blanks between them (kind None); inserted semicolons are left
    out. Concatenated, the segments are the file, byte for byte."""
    toks, _ = tokens(src)
    at = 0
    for kind, pos, lit in toks:
        if kind == T.SEMICOLON and lit == "\n" or kind == T.EOF:
            continue
        if pos > at:
            yield None, at, pos
        yield kind, pos, pos + len(lit)
        at = pos + len(lit)
    if at < len(src):
        yield None, at, len(src)
