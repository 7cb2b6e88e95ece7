"""The executor of Go's text/template (a port of text/template/exec.go).

An AST interpreter over parse's nodes with Go's semantics: the dot,
a stack of variables popped at {{end}}, pipelines passing their value as the
last argument of the next command, fields looked up as dict keys or object
attributes (a callable attribute is a method and is called), builtins and
user functions, and Go's error messages:

    template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE

The value model (see funcs): NOVALUE is Go's invalid value (a
missing key; prints "<no value>"), None a nil interface; a pipeline turns
None into NOVALUE, as Go unwraps an empty interface.
"""

import types

from . import parse as P
from .fmt import go_type_name, sort_keys, sprint
from .funcs import ANY, BUILTINS, MISSING, NONE, NOVALUE, STRING, VALUE, is_true, truth
from .strconv import go_bytes, quote

MAX_EXEC_DEPTH = 100000


class ExecError(Exception):
    """An execution error; args[0] is Go's message."""

    def __init__(self, message, line=None, col=None):
        super().__init__(message)
        self.line = line
        self.col = col


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Func:
    """A callable with the shape evalCall checks: parameter kinds, arity."""
    __slots__ = ("fn", "fixed", "variadic", "builtin", "min", "max")

    def __init__(self, fn, fixed=None, variadic=None, builtin=False):
        self.fn = fn
        self.builtin = builtin
        if fixed is not None:  # a builtin with a known signature
            self.fixed, self.variadic = fixed, variadic
            self.min = len(fixed)
            self.max = None if variadic else len(fixed)
        else:  # Python: every parameter is interface{}
            self.fixed, self.variadic = (), ANY
            self.min, self.max = _arity(fn)

    def kind(self, i):
        return self.fixed[i] if i < len(self.fixed) else self.variadic


_ARITY = {}


def _arity(fn):
    """(least, most) positional arguments of a Python callable; most None if unbounded."""
    bound = 0
    f = fn
    if isinstance(f, types.MethodType):
        bound, f = 1, f.__func__
    code = getattr(f, "__code__", None)
    if code is None:
        return 0, None  # a builtin or callable object: let the call decide
    ndefaults = len(getattr(f, "__defaults__", None) or ())
    key = (code, bound, ndefaults)
    hit = _ARITY.get(key)
    if hit is None:
        nargs = code.co_argcount - bound
        most = None if code.co_flags & 0x04 else nargs  # CO_VARARGS
        hit = _ARITY[key] = (max(nargs - ndefaults, 0), most)
    return hit


BUILTIN_FUNCS = {name: _Func(fn, fixed, variadic, builtin=True) for name, (fn, fixed, variadic) in BUILTINS.items()}


class State:
    """One execution: output, variables, the node being evaluated (for errors)."""
    __slots__ = ("tmpl", "trees", "source", "funcs", "out", "vars", "node", "depth", "missingkey", "iface_dot")

    def __init__(self, tmpl, trees, source, funcs, out, dot, depth, missingkey):
        self.tmpl = tmpl          # name of the template being executed
        self.trees = trees        # {name: tree} of the template set
        self.source = source      # (parse name, text) for positions
        self.funcs = funcs        # {name: _Func}, user functions first
        self.out = out
        self.vars = [["$", dot, False]]  # [name, value, is an element of a slice or map]
        self.node = None
        self.depth = depth
        self.missingkey = missingkey
        # Is dot an element of a slice or map? Go then calls its type
        # "interface {}" in messages (the only use of this flag).
        self.iface_dot = False

    def errorf(self, msg):
        name, text = self.source
        node = self.node
        if node is None:
            raise ExecError("template: %s: %s" % (self.tmpl, msg))
        pos = node.pos
        start = text.rfind("\n", 0, pos) + 1
        line = text.count("\n", 0, pos) + 1
        col = len(go_bytes(text[start:pos]))
        raise ExecError("template: %s:%d:%d: executing %s at <%s>: %s"
                        % (name, line, col, quote(self.tmpl), node, msg), line, col)

    # -- variables --

    def var(self, name):
        for v in reversed(self.vars):
            if v[0] == name:
                return v
        self.errorf("undefined variable: %s" % name)

    def set_var(self, name, value, iface=False):
        v = self.var(name)
        v[1], v[2] = value, iface


def execute(trees, source, name, data, funcs, missingkey="default") -> str:
    """Run template `name` of the set `trees` on data; raises ExecError."""
    tree = trees.get(name)
    out = []
    dot = NOVALUE if data is None else data
    s = State(name, trees, source, funcs, out, dot, 0, missingkey)
    if tree is None or tree.root is None:
        s.errorf("%s is an incomplete or empty template" % quote(name))
    try:
        walk(s, dot, tree.root)
    except RecursionError:  # deeply nested expressions, not templates
        raise ExecError("template: %s: exceeded maximum depth of nested expressions" % name) from None
    return "".join(out)


