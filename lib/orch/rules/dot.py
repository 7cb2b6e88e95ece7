"""What `.` is in a code template: the matched node and its surroundings.

    {{.}}                     the matched node. In wrap-expression it is the
                              node itself, moved into the new code with its
                              original position; elsewhere, a copy of its text.
    {{.AST}}                  the node as go/ast fields: {{.AST.Fun}},
                              {{.AST.Name.Name}}, {{range .AST.Args}}...;
                              nodes print as their source text (a copy:
                              reported as generated code)
    {{.Function.Name}}        the enclosing function ("" for a literal)
    {{.Function.Receiver}}    its receiver's name
    {{.Function.Argument 0}}  the name of parameter 0
    {{.Function.Result 1}}    the name of result 1 (also .Function.Returns)
    {{.Function.ArgumentOfType "context.Context"}}   first parameter of that type, or ""
    {{.Function.ResultOfType "error"}}               first result of that type, or ""
    {{.Function.ArgumentThatImplements "io.Writer"}}  first parameter whose type
                              implements the interface (method sets: orch.types), or ""
        (also ResultThatImplements, LastResultThatImplements, FinalResultImplements)
    {{.FindArgument "context.Context"}}              = .Function.ArgumentOfType
    {{range .DirectiveArgs "orch:span"}}{{.Key}}={{.Value}}{{end}}
                              the key:value arguments of the directive on the
                              node or its closest annotated ancestor
    {{Version}}               orch's version

Unnamed or `_` parameters, results and receivers asked for get names
(`__argument__0`, `__result__1`, `__receiver__0`; the other unnamed ones
become `_`), so that advice (a deferred closure included) can use them.

Node text is marked in the template's output so that the rewriter can tell
original code (whose names are the file's) from generated code (whose
import names it may rename): MOVED stands for the moved node, COPY_OPEN and
COPY_CLOSE surround copied text.
"""

from . import typenames

MOVED = "\u2983"
COPY_OPEN = "\u2985"
COPY_CLOSE = "\u2986"


class Dot:
    """The value of `.`: see the module doc."""

    def __init__(self, rw, target, moved: bool):
        self._rw = rw
        self._t = target
        self._moved = moved

    def __go_str__(self):
        if self._moved:
            return MOVED
        return self._rw.copy_text(self._t.node)

    @property
    def AST(self):
        return wrap(self._rw, self._t.node)

    @property
    def Function(self):
        stack = self._t.stack
        for i in range(len(stack) - 1, -1, -1):
            node = stack[i]
            if type(node).__name__ in ("FuncDecl", "FuncLit"):
                return FunctionView(self._rw, node, stack[:i + 1])
        raise ValueError("no function is present in this node chain")

    def DirectiveArgs(self, name: str):
        from .join.directive import directive_args
        ann = self._rw.annotations
        for node in reversed(self._t.stack):
            texts = ann.get(node.pos)
            if texts:
                args = directive_args(texts, name)
                if args is not None:
                    return [DirectiveArg(*a.partition(":")[::2]) for a in args]
        return []

    def FindArgument(self, type_name: str) -> str:
        return self.Function.ArgumentOfType(type_name)


class DirectiveArg:
    __slots__ = ("Key", "Value")

    def __init__(self, key, value):
        self.Key = key
        self.Value = value

    def __go_str__(self):
        return f"{{{self.Key} {self.Value}}}"


def wrap(rw, value):
    """A go/ast value as templates see it: nodes become NodeViews."""
    from ..golang import ast
    if isinstance(value, ast.Node):
        return NodeView(rw, value)
    if isinstance(value, list):
        return [wrap(rw, v) for v in value]
    return value


class NodeView:
    """A node's go/ast fields; prints as a copy of its source text."""

    __slots__ = ("_rw", "_node", "_stack")

    def __init__(self, rw, node, stack=None):
        self._rw = rw
        self._node = node
        self._stack = stack if stack is not None else [node]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        node = object.__getattribute__(self, "_node")
        if name not in getattr(type(node), "_fields", ()) and not hasattr(type(node), name):
            raise AttributeError(name)
        return wrap(object.__getattribute__(self, "_rw"), getattr(node, name))

    def __go_str__(self):
        return self._rw.copy_text(self._node)


class FunctionView:
    """The enclosing function's signature, naming what advice asks for."""

    __slots__ = ("_rw", "_node", "_stack")

    def __init__(self, rw, node, stack=None):
        self._rw = rw
        self._node = node
        self._stack = stack if stack is not None else [node]

    @property
    def Name(self) -> str:
        n = self._node
        return n.Name.Name if type(n).__name__ == "FuncDecl" else ""

    @property
    def Receiver(self) -> str:
        n = self._node
        if type(n).__name__ != "FuncDecl" or n.Recv is None:
            raise ValueError("the function in this context is not a method")
        return self._rw.name_field(n, "Recv", 0)

    def Argument(self, index: int) -> str:
        return self._rw.name_field(self._node, "Params", index)

    def Result(self, index: int) -> str:
        return self._rw.name_field(self._node, "Results", index)

    Returns = Result

    def _found(self, which: str, type_name: str, implements: bool) -> tuple:
        try:
            t = typenames.parse(type_name)
        except ValueError as e:
            raise ValueError(f"bad type {type_name!r}: {e}")
        fields = typenames.expand(getattr(self._node.Type, which))
        found = [i for i, (_, x) in enumerate(fields) if typenames.matches(t, x, self._rw.names)]
        pkg = getattr(self._rw, "pkg", None)
        if implements and pkg is not None and len(found) < len(fields):
            from .typeaware import implementing
            found = sorted(set(found) | set(implementing(pkg, self._rw.tree, self._stack, fields, t)))
        return fields, found

    def _of_type(self, which: str, type_name: str, last: bool = False,
                 implements: bool = False) -> str:
        _, found = self._found(which, type_name, implements)
        if not found:
            return ""
        return self._rw.name_field(self._node, which, found[-1] if last else found[0])

    def ArgumentOfType(self, type_name: str) -> str:
        return self._of_type("Params", type_name)

    def ResultOfType(self, type_name: str) -> str:
        return self._of_type("Results", type_name)

    def ArgumentThatImplements(self, type_name: str) -> str:
        return self._of_type("Params", type_name, implements=True)

    def ResultThatImplements(self, type_name: str) -> str:
        return self._of_type("Results", type_name, implements=True)

    def LastResultThatImplements(self, type_name: str) -> str:
        return self._of_type("Results", type_name, last=True, implements=True)

    def FinalResultImplements(self, type_name: str) -> bool:
        fields, found = self._found("Results", type_name, True)
        return bool(fields) and len(fields) - 1 in found

    def __go_str__(self):
        return self.Name
