"""Byte offsets to filename:line:column, the way go/token.File does it.

The parser works in byte offsets only; a LineTable turns an offset into a
position when a message is printed (or when comments are grouped by line).
The table of line starts is built on first use. //line directives, recorded
by the scanner as (offset, filename, line, column), adjust positions like
token.File.PositionFor(pos, adjusted=true): compiler messages and panics of
rewritten files point at the user's lines through them.
"""

import bisect
import os
import re
from array import array

_NL = re.compile(rb"\n")


class LineTable:
    __slots__ = ("src", "filename", "_starts", "infos")

    def __init__(self, src: bytes, filename: str):
        self.src = src
        self.filename = filename
        self._starts = None   # offsets at which lines start: [0, ...]
        self.infos = []       # //line directives: (offset, filename, line, column)

    def starts(self):
        """Offsets at which lines start, [0, ...] (an array: 4 bytes a line, not 36)."""
        if self._starts is None:
            starts = array("I" if len(self.src) < 1 << 32 else "q", [0])
            starts.extend(m.end() for m in _NL.finditer(self.src))
            if len(starts) > 1 and starts[-1] == len(self.src):
                # As in go/token: no line starts at EOF; a final newline's
                # EOF position is on the last line.
                starts.pop()
            self._starts = starts
        return self._starts

    def line(self, offset: int) -> int:
        """Physical 1-based line of offset."""
        return bisect.bisect_right(self.starts(), offset)

    def position(self, offset: int, adjusted: bool = True) -> tuple:
        """(filename, line, column), 1-based, column in bytes as in Go."""
        offset = max(0, min(offset, len(self.src)))
        starts = self.starts()
        i = bisect.bisect_right(starts, offset) - 1
        filename, line, column = self.filename, i + 1, offset - starts[i] + 1
        if adjusted and self.infos:
            j = bisect.bisect_right(self.infos, (offset, "\uffff")) - 1
            # infos are sorted by offset; find the last one at or before offset
            while j >= 0 and self.infos[j][0] > offset:
                j -= 1
            if j >= 0:
                alt_off, alt_name, alt_line, alt_col = self.infos[j]
                filename = alt_name
                k = bisect.bisect_right(starts, alt_off) - 1
                d = line - (k + 1)
                line = alt_line + d
                if alt_col == 0:
                    column = 0
                elif d == 0:
                    column = alt_col + (offset - alt_off)
        return filename, line, column

    def format(self, offset: int) -> str:
        """"file:line:col" (or "file:line" when a //line directive dropped the column)."""
        filename, line, column = self.position(offset)
        s = f"{filename}:{line}" if filename else f"{line}"
        return f"{s}:{column}" if column else s

    def add_line_directive(self, next_offset: int, text: str, offs: int, errors) -> None:
        """Interpret a //line or /*line*/ comment (go/scanner updateLineInfo).

        text is the comment text, offs its offset, next_offset the offset the
        directive applies from. Malformed numbers are reported via
        errors(offset, message), as the Go scanner does.
        """
        if text[1] == "*":
            text = text[:-2]
        text = text[7:]
        offs += 7
        i, n, ok = _trailing_digits(text)
        if i == 0:
            return
        if not ok:
            errors(offs + _blen(text[:i]), "invalid line number: " + text[i:])
            return
        max_line_col = 1 << 30
        i2, n2, ok2 = _trailing_digits(text[:i - 1])
        if ok2:
            i, i2 = i2, i
            line, col = n2, n
            if col == 0 or col > max_line_col:
                errors(offs + _blen(text[:i2]), "invalid column number: " + text[i2:])
                return
            text = text[:i2 - 1]
        else:
            line, col = n, 0
        if line == 0 or line > max_line_col:
            errors(offs + _blen(text[:i]), "invalid line number: " + text[i:])
            return
        filename = text[:i - 1]
        if filename == "" and ok2:
            filename = self.position(offs)[0]
        elif filename != "":
            filename = os.path.normpath(filename)
            if filename.startswith("//"):
                filename = filename[1:]
            if not os.path.isabs(filename):
                filename = os.path.join(os.path.dirname(self.filename), filename)
        infos = self.infos
        if (not infos or infos[-1][0] < next_offset) and next_offset < len(self.src):
            infos.append((next_offset, filename, line, col))


def _blen(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogateescape"))


def _trailing_digits(text: str):
    i = text.rfind(":")
    if i < 0:
        return 0, 0, False
    digits = text[i + 1:]
    # strconv.ParseUint: ASCII digits only, no sign, no underscores, fits in 64 bits
    if digits and digits.isascii() and digits.isdigit():
        n = int(digits)
        if n < 1 << 64:
            return i + 1, n, True
    return i + 1, 0, False
