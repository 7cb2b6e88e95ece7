"""Warnings of the type layer for one compile: type-aware rules that could
not be answered in this package, and why.

A type-aware question (argument-/result-/final-result-implements,
method-call, the *ThatImplements template methods) whose answer needs
export data orch cannot read (a newer format, a damaged archive) answers
"no match", so the package is built as if the rule did not match; and a
rule naming a type that a package's readable export data does not declare
never matches. Neither fails the build, but a user must be able to see
why a rule did nothing: each gives one line on the compile's output (go
shows it under `# pkg`) and in ORCH_DEBUG_DIR's notices, once per package
and archive (or missing type), naming every rule it concerns, never one
line per call site.

The matcher and the rewriter say which rule is asking (PackageContext.asking); the
stages collect the lines (plan["warnings"], rewrite["warnings"]) and the
dispatcher prints them before the compiler runs (toolexec.py).
"""


class TypeWarnings:
    __slots__ = ("_unreadable", "_missing")

    def __init__(self):
        self._unreadable = {}       # archive error text -> [rule descriptions]
        self._missing = {}          # (path, name, where) -> [rule descriptions]

    def unreadable(self, error: str, aspect) -> None:
        """aspect's question could not be answered: error names the archive
        and its go version (Importer.errors)."""
        _add(self._unreadable.setdefault(error, []), aspect)

    def missing(self, path: str, name: str, where: str, aspect) -> None:
        """aspect names path.name, which path's export data (where: its
        archive and go version) does not declare."""
        _add(self._missing.setdefault((path, name, where), []), aspect)

    def lines(self, import_path: str) -> list[str]:
        out = []
        for error, rules in self._unreadable.items():
            out.append(f"orch: {import_path}: cannot read export data: {error}; "
                       f"{_rules(rules)} unusable in this package (built as if {_it(rules)} did not match)")
        for (path, name, where), rules in self._missing.items():
            out.append(f"orch: {import_path}: {path} has no type {name} (its export data: {where}); "
                       f"{_rules(rules, '')} never {'match' if len(rules) > 1 else 'matches'} it")
        return out


def _add(rules: list, aspect) -> None:
    r = "(unknown)" if aspect is None else f"{aspect.id!r} ({aspect.file}:{aspect.line})"
    if r not in rules:
        rules.append(r)


def _rules(rules, verb="be") -> str:
    """"type-aware rule 'x' (file:line) is", or the plural; no verb with verb=""."""
    one = len(rules) == 1
    text = f"type-aware rule {rules[0]}" if one else f"type-aware rules {', '.join(rules)}"
    return text + ("" if not verb else " is" if one else " are")


def _it(rules) -> str:
    return "it" if len(rules) == 1 else "they"


def emit(lines) -> None:
    """Print the warnings of a compile (each once) on stderr, and note them
    in ORCH_DEBUG_DIR."""
    if not lines:
        return
    import sys
    from .. import debug
    for line in dict.fromkeys(lines):
        sys.stderr.write(line + "\n")
        debug.notice(line[len("orch: "):] if line.startswith("orch: ") else line)
    sys.stderr.flush()
