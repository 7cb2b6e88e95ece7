"""Parsed files, kept for the process: orch-toolexec runs plan and rewrite
in one process, and the rewrite needs the trees the plan just built.

A tree is reused only for the very same bytes (the rewrite reads the file
again and compares), so a file changed in between is parsed again.
"""

_trees = {}


def parse(path: str, src: bytes):
    """The syntax tree of src (GoSyntaxError if it does not parse)."""
    hit = _trees.get(path)
    if hit is not None and hit[0] == src:
        return hit[1]
    from ..golang import parse_file
    tree = parse_file(src, path)
    _trees[path] = (src, tree)
    return tree
