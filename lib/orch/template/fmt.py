"""Go's fmt for template values: Sprint, Sprintln, Sprintf (a port of
fmt/print.go and fmt/format.go, for the value kinds templates see).

Python values stand for Go values as the template engine sees them:
None is nil, bool, int (Go int), float (float64), complex (complex128),
str (string), list and tuple ([]interface {}), dict (map, printed in sorted
key order). Any other object prints through its `__go_str__()` method if
it has one, else `str()` (Go's Stringer), so AST nodes print as Go source.
"""

from .strconv import can_backquote, format_float, go_bytes, quote, quote_rune

_LDIGITS = "0123456789abcdefx"
_UDIGITS = "0123456789ABCDEFX"
_MAX_RUNE = 0x10FFFF


def go_type_name(v) -> str:
    """reflect.TypeOf(v).String() for the values templates handle."""
    if v is None:
        return "<nil>"
    t = type(v)
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float64"
    if t is str:
        return "string"
    if t is complex:
        return "complex128"
    if isinstance(v, (list, tuple)):
        return "[]interface {}"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, (bytes, bytearray)):
        return "[]uint8"
    name = getattr(t, "__go_type__", None)
    return name if isinstance(name, str) else t.__name__


def go_str(v) -> str:
    """The string of a Stringer: __go_str__() if defined, else str()."""
    m = getattr(v, "__go_str__", None)
    return m() if m is not None else str(v)


def sort_keys(d: dict) -> list:
    """Map keys in fmtsort order: numbers and strings by value."""
    keys = list(d)
    try:
        return sorted(keys)
    except TypeError:
        return sorted(keys, key=lambda k: (go_type_name(k), str(k)))


def _rune_count(s: str) -> int:
    return len(s)


