"""The layout shows the architecture: lib/orch's modules import each other
in one direction only, and never in a circle.

    foundation  orch, errors, paths, jsonio, goprocess, config, debug, cli
    golang      the Go front end          template   Go's text/template
    toolchain   flags, archives, nested go commands
    rules       join points, advice, matcher, rewriter; types, the type
                layer they ask (export data, declarations, method sets)
    stages      version, plan, rewrite, linkdeps (and step, their input;
                report, which plan and linkdeps fill in)
    dispatcher  toolexec, fastpath, fallback, commands

A module may import its own layer and the layers above it in this list,
never one below; the imports inside functions count too (they are
dependencies all the same, only deferred).
"""

import ast
import os

from support import ROOT

LIB = os.path.join(ROOT, "lib")

LAYERS = [
    {"orch", "orch.errors", "orch.paths", "orch.jsonio", "orch.goprocess", "orch.config", "orch.debug", "orch.cli"},
    {"orch.golang", "orch.template"},
    {"orch.toolchain"},
    {"orch.rules", "orch.types"},
    {"orch.stages", "orch.step", "orch.report"},
    {"orch.toolexec", "orch.fastpath", "orch.fallback", "orch.commands"},
]


def modules() -> dict:
    """{module name: file} for every module of lib/orch."""
    found = {}
    for d, subdirs, files in os.walk(os.path.join(LIB, "orch")):
        subdirs[:] = [s for s in subdirs if s != "__pycache__" and not s.startswith("rules.d")]
        for f in files:
            if f.endswith(".py"):
                name = os.path.relpath(os.path.join(d, f), LIB)[:-3].replace(os.sep, ".")
                found[name.removesuffix(".__init__")] = os.path.join(d, f)
    return found


def imports(mods: dict) -> dict:
    """{module: set of orch modules it imports}, at any depth in its code."""
    graph = {}
    for name, path in mods.items():
        package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
        out = set()
        for node in ast.walk(ast.parse(open(path).read(), path)):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    out.add(sub if sub in mods else target)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
        graph[name] = {m for m in out if m in mods and m != name}
    return graph


def cycles(graph: dict) -> list:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def layer(module: str) -> int:
    for n, members in enumerate(LAYERS):
        if module in members or any(module.startswith(m + ".") for m in members if m != "orch"):
            return n
    raise AssertionError(f"{module} belongs to no layer of test_layout.LAYERS: add it where it belongs")


def test_no_import_circles():
    assert cycles(imports(modules())) == []


def test_imports_go_one_way():
    wrong = [f"{m} (layer {layer(m)}) imports {d} (layer {layer(d)})"
             for m, deps in sorted(imports(modules()).items()) for d in sorted(deps) if layer(d) > layer(m)]
    assert wrong == []


def test_the_checks_see_circles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