# --- walking the tree ------------------------------------------------------------


def walk(s, dot, node):
    s.node = node
    _WALK[type(node)](s, dot, node)


def _walk_list(s, dot, node):
    for n in node.nodes:
        s.node = n
        _WALK[type(n)](s, dot, n)


def _walk_text(s, dot, node):
    s.out.append(node.text)


def _walk_action(s, dot, node):
    # Variables declared here persist; a declaration prints nothing.
    val = eval_pipeline(s, dot, node.pipe)
    if not node.pipe.decl:
        s.node = node
        t = type(val)
        if t is str:
            s.out.append(val)
        elif val is NOVALUE:
            s.out.append("<no value>")
        else:
            s.out.append(sprint(val))


def _walk_if(s, dot, node):
    mark = len(s.vars)
    val = eval_pipeline(s, dot, node.pipe)
    if is_true(val):
        walk(s, dot, node.list)
    elif node.else_list is not None:
        walk(s, dot, node.else_list)
    del s.vars[mark:]


def _walk_with(s, dot, node):
    mark = len(s.vars)
    val = eval_pipeline(s, dot, node.pipe)
    if is_true(val):
        iface, s.iface_dot = s.iface_dot, False
        walk(s, val, node.list)
        s.iface_dot = iface
    elif node.else_list is not None:
        walk(s, dot, node.else_list)
    del s.vars[mark:]


def _walk_range(s, dot, r):
    s.node = r
    mark0, iface = len(s.vars), s.iface_dot
    try:
        _range(s, dot, r)
    except _Break:
        s.iface_dot = iface
    del s.vars[mark0:]


def _range(s, dot, r):
    val = eval_pipeline(s, dot, r.pipe)
    mark = len(s.vars)  # the range's own variables are below the mark
    decl = r.pipe.decl
    is_assign = r.pipe.is_assign
    body = r.list
    vars_ = s.vars

    def one(index, elem):
        in_iface = index is not NOVALUE  # slice and map elements; not the ints of range N
        if decl:
            if is_assign:
                if len(decl) > 1:
                    s.set_var(decl[0].ident[0], index)
                else:
                    s.set_var(decl[0].ident[0], elem, in_iface)
            else:
                vars_[-1][1:] = elem, in_iface
        if len(decl) > 1:
            if is_assign:
                s.set_var(decl[1].ident[0], elem, in_iface)
            else:
                vars_[-2][1] = index
        iface, s.iface_dot = s.iface_dot, in_iface
        try:
            walk(s, elem, body)
        except _Continue:
            pass
        s.iface_dot = iface
        del vars_[mark:]

    if isinstance(val, (list, tuple)):
        pairs = enumerate(val)
    elif isinstance(val, dict):
        pairs = ((k, val[k]) for k in sort_keys(val))
    elif isinstance(val, int) and not isinstance(val, bool):
        if len(decl) > 1:
            s.errorf("can't use %s to iterate over more than one variable" % val)
        pairs = ((NOVALUE, i) for i in range(val))  # Go 1.22: range over an int
    elif val is NOVALUE:
        pairs = ()
    elif isinstance(val, (str, bytes, bool, int, float, complex)) or not hasattr(val, "__iter__"):
        s.errorf("range can't iterate over %s" % sprint(val))
    else:  # a list-like object
        pairs = enumerate(list(val))
    ran = False
    for index, elem in pairs:
        ran = True
        one(index, elem)
    if not ran and r.else_list is not None:
        walk(s, dot, r.else_list)


def _walk_break(s, dot, node):
    raise _Break()


def _walk_continue(s, dot, node):
    raise _Continue()


def _walk_comment(s, dot, node):
    pass


def _walk_template(s, dot, t):
    s.node = t
    tree = s.trees.get(t.name)
    if tree is None:
        s.errorf("template %s not defined" % quote(t.name))
    if s.depth == MAX_EXEC_DEPTH:
        s.errorf("exceeded maximum template depth (%d)" % MAX_EXEC_DEPTH)
    # Variables declared by the pipeline persist; the callee sees only $.
    dot = eval_pipeline(s, dot, t.pipe)
    sub = State(t.name, s.trees, s.source, s.funcs, s.out, dot, s.depth + 1, s.missingkey)
    try:
        walk(sub, dot, tree.root)
    except RecursionError:
        s.node = t
        s.errorf("exceeded maximum template depth (%d)" % (s.depth + 1))


