"""inject-declarations, add-struct-field, add-blank-import: add to the file.

    [aspects.advice.inject-declarations]
    imports = { rt = "orch.dev/runtime/hooks" }
    links = [ "orch.dev/runtime/hooks" ]
    template = '''
    //go:linkname __orch_hook orch.dev/runtime/hooks.Hook
    var __orch_hook func()
    '''

inject-declarations appends the template's declarations at the end of the
file that holds the selected node, once per package for each aspect and
advice (the first match wins). `links` names packages that must be linked
although nothing imports them (the targets of //go:linkname); the file then
also imports "unsafe", as //go:linkname requires. Declaring a function
without a body makes orch drop the compiler's -complete flag.

    add-struct-field = { name = "__orch_ctx", type = "any" }

adds a field at the end of the struct selected by struct-definition.

    add-blank-import = "unsafe"

imports a package for its side effects into the file of the selected node,
unless the file imports it already.
"""

from .. import typenames
from .base import Advice, CodeAdvice, register, ANY
from .code import Code, import_path


@register
class InjectDeclarations(CodeAdvice):
    __slots__ = ("_links",)
    key = "inject-declarations"
    targets = ANY

    def __init__(self, code: Code, links=()):
        super().__init__(code)
        self._links = tuple(links)

    @classmethod
    def parse(cls, v):
        code, extra = Code.parse(v, extra=("links",))
        links = []
        if "links" in extra:
            for x in extra["links"].items():
                p = import_path(x)
                if p not in links:
                    links.append(p)
        return cls(code, links)

    def links(self):
        return self._links

    def import_paths(self):
        out = super().import_paths()
        if self._links:
            out.add("unsafe")
        return out

    def apply(self, rw, t):
        decls = rw.render(self.code, t, "decls")
        rw.append_decls(decls, t.key)
        for link in self._links:
            rw.add_link(link)
        if self._links or "go:linkname" in self.code.text:
            rw.add_blank_import("unsafe")
        rw.require_lang(self.code.lang)

    def fingerprint(self):
        return ("inject-declarations", self._links, self.code.fingerprint())


@register
class AddStructField(Advice):
    __slots__ = ("name", "type")
    key = "add-struct-field"
    targets = frozenset(("TypeSpec",))

    def __init__(self, name, t):
        self.name = name
        self.type = t

    @classmethod
    def parse(cls, v):
        t = v.table({"name", "type"}, required=("name", "type"))
        name = t["name"].string()
        if not name.isidentifier():
            raise t["name"].error(f"name must be a Go identifier, not {name!r}")
        return cls(name, typenames.parse_value(t["type"]))

    def import_paths(self):
        return typenames.import_paths(self.type)

    def check(self, node, parent):
        kind = type(node).__name__
        if kind != "TypeSpec" or type(node.Type).__name__ != "StructType":
            return f"add-struct-field needs a struct type declaration, not a {kind}"
        return None

    def apply(self, rw, t):
        fields = t.node.Type.Fields
        field = f"{self.name} {rw.type_text(self.type)}".encode()
        if fields.List:
            rw.insert(fields.List[-1].end, [rw.gen(b"; " + field)], t.key)
        else:
            rw.insert(fields.Opening + 1, [rw.gen(field + b"; ")], t.key)

    def fingerprint(self):
        return ("add-struct-field", self.name, self.type)


@register
class AddBlankImport(Advice):
    __slots__ = ("path",)
    key = "add-blank-import"
    targets = ANY

    def __init__(self, path):
        self.path = path

    @classmethod
    def parse(cls, v):
        return cls(import_path(v))

    def import_paths(self):
        return {self.path}

    def apply(self, rw, t):
        rw.add_blank_import(self.path)

    def fingerprint(self):
        return ("add-blank-import", self.path)
