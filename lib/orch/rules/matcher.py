"""The real match: walk one parsed file and ask each candidate rule about each node.

One walk per file, in source order, keeps what the join points look at:

    m.stack   the node and its ancestors (File first); join points read
              parents (function-body, directive, struct-literal)
    m.scope   the local names declared so far in the enclosing blocks,
              so that function-call can tell `http.Get` (the import) from
              `http.Get` where a local variable `http` shadows it
    m.names   the file's names (imports, top-level declarations), seen
              from m.scope

A statement or declaration annotated with //orch:ignore (or Orchestrion's
//orchestrion:ignore and //dd:ignore, so that code marked for Orchestrion
is left alone too), and everything in it, is matched by no rule (its
declarations still count for shadowing).
"""

from ..golang.ast import push_children
from .scopes import Scope

IGNORE = "orch:ignore"
IGNORES = (IGNORE, "orchestrion:ignore", "dd:ignore")
_IGNORABLE = ("Stmt", "Decl", "Spec")


def annotations(file) -> dict:
    """{offset: [directive comment texts]} for the comments that annotate the
    code starting at offset (see join/directive.py for the rule)."""
    src = file.src
    comments = [c for g in file.Comments for c in g.List]
    out = {}
    target_of = {}
    n = len(src)
    for c in reversed(comments):
        # Only a comment that starts its line annotates what follows.
        j = c.pos - 1
        while j >= 0 and src[j] in b" \t\r":
            j -= 1
        if j >= 0 and src[j] != 0x0A:
            continue
        k = c.end
        while k < n and src[k] in b" \t\r\n":
            k += 1
        target = target_of.get(k, k)
        target_of[c.pos] = target
        text = c.Text
        if len(text) > 2 and text[1] == "/" and text[2] not in " \t":
            out.setdefault(target, []).append(text)
    return out


class FileMatch:
    """A parsed file and what matching needs to know about it."""

    __slots__ = ("ast", "pkg", "names", "annotations", "path")

    def __init__(self, file_ast, pkg, path: str):
        from .imports import Names
        self.ast = file_ast
        self.pkg = pkg
        self.path = path
        self.names = Names.of_file(file_ast, pkg.import_path)
        self.annotations = annotations(file_ast)


class Match:
    __slots__ = ("file", "pkg", "stack", "scope", "_names", "_names_scope")

    def __init__(self, fm: FileMatch):
        self.file = fm
        self.pkg = fm.pkg
        self.stack = []
        self.scope = None
        self._names = fm.names
        self._names_scope = None

    @property
    def names(self):
        if self.scope is None:
            return self.file.names
        if self._names_scope is not self.scope:
            self._names = self.file.names.at(self.scope)
            self._names_scope = self.scope
        return self._names


def _field_names(*lists):
    out = set()
    for fl in lists:
        if fl is not None:
            for f in fl.List:
                for n in f.Names:
                    out.add(n.Name)
    return out


# Work-list actions (tuples; nodes are never tuples).
_EXIT, _POP_SCOPE, _DECLARE, _PUSH_SCOPE = 0, 1, 2, 3
_BLOCKS = frozenset(("BlockStmt", "IfStmt", "ForStmt", "SwitchStmt", "TypeSwitchStmt",
                     "CaseClause", "CommClause", "SelectStmt"))


def match_file(fm: FileMatch, rules) -> list:
    """[(aspect, node, parent)] for every node a rule selects, in source order
    (for each node, rules in definition order)."""
    by_kind, any_rules = {}, []
    needs_scope = False
    for a in rules:
        k = a.kinds
        if k == "*":
            any_rules.append(a)
        else:
            for kind in k:
                by_kind.setdefault(kind, []).append(a)
        needs_scope = needs_scope or a.join_point.needs_scope
    if any_rules:
        # Keep definition order when a node is asked both lists.
        order = {id(a): i for i, a in enumerate(rules)}
    ann = fm.annotations
    check_ignore = any(i in " ".join(v) for v in ann.values() for i in IGNORES)

    m = Match(fm)
    stack = m.stack
    out = []
    ignoring = 0
    work = [fm.ast]
    pop, push = work.pop, work.append
    while work:
        item = pop()
        if type(item) is tuple:
            op, arg = item
            if op == _EXIT:
                stack.pop()
                if arg:
                    ignoring -= 1
            elif op == _POP_SCOPE:
                m.scope = m.scope.parent
            elif op == _DECLARE:
                if m.scope is not None:
                    m.scope.names.update(arg)
            else:
                m.scope = Scope(m.scope, arg)
            continue
        node = item
        cls = type(node)
        kind = cls.__name__
        ignored = False
        if check_ignore and node.pos in ann and (kind == "File" or cls.__bases__[0].__name__ in _IGNORABLE):
            if any(t == "//" + i or t.startswith("//" + i + " ") for t in ann[node.pos] for i in IGNORES):
                ignored = True
                ignoring += 1
        stack.append(node)
        if not ignoring:
            cands = by_kind.get(kind)
            if any_rules:
                cands = sorted((cands or []) + any_rules, key=lambda a: order[id(a)])
            if cands:
                i = len(stack) - 1
                parent = stack[i - 1] if i else None
                for a in cands:
                    m.pkg.asking = a        # named by the type layer's warnings (typewarn.py)
                    if a.join_point.matches(m, i):
                        out.append((a, node, parent))
        push((_EXIT, ignored))
        if needs_scope:
            _push_children_scoped(node, kind, work)
        else:
            push_children(node, work)
    return out


def _push_children_scoped(node, kind, work):
    """Children in source order, with the scope actions Go's scoping needs.
    (The work list is a stack: everything is pushed in reverse.)"""
    push = work.append
    if kind == "FuncDecl" or kind == "FuncLit":
        t = node.Type
        names = _field_names(t.TypeParams, t.Params, t.Results)
        if kind == "FuncDecl":
            names |= _field_names(node.Recv)
        if node.Body is not None:
            push((_POP_SCOPE, None))
            push(node.Body)
            push((_PUSH_SCOPE, names))
        push(t)
        if kind == "FuncDecl":
            push(node.Name)
            if node.Recv is not None:
                push(node.Recv)
        return
    if kind == "RangeStmt":
        push((_POP_SCOPE, None))
        push(node.Body)
        for x in (node.Value, node.Key):
            if x is not None:
                push(x)
        from ..golang import token
        if node.Tok == token.DEFINE:
            push((_DECLARE, {x.Name for x in (node.Key, node.Value) if type(x).__name__ == "Ident"}))
        push(node.X)
        push((_PUSH_SCOPE, set()))
        return
    if kind == "AssignStmt":
        from ..golang import token
        if node.Tok == token.DEFINE:
            push((_DECLARE, {x.Name for x in node.Lhs if type(x).__name__ == "Ident"}))
        push_children(node, work)
        return
    if kind == "ValueSpec":
        push((_DECLARE, {n.Name for n in node.Names}))
        push_children(node, work)
        return
    if kind == "TypeSpec":
        push_children(node, work)
        push((_DECLARE, {node.Name.Name}))
        return
    if kind in _BLOCKS:
        push((_POP_SCOPE, None))
        push_children(node, work)
        push((_PUSH_SCOPE, set()))
        return
    push_children(node, work)
