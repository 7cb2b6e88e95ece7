"""Rejection: every input go/parser rejects, orch rejects too, with a position.

Hand-written cases (one per kind of error the Go scanner and parser report,
with valid corner cases next to them) and mutations of real GOROOT files
(truncated, a brace or paren or line deleted, a stray token inserted) are
written to files and given to go/parser (tests/golang/goastdump) in one run.
Where Go accepts, orch must build the same tree; where Go rejects, orch must
reject, and its first error must be Go's first error (offset and message).
"""

import os

import astdump
import broken
from test_goroot import sample

from orch.golang import GoSyntaxError, parse_file
from orch.golang.parser import parse_file as parse


def _check(cases, tmp_path, goastdump):
    paths = []
    for name, src in cases:
        p = tmp_path / f"{name}.go"
        p.write_bytes(src)
        paths.append(str(p))
    go = goastdump(paths)
    problems = []
    stats = {"rejected": 0, "accepted": 0}
    for (name, src), p in zip(cases, paths):
        lines = go[p]
        why = astdump.compare(p, lines, src, go_minor=goastdump.go_minor)
        if why:
            problems.append(f"{name}: {why}")
            continue
        if not astdump.go_rejected(lines):
            stats["accepted"] += 1
            continue
        stats["rejected"] += 1
        try:
            parse(src, p, generic_methods=goastdump.go_minor >= 27)
            problems.append(f"{name}: accepted")
            continue
        except GoSyntaxError as e:
            err = e
        go_first = lines[1].split(" ", 3)
        ours = err.errors[0]
        if str(ours[0]) != go_first[1] or ours[1].replace("\n", "\\n") != go_first[3]:
            problems.append(f"{name}: first error differs: go {lines[1]!r}, orch {ours!r}")
        first_line = str(err).split("\n")[0]
        if not first_line.startswith(p + ":"):
            problems.append(f"{name}: message not file:line:col: {first_line!r}")
    return problems, stats


def test_hand_written_cases(tmp_path, goastdump):
    problems, stats = _check(broken.hand_written(), tmp_path, goastdump)
    assert not problems, "\n".join(problems)
    assert stats["rejected"] >= 60 and stats["accepted"] >= 15, stats


def test_mutations_of_real_files(tmp_path, goroot, goastdump):
    files = sample(os.path.join(goroot, "src"))
    files = [f for f in files if "/testdata/" not in f and os.path.getsize(f) < 60000][::6]
    cases = broken.mutations(files, seed=7)
    problems, stats = _check(cases, tmp_path, goastdump)
    assert not problems, f"{len(problems)}/{len(cases)}:\n" + "\n".join(problems[:20])
    assert stats["rejected"] >= 200, stats


def test_error_message_format():
    src = b"package p\n\nfunc f() {\n\tx := \"abc\n}\n"
    try:
        parse_file(src, "dir/a.go")
    except GoSyntaxError as e:
        lines = str(e).split("\n")
        assert lines[0] == "dir/a.go:4:7: string literal not terminated"
        assert all(line.startswith("dir/a.go:") for line in lines)
        assert len(lines) <= 10
        assert e.errors[0] == (28, "string literal not terminated")
    else:
        raise AssertionError("accepted")


def test_errors_capped_at_ten_and_sorted():
    src = b"package p\n" + b"".join(b"var x%d = )\n" % i for i in range(40))
    try:
        parse_file(src, "a.go")
    except GoSyntaxError as e:
        lines = str(e).split("\n")
        assert len(lines) == 10
        nums = [int(line.split(":")[1]) for line in lines]
        assert nums == sorted(nums)
    else:
        raise AssertionError("accepted")


def test_line_directive_in_messages():
    src = b"package p\n\n//line orig.go:100\nvar x = )\n"
    try:
        parse_file(src, "gen.go")
    except GoSyntaxError as e:
        # no column in the directive: none in the message, as in Go
        assert str(e) == "orig.go:100: expected operand, found ')'"
    else:
        raise AssertionError("accepted")


def test_syntax_error_is_an_orch_error():
    from orch.errors import OrchError
    assert issubclass(GoSyntaxError, OrchError)
