"""Rewriting one file: the advice of its planned matches, as edits on its text.

A FileRewriter finds each planned node again (by kind and byte range),
lets each advice add its edits (see advice/), and produces the new text
with splice.py. Besides the advice's own edits it takes care of what makes
the result compile:

- imports: a template's `imports` alias names a package in its generated
  code; the file imports it under that name when the file does not use the
  name already, else under a fresh one (`trace_orch`), renaming the alias
  in the generated code (never in the user's code). Imports that the
  generated code does not end up using are not added. An original import
  that the rewrite leaves unused becomes a blank import (`_ "path"`).
- names: unnamed parameters and results that a template asks for
  (.Function.Argument 0) get names in the function's signature.
- generated code is parsed before it goes in, so that a template that
  produces broken Go is reported with its rule, not as a compiler error in
  <generated>.
"""

import os
import re

from ..errors import OrchError
from ..golang.ast import push_children
from . import dot as dotmod
from . import gotext, splice, typenames
from .imports import Names, assumed_name, unquote

_PREDECLARED = frozenset("""
    append bool byte cap clear close complex complex64 complex128 copy delete error false
    float32 float64 imag int int8 int16 int32 int64 iota len make max min new nil panic
    print println real recover rune string true uint uint8 uint16 uint32 uint64 uintptr
    any comparable
""".split())
_MARKERS = re.compile("[" + dotmod.MOVED + dotmod.COPY_OPEN + dotmod.COPY_CLOSE + "]")
_WRAPPERS = {
    "stmts": ("package p\nfunc _() {\n", "\n}\n"),
    "expr": ("package p\nvar _ = ", "\n"),
    "decls": ("package p\n", "\n"),
}
_KIND_WORDS = {"stmts": "statements", "expr": "an expression", "decls": "declarations"}

MOVED = object()    # in a fragment: where the moved node's text goes


class Target:
    """A node to change, its ancestors (stack, File first, node last), and
    the key of the advice applied to it: (1, its rank in the order advice
    apply), which orders the edits made at one place."""

    __slots__ = ("node", "stack", "key", "what", "origin")

    def __init__(self, node, stack, key=(), what="", origin=""):
        self.node = node
        self.stack = stack
        self.key = key
        self.what = what        # for messages: "rule 'x' advice 0"
        self.origin = origin    # in line directives of its generated code: "x advice 0"

    def child(self, node):
        return Target(node, self.stack + [node], self.key, self.what, self.origin)