class _Printer:
    """Go's pp and fmt: the output buffer, the flags of the current verb."""

    __slots__ = ("buf", "wid", "prec", "wid_present", "prec_present", "minus", "plus", "sharp",
                 "space", "zero", "plus_v", "sharp_v", "erroring", "reordered", "good_arg_num", "arg")

    def __init__(self):
        self.buf = []
        self.erroring = False
        self.arg = None
        self.clear_flags()

    def clear_flags(self):
        self.wid = self.prec = 0
        self.wid_present = self.prec_present = False
        self.minus = self.plus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False

    # -- padding --

    def write_padding(self, n):
        if n > 0:
            self.buf.append(("0" if self.zero and not self.minus else " ") * n)

    def pad(self, s):
        if not self.wid_present or self.wid == 0:
            self.buf.append(s)
            return
        width = self.wid - _rune_count(s)
        if not self.minus:
            self.write_padding(width)
            self.buf.append(s)
        else:
            self.buf.append(s)
            self.write_padding(width)

    # -- basic kinds (format.go) --

    def fmt_boolean(self, v):
        self.pad("true" if v else "false")

    def fmt_unicode(self, u):
        prec = 4
        if self.prec_present and self.prec > 4:
            prec = self.prec
        s = "%X" % u if u >= 0 else "%X" % (u & (1 << 64) - 1)
        s = "U+" + "0" * max(0, prec - len(s)) + s
        if self.sharp and 0 <= u <= _MAX_RUNE and chr(u).isprintable() and not 0xD800 <= u <= 0xDFFF:
            s += " '" + chr(u) + "'"
        old = self.zero
        self.zero = False
        self.pad(s)
        self.zero = old

    def fmt_integer(self, v, base, verb, digits):
        negative = v < 0
        u = -v if negative else v
        prec = 0
        if self.prec_present:
            prec = self.prec
            if prec == 0 and u == 0:
                old = self.zero
                self.zero = False
                self.write_padding(self.wid)
                self.zero = old
                return
        elif self.zero and not self.minus and self.wid_present:
            prec = self.wid
            if negative or self.plus or self.space:
                prec -= 1
        if base == 10:
            s = str(u)
        elif base == 16:
            s = ("%x" if digits is _LDIGITS else "%X") % u
        elif base == 8:
            s = "%o" % u
        else:
            s = format(u, "b")
        if len(s) < prec:
            s = "0" * (prec - len(s)) + s
        if self.sharp:
            if base == 2:
                s = "0b" + s
            elif base == 8:
                if s[0] != "0":
                    s = "0" + s
            elif base == 16:
                s = "0" + digits[16] + s
        if verb == "O":
            s = "0o" + s
        if negative:
            s = "-" + s
        elif self.plus:
            s = "+" + s
        elif self.space:
            s = " " + s
        old = self.zero
        self.zero = False
        self.pad(s)
        self.zero = old

    def truncate(self, s):
        if self.prec_present and self.prec < len(s):
            return s[:self.prec]
        return s

    def fmt_s(self, s):
        self.pad(self.truncate(s))

    def fmt_sx(self, s, digits):
        b = go_bytes(s)
        length = len(b)
        if self.prec_present and self.prec < length:
            length = self.prec
        width = 2 * length
        if width > 0:
            if self.space:
                if self.sharp:
                    width *= 2
                width += length - 1
            elif self.sharp:
                width += 2
        else:
            if self.wid_present:
                self.write_padding(self.wid)
            return
        if self.wid_present and self.wid > width and not self.minus:
            self.write_padding(self.wid - width)
        out = []
        if self.sharp:
            out.append("0" + digits[16])
        for i in range(length):
            if self.space and i > 0:
                out.append(" ")
                if self.sharp:
                    out.append("0" + digits[16])
            c = b[i]
            out.append(digits[c >> 4] + digits[c & 0xF])
        self.buf.append("".join(out))
        if self.wid_present and self.wid > width and self.minus:
            self.write_padding(self.wid - width)

    def fmt_q(self, s):
        s = self.truncate(s)
        if self.sharp and can_backquote(s):
            self.pad("`" + s + "`")
            return
        self.pad(quote(s, ascii_only=self.plus))

    def fmt_c(self, c):
        if c < 0 or c > _MAX_RUNE or 0xD800 <= c <= 0xDFFF:
            c = 0xFFFD
        self.pad(chr(c))

    def fmt_qc(self, c):
        if c < 0 or c > _MAX_RUNE:
            c = 0xFFFD
        self.pad(quote_rune(c, ascii_only=self.plus))

    def fmt_float(self, v, verb, prec):
        if self.prec_present:
            prec = self.prec
        if verb == "b":
            num = _format_float_b(v)
        else:
            num = format_float(v, verb, prec)
        if num[0] in "+-":
            pass
        else:
            num = "+" + num
        if self.space and num[0] == "+" and not self.plus:
            num = " " + num[1:]
        if num[1] in "IN":
            old = self.zero
            self.zero = False
            if num[1] == "N" and not self.space and not self.plus:
                num = num[1:]
            self.pad(num)
            self.zero = old
            return
        if self.sharp and verb != "b":
            num = self._sharp_float(num, verb, prec)
        if self.plus or num[0] != "+":
            if self.zero and not self.minus and self.wid_present and self.wid > len(num):
                self.buf.append(num[0])
                self.write_padding(self.wid - len(num))
                self.buf.append(num[1:])
                return
            self.pad(num)
            return
        self.pad(num[1:])

    @staticmethod
    def _sharp_float(num, verb, prec):
        """%#g and friends: keep the decimal point and trailing zeros."""
        digits = 0
        if verb in "vgGx":
            digits = 6 if prec == -1 else prec
        tail = ""
        has_point = False
        saw_nonzero = False
        i = 1
        while i < len(num):
            c = num[i]
            if c == ".":
                has_point = True
            elif c in "pP" or (c in "eE" and verb not in "xX"):
                tail = num[i:]
                num = num[:i]
                break
            else:
                if c != "0":
                    saw_nonzero = True
                if saw_nonzero:
                    digits -= 1
            i += 1
        if not has_point:
            if len(num) == 2 and num[1] == "0":
                digits -= 1
            num += "."
        if digits > 0:
            num += "0" * digits
        return num + tail


def _format_float_b(v: float) -> str:
    """strconv 'b' format: decimal mantissa, binary exponent."""
    import math
    if v != v or v in (float("inf"), float("-inf")):
        return format_float(v, "g", -1)
    neg = math.copysign(1.0, v) < 0
    v = abs(v)
    if v == 0:
        mant, exp = 0, -1074
    elif v < 2.0 ** -1022:
        mant, exp = int(math.ldexp(v, 1074)), -1074
    else:
        m, e = math.frexp(v)
        mant, exp = int(m * (1 << 53)), e - 53
    return ("-" if neg else "") + str(mant) + "p" + ("+" if exp >= 0 else "-") + str(abs(exp))


