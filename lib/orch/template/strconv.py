"""Go's strconv, as much as the template engine needs: quoting, unquoting,
number literals and float formatting.

Go strings are bytes; Python strings are code points. The template engine
keeps Go strings as Python str and represents a byte that is not valid UTF-8
by the lone surrogate U+DC80+byte (Python's "surrogateescape"), so that
`len`, `slice` and `%x` can work on the bytes and `%q` can print `\\xff`
exactly as Go does.
"""

import re

# --- bytes <-> str ---------------------------------------------------------------


def go_bytes(s: str) -> bytes:
    """The bytes of a Go string held in a Python str."""
    try:
        return s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return s.encode("utf-8", "replace")


def from_bytes(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def go_len(s: str) -> int:
    """len(s) in Go: the number of bytes."""
    return len(s) if s.isascii() else len(go_bytes(s))


def is_print(c: str) -> bool:
    """strconv.IsPrint / unicode.IsPrint for one code point."""
    return c.isprintable() and not ("\ud800" <= c <= "\udfff")


# --- quoting ---------------------------------------------------------------------

_HEX = "0123456789abcdef"
_SIMPLE_ESCAPES = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t", "\v": r"\v"}


def _escape_rune(out: list, c: str, quote: str, ascii_only: bool) -> None:
    if c == quote or c == "\\":
        out.append("\\" + c)
        return
    r = ord(c)
    if 0xDC80 <= r <= 0xDCFF:  # a byte that is not UTF-8
        out.append("\\x" + _HEX[(r - 0xDC00) >> 4] + _HEX[r & 0xF])
        return
    if ascii_only:
        if r < 0x80 and is_print(c):
            out.append(c)
            return
    elif is_print(c):
        out.append(c)
        return
    esc = _SIMPLE_ESCAPES.get(c)
    if esc:
        out.append(esc)
    elif r < 0x20 or r == 0x7F:
        out.append("\\x%02x" % r)
    elif 0xD800 <= r <= 0xDFFF:
        out.append("\\ufffd")
    elif r < 0x10000:
        out.append("\\u%04x" % r)
    else:
        out.append("\\U%08x" % r)


def quote(s: str, ascii_only: bool = False) -> str:
    """strconv.Quote (or QuoteToASCII): a double-quoted Go string literal."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    out = ['"']
    for c in s:
        _escape_rune(out, c, '"', ascii_only)
    out.append('"')
    return "".join(out)


def quote_rune(r: int, ascii_only: bool = False) -> str:
    """strconv.QuoteRune: a single-quoted Go character literal."""
    if r > 0x10FFFF or 0xD800 <= r <= 0xDFFF:
        r = 0xFFFD
    out = ["'"]
    _escape_rune(out, chr(r), "'", ascii_only)
    out.append("'")
    return "".join(out)


def can_backquote(s: str) -> bool:
    for c in s:
        r = ord(c)
        if r >= 0x80:
            if r == 0xFEFF or 0xD800 <= r <= 0xDFFF:
                return False
            continue
        if (r < 0x20 and c != "\t") or c == "`" or r == 0x7F:
            return False
    return True


# --- unquoting -------------------------------------------------------------------


class SyntaxErr(ValueError):
    """strconv.ErrSyntax: its message is Go's, "invalid syntax"."""

    def __init__(self, msg="invalid syntax"):
        super().__init__(msg)


_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_HEXLEN = {"x": 2, "u": 4, "U": 8}


def unquote_char(s: str, i: int, quote: str) -> tuple[int, bool, int]:
    """strconv.UnquoteChar on s[i:]: (value, multibyte, next index)."""
    if i >= len(s):
        raise SyntaxErr()
    c = s[i]
    if c == quote and quote in "'\"":
        raise SyntaxErr()
    if c != "\\":
        return ord(c), ord(c) >= 0x80, i + 1
    if i + 1 >= len(s):
        raise SyntaxErr()
    c = s[i + 1]
    i += 2
    if c in _ESCAPES:
        return _ESCAPES[c], False, i
    n = _HEXLEN.get(c)
    if n:
        digits = s[i:i + n]
        if len(digits) < n or not all(d in "0123456789abcdefABCDEF" for d in digits):
            raise SyntaxErr()
        v = int(digits, 16)
        if c == "x":
            return v, False, i + n
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise SyntaxErr()
        return v, True, i + n
    if "0" <= c <= "7":
        digits = s[i:i + 2]
        if len(digits) < 2 or not all("0" <= d <= "7" for d in digits):
            raise SyntaxErr()
        v = int(c + digits, 8)
        if v > 255:
            raise SyntaxErr()
        return v, False, i + 2
    if c in "'\"":
        if c != quote:
            raise SyntaxErr()
        return ord(c), False, i
    raise SyntaxErr()


def unquote(s: str) -> str:
    """strconv.Unquote for "..." and `...` literals (the lexer found their ends)."""
    if len(s) < 2 or s[0] != s[-1]:
        raise SyntaxErr()
    q = s[0]
    if q == "`":
        if "`" in s[1:-1]:
            raise SyntaxErr()
        return s[1:-1].replace("\r", "")
    if q != '"':
        raise SyntaxErr()
    body = s[1:-1]
    if "\\" not in body and "\n" not in body and '"' not in body:
        return body
    buf = bytearray()
    i, end = 1, len(s) - 1
    while i < end:
        if s[i] == "\n":
            raise SyntaxErr()
        v, multibyte, i = unquote_char(s, i, q)
        if v < 0x80 or not multibyte:
            buf.append(v)
        else:
            buf += chr(v).encode("utf-8", "surrogateescape")
    if i != end:
        raise SyntaxErr()
    return from_bytes(bytes(buf))


# --- numbers ---------------------------------------------------------------------


def _underscore_ok(s: str) -> bool:
    """strconv's underscoreOK: underscores only between digits (or after a base prefix)."""
    saw = "^"
    i = 0
    if s[:1] in ("+", "-"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i, saw, hexa = 2, "0", s[1] in "xX"
    while i < len(s):
        c = s[i]
        if "0" <= c <= "9" or hexa and c in "abcdefABCDEF":
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
        i += 1
    return saw != "_"


_UINT_DIGITS = {16: "0123456789abcdefABCDEF", 8: "01234567", 2: "01", 10: "0123456789"}


def parse_uint(s: str) -> int | None:
    """strconv.ParseUint(s, 0, 64), or None if it fails."""
    if not s:
        return None
    base = 10
    body = s
    if s[0] == "0" and len(s) > 1:
        p = s[1]
        if p in "xX":
            base, body = 16, s[2:]
        elif p in "oO":
            base, body = 8, s[2:]
        elif p in "bB":
            base, body = 2, s[2:]
        else:
            base, body = 8, s[1:]
    if "_" in s:
        if not _underscore_ok(s):
            return None
        body = body.replace("_", "")
    if not body or any(c not in _UINT_DIGITS[base] for c in body):
        return None
    v = int(body, base)
    return v if v < 1 << 64 else None


def parse_int(s: str) -> int | None:
    """strconv.ParseInt(s, 0, 64), or None if it fails."""
    neg = False
    body = s
    if s[:1] in ("+", "-"):
        neg, body = s[0] == "-", s[1:]
    u = parse_uint(body)
    if u is None:
        return None
    v = -u if neg else u
    return v if -(1 << 63) <= v < (1 << 63) else None


_DEC_FLOAT = re.compile(r"[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?")
_HEX_FLOAT = re.compile(r"([+-]?)0[xX]([0-9a-fA-F_]*\.?[0-9a-fA-F_]*)[pP]([+-]?[0-9][0-9_]*)")


def parse_float(s: str) -> float | None:
    """strconv.ParseFloat(s, 64), or None on a syntax or range error."""
    if "_" in s and not _underscore_ok(s):
        return None
    m = _HEX_FLOAT.fullmatch(s)
    if m:
        sign, mant, exp = m.groups()
        mant = mant.replace("_", "")
        if not mant.replace(".", ""):
            return None
        try:
            v = float.fromhex(sign + "0x" + mant + "p" + exp.replace("_", ""))
        except (ValueError, OverflowError):
            return None
    elif _DEC_FLOAT.fullmatch(s) and any(c.isdigit() for c in s.split("e")[0].split("E")[0]):
        v = float(s.replace("_", ""))
    else:
        return None
    if v in (float("inf"), float("-inf")):
        return None
    return v


# --- float formatting --------------------------------------------------------------


def _digits(v: float, fmt: str, prec: int) -> tuple[str, int]:
    """Decimal digits of abs(v) (no trailing zeros) and the decimal point
    position dp, so that abs(v) = 0.DIGITS * 10**dp; prec < 0 means shortest."""
    v = abs(v)
    if v == 0:
        return "", 0
    if prec < 0:
        text = repr(v)
    elif fmt == "f":
        text = "%.*f" % (prec, v)
    elif fmt == "e":
        text = "%.*e" % (prec, v)
    else:  # g: prec significant digits
        text = "%.*e" % (max(prec, 1) - 1, v)
    mant, _, exp = text.partition("e")
    whole, _, frac = mant.partition(".")
    digits = whole + frac
    dp = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    dp -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    if not digits:
        return "", 0
    return digits, dp


def _fmt_e(neg: bool, d: str, dp: int, prec: int, ch: str) -> str:
    out = ["-" if neg else "", d[0] if d else "0"]
    if prec > 0:
        frac = d[1:prec + 1]
        out.append("." + frac + "0" * (prec - len(frac)))
    exp = dp - 1 if d else 0
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    out.append(ch + sign + ("%02d" % exp))
    return "".join(out)


def _fmt_f(neg: bool, d: str, dp: int, prec: int) -> str:
    out = ["-" if neg else ""]
    if dp > 0:
        out.append(d[:dp] + "0" * max(0, dp - len(d)))
    else:
        out.append("0")
    if prec > 0:
        frac = "".join(d[j] if 0 <= j < len(d) else "0" for j in range(dp, dp + prec))
        out.append("." + frac)
    return "".join(out)


def format_float(v: float, fmt: str, prec: int) -> str:
    """strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f g G x X."""
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "+Inf" if v > 0 else "-Inf"
    if fmt in "xX":
        return _format_hex(v, fmt, prec)
    neg = v < 0 or (v == 0 and str(v).startswith("-"))
    lower = fmt.lower()
    shortest = prec < 0
    d, dp = _digits(v, lower, prec)
    if shortest:
        prec = {"e": max(len(d) - 1, 0), "f": max(len(d) - dp, 0), "g": len(d)}[lower]
    elif lower == "g" and prec == 0:
        prec = 1
    if lower == "e":
        return _fmt_e(neg, d, dp, prec, fmt)
    if lower == "f":
        return _fmt_f(neg, d, dp, prec)
    eprec = prec
    if eprec > len(d) and len(d) >= dp:
        eprec = len(d)
    if shortest:
        eprec = 6
    exp = dp - 1
    if exp < -4 or exp >= eprec:
        if prec > len(d):
            prec = len(d)
        return _fmt_e(neg, d, dp, prec - 1, "e" if fmt == "g" else "E")
    if prec > dp:
        prec = len(d)
    return _fmt_f(neg, d, dp, max(prec - dp, 0))


def _format_hex(v: float, fmt: str, prec: int) -> str:
    """%x of a float: -0x1.8p+01 (Go normalizes the mantissa to 1.xxx)."""
    import math
    neg = math.copysign(1.0, v) < 0
    v = abs(v)
    if v == 0:
        mant, exp = 0, 0
    else:
        m, e = math.frexp(v)  # v = m * 2**e, 0.5 <= m < 1
        mant = int(m * (1 << 53))  # 53-bit integer mantissa
        exp = e - 1
    # mant has its leading 1 at bit 52: 1.xxxx with 52 fraction bits = 13 hex digits
    frac = mant & ((1 << 52) - 1)
    lead = mant >> 52
    if prec >= 0 and prec < 13:
        shift = 4 * (13 - prec)
        full = (lead << 52) | frac
        q, r = divmod(full, 1 << shift)
        half = 1 << (shift - 1)
        if r > half or (r == half and q & 1):
            q += 1
        full = q << shift
        if full >> 53:
            full >>= 1
            exp += 1
        lead, frac = full >> 52, full & ((1 << 52) - 1)
    hexfrac = "%013x" % frac
    if prec < 0:
        hexfrac = hexfrac.rstrip("0")
    else:
        hexfrac = (hexfrac + "0" * prec)[:prec]
    s = ("-" if neg else "") + "0x" + str(lead) + ("." + hexfrac if hexfrac else "")
    s += "p" + ("-" if exp < 0 else "+") + "%02d" % abs(exp)
    return s.upper() if fmt == "X" else s
