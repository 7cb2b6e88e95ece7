"""Parsed files, kept for the process: orch-toolexec runs plan and rewrite
in one process, and the rewrite needs the trees the plan just built.

A tree is reused only for the very same bytes (the rewrite reads the file
again and compares), so a file changed in between is parsed again.

A file may be kept in several shapes (orch.golang.parse_file's skim):
whole (None), as the plan matches rules that can match only in blocks
holding their needles (a tuple of them) and as the type layer reads
declarations ("signatures"). The rewrite always asks for the whole tree: a
skimmed one has not been checked for syntax errors inside its skipped
blocks.
"""

_trees = {}     # path -> (src, {skim: tree})


def parse(path: str, src: bytes, skim=None):
    """The syntax tree of src, skimmed as asked (GoSyntaxError if it does
    not parse). A whole tree serves every skim."""
    shapes = _shapes(path, src)
    tree = shapes.get(None) or shapes.get(skim)
    if tree is None:
        from ..golang import parse_file
        tree = shapes[skim] = parse_file(src, path, skim=skim)
    return tree


def declarations(path: str, src: bytes):
    """A tree with at least src's declarations: any kept tree of the file,
    else a "signatures" one."""
    tree = next(iter(_shapes(path, src).values()), None)
    return tree if tree is not None else parse(path, src, "signatures")


def _shapes(path: str, src: bytes) -> dict:
    hit = _trees.get(path)
    if hit is None or hit[0] != src:
        hit = _trees[path] = (src, {})
    return hit[1]
