"""Helpers for the rules tests: rule sets from text, matches on source text."""

import os
import tempfile
import textwrap


def load_rules(text: str, suffix: str = ".toml"):
    """A RuleSet from rule file text (written to a temporary file)."""
    from orch.rules.loader import load_files
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "rules" + suffix)
        with open(path, "w") as f:
            f.write(textwrap.dedent(text))
        return load_files([path])


def match(rules_text: str, src: str, *, import_path: str = "example.com/p", imports=None):
    """[(aspect id, node kind, node text)] that the rules select in src."""
    from orch.golang import parse_file
    from orch.rules.context import PackageContext
    from orch.rules.matcher import FileMatch, match_file
    rs = load_rules(rules_text)
    data = textwrap.dedent(src).lstrip().encode()
    tree = parse_file(data, "/src/p/a.go")
    pkg = PackageContext(import_path, ["/src/p/a.go"])
    if imports is not None:
        pkg._imports = set(imports)
    found = match_file(FileMatch(tree, pkg, "/src/p/a.go"), rs.aspects)
    return [(a.id, type(n).__name__, data[n.pos:n.end].decode()) for a, n, _ in found]
