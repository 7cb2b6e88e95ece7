"""The parser of Go's text/template (a port of text/template/parse).

`parse(name, text, funcs)` returns {template name: Tree} for the template
and every {{define}}/{{block}} in it, or raises ParseError with Go's message
(`template: NAME:LINE: unexpected "}" in operand`). The grammar, the
three-token lookahead, the variable scoping checks and the messages follow
parse.go closely so that errors name the same line as Go's.

Nodes print (str) as Go's Node.String(): executor messages quote them.
"""

from . import lex as L
from .strconv import SyntaxErr, parse_float, parse_int, parse_uint, quote, unquote, unquote_char

MAX_STACK_DEPTH = 10000


class ParseError(Exception):
    """A parse error; args[0] is Go's message, line the template line."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


# --- nodes -----------------------------------------------------------------------


class Node:
    __slots__ = ("pos",)


class ListNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, pos):
        self.pos, self.nodes = pos, []

    def __str__(self):
        return "".join(str(n) for n in self.nodes)


class TextNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos, text):
        self.pos, self.text = pos, text

    def __str__(self):
        return self.text


class CommentNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos, text):
        self.pos, self.text = pos, text

    def __str__(self):
        return "{{" + self.text + "}}"


class PipeNode(Node):
    __slots__ = ("line", "is_assign", "decl", "cmds")

    def __init__(self, pos, line):
        self.pos, self.line, self.is_assign, self.decl, self.cmds = pos, line, False, [], []

    def __str__(self):
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


class ActionNode(Node):
    __slots__ = ("line", "pipe")

    def __init__(self, pos, line, pipe):
        self.pos, self.line, self.pipe = pos, line, pipe

    def __str__(self):
        return "{{" + str(self.pipe) + "}}"


class CommandNode(Node):
    __slots__ = ("args",)

    def __init__(self, pos):
        self.pos, self.args = pos, []

    def __str__(self):
        return " ".join("(%s)" % a if isinstance(a, PipeNode) else str(a) for a in self.args)


class IdentifierNode(Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.pos, self.ident = pos, ident

    def __str__(self):
        return self.ident


class VariableNode(Node):
    """$x or $x.Field.Field: ident[0] is the variable, "$" included."""
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.pos, self.ident = pos, ident.split(".")

    def __str__(self):
        return ".".join(self.ident)


class DotNode(Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "."


class NilNode(Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "nil"


class FieldNode(Node):
    """.A.B: ident is ["A", "B"]."""
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.pos, self.ident = pos, ident[1:].split(".")

    def __str__(self):
        return "".join("." + i for i in self.ident)


class ChainNode(Node):
    """(pipeline).A.B or $x.A applied to a term that is not a field or variable."""
    __slots__ = ("node", "field")

    def __init__(self, pos, node):
        self.pos, self.node, self.field = pos, node, []

    def __str__(self):
        s = "(%s)" % self.node if isinstance(self.node, PipeNode) else str(self.node)
        return s + "".join("." + f for f in self.field)


class BoolNode(Node):
    __slots__ = ("true",)

    def __init__(self, pos, true):
        self.pos, self.true = pos, true

    def __str__(self):
        return "true" if self.true else "false"


class NumberNode(Node):
    """A number constant, with every Go type that can represent it."""
    __slots__ = ("is_int", "is_uint", "is_float", "is_complex", "int64", "uint64", "float64", "complex128", "text")

    def __init__(self, pos, text):
        self.pos, self.text = pos, text
        self.is_int = self.is_uint = self.is_float = self.is_complex = False
        self.int64 = self.uint64 = 0
        self.float64 = 0.0
        self.complex128 = 0j

    def __str__(self):
        return self.text


class StringNode(Node):
    __slots__ = ("quoted", "text")

    def __init__(self, pos, quoted, text):
        self.pos, self.quoted, self.text = pos, quoted, text

    def __str__(self):
        return self.quoted


class EndNode(Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "{{end}}"


class ElseNode(Node):
    __slots__ = ("line",)

    def __init__(self, pos, line):
        self.pos, self.line = pos, line

    def __str__(self):
        return "{{else}}"


class BranchNode(Node):
    __slots__ = ("line", "pipe", "list", "else_list")
    keyword = ""

    def __init__(self, pos, line, pipe, list_, else_list):
        self.pos, self.line, self.pipe, self.list, self.else_list = pos, line, pipe, list_, else_list

    def __str__(self):
        s = "{{%s %s}}%s" % (self.keyword, self.pipe, self.list)
        if self.else_list is not None:
            s += "{{else}}" + str(self.else_list)
        return s + "{{end}}"


class IfNode(BranchNode):
    __slots__ = ()
    keyword = "if"


class RangeNode(BranchNode):
    __slots__ = ()
    keyword = "range"


class WithNode(BranchNode):
    __slots__ = ()
    keyword = "with"


class BreakNode(Node):
    __slots__ = ("line",)

    def __init__(self, pos, line):
        self.pos, self.line = pos, line

    def __str__(self):
        return "{{break}}"


class ContinueNode(Node):
    __slots__ = ("line",)

    def __init__(self, pos, line):
        self.pos, self.line = pos, line

    def __str__(self):
        return "{{continue}}"


class TemplateNode(Node):
    __slots__ = ("line", "name", "pipe")

    def __init__(self, pos, line, name, pipe):
        self.pos, self.line, self.name, self.pipe = pos, line, name, pipe

    def __str__(self):
        s = "{{template " + quote(self.name)
        if self.pipe is not None:
            s += " " + str(self.pipe)
        return s + "}}"


# unicode.IsSpace (Python's str.isspace also counts \x1c-\x1f).
_GO_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def is_empty_tree(n) -> bool:
    """parse.IsEmptyTree: nothing but space and comments."""
    if n is None or isinstance(n, CommentNode):
        return True
    if isinstance(n, ListNode):
        return all(is_empty_tree(x) for x in n.nodes)
    if isinstance(n, TextNode):
        return not n.text.strip(_GO_SPACE)
    return False


# --- numbers ---------------------------------------------------------------------


def new_number(pos, text, typ) -> NumberNode:
    """parse.newNumber: raises ValueError with Go's message."""
    n = NumberNode(pos, text)
    if typ == L.CHAR_CONSTANT:
        r, _, tail = unquote_char(text, 1, text[0])  # SyntaxErr: "invalid syntax"
        if text[tail:] != "'":
            raise ValueError("malformed character constant: " + text)
        n.int64 = n.uint64 = r
        n.float64 = float(r)
        n.is_int = n.is_uint = n.is_float = True
        return n
    if typ == L.COMPLEX:
        if not any(c.isdigit() for c in text[max(text.rfind("+"), text.rfind("-")):]):
            # 2+i: fmt.Sscan, which Go leaves the pair to, wants digits.
            raise ValueError("syntax error scanning complex number")
        try:
            n.complex128 = complex(text.replace("_", "").replace("i", "j"))
        except ValueError:
            raise ValueError("expected integer") from None
        n.is_complex = True
        _simplify_complex(n)
        return n
    if text.endswith("i"):
        f = parse_float(text[:-1])
        if f is not None:
            n.is_complex = True
            n.complex128 = complex(0, f)
            _simplify_complex(n)
            return n
    u = parse_uint(text)
    if u is not None:
        n.is_uint, n.uint64 = True, u
    i = parse_int(text)
    if i is not None:
        n.is_int, n.int64 = True, i
        if i == 0:
            n.is_uint, n.uint64 = True, 0
    if n.is_int:
        n.is_float, n.float64 = True, float(n.int64)
    elif n.is_uint:
        n.is_float, n.float64 = True, float(n.uint64)
    else:
        f = parse_float(text)
        if f is not None:
            if not any(c in text for c in ".eEpP"):
                raise ValueError("integer overflow: " + quote(text))
            n.is_float, n.float64 = True, f
            if f == int(f) and -(1 << 63) <= f < (1 << 63):
                n.is_int, n.int64 = True, int(f)
            if f == int(f) and 0 <= f < (1 << 64):
                n.is_uint, n.uint64 = True, int(f)
    if not (n.is_int or n.is_uint or n.is_float):
        raise ValueError("illegal number syntax: " + quote(text))
    return n


