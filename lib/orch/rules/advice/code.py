"""Code templates: the Go code an advice adds, written as Go text/template text.

    template = "defer trace.End(trace.Start({{printf \"%q\" .Function.Name}}))"
    imports = { trace = "orch.dev/runtime/trace" }   # names the template uses
    lang = "go1.21"                                   # minimum Go version

Every package the template's code uses must be named in `imports` (the
alias is the name the template text uses), even one the file already
imports: the rewriter imports it under a name that cannot collide with the
file's own names and renames the alias in the generated code if needed.
The template is checked when the rules load; it runs at rewrite time.
"""

import re

from ..doc import RuleError
from ..imports import check_import_path

_LANG = re.compile(r"^go1\.(\d+)$")


def lang_tuple(lang: str | None) -> tuple:
    """"go1.21" -> (1, 21); None -> (0, 0)."""
    if not lang:
        return (0, 0)
    m = re.match(r"^go(\d+)\.(\d+)", lang)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


class Code:
    __slots__ = ("text", "imports", "lang", "path", "name", "where")

    def __init__(self, text: str, imports: dict, lang: str | None, path: tuple = ()):
        self.text = text
        self.imports = dict(imports)
        self.lang = lang
        self.path = path      # where the template text is in its rule document
        self.name = ""        # template name in messages: "<aspect id>/advice[<n>]" (set by the loader)
        self.where = ""       # "rules.toml:12" (set by the loader)

    @classmethod
    def parse(cls, v, extra=()):
        """A code template table; `extra` lists other keys the advice allows
        (returned as a dict of Values)."""
        t = v.table({"template", "imports", "lang", *extra}, required=("template",))
        text = t["template"].string()
        imports = {}
        if "imports" in t:
            for alias, path in t["imports"].table().items():
                if not alias.isidentifier() or alias in ("_", "."):
                    raise RuleError(f"import alias {alias!r} is not a Go identifier", path.path, alias)
                imports[alias] = import_path(path)
        lang = None
        if "lang" in t:
            lang = t["lang"].string()
            if not _LANG.match(lang):
                raise t["lang"].error(f"lang must look like go1.21, not {lang!r}")
        code = cls(text, imports, lang, t["template"].path)
        return code, {k: t[k] for k in extra if k in t}

    def fingerprint(self) -> tuple:
        return ("code", self.text, tuple(sorted(self.imports.items())), self.lang or "")


def import_path(v) -> str:
    """A rule value that names a package to import or link: a Go import path."""
    path = v.string()
    why = check_import_path(path)
    if why:
        raise v.error(f"{path!r} is not a Go import path: {why}")
    return path