class Formatter(_Printer):
    """One Sprint/Sprintf call (print.go)."""

    __slots__ = ()

    def bad_verb(self, verb, value, has_value=True):
        self.erroring = True
        self.buf.append("%!" + verb + "(")
        if has_value and value is not None:
            self.buf.append(go_type_name(value) + "=")
            self.print_arg(value, "v")
        else:
            self.buf.append("<nil>")
        self.buf.append(")")
        self.erroring = False

    def fmt_bool(self, v, verb):
        if verb in "tv":
            self.fmt_boolean(v)
        else:
            self.bad_verb(verb, v)

    def fmt_int(self, v, verb):
        if verb == "v" or verb == "d":
            self.fmt_integer(v, 10, verb, _LDIGITS)
        elif verb == "b":
            self.fmt_integer(v, 2, verb, _LDIGITS)
        elif verb == "o" or verb == "O":
            self.fmt_integer(v, 8, verb, _LDIGITS)
        elif verb == "x":
            self.fmt_integer(v, 16, verb, _LDIGITS)
        elif verb == "X":
            self.fmt_integer(v, 16, verb, _UDIGITS)
        elif verb == "c":
            self.fmt_c(v)
        elif verb == "q":
            self.fmt_qc(v)
        elif verb == "U":
            self.fmt_unicode(v)
        else:
            self.bad_verb(verb, v)

    def fmt_flt(self, v, verb):
        if verb == "v":
            self.fmt_float(v, "g", -1)
        elif verb in "bgGxX":
            self.fmt_float(v, verb, -1)
        elif verb in "feE":
            self.fmt_float(v, verb, 6)
        elif verb == "F":
            self.fmt_float(v, "f", 6)
        else:
            self.bad_verb(verb, v)

    def fmt_complex(self, v, verb):
        if verb in "vbgGxXfFeE":
            old_plus = self.plus
            self.buf.append("(")
            self.fmt_flt(v.real, verb)
            self.plus = True
            self.fmt_flt(v.imag, verb)
            self.buf.append("i)")
            self.plus = old_plus
        else:
            self.bad_verb(verb, v)

    def fmt_string(self, v, verb):
        if verb == "v":
            if self.sharp_v:
                self.fmt_q(v)
            else:
                self.fmt_s(v)
        elif verb == "s":
            self.fmt_s(v)
        elif verb == "x":
            self.fmt_sx(v, _LDIGITS)
        elif verb == "X":
            self.fmt_sx(v, _UDIGITS)
        elif verb == "q":
            self.fmt_q(v)
        else:
            self.bad_verb(verb, v)

    def handle_methods(self, v, verb) -> bool:
        """Objects are Stringers: their text for %v %s %x %X %q."""
        if self.erroring:
            return False
        if verb in "vsxXq":
            try:
                text = go_str(v)
            except Exception as e:  # Go's catchPanic
                self.buf.append("%!" + verb + "(PANIC=String method: " + str(e) + ")")
                return True
            self.fmt_string(text, verb)
            return True
        return False

    def print_arg(self, arg, verb):
        self.arg = arg
        if arg is None:
            if verb in "Tv":
                self.pad("<nil>")
            else:
                self.bad_verb(verb, None, False)
            return
        if verb == "T":
            self.fmt_s(go_type_name(arg))
            return
        t = type(arg)
        if t is str:
            self.fmt_string(arg, verb)
        elif t is int:
            self.fmt_int(arg, verb)
        elif t is bool:
            self.fmt_bool(arg, verb)
        elif t is float:
            self.fmt_flt(arg, verb)
        elif t is complex:
            self.fmt_complex(arg, verb)
        elif verb == "w" and not self.erroring:
            # handleMethods: %w wraps an error only in Errorf, never here.
            self.bad_verb(verb, arg)
        elif isinstance(arg, (list, tuple, dict, bool, int, float, str, bytes, bytearray)):
            self.print_value(arg, verb, 0)
        elif not self.handle_methods(arg, verb):
            self.print_value(arg, verb, 0)

    def print_value(self, v, verb, depth):
        if depth > 0 and v is not None and not isinstance(v, (list, tuple, dict, bool, int, float, str, complex)):
            if self.handle_methods(v, verb):
                return
        if v is None:  # a nil interface inside a slice or map
            self.buf.append("interface {}(nil)" if self.sharp_v else "<nil>")
        elif isinstance(v, bool):
            self.fmt_bool(v, verb)
        elif isinstance(v, int):
            self.fmt_int(v, verb)
        elif isinstance(v, float):
            self.fmt_flt(v, verb)
        elif isinstance(v, complex):
            self.fmt_complex(v, verb)
        elif isinstance(v, str):
            self.fmt_string(v, verb)
        elif isinstance(v, dict):
            if self.sharp_v:
                self.buf.append(go_type_name(v) + "{")
            else:
                self.buf.append("map[")
            for i, k in enumerate(sort_keys(v)):
                if i > 0:
                    self.buf.append(", " if self.sharp_v else " ")
                self.print_value(k, verb, depth + 1)
                self.buf.append(":")
                self.print_value(v[k], verb, depth + 1)
            self.buf.append("}" if self.sharp_v else "]")
        elif isinstance(v, (bytes, bytearray)):
            self.fmt_bytes(bytes(v), verb)
        elif isinstance(v, (list, tuple)):
            if self.sharp_v:
                self.buf.append(go_type_name(v) + "{")
            else:
                self.buf.append("[")
            for i, e in enumerate(v):
                if i > 0:
                    self.buf.append(", " if self.sharp_v else " ")
                self.print_value(e, verb, depth + 1)
            self.buf.append("}" if self.sharp_v else "]")
        elif self.erroring:  # inside %!d(T=...): just the text
            self.fmt_s(go_str(v))
        else:
            self.bad_verb(verb, v)

    def fmt_bytes(self, b, verb):
        if verb in "vd":
            self.buf.append("[" + " ".join(str(c) for c in b) + "]")
        elif verb == "s":
            self.fmt_s(b.decode("utf-8", "surrogateescape"))
        elif verb in "xX":
            self.fmt_sx(b.decode("utf-8", "surrogateescape"), _LDIGITS if verb == "x" else _UDIGITS)
        elif verb == "q":
            self.fmt_q(b.decode("utf-8", "surrogateescape"))
        else:
            self.print_value(list(b), verb, 0)

    # -- Printf --

    def arg_number(self, arg_num, fmt, i, num_args):
        """%[n]d: an explicit argument index."""
        if i >= len(fmt) or fmt[i] != "[":
            return arg_num, i, False
        self.reordered = True
        index, wid, ok = _parse_arg_number(fmt[i:])
        if ok and 0 <= index < num_args:
            return index, i + wid, True
        self.good_arg_num = False
        return arg_num, i + wid, ok

    def do_printf(self, fmt, a):
        end = len(fmt)
        arg_num = 0
        after_index = False
        self.reordered = False
        i = 0
        buf = self.buf
        while i < end:
            self.good_arg_num = True
            j = fmt.find("%", i)
            if j < 0:
                buf.append(fmt[i:])
                break
            if j > i:
                buf.append(fmt[i:j])
            i = j + 1
            self.clear_flags()
            # flags, and the fast path for a simple verb
            simple = False
            while i < end:
                c = fmt[i]
                if c == "#":
                    self.sharp = True
                elif c == "0":
                    self.zero = True
                elif c == "+":
                    self.plus = True
                elif c == "-":
                    self.minus = True
                elif c == " ":
                    self.space = True
                else:
                    if "a" <= c <= "z" and arg_num < len(a):
                        if c == "v" or c == "w":
                            self.sharp_v, self.sharp = self.sharp, False
                            self.plus_v, self.plus = self.plus, False
                        self.print_arg(a[arg_num], c)
                        arg_num += 1
                        i += 1
                        simple = True
                    break
                i += 1
            if simple:
                continue
            arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
            if i < end and fmt[i] == "*":
                i += 1
                self.wid, self.wid_present, arg_num = _int_from_arg(a, arg_num)
                if not self.wid_present:
                    buf.append("%!(BADWIDTH)")
                if self.wid < 0:
                    self.wid = -self.wid
                    self.minus = True
                    self.zero = False
                after_index = False
            else:
                self.wid, self.wid_present, i = _parse_num(fmt, i, end)
                if after_index and self.wid_present:
                    self.good_arg_num = False
            if i + 1 < end and fmt[i] == ".":
                i += 1
                if after_index:
                    self.good_arg_num = False
                arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
                if i < end and fmt[i] == "*":
                    i += 1
                    self.prec, self.prec_present, arg_num = _int_from_arg(a, arg_num)
                    if self.prec < 0:
                        self.prec = 0
                        self.prec_present = False
                    if not self.prec_present:
                        buf.append("%!(BADPREC)")
                    after_index = False
                else:
                    self.prec, self.prec_present, i = _parse_num(fmt, i, end)
                    if not self.prec_present:
                        self.prec = 0
                        self.prec_present = True
            if not after_index:
                arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
            if i >= end:
                buf.append("%!(NOVERB)")
                break
            verb = fmt[i]
            i += 1
            if "\udc80" <= verb <= "\udcff":    # a byte that is not UTF-8: Go decodes RuneError
                verb = "\ufffd"
            if verb == "%":
                buf.append("%")
            elif not self.good_arg_num:
                buf.append("%!" + verb + "(BADINDEX)")
            elif arg_num >= len(a):
                buf.append("%!" + verb + "(MISSING)")
            else:
                if verb == "v" or verb == "w":     # (Go treats %w's flags as %v's since 1.20)
                    self.sharp_v, self.sharp = self.sharp, False
                    self.plus_v, self.plus = self.plus, False
                self.print_arg(a[arg_num], verb)
                arg_num += 1
        if not self.reordered and arg_num < len(a):
            self.clear_flags()
            buf.append("%!(EXTRA ")
            for k, arg in enumerate(a[arg_num:]):
                if k > 0:
                    buf.append(", ")
                if arg is None:
                    buf.append("<nil>")
                else:
                    buf.append(go_type_name(arg) + "=")
                    self.print_arg(arg, "v")
            buf.append(")")