def _simplify_complex(n: NumberNode) -> None:
    n.is_float = n.complex128.imag == 0
    if n.is_float:
        f = n.float64 = n.complex128.real
        n.is_int = f == int(f) and -(1 << 63) <= f < (1 << 63)
        if n.is_int:
            n.int64 = int(f)
        n.is_uint = f == int(f) and 0 <= f < (1 << 64)
        if n.is_uint:
            n.uint64 = int(f)


# --- the parser --------------------------------------------------------------------


class _Tree:
    """One template being parsed: Go's parse.Tree with its parsing state."""

    def __init__(self, name, parse_name, lexer, funcs, tree_set):
        self.name = name
        self.parse_name = parse_name
        self.root = None
        self.lex = lexer
        self.funcs = funcs
        self.tree_set = tree_set
        self.token = [None, None, None]
        self.peek_count = 0
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0
        self.stack_depth = 0

    # -- tokens --

    def _lex_next(self):
        item = next(self.lex, None)
        return item if item is not None else (L.EOF, 0, "EOF", self.token[0][3] if self.token[0] else 1)

    def next(self):
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.token[0] = self._lex_next()
        return self.token[self.peek_count]

    def backup(self):
        self.peek_count += 1

    def backup2(self, t1):
        self.token[1] = t1
        self.peek_count = 2

    def backup3(self, t2, t1):
        self.token[1] = t1
        self.token[2] = t2
        self.peek_count = 3

    def peek(self):
        if self.peek_count > 0:
            return self.token[self.peek_count - 1]
        self.peek_count = 1
        self.token[0] = self._lex_next()
        return self.token[0]

    def next_non_space(self):
        while True:
            token = self.next()
            if token[0] != L.SPACE:
                return token

    def peek_non_space(self):
        token = self.next_non_space()
        self.backup()
        return token

    # -- errors --

    def errorf(self, msg):
        line = self.token[0][3] if self.token[0] else 1
        raise ParseError("template: %s:%d: %s" % (self.parse_name, line, msg), line)

    def expect(self, expected, context):
        token = self.next_non_space()
        if token[0] != expected:
            self.unexpected(token, context)
        return token

    def expect_one_of(self, e1, e2, context):
        token = self.next_non_space()
        if token[0] != e1 and token[0] != e2:
            self.unexpected(token, context)
        return token

    def unexpected(self, token, context):
        if token[0] == L.ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != token[3]:
                extra = " in action started at %s:%d" % (self.parse_name, self.action_line)
                if token[2].endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf(token[2] + extra)
        self.errorf("unexpected %s in %s" % (L.item_string(token), context))

    # -- top level --

    def add(self):
        tree = self.tree_set.get(self.name)
        if tree is None or is_empty_tree(tree.root):
            self.tree_set[self.name] = self
            return
        if not is_empty_tree(self.root):
            self.errorf("template: multiple definition of template %s" % quote(self.name))

    def sub_tree(self, name):
        return _Tree(name, self.parse_name, self.lex, self.funcs, self.tree_set)

    def parse(self):
        self.root = ListNode(self.peek()[1])
        while self.peek()[0] != L.EOF:
            if self.peek()[0] == L.LEFT_DELIM:
                delim = self.next()
                if self.next_non_space()[0] == L.DEFINE:
                    self.sub_tree("definition").parse_definition()
                    continue
                self.backup2(delim)
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                self.errorf("unexpected %s" % n)
            self.root.nodes.append(n)

    def parse_definition(self):
        context = "define clause"
        name = self.expect_one_of(L.STRING, L.RAW_STRING, context)
        try:
            self.name = unquote(name[2])
        except SyntaxErr as e:
            self.errorf(str(e))
        self.expect(L.RIGHT_DELIM, context)
        self.root, end = self.item_list()
        if not isinstance(end, EndNode):
            self.errorf("unexpected %s in %s" % (end, context))
        self.add()

    def item_list(self):
        lst = ListNode(self.peek_non_space()[1])
        while self.peek_non_space()[0] != L.EOF:
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")

    def text_or_action(self):
        token = self.next_non_space()
        typ = token[0]
        if typ == L.TEXT:
            return TextNode(token[1], token[2])
        if typ == L.LEFT_DELIM:
            self.action_line = token[3]
            try:
                return self.action()
            finally:
                self.action_line = 0
        if typ == L.COMMENT:
            return CommentNode(token[1], token[2])
        self.unexpected(token, "input")

    # -- actions --

    def action(self):
        token = self.next_non_space()
        typ = token[0]
        if typ == L.BLOCK:
            return self.block_control()
        if typ == L.BREAK:
            return self.break_control(token[1], token[3])
        if typ == L.CONTINUE:
            return self.continue_control(token[1], token[3])
        if typ == L.ELSE:
            return self.else_control()
        if typ == L.END:
            return self.end_control()
        if typ == L.IF:
            return IfNode(*self.parse_control("if"))
        if typ == L.RANGE:
            return RangeNode(*self.parse_control("range"))
        if typ == L.TEMPLATE:
            return self.template_control()
        if typ == L.WITH:
            return WithNode(*self.parse_control("with"))
        self.backup()
        token = self.peek()
        # Variables declared here persist until the enclosing {{end}}.
        return ActionNode(token[1], token[3], self.pipeline("command", L.RIGHT_DELIM))

    def break_control(self, pos, line):
        token = self.next_non_space()
        if token[0] != L.RIGHT_DELIM:
            self.unexpected(token, "{{break}}")
        if self.range_depth == 0:
            self.errorf("{{break}} outside {{range}}")
        return BreakNode(pos, line)

    def continue_control(self, pos, line):
        token = self.next_non_space()
        if token[0] != L.RIGHT_DELIM:
            self.unexpected(token, "{{continue}}")
        if self.range_depth == 0:
            self.errorf("{{continue}} outside {{range}}")
        return ContinueNode(pos, line)

    def pipeline(self, context, end):
        token = self.peek_non_space()
        pipe = PipeNode(token[1], token[3])
        # Declarations: "$x :=", "$x =", "$i, $v :=" (range only).
        while True:
            v = self.peek_non_space()
            if v[0] != L.VARIABLE:
                break
            self.next()
            # Space is a token: "$x foo" needs three tokens of lookahead to
            # tell an argument from a declaration.
            token_after_variable = self.peek()
            nxt = self.peek_non_space()
            if nxt[0] == L.ASSIGN or nxt[0] == L.DECLARE:
                pipe.is_assign = nxt[0] == L.ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v[1], v[2]))
                self.vars.append(v[2])
            elif nxt[0] == L.CHAR and nxt[2] == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v[1], v[2]))
                self.vars.append(v[2])
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space()[0] in (L.VARIABLE, L.RIGHT_DELIM, L.RIGHT_PAREN):
                        continue  # the second variable of a range
                    self.errorf("range can only initialize variables")
                self.errorf("too many declarations in %s" % context)
            elif token_after_variable[0] == L.SPACE:
                self.backup3(v, token_after_variable)
            else:
                self.backup2(v)
            break
        while True:
            token = self.next_non_space()
            typ = token[0]
            if typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if typ in _OPERAND_START:
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(token, context)

    def check_pipeline(self, pipe, context):
        if not pipe.cmds:
            self.errorf("missing value for %s" % context)
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.errorf("non executable command in pipeline stage %d" % (i + 2))

    def parse_control(self, context):
        mark = len(self.vars)
        pipe = self.pipeline(context, L.RIGHT_DELIM)
        if context == "range":
            self.range_depth += 1
        lst, nxt = self.item_list()
        if context == "range":
            self.range_depth -= 1
        else_list = None
        if isinstance(nxt, ElseNode):
            # {{else if ...}} and {{else with ...}} nest an if/with whose
            # {{end}} is shared with this one.
            if context == "if" and self.peek()[0] == L.IF:
                self.next()
                else_list = ListNode(nxt.pos)
                else_list.nodes.append(IfNode(*self.parse_control("if")))
            elif context == "with" and self.peek()[0] == L.WITH:
                self.next()
                else_list = ListNode(nxt.pos)
                else_list.nodes.append(WithNode(*self.parse_control("with")))
            else:
                else_list, nxt = self.item_list()
                if not isinstance(nxt, EndNode):
                    self.errorf("expected end; found %s" % nxt)
        del self.vars[mark:]
        return pipe.pos, pipe.line, pipe, lst, else_list

    def end_control(self):
        return EndNode(self.expect(L.RIGHT_DELIM, "end")[1])

    def else_control(self):
        peek = self.peek_non_space()
        if peek[0] == L.IF or peek[0] == L.WITH:
            return ElseNode(peek[1], peek[3])
        token = self.expect(L.RIGHT_DELIM, "else")
        return ElseNode(token[1], token[3])

    def block_control(self):
        context = "block clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = self.pipeline(context, L.RIGHT_DELIM)
        block = self.sub_tree(name)
        block.root, end = block.item_list()
        if not isinstance(end, EndNode):
            self.errorf("unexpected %s in %s" % (end, context))
        block.add()
        return TemplateNode(token[1], token[3], name, pipe)

    def template_control(self):
        context = "template clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = None
        if self.next_non_space()[0] != L.RIGHT_DELIM:
            self.backup()
            pipe = self.pipeline(context, L.RIGHT_DELIM)
        return TemplateNode(token[1], token[3], name, pipe)

    def parse_template_name(self, token, context):
        if token[0] in (L.STRING, L.RAW_STRING):
            try:
                return unquote(token[2])
            except SyntaxErr as e:
                self.errorf(str(e))
        self.unexpected(token, context)

    # -- commands and operands --

    def command(self):
        cmd = CommandNode(self.peek_non_space()[1])
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            typ = token[0]
            if typ == L.SPACE:
                continue
            if typ == L.RIGHT_DELIM or typ == L.RIGHT_PAREN:
                self.backup()
            elif typ != L.PIPE:
                self.unexpected(token, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self):
        node = self.term()
        if node is None:
            return None
        if self.peek()[0] == L.FIELD:
            chain = ChainNode(self.peek()[1], node)
            while self.peek()[0] == L.FIELD:
                chain.field.append(self.next()[2][1:])
            # .X.Y and $x.Y stay fields and variables; literals can't have fields.
            if isinstance(node, FieldNode):
                node = FieldNode(chain.pos, str(chain))
            elif isinstance(node, VariableNode):
                node = VariableNode(chain.pos, str(chain))
            elif isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                self.errorf("unexpected . after term %s" % quote(str(node)))
            else:
                node = chain
        return node

    def term(self):
        token = self.next_non_space()
        typ, pos, val = token[0], token[1], token[2]
        if typ == L.IDENTIFIER:
            if val not in self.funcs:
                self.errorf("function %s not defined" % quote(val))
            return IdentifierNode(pos, val)
        if typ == L.DOT:
            return DotNode(pos)
        if typ == L.NIL:
            return NilNode(pos)
        if typ == L.VARIABLE:
            return self.use_var(pos, val)
        if typ == L.FIELD:
            return FieldNode(pos, val)
        if typ == L.BOOL:
            return BoolNode(pos, val == "true")
        if typ in (L.CHAR_CONSTANT, L.COMPLEX, L.NUMBER):
            try:
                return new_number(pos, val, typ)
            except ValueError as e:
                self.errorf(str(e))
        if typ == L.LEFT_PAREN:
            if self.stack_depth >= MAX_STACK_DEPTH:
                self.errorf("max expression depth exceeded")
            self.stack_depth += 1
            try:
                return self.pipeline("parenthesized pipeline", L.RIGHT_PAREN)
            finally:
                self.stack_depth -= 1
        if typ in (L.STRING, L.RAW_STRING):
            try:
                return StringNode(pos, val, unquote(val))
            except SyntaxErr as e:
                self.errorf(str(e))
        self.backup()
        return None

    def use_var(self, pos, name):
        v = VariableNode(pos, name)
        if v.ident[0] not in self.vars:
            self.errorf("undefined variable %s" % quote(v.ident[0]))
        return v


_OPERAND_START = frozenset((L.BOOL, L.CHAR_CONSTANT, L.COMPLEX, L.DOT, L.FIELD, L.IDENTIFIER,
                            L.NUMBER, L.NIL, L.RAW_STRING, L.STRING, L.VARIABLE, L.LEFT_PAREN))


def parse(name: str, text: str, funcs) -> dict:
    """Parse a template and its definitions: {name: tree}; trees have .root.

    funcs is the set of function names the template may call (builtins
    included): as in Go, calling any other name is a parse error.
    """
    lexer = L.lex(text, break_ok="break" not in funcs, continue_ok="continue" not in funcs)
    tree_set = {}
    t = _Tree(name, name, lexer, funcs, tree_set)
    t.parse()
    t.add()
    return tree_set
