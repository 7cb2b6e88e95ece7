"""The one place that runs code templates (Go text/template: the orch.template package).

check(text, name) at load time: the template parses, or why not.
execute(code, dot) at rewrite time: the text the template produces, or an
OrchError naming the rule file, the aspect and the position in the template.
Compiled templates are kept per process (a rewrite runs one template many
times).
"""

from .. import __version__
from ..errors import OrchError

_cache = {}
_FUNCS = {"Version": lambda: "v" + __version__}


def _compile(text: str, name: str):
    key = (text, name)
    t = _cache.get(key)
    if t is None:
        from ..template import Template
        t = Template(text, name, _FUNCS)
        _cache[key] = t
    return t


def check(text: str, name: str):
    """None if the template parses, else (message, line in the template or None)."""
    from ..template import TemplateError
    try:
        _compile(text, name)
    except TemplateError as e:
        return str(e), e.line
    return None


def execute(code, dot) -> str:
    from ..template import TemplateError
    try:
        return _compile(code.text, code.name).execute(dot, _FUNCS)
    except TemplateError as e:
        raise OrchError(f"{code.where}: {e}") from None
