"""orch's parser against go/parser on a fixed sample of GOROOT/src.

The sample (see sample()) has every package directory of GOROOT/src, test
files and testdata included, and at least 1000 files; for each, the two
trees must print identically (node kinds, byte offsets, scalar fields,
comment groups), and a file go/parser rejects must be rejected too.
tests/golang/diff_goroot.py does the same for every file.
"""

import os
import zlib

import astdump


def sample(src_root: str, minimum: int = 1000) -> list:
    """A deterministic sample: one file per directory holding .go files (the
    one with the smallest crc32 of its name, so kinds vary: tests, generated,
    platform files), then every 7th remaining file until there are `minimum`."""
    chosen, rest = [], []
    for d, dirs, files in os.walk(src_root):
        dirs.sort()
        gofiles = sorted(f for f in files if f.endswith(".go") and os.path.isfile(os.path.join(d, f)))
        if not gofiles:
            continue
        pick = min(gofiles, key=lambda f: zlib.crc32(f.encode()))
        for f in gofiles:
            (chosen if f == pick else rest).append(os.path.join(d, f))
    i = 0
    while len(chosen) < minimum and rest:
        chosen.extend(rest[i::7][: minimum - len(chosen)])
        rest = [p for p in rest if p not in set(chosen)]
        i += 1
    return sorted(chosen)


def parsed_sample(goroot: str, step: int = 1):
    """(path, source, parse_file tree) of every step-th sample file that parses."""
    from orch.golang import GoSyntaxError, parse_file
    for path in sample(os.path.join(goroot, "src"))[::step]:
        with open(path, "rb") as fh:
            src = fh.read()
        try:
            yield path, src, parse_file(src, path)
        except GoSyntaxError:
            continue


def test_sample_is_representative(goroot):
    src = os.path.join(goroot, "src")
    files = sample(src)
    assert len(files) >= 1000
    dirs = {os.path.dirname(p) for p in files}
    for d, _, names in os.walk(src):
        if "/testdata" in d + "/":
            continue
        if any(n.endswith(".go") for n in names):
            assert d in dirs, d
    assert sum(p.endswith("_test.go") for p in files) >= 100
    assert sum("/testdata/" in p for p in files) >= 50


def test_goroot_sample_matches_go_parser(goroot, goastdump):
    files = sample(os.path.join(goroot, "src"))
    go = goastdump(files)
    bad = []
    rejected = 0
    for p in files:
        why = astdump.compare(p, go[p], go_minor=goastdump.go_minor)
        if why:
            bad.append(f"{p}: {why}")
        elif astdump.go_rejected(go[p]):
            rejected += 1
    assert not bad, f"{len(bad)}/{len(files)} files disagree:\n" + "\n".join(bad[:10])
    assert rejected > 0     # the sample exercises rejection too (testdata)