class FileRewriter:
    def __init__(self, path: str, src: bytes, tree, pkg_path: str):
        self.path = path
        self.src = src
        self.tree = tree
        self.pkg_path = pkg_path
        self.pkg = None                 # the PackageContext, for type questions (typeaware)
        self.names = Names.of_file(tree, pkg_path)
        from .matcher import annotations
        self.annotations = annotations(tree)
        self.edits = []
        self.links = []
        self.langs = []
        self.bodyless = False
        self._idents = None             # every identifier of the file (on first need)
        self._plain = None              # names used as something else than a qualifier
        self._checks = []               # generated code to check: (code, target, kind, text)
        self._import_names = {}         # path -> name for generated code
        self._new_imports = {}          # name -> path (imports to add)
        self._used = set()              # names of _new_imports used by generated code
        self._blank = []                # blank imports to add
        self._fields = {}               # FieldList -> (FieldList, use, {index: name})
        self.origins = []               # names of generated code's origins (splice.emit)
        self._imported = {unquote(s.Path.Value) for s in tree.Imports}

    # ------------------------------------------------------------------
    # Finding the planned nodes

    def locate(self, wanted: set) -> dict:
        """{(kind, start, end): stack} for the wanted nodes."""
        kinds = {k for k, _, _ in wanted}
        found = {}
        stack = []
        work = [self.tree]
        while work:
            node = work.pop()
            if node is None:
                stack.pop()
                continue
            name = type(node).__name__
            if name in kinds:
                key = (name, node.pos, node.end)
                if key in wanted and key not in found:
                    found[key] = stack + [node]
            stack.append(node)
            work.append(None)
            push_children(node, work)
        return found

    def plain_names(self) -> set:
        """Names the file uses as something else than a package qualifier
        (declarations, values): an import under such a name could be shadowed."""
        if self._plain is None:
            from ..golang import ast
            qualifiers = set()      # (nodes are compared by value: see orch.golang.ast)
            idents = []
            for node in ast.walk(self.tree):
                t = type(node)
                if t is ast.Ident:
                    idents.append(node)
                elif t is ast.SelectorExpr and type(node.X) is ast.Ident:
                    qualifiers.add(node.X)
                elif t is ast.ImportSpec and node.Name is not None:
                    qualifiers.add(node.Name)
            self._plain = {n.Name for n in idents if n not in qualifiers}
        return self._plain

    # ------------------------------------------------------------------
    # What advice call

    @staticmethod
    def gen(text: bytes):
        return (-1, text)

    def gen_by(self, origin: str, text: bytes):
        """Generated text that line directives attribute to origin (see splice)."""
        if not origin:
            return (-1, text)
        if origin not in self.origins:
            self.origins.append(origin)
        return (-2 - self.origins.index(origin), text)

    def insert(self, offset: int, items, key, what: str = "") -> None:
        items = list(items)
        self.edits.append(splice.Edit(offset, offset, key, lambda inner: list(items), what))

    def replace(self, start: int, end: int, fn, key, what: str = "") -> None:
        self.edits.append(splice.Edit(start, end, key, fn, what))

    def append_decls(self, items, key) -> None:
        self.insert(len(self.src), [self.gen(b"\n")] + list(items) + [self.gen(b"\n")], key)

    def substitute(self, frag, inner):
        out = []
        for item in frag:
            if item is MOVED:
                out.extend(inner)
            else:
                out.append(item)
        return out

    def copy_text(self, node) -> str:
        text = self.src[node.pos:node.end].decode("utf-8", "surrogateescape")
        return dotmod.COPY_OPEN + text + dotmod.COPY_CLOSE

    def require_lang(self, lang) -> None:
        if lang:
            self.langs.append(lang)

    def add_link(self, path: str) -> None:
        if path not in self.links:
            self.links.append(path)

    def add_blank_import(self, path: str) -> None:
        if path not in self._imported and path not in self._blank:
            self._blank.append(path)

    def qualify(self, path: str, hint: str | None = None, use: bool = True) -> str:
        """The name generated code uses for package path (imported if needed)."""
        name = self._import_names.get(path)
        if name is None:
            name = self._choose_name(path, hint)
            self._import_names[path] = name
        if use and name in self._new_imports:
            self._used.add(name)
        return name

    def _choose_name(self, path, hint):
        for n in self.names.paths.get(path, ()):
            explicit = self.names.explicit.get(n) == path
            if (explicit or n in self._original_qualifiers()) and n not in self.plain_names() \
                    and self.names.import_path(n) == path:
                return n
        base = hint or assumed_name(path) or "pkg"
        if self._idents is None:
            self._idents = gotext.identifiers(self.src.decode("utf-8", "surrogateescape"))
        taken = self._idents | set(self._new_imports) | gotext.KEYWORDS | _PREDECLARED
        name, i = base, 1
        if name in taken:
            name = f"{base}_orch"
            while name in taken:
                i += 1
                name = f"{base}_orch{i}"
        self._new_imports[name] = path
        return name

    def _original_qualifiers(self):
        q = getattr(self, "_oq", None)
        if q is None:
            q = self._oq = gotext.qualifiers(self.src.decode("utf-8", "surrogateescape"))
        return q

    def type_text(self, t) -> str:
        return typenames.format_type(t, self.qualify)

    def name_field(self, func, which: str, index: int) -> str:
        """The name of parameter/result/receiver `index` of func, naming it if needed."""
        if which == "Recv":
            fl, use = func.Recv, "receiver"
        else:
            fl, use = getattr(func.Type, which), ("argument" if which == "Params" else "result")
        fields = typenames.expand(fl)
        if not isinstance(index, int) or index < 0 or index >= len(fields):
            raise ValueError(f"{use} index {index} out of range (the function has {len(fields)})")
        name = fields[index][0]
        if name and name != "_":
            return name
        new = f"__{use}__{index}"
        self._fields.setdefault(fl, (fl, use, {}))[2][index] = new
        return new

    # ------------------------------------------------------------------
    # Templates

    def render(self, code, target: Target, kind: str, moved: bool = False) -> list:
        """The fragment a code template produces at target: [(-1, bytes) | MOVED]."""
        from . import render as renderer
        text = renderer.execute(code, dotmod.Dot(self, target, moved))
        renames = {}
        for alias, path in code.imports.items():
            name = self.qualify(path, alias, use=False)
            if name != alias:
                renames[alias] = name
        text = _strip_markers_in_literals(text)
        parts = re.split("(" + "|".join((dotmod.MOVED, dotmod.COPY_OPEN, dotmod.COPY_CLOSE)) + ")", text)
        frag, plain_text, check_text = [], [], []
        copying = False
        for p in parts:
            if p == dotmod.MOVED:
                frag.append(MOVED)
                check_text.append(self.src[target.node.pos:target.node.end].decode("utf-8", "surrogateescape"))
            elif p == dotmod.COPY_OPEN:
                copying = True
            elif p == dotmod.COPY_CLOSE:
                copying = False
            elif p:
                if not copying:
                    p = gotext.rename_qualifiers(p, renames)
                    plain_text.append(p)
                frag.append(self.gen_by(target.origin, p.encode("utf-8", "surrogateescape")))
                check_text.append(p)
        if self._new_imports:
            for q in gotext.qualifiers(" ".join(plain_text)):
                if q in self._new_imports:
                    self._used.add(q)
        self._checks.append((code, target, kind, "".join(check_text)))
        return frag

    def _check_generated(self) -> None:
        """Parse all generated code of the file at once (one small Go file
        with a wrapper per fragment); on an error, find the fragment and
        report it with its rule."""
        if not self._checks:
            return
        from ..golang import parse_file, GoSyntaxError, ast
        parts, spans = ["package p\n"], []
        at = len(parts[0].encode())
        for i, (_, _, kind, text) in enumerate(self._checks):
            head, tail = _WRAPPERS[kind]
            head = head.replace("package p\n", "")
            chunk = (head + text + tail).encode("utf-8", "surrogateescape")
            spans.append((at, at + len(chunk)))
            parts.append(chunk.decode("utf-8", "surrogateescape"))
            at += len(chunk)
        try:
            f = parse_file("".join(parts).encode("utf-8", "surrogateescape"), "<generated>")
        except GoSyntaxError:
            for check in self._checks:     # which one? (a broken one can confuse the rest)
                self._validate(*check)
            raise
        # Declarations without a body (//go:linkname) need -complete dropped.
        for d in f.Decls:
            if type(d) is ast.FuncDecl and d.Body is None:
                self.bodyless = True
        self._checks = []

    def _validate(self, code, target, kind, text) -> None:
        from ..golang import parse_file, GoSyntaxError
        head, tail = _WRAPPERS[kind]
        src = (head + text + tail).encode("utf-8", "surrogateescape")
        try:
            parse_file(src, "<generated>")
        except GoSyntaxError as e:
            off, msg = e.errors[0] if e.errors else (len(head), str(e))
            rel = src[len(head.encode()):off]
            line = rel.count(b"\n") + 1
            fname, fline, _ = self.tree.position(target.node.pos)
            raise OrchError(f"{code.where}: {code.name}: the template's output for "
                            f"{os.path.basename(fname)}:{fline} is not valid Go {_KIND_WORDS[kind]} "
                            f"(line {line} of its output: {msg}): {text.strip()[:200]!r}") from None

    # ------------------------------------------------------------------
    # The result

    def finish(self) -> bytes:
        self._check_generated()
        self._field_edits()
        self._import_edits()
        segs = splice.splice(self.src, self.edits)
        kept = sum(len(t) for off, t in segs if off >= 0)
        unused = ()
        if kept < len(self.src):     # some original code is gone: maybe an import's last use
            new_text = b"".join(t for _, t in segs).decode("utf-8", "surrogateescape")
            unused = self._unused_imports(new_text)
        if unused:
            for spec in unused:
                if spec.Name is not None:
                    self.replace(spec.Name.pos, spec.Name.end, lambda inner: [self.gen(b"_")], (0,))
                else:
                    self.insert(spec.Path.pos, [self.gen(b"_ ")], (0,))
            segs = splice.splice(self.src, self.edits)
        return splice.emit(segs, self.tree.position, self.origins)

    def added_imports(self) -> list:
        """Import paths the new file imports that the original did not."""
        out = [p for n, p in self._new_imports.items() if n in self._used and p not in self._imported]
        out += [p for p in self._blank if p not in out]
        return out

    def _field_edits(self) -> None:
        for fl, use, requested in self._fields.values():
            if any(f.Names for f in fl.List):
                idents = [n for f in fl.List for n in f.Names]
                for i, new in requested.items():
                    ident = idents[i]
                    self.replace(ident.pos, ident.end, lambda inner, b=new.encode(): [self.gen(b)], (0, 1))
                continue
            for i, f in enumerate(fl.List):
                name = requested.get(i, "_")
                self.insert(f.Type.pos, [self.gen(name.encode() + b" ")], (0, 1))
            if fl.Opening is None and fl.List:
                self.insert(fl.List[0].pos, [self.gen(b"(")], (0, 0))
                self.insert(fl.List[-1].end, [self.gen(b")")], (0, 2))

    def _import_edits(self) -> None:
        specs = [f'{n} "{p}"' for n, p in self._new_imports.items() if n in self._used]
        specs += [f'_ "{p}"' for p in self._blank]
        if not specs:
            return
        text = "; import (" + "; ".join(specs) + ")"
        self.insert(self.tree.Name.end, [self.gen(text.encode())], (0,))

    def _unused_imports(self, new_text: str) -> list:
        """Original imports used in the original file and no more in the new one."""
        used_before = self._original_qualifiers()
        used_now = None
        out = []
        for spec in self.tree.Imports:
            name = spec.Name.Name if spec.Name is not None else assumed_name(unquote(spec.Path.Value))
            if name in ("_", ".") or name not in used_before:
                continue
            if used_now is None:
                used_now = gotext.qualifiers(new_text)
            if name not in used_now:
                out.append(spec)
        return out


def _strip_markers_in_literals(text: str) -> str:
    """Node markers that ended up inside a string or comment of the
    generated code (printf "%q" of a node) are just text: drop them."""
    if not _MARKERS.search(text):
        return text
    out = []
    for m in gotext.TOKENS.finditer(text):
        tok = m.group()
        if m.lastgroup in ("string", "comment"):
            tok = _MARKERS.sub("", tok)
        out.append(tok)
    return "".join(out)