_WALK = {
    P.ListNode: _walk_list,
    P.TextNode: _walk_text,
    P.ActionNode: _walk_action,
    P.IfNode: _walk_if,
    P.WithNode: _walk_with,
    P.RangeNode: _walk_range,
    P.BreakNode: _walk_break,
    P.ContinueNode: _walk_continue,
    P.CommentNode: _walk_comment,
    P.TemplateNode: _walk_template,
}


# --- evaluating pipelines ------------------------------------------------------------


def eval_pipeline(s, dot, pipe):
    """The value of a pipeline; declared variables are pushed (or assigned)."""
    if pipe is None:
        return NOVALUE
    s.node = pipe
    value = MISSING
    for cmd in pipe.cmds:
        value = eval_command(s, dot, cmd, value)  # the previous value is the final argument
        if value is None:  # an empty interface is unwrapped: nil becomes "no value"
            value = NOVALUE
    for v in pipe.decl:
        if pipe.is_assign:
            s.set_var(v.ident[0], value)
        else:
            s.vars.append([v.ident[0], value, False])
    return value


def _not_a_function(s, args, final):
    if len(args) > 1 or final is not MISSING:
        s.errorf("can't give argument to non-function %s" % args[0])


def eval_command(s, dot, cmd, final):
    first = cmd.args[0]
    t = type(first)
    if t is P.FieldNode:
        s.node = first
        return eval_field_chain(s, dot, dot, first, first.ident, cmd.args, final, s.iface_dot)
    if t is P.ChainNode:
        return eval_chain_node(s, dot, first, cmd.args, final)
    if t is P.IdentifierNode:
        return eval_function(s, dot, first, cmd, cmd.args, final)
    if t is P.PipeNode:
        _not_a_function(s, cmd.args, final)
        return eval_pipeline(s, dot, first)
    if t is P.VariableNode:
        return eval_variable_node(s, dot, first, cmd.args, final)
    s.node = first
    _not_a_function(s, cmd.args, final)
    if t is P.StringNode:
        return first.text
    if t is P.DotNode:
        return dot
    if t is P.BoolNode:
        return first.true
    if t is P.NumberNode:
        return ideal_constant(s, first)
    if t is P.NilNode:
        s.errorf("nil is not a command")
    s.errorf("can't evaluate command %s" % quote(str(first)))


def ideal_constant(s, c):
    """A number in a context with no type: its syntax decides, as in Go."""
    s.node = c
    text = c.text
    if c.is_complex:
        return c.complex128
    if (c.is_float and not _is_hex_int(text) and not text.startswith("'")
            and any(ch in text for ch in ".eEpP")):
        return c.float64
    if c.is_int:
        return c.int64
    if c.is_uint:
        s.errorf("%s overflows int" % text)
    return NOVALUE


def _is_hex_int(text):
    return len(text) > 2 and text[0] == "0" and text[1] in "xX" and not any(ch in text for ch in "pP")


def eval_chain_node(s, dot, chain, args, final):
    s.node = chain
    if type(chain.node) is P.NilNode:
        s.errorf("indirection through explicit nil in %s" % chain)
    receiver = eval_arg(s, dot, NONE, chain.node)
    return eval_field_chain(s, dot, receiver, chain, chain.field, args, final)


def eval_variable_node(s, dot, variable, args, final):
    s.node = variable
    _, value, iface = s.var(variable.ident[0])
    if len(variable.ident) == 1:
        _not_a_function(s, args or (variable,), final)
        return value
    return eval_field_chain(s, dot, value, variable, variable.ident[1:], args, final, iface)


def eval_field_chain(s, dot, receiver, node, ident, args, final, iface=False):
    """.X.Y.Z: the last name gets the arguments if it is a method.
    iface: the receiver is an element of a map or slice (for messages)."""
    for name in ident[:-1]:
        was_map = isinstance(receiver, dict)
        receiver = eval_field(s, dot, name, node, None, MISSING, receiver, iface)
        iface = was_map
    return eval_field(s, dot, ident[-1], node, args, final, receiver, iface)


def eval_function(s, dot, node, cmd, args, final):
    s.node = node
    name = node.ident
    fn = s.funcs.get(name) or BUILTIN_FUNCS.get(name)
    if fn is None:
        s.errorf("%s is not a defined function" % quote(name))
    return eval_call(s, dot, fn, cmd, name, args, final)


_NOT_OBJECTS = (str, int, float, bool, complex, list, tuple, bytes, bytearray)