def _parse_num(s, start, end):
    """fmt's parsenum: (number, present, new index)."""
    if start >= end:
        return 0, False, end
    i = start
    num = 0
    isnum = False
    while i < end and "0" <= s[i] <= "9":
        if num > 1_000_000 or num < -1_000_000:
            return 0, False, end
        num = num * 10 + ord(s[i]) - 48
        isnum = True
        i += 1
    return num, isnum, i


def _parse_arg_number(fmt):
    if len(fmt) < 3:
        return 0, 1, False
    for i in range(1, len(fmt)):
        if fmt[i] == "]":
            width, ok, newi = _parse_num(fmt, 1, i)
            if not ok or newi != i:
                return 0, i + 1, False
            return width - 1, i + 1, True
    return 0, 1, False


def _int_from_arg(a, arg_num):
    num, is_int, new = 0, False, arg_num
    if arg_num < len(a):
        v = a[arg_num]
        if isinstance(v, int) and not isinstance(v, bool):
            num, is_int = v, True
        new = arg_num + 1
        if num > 1_000_000 or num < -1_000_000:
            num, is_int = 0, False
    return num, is_int, new


# --- entry points ------------------------------------------------------------------


def sprint(*args) -> str:
    """fmt.Sprint: spaces between operands when neither is a string."""
    if len(args) == 1:
        a = args[0]
        if type(a) is str:
            return a
        if type(a) is int:
            return str(a)
    p = Formatter()
    prev_string = False
    for k, arg in enumerate(args):
        is_string = isinstance(arg, str)
        if k > 0 and not is_string and not prev_string:
            p.buf.append(" ")
        p.print_arg(arg, "v")
        prev_string = is_string
    return "".join(p.buf)


def sprintln(*args) -> str:
    p = Formatter()
    for k, arg in enumerate(args):
        if k > 0:
            p.buf.append(" ")
        p.print_arg(arg, "v")
    p.buf.append("\n")
    return "".join(p.buf)


def sprintf(fmt: str, *args) -> str:
    p = Formatter()
    p.do_printf(fmt, args)
    return "".join(p.buf)
