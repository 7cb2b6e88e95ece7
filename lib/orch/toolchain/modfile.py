"""go.mod and go.work, read just enough: module paths, go lines, workspace uses."""

import os


def main_module_roots(cwd: str, module_root: str | None) -> list[str]:
    """Directories of the main module(s): go.work's `use`s, or the module."""
    gowork = os.environ.get("GOWORK")
    if gowork != "off":
        work_file = gowork or find_up(cwd, "go.work")
        if work_file and os.path.isfile(work_file):
            return [os.path.join(os.path.dirname(work_file), d) for d in work_uses(work_file)]
    return [module_root] if module_root else []


def main_module_paths(cwd: str, module_root: str | None) -> list[str]:
    out = []
    for r in main_module_roots(cwd, module_root):
        mod = module_path(os.path.join(r, "go.mod"))
        if mod:
            out.append(mod)
    return out


def find_up(start: str, name: str) -> str | None:
    d = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(d, name)):
            return os.path.join(d, name)
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _directive(gomod: str, verb: str) -> str | None:
    """The argument of the first `verb arg` line (module, go)."""
    try:
        with open(gomod, encoding="utf-8") as f:
            for line in f:
                words = line.split("//")[0].split()
                if len(words) == 2 and words[0] == verb:
                    return words[1].strip('"')
    except OSError:
        pass
    return None


def module_path(gomod: str) -> str | None:
    return _directive(gomod, "module")


def go_line(gomod: str) -> str | None:
    return _directive(gomod, "go")


def work_uses(path: str) -> list[str]:
    """The directories of go.work's `use` directives (single or block)."""
    uses, block = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("//")[0].split()
            if not words:
                continue
            if block:
                if words[0] == ")":
                    block = False
                else:
                    uses.append(words[0].strip('"'))
            elif words[0] == "use":
                if words[1:] == ["("]:
                    block = True
                elif len(words) > 1:
                    uses.append(words[1].strip('"'))
    return uses
