"""Text splicing with //line directives: the rewritten file, byte for byte.

The rewriter never re-prints a file. It collects edits on the original
bytes (an insertion at an offset, or a replacement of a node's range whose
new text may embed the node's own, already edited, text) and splice()
makes the new file as a list of segments:

    (offset, bytes)   original text starting at that offset
    (-1, bytes)       generated text

emit() joins them, adding a line directive wherever the position the
compiler would compute stops being the one the user wrote:

    //line /abs/path/main.go:1:1      first line of the file
    //line <generated>:1              before generated lines (prepended
                                      statements, injected declarations)
    //line /abs/path/main.go:14:9     before original text that follows them

Generated text inside a line of original code (`trace.Wrap(` and `)`
around a wrapped expression, appended arguments, an added import or field)
stands at the position of the original code where it was inserted: the
wrapper's call is reported at the user's expression, in stack traces and
compiler errors. So compiler errors, panics, runtime.Caller and debuggers
report the user's file, line and column for original code and
`<generated>` for injected lines. The file name is the absolute path of the
original, which the compiler's -trimpath rewrites exactly as it would
have rewritten the original file's name.

Directives go inline (`/*line ...*/`, the file name left out when it does
not change), or at the start of a new line (`//line`) once the physical
column runs too far ahead of the user's, where a line break is harmless:
the compiler keeps only 8 bits of physical column, so long physical lines
would lose the columns of the code after them.
"""

from ..errors import OrchError

GENERATED = "<generated>"


class Edit:
    """Replace src[start:end] by fn(inner), inner being the segments of that
    range after the edits inside it (an insertion has start == end)."""

    __slots__ = ("start", "end", "key", "fn", "what")

    def __init__(self, start: int, end: int, key, fn, what: str = ""):
        self.start = start
        self.end = end
        self.key = key          # order among edits of the same place
        self.fn = fn
        self.what = what        # for messages: "rule x advice 0"


def splice(src: bytes, edits: list) -> list:
    """The segments of the new text."""
    edits = sorted(edits, key=lambda e: (e.start, e.start != e.end, -e.end, e.key))
    segs = _build(src, 0, len(src), edits)
    return _merge(segs)


def _build(src, lo, hi, edits):
    out = []
    cur = lo
    i, n = 0, len(edits)
    while i < n:
        e = edits[i]
        if e.start < cur:
            other = edits[i - 1] if i else None
            raise OrchError(f"overlapping changes: {e.what} and {other.what if other else 'another rule'} "
                            f"change the same code (bytes {e.start}-{e.end})")
        if e.start == e.end:
            if e.start > cur:
                out.append((cur, src[cur:e.start]))
                cur = e.start
            out.extend(e.fn([]))
            i += 1
            continue
        # A replacement: the edits with the same range chain (in key order);
        # those strictly inside it make up its inner text.
        same, inside = [e], []
        j = i + 1
        while j < n and edits[j].start < e.end:
            x = edits[j]
            if x.start == e.start and x.end == e.end:
                same.append(x)
            elif x.end <= e.end and not (x.start == x.end and x.start == e.end):
                inside.append(x)
            elif x.start == x.end and x.start == e.end:
                break
            else:
                raise OrchError(f"overlapping changes: {x.what} and {e.what} change intersecting code "
                                f"(bytes {x.start}-{x.end} and {e.start}-{e.end})")
            j += 1
        if e.start > cur:
            out.append((cur, src[cur:e.start]))
        inner = _build(src, e.start, e.end, inside)
        for x in sorted(same, key=lambda x: x.key):
            inner = x.fn(inner)
        out.extend(inner)
        cur = e.end
        i = j
    if hi > cur:
        out.append((cur, src[cur:hi]))
    return out


def _merge(segs):
    out = []
    for off, text in segs:
        if not text:
            continue
        if out:
            poff, ptext = out[-1]
            if off < 0 and off == poff:
                out[-1] = (off, ptext + text)
                continue
            if off >= 0 and poff >= 0 and poff + len(ptext) == off:
                out[-1] = (poff, ptext + text)
                continue
        out.append((off, text))
    return out


_BREAK_AFTER = frozenset(b"([{,;:=!<>^%&|*")


def _can_break(out: bytearray) -> bool:
    """Whether a newline here cannot change the program: at a line start, or
    after a token that does not end a statement (Go inserts a semicolon at
    a newline only after names, literals, `)`, `]`, `}`, ++, -- and some
    keywords)."""
    j = len(out) - 1
    while j >= 0 and out[j] in b" \t":
        j -= 1
    if j < 0 or out[j] == 0x0A:
        return True
    c = out[j]
    if c in b"+-":
        return j == 0 or out[j - 1] != c
    return c in _BREAK_AFTER


# How far (in bytes) the physical column of original text may run ahead of
# its column in the user's file before a directive breaks the line.
SLACK = 48


class _Emitter:
    def __init__(self):
        self.out = bytearray()
        self.file = None          # the file name the last directive recorded

    def directive(self, fname: str, line: int, col: int) -> None:
        out = self.out
        where = f"{line}:{col}" if col else f"{line}"
        if fname == self.file and col:
            inline = b"/*line :" + where.encode() + b"*/"
        else:
            inline = b"/*line " + f"{fname}:{where}".encode("utf-8", "surrogateescape") + b"*/"
        at_start = not out or out[-1] == 0x0A
        physical = len(out) - (out.rfind(b"\n") + 1) + len(inline) + 1
        if at_start or (_can_break(out) and physical > max(col, 1) + SLACK):
            if not at_start:
                out += b"\n"
            out += b"//line " + f"{fname}:{where}".encode("utf-8", "surrogateescape") + b"\n"
        else:
            out += inline
        self.file = fname


def emit(segs: list, position) -> bytes:
    """The new file: segments joined, with line directives.
    position(offset) -> (filename, line, column) of original text (column 0: unknown)."""
    e = _Emitter()
    out = e.out
    expect = None            # the original offset that would come next without a directive
    in_generated = False
    for off, text in segs:
        if off < 0:
            if expect is not None and b"\n" not in text:
                # Inside a line of original code: it stands where it was inserted.
                e.directive(*position(expect))
                in_generated = False
            elif not in_generated:
                e.directive(GENERATED, 1, 1)
                in_generated = True
            out += text
            expect = None
            continue
        if off != expect:
            e.directive(*position(off))
        in_generated = False
        out += text
        if b"line " in text:
            e.file = None          # the original's own directives may have changed it
        expect = off + len(text)
    return bytes(out)
