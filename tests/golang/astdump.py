"""Print orch's syntax tree in the format of tests/golang/goastdump (Go's go/parser).

dump(path, src) -> list of lines: "FILE path", the nodes in Inspect order
(kind, pos, end, scalar fields), "COMMENTS" and the comment groups, "END";
or "ERROR offset line:col msg" lines if orch rejects the file. Also the
helpers the differential tests share: building the Go dumper, running it on
many files at once, and comparing the two outputs file by file.
"""

import os
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "lib"))

from orch.golang import GoSyntaxError, ast, token  # noqa: E402

_TOKEN_FIELDS = ("Tok", "Op", "Kind")
_RAW_STRINGS = ("Name", "GoVersion")


def _scalar_fields(cls):
    children = set(cls._children)
    return [f for f in cls._fields
            if f not in children and not f.startswith("_") and f[0].isupper()
            and f not in ("Imports", "Comments")]


_FIELDS = {}


def _node_line(n) -> str:
    cls = type(n)
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = _scalar_fields(cls)
    pos, end = n.pos, n.end
    parts = [cls.__name__, str(-1 if pos is None else pos), str(-1 if end is None else end)]
    for f in fields:
        v = getattr(n, f)
        if f in _TOKEN_FIELDS:
            parts.append(f"{f}={token.STRINGS[v]}")
        elif v is True or v is False:
            parts.append(f"{f}={'true' if v else 'false'}")
        elif isinstance(v, str):
            if f in _RAW_STRINGS:
                parts.append(f"{f}={v}")
            else:
                b = v.encode("utf-8", "surrogateescape")
                parts.append(f"{f}={zlib.crc32(b):08x}/{len(b)}")
        elif v is None:
            parts.append(f"{f}=-1")
        else:
            parts.append(f"{f}={v}")
    return " ".join(parts)


def dump_tree(f) -> list:
    out = [_node_line(n) for n in ast.walk(f)]
    out.append("COMMENTS")
    for g in f.Comments:
        out.extend(_node_line(n) for n in ast.walk(g))
    return out


def dump(path: str, src: bytes, go_minor: int = 27) -> list:
    """go_minor: the Go release whose go/parser to imitate where they differ
    (methods with type parameters are an error before 1.27)."""
    from orch.golang.parser import parse_file as parse
    lines = [f"FILE {path}"]
    try:
        f = parse(src, path, generic_methods=go_minor >= 27)
    except GoSyntaxError as e:
        f = None
        from orch.golang.lines import LineTable
        table = LineTable(src, path)
        for off, msg in e.errors:
            _, line, col = table.position(off)
            msg = msg.replace("\n", "\\n")
            lines.append(f"ERROR {off} {line}:{col} {msg}")
    if f is not None:
        lines.extend(dump_tree(f))
    lines.append("END")
    return lines


# ----------------------------------------------------------------------------
# Running the Go side


def build_goastdump(outdir: str, env: dict | None = None, go: str = "go") -> str:
    """Build tests/golang/goastdump into outdir; return the binary's path."""
    exe = os.path.join(outdir, "goastdump")
    e = dict(os.environ if env is None else env)
    e.setdefault("GOFLAGS", "-buildvcs=false")
    subprocess.run([go, "build", "-o", exe, "."], cwd=os.path.join(HERE, "goastdump"),
                   env=e, check=True, capture_output=True, text=True)
    return exe


def run_goastdump(exe: str, paths: list, env: dict | None = None) -> dict:
    """{path: [lines]} from one run of the Go dumper over all paths."""
    proc = subprocess.run([exe, "-list", "-"], input="\n".join(paths) + "\n",
                          capture_output=True, text=True, errors="surrogateescape",
                          env=env, check=True)
    out = {}
    cur = None
    for line in proc.stdout.split("\n"):
        if line.startswith("FILE "):
            cur = [line]
            out[line[5:]] = cur
        elif cur is not None and line:
            cur.append(line)
    return out


def go_rejected(lines: list) -> bool:
    return len(lines) > 1 and lines[1].startswith(("ERROR ", "READERROR "))


def go_minor_version(go: str = "go", env: dict | None = None) -> int:
    """27 for go1.27.3 (the go command's release)."""
    out = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True,
                         env=env, check=True).stdout.strip()
    import re
    m = re.match(r"go1\.(\d+)", out)
    return int(m.group(1)) if m else 99


def compare(path: str, go_lines: list, src: bytes | None = None, go_minor: int = 27):
    """None if orch agrees with Go on path, else a short description."""
    if src is None:
        with open(path, "rb") as fh:
            src = fh.read()
    try:
        ours = dump(path, src, go_minor)
    except Exception as e:   # a crash is a disagreement, with its reason
        import traceback
        return f"crash: {e!r}\n{traceback.format_exc(limit=-3)}"
    if go_rejected(go_lines):
        if len(ours) > 1 and ours[1].startswith("ERROR "):
            return None
        return f"go rejects ({go_lines[1]}), orch accepts"
    if ours == go_lines:
        return None
    for i, (a, b) in enumerate(zip(go_lines, ours)):
        if a != b:
            return f"line {i}: go: {a}\n          orch: {b}"
    return f"length differs: go {len(go_lines)} lines, orch {len(ours)}"