def eval_field(s, dot, name, node, args, final, receiver, iface=False):
    """.name on receiver: a map key, an attribute, or a method call."""
    if receiver is NOVALUE:
        if s.missingkey == "error":
            s.errorf("nil data; no entry for key %s" % quote(name))
        return NOVALUE
    if receiver is None:
        s.errorf("nil pointer evaluating interface {}.%s" % name)
    has_args = (args is not None and len(args) > 1) or final is not MISSING
    if isinstance(receiver, dict):
        if has_args:
            s.errorf("%s is not a method but has arguments" % name)
        try:
            return receiver[name]
        except KeyError:
            pass
        mode = s.missingkey
        if mode == "error":
            s.errorf("map has no entry for key %s" % quote(name))
        return None if mode == "zero" else NOVALUE
    if isinstance(receiver, _NOT_OBJECTS) or name[0] == "_":
        s.errorf("can't evaluate field %s in type %s" % (name, "interface {}" if iface else go_type_name(receiver)))
    try:
        attr = getattr(receiver, name)
    except AttributeError:
        s.errorf("can't evaluate field %s in type %s" % (name, go_type_name(receiver)))
    except Exception as e:  # a property that raised
        s.node = node
        s.errorf("error calling %s: %s" % (name, _message(e)))
    if callable(attr) and not isinstance(attr, type):
        return eval_call(s, dot, _Func(attr), node, name, args, final)
    if has_args:
        s.errorf("%s has arguments but cannot be invoked as function" % name)
    return attr


def eval_call(s, dot, fn, node, name, args, final):
    """Call a function or method with the command's arguments (args[0] is
    the function itself) and the piped-in final value."""
    args = args[1:] if args else ()
    num_in = len(args) + (final is not MISSING)
    if fn.max is None:
        if num_in < fn.min:
            s.errorf("wrong number of args for %s: want at least %d got %d" % (name, fn.min, len(args)))
    elif num_in < fn.min or num_in > fn.max:
        s.errorf("wrong number of args for %s: want %d got %d"
                 % (name, fn.max if num_in > fn.max else fn.min, num_in))
    if fn.builtin and (name == "and" or name == "or"):
        want = name == "or"
        v = NOVALUE
        for arg in args:
            v = eval_arg(s, dot, VALUE, arg)
            if truth(v) == want:
                return v
        if final is not MISSING:
            v = final
        return v
    argv = [eval_arg(s, dot, fn.kind(i), a) for i, a in enumerate(args)]
    if final is not MISSING:
        argv.append(validate_type(s, final, fn.kind(num_in - 1)))
    if fn.builtin and name == "call":
        callee = str(args[0]) if args else sprint(final)
        argv.insert(0, callee)
    try:
        return fn.fn(*argv)
    except (_Break, _Continue, ExecError):
        raise
    except RecursionError:
        raise
    except Exception as e:
        s.node = node
        s.errorf("error calling %s: %s" % (name, _message(e)))


def _message(e: Exception) -> str:
    text = str(e)
    return text if text else type(e).__name__


def validate_type(s, value, kind):
    if value is NOVALUE:
        if kind is ANY:
            return None
        if kind is STRING:
            s.errorf("invalid value; expected string")
        return NOVALUE
    if kind is STRING and not isinstance(value, str):
        s.errorf("wrong type for value; expected string; got %s"
                 % ("interface {}" if value is None else go_type_name(value)))
    return value


def eval_arg(s, dot, kind, n):
    s.node = n
    t = type(n)
    if t is P.DotNode:
        return validate_type(s, dot, kind)
    if t is P.NilNode:
        if kind is STRING:
            s.errorf("cannot assign nil to string")
        return None if kind is ANY else NOVALUE
    if t is P.FieldNode:
        return validate_type(s, eval_field_chain(s, dot, dot, n, n.ident, (n,), MISSING, s.iface_dot), kind)
    if t is P.VariableNode:
        return validate_type(s, eval_variable_node(s, dot, n, None, MISSING), kind)
    if t is P.PipeNode:
        return validate_type(s, eval_pipeline(s, dot, n), kind)
    if t is P.IdentifierNode:
        return validate_type(s, eval_function(s, dot, n, n, None, MISSING), kind)
    if t is P.ChainNode:
        return validate_type(s, eval_chain_node(s, dot, n, None, MISSING), kind)
    if kind is STRING:
        if t is P.StringNode:
            return n.text
        s.errorf("expected string; found %s" % n)
    if t is P.StringNode:
        return n.text
    if t is P.NumberNode:
        return ideal_constant(s, n)
    if t is P.BoolNode:
        return n.true
    s.errorf("can't handle assignment of %s to empty interface argument" % n)


def user_funcs(funcs) -> dict:
    """{name: _Func} for a {name: callable} map; None declares a name only."""
    return {name: _Func(fn) for name, fn in funcs.items() if fn is not None}
