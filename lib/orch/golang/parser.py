"""The Go parser: a port of go/parser (GOROOT/src/go/parser/parser.go).

One parse method per grammar rule, in the same order and with the same
names (snake_case) as go/parser, so that the two can be read side by side;
the error handling is the same too (same messages, errors collected, at
most one per line, bail out after ten), so that orch rejects exactly the
files Go rejects. The mode is gofmt's: ParseComments | SkipObjectResolution.

The parser keeps one token of look-ahead in self.tok/self.pos/self.lit and
reads the scanner's chunks of parallel lists (see scanner.py). Nodes are
made with the ast classes' constructors, which append records to the
file's tree (ast.Tree: parse_file brackets the parse with ast.begin/end).
"""

import gc
import re
import sys

from . import ast as A
from . import token as T
from .lines import LineTable
from .scanner import Scanner

# Tokens as module constants: a global load is cheaper than an attribute load.
ILLEGAL, EOF, COMMENT, IDENT, INT, FLOAT, IMAG, CHAR, STRING = (
    T.ILLEGAL, T.EOF, T.COMMENT, T.IDENT, T.INT, T.FLOAT, T.IMAG, T.CHAR, T.STRING)
ADD, SUB, MUL, QUO, REM, AND, OR, XOR, SHL, SHR, AND_NOT = (
    T.ADD, T.SUB, T.MUL, T.QUO, T.REM, T.AND, T.OR, T.XOR, T.SHL, T.SHR, T.AND_NOT)
LAND, LOR, ARROW, INC, DEC, EQL, LSS, GTR, ASSIGN, NOT = (
    T.LAND, T.LOR, T.ARROW, T.INC, T.DEC, T.EQL, T.LSS, T.GTR, T.ASSIGN, T.NOT)
NEQ, LEQ, GEQ, DEFINE, ELLIPSIS = T.NEQ, T.LEQ, T.GEQ, T.DEFINE, T.ELLIPSIS
LPAREN, LBRACK, LBRACE, COMMA, PERIOD, RPAREN, RBRACK, RBRACE, SEMICOLON, COLON = (
    T.LPAREN, T.LBRACK, T.LBRACE, T.COMMA, T.PERIOD, T.RPAREN, T.RBRACK, T.RBRACE,
    T.SEMICOLON, T.COLON)
BREAK, CASE, CHAN, CONST, CONTINUE, DEFAULT, DEFER, ELSE, FALLTHROUGH, FOR = (
    T.BREAK, T.CASE, T.CHAN, T.CONST, T.CONTINUE, T.DEFAULT, T.DEFER, T.ELSE,
    T.FALLTHROUGH, T.FOR)
FUNC, GO, GOTO, IF, IMPORT, INTERFACE, MAP, PACKAGE, RANGE, RETURN = (
    T.FUNC, T.GO, T.GOTO, T.IF, T.IMPORT, T.INTERFACE, T.MAP, T.PACKAGE, T.RANGE, T.RETURN)
SELECT, STRUCT, SWITCH, TYPE, VAR, TILDE = T.SELECT, T.STRUCT, T.SWITCH, T.TYPE, T.VAR, T.TILDE

PREC = T.PRECEDENCE
STRINGS = T.STRINGS

Ident, BasicLit, BadExpr = A.Ident, A.BasicLit, A.BadExpr
_ident, _basic_lit, _records = A._ident, A._basic_lit, A.records
SelectorExpr, CallExpr, IndexExpr, IndexListExpr = A.SelectorExpr, A.CallExpr, A.IndexExpr, A.IndexListExpr
StarExpr, UnaryExpr, BinaryExpr, ParenExpr = A.StarExpr, A.UnaryExpr, A.BinaryExpr, A.ParenExpr
CompositeLit, KeyValueExpr, FuncLit = A.CompositeLit, A.KeyValueExpr, A.FuncLit
Field, FieldList = A.Field, A.FieldList
ExprStmt, AssignStmt, BlockStmt = A.ExprStmt, A.AssignStmt, A.BlockStmt

STMT_START = frozenset((BREAK, CONST, CONTINUE, DEFER, FALLTHROUGH, FOR, GO, GOTO, IF,
                        RETURN, SELECT, SWITCH, TYPE, VAR))
DECL_START = frozenset((IMPORT, CONST, TYPE, VAR))
EXPR_END = frozenset((COMMA, COLON, SEMICOLON, RPAREN, RBRACK, RBRACE))
ASSIGN_OPS = frozenset((DEFINE, ASSIGN, T.ADD_ASSIGN, T.SUB_ASSIGN, T.MUL_ASSIGN, T.QUO_ASSIGN,
                        T.REM_ASSIGN, T.AND_ASSIGN, T.OR_ASSIGN, T.XOR_ASSIGN, T.SHL_ASSIGN,
                        T.SHR_ASSIGN, T.AND_NOT_ASSIGN))
# Tokens that may start a simple statement (an expression).
SIMPLE_STMT_START = frozenset((IDENT, INT, FLOAT, IMAG, CHAR, STRING, FUNC, LPAREN, LBRACK, STRUCT,
                               MAP, CHAN, INTERFACE, ADD, SUB, MUL, AND, XOR, ARROW, NOT))
UNARY_OPS = frozenset((ADD, SUB, NOT, XOR, AND, TILDE))
BASIC_LITS = frozenset((INT, FLOAT, IMAG, CHAR, STRING))
PARAM_TYPE_START = frozenset((IDENT, MUL, ARROW, FUNC, CHAN, MAP, STRUCT, INTERFACE, LPAREN))
PARAM_START = frozenset((MUL, ARROW, FUNC, LBRACK, CHAN, MAP, STRUCT, INTERFACE, LPAREN))

# Basic modes of parse_simple_stmt.
BASIC, LABEL_OK, RANGE_OK = 0, 1, 2

# Skimming (parse_file's skim): what in a brace block can hold a brace
# that does not count (strings, runes, comments), the braces, and the
# openings of what is not terminated (the block is then parsed, and the
# parse reports the error as Go does).
_BLOCK_TOKENS = re.compile(rb'''[{}]|"(?:[^"\\\n]|\\.)*+"|`[^`]*+`|'(?:[^'\\\n]|\\.)*+'|//[^\n]*+|/\*(?s:.*?)\*/|["'`]|/\*''')
_LINE_DIRECTIVE = re.compile(rb"(?://|/\*)line ")


class _Bailout(Exception):
    """More than ten errors: stop parsing (go/parser's bailout panic)."""


def _text(lit: str) -> str:
    """A literal from the latin-1 view as a real str (UTF-8 decoded)."""
    if lit.isascii():
        return lit
    return lit.encode("latin-1").decode("utf-8", "replace")


def _comment_text(lit: str) -> str:
    """A comment's Text from its raw text (latin-1 view)."""
    return A._comment_text(_text(lit))


class Parser:
    __slots__ = (
        "src", "filename", "lines", "scanner", "tree",
        "kinds", "poss", "lits", "scan_errs", "err_at", "i", "n",
        "tok", "pos", "lit",
        "errors", "comments", "lead_comment", "line_comment", "top", "go_version",
        "sync_pos", "sync_cnt", "expr_lev", "in_rhs", "imports", "generic_methods", "skim",
    )

    def __init__(self, src: bytes, filename: str, generic_methods: bool = True, skim=None):
        self.src = src
        self.generic_methods = generic_methods
        self.skim = skim
        self.filename = filename
        self.lines = LineTable(src, filename)
        self.tree = A.Tree(src, filename, self.lines)    # the node constructors' (see parse_file)
        self.scanner = Scanner(src, self.lines)
        self.kinds, self.poss, self.lits, self.scan_errs = [], [], [], []
        self.err_at = -1
        self.i = -1
        self.n = 0
        self.tok = ILLEGAL
        self.pos = -1
        self.lit = ""
        self.errors = []           # [(offset, message, (filename, line, column))]
        self.comments = _records()
        self.lead_comment = None
        self.line_comment = None
        self.go_version = ""
        self.sync_pos = -1
        self.sync_cnt = 0
        self.expr_lev = 0
        self.in_rhs = False
        self.imports = _records()
        self.top = True         # before the first token (a //go:build line counts)

    def start(self):
        """Read the first token (nodes can be made from here on: comments)."""
        self.next()
        self.top = False

    # ------------------------------------------------------------------------
    # Tokens and comments

    def _refill(self):
        # Drop the spent chunk's tokens first: they would otherwise be alive
        # with the new chunk's at the peak of a parse.
        self.kinds = self.poss = self.lits = None
        kinds, poss, lits, errs = self.scanner.scan()
        self.kinds, self.poss, self.lits = kinds, poss, lits
        self.n = len(kinds)
        self.scan_errs = errs
        self.err_at = errs[0][0] if errs else -1
        self.i = -1

    def _scan_errors(self, i):
        """Report the scanner's errors for token i, as go/scanner does when scanning it."""
        errs = self.scan_errs
        while errs and errs[0][0] == i:
            _, off, msg = errs.pop(0)
            self.errors.append((off, msg, self.lines.position(off)))
        self.err_at = errs[0][0] if errs else -1

    def next0(self):
        """Advance to the next token, comments included (go/parser next0)."""
        i = self.i + 1
        if i >= self.n:
            self._refill()
            i = 0
        self.i = i
        self.tok = tok = self.kinds[i]
        self.pos = self.poss[i]
        self.lit = self.lits[i]
        if i == self.err_at:
            self._scan_errors(i)
        if tok == COMMENT and self.top and self.lit.startswith("//go:build"):
            self._go_build(self.lit)

    def _go_build(self, lit):
        from . import constraint
        try:
            self.go_version = constraint.go_version(constraint.parse(_comment_text(lit)))
        except ValueError:
            pass

    def next(self):
        """Advance to the next non-comment token, collecting comment groups
        and noting the lead and line comments (go/parser next)."""
        self.lead_comment = None
        self.line_comment = None
        prev = self.pos
        # next0, inlined: this is the hottest function of the parser (calling
        # next0 instead makes the whole parse ~3.5% slower, measured).
        i = self.i + 1
        if i >= self.n:
            self._refill()
            i = 0
        self.i = i
        self.tok = tok = self.kinds[i]
        self.pos = self.poss[i]
        self.lit = self.lits[i]
        if i == self.err_at:
            self._scan_errors(i)
        if tok == COMMENT:
            if self.top and self.lit.startswith("//go:build"):
                self._go_build(self.lit)
            if self.skim == "signatures":
                # (declarations only: no comment is kept)
                while self.tok == COMMENT:
                    self.next0()
            else:
                self._comments(prev)

    def _comments(self, prev):
        line = self.lines.line
        comment = None
        if line(self.pos) == line(prev):
            # On the same line as the previous token: maybe a line comment.
            comment, endline = self._consume_comment_group(0)
            if line(self.pos) != endline or self.tok == SEMICOLON or self.tok == EOF:
                self.line_comment = comment
        endline = -1
        while self.tok == COMMENT:
            comment, endline = self._consume_comment_group(1)
        if endline + 1 == line(self.pos):
            # The next token follows on the next line: a lead comment.
            self.lead_comment = comment

    def _consume_comment_group(self, n):
        line = self.lines.line
        items = []
        endline = line(self.pos)
        while self.tok == COMMENT and line(self.pos) <= endline + n:
            lit = self.lit
            endline = line(self.pos)
            if lit[1] == "*":
                endline += lit.count("\n")
            c = A.Comment(self.pos, len(lit))
            if items:
                items.append(c)
            else:
                items = [c]
            self.next0()
        group = A.CommentGroup(items)
        self.comments.append(group._i)
        return group, endline

    # ------------------------------------------------------------------------
    # Errors

    def error(self, pos, msg):
        where = self.lines.position(pos)
        errors = self.errors
        if errors:
            if errors[-1][2][1] == where[1]:
                return     # one error per line: likely a spurious follow-on
            if len(errors) > 10:
                raise _Bailout()
        errors.append((pos, msg, where))

    def error_expected(self, pos, msg):
        msg = "expected " + msg
        if pos == self.pos:
            tok = self.tok
            if tok == SEMICOLON and self.lit == "\n":
                msg += ", found newline"
            elif IDENT <= tok <= STRING:
                lit = _text(self.lit)
                if lit[0] == "`" and "\r" in lit:
                    lit = lit.replace("\r", "")
                msg += ", found " + lit
            else:
                msg += ", found '" + STRINGS[tok] + "'"
        self.error(pos, msg)

    def expect(self, tok):
        pos = self.pos
        if self.tok != tok:
            self.error_expected(pos, "'" + STRINGS[tok] + "'")
        self.next()
        return pos

    def expect2(self, tok):
        """Like expect, but None if the token is not there."""
        pos = None
        if self.tok == tok:
            pos = self.pos
        else:
            self.error_expected(self.pos, "'" + STRINGS[tok] + "'")
        self.next()
        return pos

    def expect_closing(self, tok, context):
        if self.tok != tok and self.tok == SEMICOLON and self.lit == "\n":
            self.error(self.pos, "missing ',' before newline in " + context)
            self.next()
        return self.expect(tok)

    def expect_semi(self):
        """Consume a semicolon; return the line comment that goes with it."""
        tok = self.tok
        if tok == RPAREN or tok == RBRACE:
            return None
        if tok == SEMICOLON or tok == COMMA:
            if tok == COMMA:
                self.error_expected(self.pos, "';'")
            if self.lit == ";":
                self.next()
                return self.line_comment     # the comments after the ';'
            comment = self.line_comment      # the comments before the newline
            self.next()
            return comment
        self.error_expected(self.pos, "';'")
        self.advance(STMT_START)
        return None

    def at_comma(self, context, follow):
        if self.tok == COMMA:
            return True
        if self.tok != follow:
            msg = "missing ','"
            if self.tok == SEMICOLON and self.lit == "\n":
                msg += " before newline"
            self.error(self.pos, msg + " in " + context)
            return True
        return False

    def bad(self, cls, expected, to):
        """Report that `expected` is missing, skip to a token in `to` and
        return a BadExpr/BadStmt/BadDecl (cls) for what was skipped."""
        pos = self.pos
        self.error_expected(pos, expected)
        self.advance(to)
        return cls(pos, self.pos)

    def advance(self, to):
        """Skip to a token in `to` (error recovery), making progress."""
        while self.tok != EOF:
            if self.tok in to:
                if self.pos == self.sync_pos and self.sync_cnt < 10:
                    self.sync_cnt += 1
                    return
                if self.pos > self.sync_pos:
                    self.sync_pos = self.pos
                    self.sync_cnt = 0
                    return
            self.next()

    # ------------------------------------------------------------------------
    # Identifiers

    def parse_ident(self):
        pos = self.pos
        if self.tok == IDENT:
            n = len(self.lit)      # (bytes: lit is the latin-1 view of the source)
            self.next()
            return _ident(pos, n)
        self.expect(IDENT)
        return Ident(pos, "_")

    # (Lists start as [x], cheaper than [] then append; the node stores a
    # one-element list as its element, see ast._compact.)

    def parse_ident_list(self):
        lst = [self.parse_ident()]
        while self.tok == COMMA:
            self.next()
            lst.append(self.parse_ident())
        return lst

    # ------------------------------------------------------------------------
    # Common productions

    def parse_expr_list(self):
        lst = [self.parse_expr()]
        while self.tok == COMMA:
            self.next()
            lst.append(self.parse_expr())
        return lst

    def parse_list(self, in_rhs):
        old = self.in_rhs
        self.in_rhs = in_rhs
        lst = self.parse_expr_list()
        self.in_rhs = old
        return lst

    # ------------------------------------------------------------------------
    # Types

    def parse_type(self):
        typ = self.try_ident_or_type()
        if typ is None:
            return self.bad(BadExpr, "type", EXPR_END)
        return typ

    def parse_qualified_ident(self, ident):
        typ = self.parse_type_name(ident)
        if self.tok == LBRACK:
            typ = self.parse_type_instance(typ)
        return typ

    def parse_type_name(self, ident):
        if ident is None:
            ident = self.parse_ident()
        if self.tok == PERIOD:
            self.next()
            return SelectorExpr(ident, self.parse_ident())
        return ident

    def parse_array_type(self, lbrack, length):
        """`[` already consumed at lbrack; length is the parsed length, if any."""
        if length is None:
            self.expr_lev += 1
            if self.tok == ELLIPSIS:
                length = A.Ellipsis(self.pos, None)
                self.next()
            elif self.tok != RBRACK:
                length = self.parse_rhs()
            self.expr_lev -= 1
        if self.tok == COMMA:
            # Trailing commas are accepted in type parameter lists
            # but not in array type declarations.
            self.error(self.pos, "unexpected comma; expecting ]")
            self.next()
        self.expect(RBRACK)
        elt = self.parse_type()
        return A.ArrayType(lbrack, length, elt)

    def parse_array_field_or_type_instance(self, x):
        lbrack = self.expect(LBRACK)
        trailing_comma = None
        args = []
        if self.tok != RBRACK:
            self.expr_lev += 1
            args.append(self.parse_rhs())
            while self.tok == COMMA:
                comma = self.pos
                self.next()
                if self.tok == RBRACK:
                    trailing_comma = comma
                    break
                args.append(self.parse_rhs())
            self.expr_lev -= 1
        rbrack = self.expect(RBRACK)
        if not args:
            # x []E
            elt = self.parse_type()
            return x, A.ArrayType(lbrack, None, elt)
        # x [P]E or x[P]
        if len(args) == 1:
            elt = self.try_ident_or_type()
            if elt is not None:
                # x [P]E
                if trailing_comma is not None:
                    self.error(trailing_comma, "unexpected comma; expecting ]")
                return x, A.ArrayType(lbrack, args[0], elt)
        # x[P], x[P1, P2], ...
        return None, _pack_index_expr(x, lbrack, args, rbrack)

    def parse_field_decl(self):
        doc = self.lead_comment
        names = []
        tok = self.tok
        if tok == IDENT:
            name = self.parse_ident()
            tok = self.tok
            if tok == PERIOD or tok == STRING or tok == SEMICOLON or tok == RBRACE:
                # embedded type
                typ = name
                if tok == PERIOD:
                    typ = self.parse_qualified_ident(name)
            else:
                # name1, name2, ... T
                names = [name]
                while self.tok == COMMA:
                    self.next()
                    names.append(self.parse_ident())
                # Careful dance: We don't know if we have an embedded instantiated
                # type T[P1, P2, ...] or a field T of array type []E or [P]E.
                if len(names) == 1 and self.tok == LBRACK:
                    name, typ = self.parse_array_field_or_type_instance(name)
                    if name is None:
                        names = []
                else:
                    # T P
                    typ = self.parse_type()
        elif tok == MUL:
            star = self.pos
            self.next()
            if self.tok == LPAREN:
                # *(T)
                self.error(self.pos, "cannot parenthesize embedded type")
                self.next()
                typ = self.parse_qualified_ident(None)
                if self.tok == RPAREN:
                    self.next()
            else:
                # *T
                typ = self.parse_qualified_ident(None)
            typ = StarExpr(star, typ)
        elif tok == LPAREN:
            self.error(self.pos, "cannot parenthesize embedded type")
            self.next()
            if self.tok == MUL:
                # (*T)
                star = self.pos
                self.next()
                typ = StarExpr(star, self.parse_qualified_ident(None))
            else:
                # (T)
                typ = self.parse_qualified_ident(None)
            if self.tok == RPAREN:
                self.next()
        else:
            typ = self.bad(BadExpr, "field name or embedded type", EXPR_END)

        tag = None
        if self.tok == STRING:
            tag = self._basic_lit()
        comment = self.expect_semi()
        return Field(doc, names, typ, tag, comment)

    def parse_struct_type(self):
        pos = self.expect(STRUCT)
        lbrace = self.expect(LBRACE)
        lst = _records()
        while self.tok == IDENT or self.tok == MUL or self.tok == LPAREN:
            # a field declaration cannot start with a '(' but we accept
            # it here for more robust parsing and better error messages
            # (parse_field_decl will check and complain if necessary)
            lst.append(self.parse_field_decl()._i)
        rbrace = self.expect(RBRACE)
        return A.StructType(pos, FieldList(lbrace, lst, rbrace))

    def parse_pointer_type(self):
        star = self.expect(MUL)
        return StarExpr(star, self.parse_type())

    def parse_dots_type(self):
        pos = self.expect(ELLIPSIS)
        return A.Ellipsis(pos, self.parse_type())

    def parse_param_decl(self, name, type_sets_ok):
        """Returns [name, typ] (either may be None)."""
        ptok = self.tok
        if name is not None:
            self.tok = IDENT       # force the IDENT case below
        elif type_sets_ok and self.tok == TILDE:
            # "~" ...
            return [None, self.embedded_elem(None)]

        f = [None, None]
        tok = self.tok
        if tok == IDENT:
            # name
            if name is not None:
                f[0] = name
                self.tok = ptok
            else:
                f[0] = self.parse_ident()
            tok = self.tok
            if tok in PARAM_TYPE_START:
                # name type
                f[1] = self.parse_type()
            elif tok == LBRACK:
                # name "[" type1, ..., typeN "]" or name "[" n "]" type
                f[0], f[1] = self.parse_array_field_or_type_instance(f[0])
            elif tok == ELLIPSIS:
                # name "..." type
                f[1] = self.parse_dots_type()
                return f     # don't allow ...type "|" ...
            elif tok == PERIOD:
                # name "." ...
                f[1] = self.parse_qualified_ident(f[0])
                f[0] = None
            elif tok == TILDE:
                if type_sets_ok:
                    f[1] = self.embedded_elem(None)
                    return f
            elif tok == OR:
                if type_sets_ok:
                    # name "|" typeset
                    f[1] = self.embedded_elem(f[0])
                    f[0] = None
                    return f
        elif tok in PARAM_START:
            # type
            f[1] = self.parse_type()
        elif tok == ELLIPSIS:
            # "..." type (always accepted)
            f[1] = self.parse_dots_type()
            return f
        else:
            self.error_expected(self.pos, "')'")
            self.advance(EXPR_END)

        # [name] type "|"
        if type_sets_ok and self.tok == OR and f[1] is not None:
            f[1] = self.embedded_elem(f[1])
        return f

    def parse_parameter_list(self, name0, typ0, closing, dddok):
        # Type parameters are the only parameter list closed by ']'.
        tparams = closing == RBRACK

        pos0 = self.pos
        if name0 is not None:
            pos0 = name0.NamePos
        elif typ0 is not None:
            pos0 = typ0.pos

        lst = []
        named = 0     # parameters that have an explicit name and type
        typed = 0     # parameters that have an explicit type
        while name0 is not None or (self.tok != closing and self.tok != EOF):
            if typ0 is not None:
                if tparams:
                    typ0 = self.embedded_elem(typ0)
                par = [name0, typ0]
            else:
                par = self.parse_param_decl(name0, tparams)
            name0 = None
            typ0 = None
            if par[0] is not None or par[1] is not None:
                lst.append(par)
                if par[0] is not None and par[1] is not None:
                    named += 1
                if par[1] is not None:
                    typed += 1
            if not self.at_comma("parameter list", closing):
                break
            self.next()

        if not lst:
            return []

        # distribute parameter types (len(lst) > 0)
        if named == 0:
            # all unnamed => found names are type names
            for par in lst:
                if par[0] is not None:
                    par[1] = par[0]
                    par[0] = None
            if tparams:
                if named == typed:
                    err_pos = self.pos
                    msg = "missing type constraint"
                else:
                    err_pos = pos0
                    msg = "missing type parameter name"
                    if len(lst) == 1:
                        msg += " or invalid array length"
                self.error(err_pos, msg)
        elif named != len(lst):
            # some named or we're in a type parameter list => all must be named
            err_pos = None
            typ = None
            for par in reversed(lst):
                if par[1] is not None:
                    typ = par[1]
                    if par[0] is None:
                        err_pos = typ.pos
                        par[0] = Ident(err_pos, "_")
                elif typ is not None:
                    par[1] = typ
                else:
                    # par.typ == nil && typ == nil => we only have a par.name
                    err_pos = par[0].NamePos
                    par[1] = BadExpr(err_pos, self.pos)
            if err_pos is not None:
                if named == typed:
                    err_pos = self.pos
                    msg = "missing type constraint" if tparams else "missing parameter type"
                elif tparams:
                    msg = "missing type parameter name"
                    if len(lst) == 1:
                        msg += " or invalid array length"
                else:
                    msg = "missing parameter name"
                self.error(err_pos, msg)

        # check use of ...
        first = True
        for i, par in enumerate(lst):
            t = par[1]
            if type(t) is A.Ellipsis and (not dddok or i + 1 < len(lst)):
                if first:
                    first = False
                    if dddok:
                        self.error(t.Ellipsis, "can only use ... with final parameter")
                    else:
                        self.error(t.Ellipsis, "invalid use of ...")
                par[1] = BadExpr(t.pos, t.end)

        if named == 0:
            # parameter list consists of types only
            return [Field(None, [], par[1], None, None) for par in lst]

        # named parameters with types: group the names of each type
        params = []
        names = []
        typ = None
        for par in lst:
            if par[1] is not typ:
                if names:
                    params.append(Field(None, names, typ, None, None))
                    names = []
                typ = par[1]
            names.append(par[0])
        if names:
            params.append(Field(None, names, typ, None, None))
        return params

    def parse_type_parameters(self):
        lbrack = self.expect(LBRACK)
        lst = []
        if self.tok != RBRACK:
            lst = self.parse_parameter_list(None, None, RBRACK, False)
        rbrack = self.expect(RBRACK)
        if not lst:
            self.error(rbrack, "empty type parameter list")
            return None
        return FieldList(lbrack, lst, rbrack)

    def parse_parameters(self, result):
        if not result or self.tok == LPAREN:
            lparen = self.expect(LPAREN)
            lst = []
            if self.tok != RPAREN:
                lst = self.parse_parameter_list(None, None, RPAREN, not result)
            rparen = self.expect(RPAREN)
            return FieldList(lparen, lst, rparen)
        typ = self.try_ident_or_type()
        if typ is not None:
            return FieldList(None, [Field(None, [], typ, None, None)], None)
        return None

    def parse_func_type(self):
        pos = self.expect(FUNC)
        # accept type parameters for more tolerant parsing but complain
        if self.tok == LBRACK:
            tparams = self.parse_type_parameters()
            if tparams is not None:
                self.error(tparams.Opening, "function type must have no type parameters")
        params = self.parse_parameters(False)
        results = self.parse_parameters(True)
        return A.FuncType(pos, None, params, results)

    def parse_method_spec(self):
        doc = self.lead_comment
        idents = []
        x = self.parse_type_name(None)
        if type(x) is Ident:
            ident = x
            if self.tok == LBRACK:
                # generic method or embedded instantiated type
                lbrack = self.pos
                self.next()
                self.expr_lev += 1
                x = self.parse_expr()
                self.expr_lev -= 1
                if type(x) is Ident and self.tok != COMMA and self.tok != RBRACK:
                    # generic method m[T any]: parsed for a better error message
                    self.parse_parameter_list(x, None, RBRACK, False)
                    self.expect(RBRACK)
                    self.error(lbrack, "interface method must have no type parameters")
                    params = self.parse_parameters(False)
                    results = self.parse_parameters(True)
                    idents = [ident]
                    typ = A.FuncType(None, None, params, results)
                else:
                    # embedded instantiated type
                    lst = [x]
                    if self.at_comma("type argument list", RBRACK):
                        self.next()
                        self.parse_type_args(lst)
                    rbrack = self.expect_closing(RBRACK, "type argument list")
                    typ = _pack_index_expr(ident, lbrack, lst, rbrack)
            elif self.tok == LPAREN:
                # ordinary method
                params = self.parse_parameters(False)
                results = self.parse_parameters(True)
                idents = [ident]
                typ = A.FuncType(None, None, params, results)
            else:
                # embedded type
                typ = x
        else:
            # embedded, possibly instantiated type
            typ = x
            if self.tok == LBRACK:
                # embedded instantiated interface
                typ = self.parse_type_instance(typ)
        # The comment is added by the caller: the field may be joined with
        # more terms using '|'.
        return Field(doc, idents, typ, None, None)

    def embedded_elem(self, x):
        if x is None:
            x = self.embedded_term()
        while self.tok == OR:
            pos = self.pos
            self.next()
            x = BinaryExpr(x, pos, OR, self.embedded_term())
        return x

    def embedded_term(self):
        if self.tok == TILDE:
            pos = self.pos
            self.next()
            return UnaryExpr(pos, TILDE, self.parse_type())
        t = self.try_ident_or_type()
        if t is None:
            return self.bad(BadExpr, "~ term or type", EXPR_END)
        return t

    def parse_interface_type(self):
        pos = self.expect(INTERFACE)
        lbrace = self.expect(LBRACE)
        lst = []
        while True:
            if self.tok == IDENT:
                f = self.parse_method_spec()
                if not f.Names:
                    f.Type = self.embedded_elem(f.Type)
                f.Comment = self.expect_semi()
                lst.append(f)
            elif self.tok == TILDE:
                typ = self.embedded_elem(None)
                comment = self.expect_semi()
                lst.append(Field(None, [], typ, None, comment))
            else:
                t = self.try_ident_or_type()
                if t is None:
                    break
                typ = self.embedded_elem(t)
                comment = self.expect_semi()
                lst.append(Field(None, [], typ, None, comment))
        rbrace = self.expect(RBRACE)
        return A.InterfaceType(pos, FieldList(lbrace, lst, rbrace))

    def parse_map_type(self):
        pos = self.expect(MAP)
        self.expect(LBRACK)
        key = self.parse_type()
        self.expect(RBRACK)
        value = self.parse_type()
        return A.MapType(pos, key, value)

    def parse_chan_type(self):
        pos = self.pos
        direction = A.SEND | A.RECV
        arrow = None
        if self.tok == CHAN:
            self.next()
            if self.tok == ARROW:
                arrow = self.pos
                self.next()
                direction = A.SEND
        else:
            arrow = self.expect(ARROW)
            self.expect(CHAN)
            direction = A.RECV
        value = self.parse_type()
        return A.ChanType(pos, arrow, direction, value)

    def parse_type_args(self, lst):
        """Types separated by commas, up to the ']', appended to lst."""
        self.expr_lev += 1
        while self.tok != RBRACK and self.tok != EOF:
            lst.append(self.parse_type())
            if not self.at_comma("type argument list", RBRACK):
                break
            self.next()
        self.expr_lev -= 1
        return lst

    def parse_type_instance(self, typ):
        opening = self.expect(LBRACK)
        lst = self.parse_type_args([])
        closing = self.expect_closing(RBRACK, "type argument list")
        if not lst:
            self.error_expected(closing, "type argument list")
            return IndexExpr(typ, opening, BadExpr(opening + 1, closing), closing)
        return _pack_index_expr(typ, opening, lst, closing)

    def try_ident_or_type(self):
        tok = self.tok
        if tok == IDENT:
            typ = self.parse_type_name(None)
            if self.tok == LBRACK:
                typ = self.parse_type_instance(typ)
            return typ
        if tok == LBRACK:
            lbrack = self.expect(LBRACK)
            return self.parse_array_type(lbrack, None)
        if tok == STRUCT:
            return self.parse_struct_type()
        if tok == MUL:
            return self.parse_pointer_type()
        if tok == FUNC:
            return self.parse_func_type()
        if tok == INTERFACE:
            return self.parse_interface_type()
        if tok == MAP:
            return self.parse_map_type()
        if tok == CHAN or tok == ARROW:
            return self.parse_chan_type()
        if tok == LPAREN:
            lparen = self.pos
            self.next()
            typ = self.parse_type()
            rparen = self.expect(RPAREN)
            return ParenExpr(lparen, typ, rparen)
        return None

    # ------------------------------------------------------------------------
    # Blocks

    # The long lists (statements, declarations and specs, struct fields,
    # composite literal elements, clauses, comments) are collected as the
    # nodes' records (ast.records()), not as node objects: a node object
    # costs 48 bytes while it is alive, a record 4.

    def parse_stmt_list(self):
        lst = _records()
        append = lst.append
        parse_stmt = self.parse_stmt
        while True:
            tok = self.tok
            if tok == CASE or tok == DEFAULT or tok == RBRACE or tok == EOF:
                return lst
            append(parse_stmt()._i)

    def parse_body(self):
        lbrace = self.expect(LBRACE)
        lst = self.parse_stmt_list()
        rbrace = self.expect2(RBRACE)
        return BlockStmt(lbrace, lst, rbrace)

    parse_block_stmt = parse_body

    def parse_func_body(self):
        """A function's body; skimmed (an empty block with the real braces'
        positions) where parse_file's skim allows."""
        lbrace = self._skip_block()
        if lbrace >= 0:
            return BlockStmt(lbrace, _records(), self.expect2(RBRACE))
        return self.parse_body()

    def _skip_block(self):
        """At "{": jump to its "}" where parse_file's skim allows and return
        the "{"'s offset; else -1 (the block is to be parsed)."""
        if self.skim is None or self.tok != LBRACE:
            return -1
        rbrace = self._skimmable()
        if rbrace < 0:
            return -1
        lbrace = self.pos
        self._jump(rbrace)
        return lbrace

    def _skimmable(self):
        """At "{": the offset of its matching "}" if the block can be
        skimmed, else -1. A block that holds one of skim's needles is kept
        (something in it may matter), and so is any block with a //line
        directive (it moves the positions after it), a byte the scanner
        rejects, or anything not terminated: the parse reads those."""
        src, start = self.src, self.pos
        depth = 0
        for m in _BLOCK_TOKENS.finditer(src, start):
            c = src[m.start()]
            if c == 0x7B:
                depth += 1
            elif c == 0x7D:
                depth -= 1
                if depth == 0:
                    end = m.start()
                    break
            elif m.end() - m.start() == 1 or src[m.start():m.end()] == b"/*":
                return -1    # an unterminated string, rune or comment
        else:
            return -1
        skim = self.skim
        if skim != "signatures" and any(src.find(n, start, end) >= 0 for n in skim):
            return -1
        if src.find(b"line ", start, end) >= 0 and _LINE_DIRECTIVE.search(src, start, end):
            return -1
        if any(start <= off < end for off, _ in self.scanner.char_errors):
            return -1
        return end

    def _jump(self, offset):
        """Continue scanning at offset (a "}"), dropping the tokens read ahead."""
        self.scanner.resume_at(offset)
        self.n = 0
        self.i = -1
        self.scan_errs = []
        self.err_at = -1
        self.next()

    # ------------------------------------------------------------------------
    # Expressions

    def parse_func_type_or_lit(self):
        typ = self.parse_func_type()
        if self.tok != LBRACE:
            # function type only
            return typ
        self.expr_lev += 1
        body = self.parse_func_body()
        self.expr_lev -= 1
        return FuncLit(typ, body)

    def _basic_lit(self):
        """The current INT/FLOAT/IMAG/CHAR/STRING token as a BasicLit."""
        x = _basic_lit(self.pos, len(self.lit), self.tok)
        self.next()
        return x

    def parse_operand(self):
        """May return an expression or a raw type (incl. [...]T); callers check."""
        tok = self.tok
        if tok == IDENT:
            return self.parse_ident()
        if INT <= tok <= STRING:
            return self._basic_lit()
        if tok == LPAREN:
            lparen = self.pos
            self.next()
            self.expr_lev += 1
            x = self.parse_rhs()       # types may be parenthesized: (some type)
            self.expr_lev -= 1
            rparen = self.expect(RPAREN)
            return ParenExpr(lparen, x, rparen)
        if tok == FUNC:
            return self.parse_func_type_or_lit()
        typ = self.try_ident_or_type()   # do not consume trailing type parameters
        if typ is not None:
            # could be type for composite literal or conversion
            return typ
        # we have an error
        return self.bad(BadExpr, "operand", STMT_START)

    def parse_selector(self, x):
        return SelectorExpr(x, self.parse_ident())

    def parse_type_assertion(self, x):
        lparen = self.expect(LPAREN)
        typ = None
        if self.tok == TYPE:
            # type switch: typ == nil
            self.next()
        else:
            typ = self.parse_type()
        rparen = self.expect(RPAREN)
        return A.TypeAssertExpr(x, lparen, typ, rparen)

    def parse_index_or_slice_or_instance(self, x):
        lbrack = self.expect(LBRACK)
        if self.tok == RBRACK:
            # empty index, slice or index expressions are not permitted;
            # accept them for parsing tolerance, but complain
            self.error_expected(self.pos, "operand")
            rbrack = self.pos
            self.next()
            return IndexExpr(x, lbrack, BadExpr(rbrack, rbrack), rbrack)
        self.expr_lev += 1
        index = [None, None, None]
        colons = [None, None]
        args = None
        if self.tok != COLON:
            # We can't know if we have an index expression or a type instantiation;
            # so even if we see a (named) type we are not going to be in type context.
            index[0] = self.parse_rhs()
        ncolons = 0
        if self.tok == COLON:
            # slice expression
            while self.tok == COLON and ncolons < 2:
                colons[ncolons] = self.pos
                ncolons += 1
                self.next()
                if self.tok != COLON and self.tok != RBRACK and self.tok != EOF:
                    index[ncolons] = self.parse_rhs()
        elif self.tok == COMMA:
            # instance expression
            args = [index[0]]
            while self.tok == COMMA:
                self.next()
                if self.tok != RBRACK and self.tok != EOF:
                    args.append(self.parse_type())
        self.expr_lev -= 1
        rbrack = self.expect(RBRACK)

        if ncolons > 0:
            # slice expression
            slice3 = False
            if ncolons == 2:
                slice3 = True
                # Check presence of middle and final index here rather than during type-checking
                # to prevent erroneous programs from passing through gofmt (was go.dev/issue/7305).
                if index[1] is None:
                    self.error(colons[0], "middle index required in 3-index slice")
                    index[1] = BadExpr(colons[0] + 1, colons[1])
                if index[2] is None:
                    self.error(colons[1], "final index required in 3-index slice")
                    index[2] = BadExpr(colons[1] + 1, rbrack)
            return A.SliceExpr(x, lbrack, index[0], index[1], index[2], slice3, rbrack)
        if args is None:
            # index expression
            return IndexExpr(x, lbrack, index[0], rbrack)
        # instance expression
        return _pack_index_expr(x, lbrack, args, rbrack)

    def parse_call_or_conversion(self, fun):
        lparen = self.expect(LPAREN)
        self.expr_lev += 1
        lst = []
        ellipsis = None
        while self.tok != RPAREN and self.tok != EOF and ellipsis is None:
            x = self.parse_rhs()   # builtins may expect a type: make(some type, ...)
            if lst:
                lst.append(x)
            else:
                lst = [x]
            if self.tok == ELLIPSIS:
                ellipsis = self.pos
                self.next()
            if self.tok != COMMA and not self.at_comma("argument list", RPAREN):
                break
            self.next()
        self.expr_lev -= 1
        rparen = self.expect_closing(RPAREN, "argument list")
        return CallExpr(fun, lparen, lst, ellipsis, rparen)

    def parse_value(self):
        if self.tok == LBRACE:
            return self.parse_literal_value(None)
        return self.parse_expr()

    def parse_element(self):
        x = self.parse_value()
        if self.tok == COLON:
            colon = self.pos
            self.next()
            x = KeyValueExpr(x, colon, self.parse_value())
        return x

    def parse_element_list(self):
        lst = _records()
        while self.tok != RBRACE and self.tok != EOF:
            lst.append(self.parse_element()._i)
            if self.tok != COMMA and not self.at_comma("composite literal", RBRACE):
                break
            self.next()
        return lst

    def parse_literal_value(self, typ):
        lbrace = self._skip_block()
        if lbrace >= 0:
            return CompositeLit(typ, lbrace, [], self.expect_closing(RBRACE, "composite literal"))
        lbrace = self.expect(LBRACE)
        elts = []
        self.expr_lev += 1
        if self.tok != RBRACE:
            elts = self.parse_element_list()
        self.expr_lev -= 1
        rbrace = self.expect_closing(RBRACE, "composite literal")
        return CompositeLit(typ, lbrace, elts, rbrace)

    def parse_primary_expr(self, x):
        if x is None:
            x = self.parse_operand()
        while True:
            tok = self.tok
            if tok == PERIOD:
                self.next()
                tok = self.tok
                if tok == IDENT:
                    x = SelectorExpr(x, self.parse_ident())
                elif tok == LPAREN:
                    x = self.parse_type_assertion(x)
                else:
                    pos = self.pos
                    self.error_expected(pos, "selector or type assertion")
                    # The check for RBRACE is go/parser's targeted error recovery fix.
                    if self.tok != RBRACE:
                        self.next()    # make progress
                    x = SelectorExpr(x, Ident(pos, "_"))
            elif tok == LBRACK:
                x = self.parse_index_or_slice_or_instance(x)
            elif tok == LPAREN:
                x = self.parse_call_or_conversion(x)
            elif tok == LBRACE:
                # operand may have returned a parenthesized complit
                # type; accept it but complain if we have a complit
                t = x
                while type(t) is ParenExpr:
                    t = t.X
                # determine if '{' belongs to a composite literal or a block statement
                tt = type(t)
                if tt is Ident or tt is SelectorExpr or tt is BadExpr or tt is IndexExpr or tt is IndexListExpr:
                    if self.expr_lev < 0:
                        return x
                    # x is possibly a composite literal type
                elif tt is A.ArrayType or tt is A.StructType or tt is A.MapType:
                    pass    # x is a composite literal type
                else:
                    return x
                if t is not x:
                    self.error(t.pos, "cannot parenthesize type in composite literal")
                x = self.parse_literal_value(x)
            else:
                return x

    def parse_unary_expr(self):
        tok = self.tok
        if tok in UNARY_OPS:
            pos = self.pos
            self.next()
            return UnaryExpr(pos, tok, self.parse_unary_expr())
        if tok == ARROW:
            # channel type or receive expression
            arrow = self.pos
            self.next()
            # If the next token is CHAN we still don't know if it is a channel
            # type or a receive operation - we only know once we have found
            # the end of the unary expression:
            #   <- type  => (<-type) must be channel type
            #   <- expr  => <-(expr) is a receive from an expression
            # In the first case, the arrow must be re-associated with the
            # channel type parsed already:
            #   <- (chan type)    =>  (<-chan type)
            #   <- (chan<- type)  =>  (<-chan (<-type))
            x = self.parse_unary_expr()
            if type(x) is A.ChanType:
                # (<-type): re-associate position info and <-
                typ = x
                direction = A.SEND
                while typ is not None and direction == A.SEND:
                    if typ.Dir == A.RECV:
                        # error: (<-type) is (<-(<-chan T))
                        self.error_expected(typ.Arrow, "'chan'")
                    arrow, typ.Begin, typ.Arrow = typ.Arrow, arrow, arrow
                    direction, typ.Dir = typ.Dir, A.RECV
                    typ = typ.Value if type(typ.Value) is A.ChanType else None
                if direction == A.SEND:
                    self.error_expected(arrow, "channel type")
                return x
            # <-(expr)
            return UnaryExpr(arrow, ARROW, x)
        if tok == MUL:
            # pointer type or unary "*" expression
            pos = self.pos
            self.next()
            return StarExpr(pos, self.parse_unary_expr())
        return self.parse_primary_expr(None)

    def parse_binary_expr(self, x, prec1):
        if x is None:
            x = self.parse_unary_expr()
        while True:
            op = self.tok
            if op == ASSIGN and self.in_rhs:
                op = EQL
            oprec = PREC[op]
            if oprec < prec1:
                return x
            pos = self.expect(op)
            y = self.parse_binary_expr(None, oprec + 1)
            x = BinaryExpr(x, pos, op, y)

    def parse_expr(self):
        """The result may be a type or even a raw type ([...]int)."""
        x = self.parse_unary_expr()
        if PREC[self.tok] == 0 and not (self.tok == ASSIGN and self.in_rhs):
            return x     # the common case: no binary operator follows
        return self.parse_binary_expr(x, 1)

    def parse_rhs(self):
        old = self.in_rhs
        self.in_rhs = True
        x = self.parse_expr()
        self.in_rhs = old
        return x

    # ------------------------------------------------------------------------
    # Statements

    def parse_simple_stmt(self, mode):
        """Returns (stmt, is_range); see go/parser parseSimpleStmt."""
        x = self.parse_list(False)
        tok = self.tok
        if tok in ASSIGN_OPS:
            # assignment statement, possibly part of a range clause
            pos = self.pos
            self.next()
            is_range = False
            if mode == RANGE_OK and self.tok == RANGE and (tok == DEFINE or tok == ASSIGN):
                rpos = self.pos
                self.next()
                y = [UnaryExpr(rpos, RANGE, self.parse_rhs())]
                is_range = True
            else:
                y = self.parse_list(True)
            return AssignStmt(x, pos, tok, y), is_range

        if len(x) > 1:
            self.error_expected(x[0].pos, "1 expression")
            # continue with first expression

        if tok == COLON:
            # labeled statement
            colon = self.pos
            self.next()
            label = x[0]
            if mode == LABEL_OK and type(label) is Ident:
                # Go spec: The scope of a label is the body of the function
                # in which it is declared and excludes the body of any nested
                # function.
                return A.LabeledStmt(label, colon, self.parse_stmt()), False
            # The label declaration typically starts at x[0].pos, but may be
            # erroneous due to a token after that position (and before the
            # ':'); use the colon position for error reporting.
            self.error(colon, "illegal label declaration")
            return A.BadStmt(x[0].pos, colon + 1), False
        if tok == ARROW:
            # send statement
            arrow = self.pos
            self.next()
            y = self.parse_rhs()
            return A.SendStmt(x[0], arrow, y), False
        if tok == INC or tok == DEC:
            # increment or decrement
            s = A.IncDecStmt(x[0], self.pos, tok)
            self.next()
            return s, False
        # expression
        return ExprStmt(x[0]), False

    def parse_call_expr(self, call_type):
        x = self.parse_rhs()    # could be a conversion: (some type)(x)
        t = A.unparen(x)
        if t is not x:
            self.error(x.pos, f"expression in {call_type} must not be parenthesized")
            x = t
        if type(x) is CallExpr:
            return x
        if type(x) is not BadExpr:
            # only report error if it's a new one
            self.error(x.end, f"expression in {call_type} must be function call")
        return None

    def parse_go_or_defer_stmt(self, tok):
        """go/parser parseGoStmt and parseDeferStmt."""
        keyword = STRINGS[tok]
        pos = self.expect(tok)
        call = self.parse_call_expr(keyword)
        self.expect_semi()
        if call is None:
            return A.BadStmt(pos, pos + len(keyword))
        return (A.GoStmt if tok == GO else A.DeferStmt)(pos, call)

    def parse_return_stmt(self):
        pos = self.pos
        self.expect(RETURN)
        x = []
        if self.tok != SEMICOLON and self.tok != RBRACE:
            x = self.parse_list(True)
        self.expect_semi()
        return A.ReturnStmt(pos, x)

    def parse_branch_stmt(self, tok):
        pos = self.expect(tok)
        label = None
        if tok == GOTO or ((tok == CONTINUE or tok == BREAK) and self.tok == IDENT):
            label = self.parse_ident()
        self.expect_semi()
        return A.BranchStmt(pos, tok, label)

    def make_expr(self, s, want):
        if s is None:
            return None
        if type(s) is ExprStmt:
            return s.X
        found = "assignment" if type(s) is AssignStmt else "simple statement"
        self.error(s.pos, f"expected {want}, found {found} (missing parentheses around composite literal?)")
        return BadExpr(s.pos, s.end)

    def parse_if_header(self):
        """Returns (init, cond)."""
        init = cond = None
        if self.tok == LBRACE:
            self.error(self.pos, "missing condition in if statement")
            return None, BadExpr(self.pos, self.pos)

        prev_lev = self.expr_lev
        self.expr_lev = -1
        if self.tok != SEMICOLON:
            # accept potential variable declaration but complain
            if self.tok == VAR:
                self.next()
                self.error(self.pos, "var declaration not allowed in if initializer")
            init, _ = self.parse_simple_stmt(BASIC)

        cond_stmt = None
        semi_pos = None
        semi_lit = ""
        if self.tok != LBRACE:
            if self.tok == SEMICOLON:
                semi_pos = self.pos
                semi_lit = self.lit
                self.next()
            else:
                self.expect(SEMICOLON)
            if self.tok != LBRACE:
                cond_stmt, _ = self.parse_simple_stmt(BASIC)
        else:
            cond_stmt = init
            init = None

        if cond_stmt is not None:
            cond = self.make_expr(cond_stmt, "boolean expression")
        elif semi_pos is not None:
            if semi_lit == "\n":
                self.error(semi_pos, "unexpected newline, expecting { after if clause")
            else:
                self.error(semi_pos, "missing condition in if statement")

        # make sure we have a valid AST
        if cond is None:
            cond = BadExpr(self.pos, self.pos)
        self.expr_lev = prev_lev
        return init, cond

    def parse_if_stmt(self):
        # go/parser recurses for `else if`; a loop builds the same tree
        # without keeping a frame and its nodes alive for each link of a
        # long chain (generated code has hundreds): the links wait as
        # records, four ints each, and are built last to first.
        chain = None
        while True:
            pos = self.expect(IF)
            init, cond = self.parse_if_header()
            body = self.parse_block_stmt()
            else_ = None
            if self.tok == ELSE:
                self.next()
                if self.tok == IF:
                    if chain is None:
                        chain = _records()
                    chain.extend((pos, A.record(init), A.record(cond), body._i))
                    continue
                if self.tok == LBRACE:
                    else_ = self.parse_block_stmt()
                    self.expect_semi()
                else:
                    self.error_expected(self.pos, "if statement or block")
                    else_ = A.BadStmt(self.pos, self.pos)
            else:
                self.expect_semi()
            break
        x = A.IfStmt(pos, init, cond, body, else_)
        while chain:        # the links before, from the last one back
            pos, init, cond, body = chain[-4:]
            del chain[-4:]
            x = A.IfStmt(pos, A.node(init), A.node(cond), A.node(body), x)
        return x

    def parse_case_clause(self):
        pos = self.pos
        lst = []
        if self.tok == CASE:
            self.next()
            lst = self.parse_list(True)
        else:
            self.expect(DEFAULT)
        colon = self.expect(COLON)
        body = self.parse_stmt_list()
        return A.CaseClause(pos, lst, colon, body)

    def is_type_switch_guard(self, s):
        if type(s) is ExprStmt:
            # x.(type)
            return _is_type_switch_assert(s.X)
        if type(s) is AssignStmt:
            # v := x.(type)
            if len(s.Lhs) == 1 and len(s.Rhs) == 1 and _is_type_switch_assert(s.Rhs[0]):
                if s.Tok == ASSIGN:
                    # permit v = x.(type) but complain
                    self.error(s.TokPos, "expected ':=', found '='")
                    return True
                if s.Tok == DEFINE:
                    return True
        return False

    def parse_switch_stmt(self):
        pos = self.expect(SWITCH)
        s1 = s2 = None
        if self.tok != LBRACE:
            prev_lev = self.expr_lev
            self.expr_lev = -1
            if self.tok != SEMICOLON:
                s2, _ = self.parse_simple_stmt(BASIC)
            if self.tok == SEMICOLON:
                self.next()
                s1 = s2
                s2 = None
                if self.tok != LBRACE:
                    s2, _ = self.parse_simple_stmt(BASIC)
            self.expr_lev = prev_lev

        type_switch = self.is_type_switch_guard(s2)
        body = self.parse_clauses(self.parse_case_clause)
        if type_switch:
            return A.TypeSwitchStmt(pos, s1, s2, body)
        return A.SwitchStmt(pos, s1, self.make_expr(s2, "switch expression"), body)

    def parse_comm_clause(self):
        pos = self.pos
        comm = None
        if self.tok == CASE:
            self.next()
            lhs = self.parse_list(False)
            if self.tok == ARROW:
                # SendStmt
                if len(lhs) > 1:
                    self.error_expected(lhs[0].pos, "1 expression")
                arrow = self.pos
                self.next()
                rhs = self.parse_rhs()
                comm = A.SendStmt(lhs[0], arrow, rhs)
            else:
                # RecvStmt
                tok = self.tok
                if tok == ASSIGN or tok == DEFINE:
                    # RecvStmt with assignment
                    if len(lhs) > 2:
                        self.error_expected(lhs[0].pos, "1 or 2 expressions")
                        lhs = lhs[:2]
                    apos = self.pos
                    self.next()
                    rhs = self.parse_rhs()
                    comm = AssignStmt(lhs, apos, tok, [rhs])
                else:
                    # lhs must be single receive operation
                    if len(lhs) > 1:
                        self.error_expected(lhs[0].pos, "1 expression")
                    comm = ExprStmt(lhs[0])
        else:
            self.expect(DEFAULT)
        colon = self.expect(COLON)
        body = self.parse_stmt_list()
        return A.CommClause(pos, comm, colon, body)

    def parse_select_stmt(self):
        pos = self.expect(SELECT)
        return A.SelectStmt(pos, self.parse_clauses(self.parse_comm_clause))

    def parse_clauses(self, parse_clause):
        """The { case ...: ... } body of a switch or select statement."""
        lbrace = self.expect(LBRACE)
        lst = _records()
        while self.tok == CASE or self.tok == DEFAULT:
            lst.append(parse_clause()._i)
        rbrace = self.expect(RBRACE)
        self.expect_semi()
        return BlockStmt(lbrace, lst, rbrace)

    def parse_for_stmt(self):
        pos = self.expect(FOR)
        s1 = s2 = s3 = None
        is_range = False
        if self.tok != LBRACE:
            prev_lev = self.expr_lev
            self.expr_lev = -1
            if self.tok != SEMICOLON:
                if self.tok == RANGE:
                    # "for range x" (nil lhs in assignment)
                    rpos = self.pos
                    self.next()
                    y = [UnaryExpr(rpos, RANGE, self.parse_rhs())]
                    s2 = AssignStmt([], None, ILLEGAL, y)
                    is_range = True
                else:
                    s2, is_range = self.parse_simple_stmt(RANGE_OK)
            if not is_range and self.tok == SEMICOLON:
                self.next()
                s1 = s2
                s2 = None
                if self.tok != SEMICOLON:
                    s2, _ = self.parse_simple_stmt(BASIC)
                self.expect_semi()
                if self.tok != LBRACE:
                    s3, _ = self.parse_simple_stmt(BASIC)
            self.expr_lev = prev_lev

        body = self.parse_block_stmt()
        self.expect_semi()

        if is_range:
            key = value = None
            n = len(s2.Lhs)
            if n == 1:
                key = s2.Lhs[0]
            elif n == 2:
                key, value = s2.Lhs
            elif n > 2:
                self.error_expected(s2.Lhs[-1].pos, "at most 2 expressions")
                return A.BadStmt(pos, body.end)
            # parse_simple_stmt returned a right-hand side that
            # is a single unary expression of the form "range x"
            rng = s2.Rhs[0]
            return A.RangeStmt(pos, key, value, s2.TokPos, s2.Tok, rng.OpPos, rng.X, body)

        # regular for statement
        return A.ForStmt(pos, s1, self.make_expr(s2, "boolean or range expression"), s3, body)

    def parse_stmt(self):
        tok = self.tok
        if tok in SIMPLE_STMT_START:
            s, _ = self.parse_simple_stmt(LABEL_OK)
            # because of the required look-ahead, labeled statements are
            # parsed by parse_simple_stmt - don't expect a semicolon after them
            if type(s) is not A.LabeledStmt:
                self.expect_semi()
            return s
        if tok == RETURN:
            return self.parse_return_stmt()
        if tok == IF:
            return self.parse_if_stmt()
        if tok == CONST or tok == TYPE or tok == VAR:
            return A.DeclStmt(self.parse_decl(STMT_START))
        if tok == FOR:
            return self.parse_for_stmt()
        if tok == GO or tok == DEFER:
            return self.parse_go_or_defer_stmt(tok)
        if tok == BREAK or tok == CONTINUE or tok == GOTO or tok == FALLTHROUGH:
            return self.parse_branch_stmt(tok)
        if tok == LBRACE:
            s = self.parse_block_stmt()
            self.expect_semi()
            return s
        if tok == SWITCH:
            return self.parse_switch_stmt()
        if tok == SELECT:
            return self.parse_select_stmt()
        if tok == SEMICOLON:
            # Is it ever possible to have an implicit semicolon
            # producing an empty statement in a valid program?
            # (handle correctly anyway)
            s = A.EmptyStmt(self.pos, self.lit == "\n")
            self.next()
            return s
        if tok == RBRACE:
            # a semicolon may be omitted before a closing "}"
            return A.EmptyStmt(self.pos, True)
        # no statement found
        return self.bad(A.BadStmt, "statement", STMT_START)

    # ------------------------------------------------------------------------
    # Declarations

    def parse_import_spec(self, doc, _keyword, _iota):
        ident = None
        if self.tok == IDENT:
            ident = self.parse_ident()
        elif self.tok == PERIOD:
            ident = Ident(self.pos, ".")
            self.next()

        pos = self.pos
        if self.tok == STRING:
            path = self._basic_lit()
        else:
            path = _basic_lit(pos, 0, STRING)
            if IDENT <= self.tok <= STRING:
                self.error(pos, "import path must be a string")
                self.next()
            else:
                self.error(pos, "missing import path")
                self.advance(EXPR_END)
        comment = self.expect_semi()
        spec = A.ImportSpec(doc, ident, path, comment)
        self.imports.append(spec._i)
        return spec

    def parse_value_spec(self, doc, keyword, _iota):
        idents = self.parse_ident_list()
        typ = None
        values = []
        if keyword == CONST:
            # always permit optional type and initialization for more tolerant parsing
            if self.tok != EOF and self.tok != SEMICOLON and self.tok != RPAREN:
                typ = self.try_ident_or_type()
                if self.tok == ASSIGN:
                    self.next()
                    values = self.parse_list(True)
        else:
            if self.tok != ASSIGN:
                typ = self.parse_type()
            if self.tok == ASSIGN:
                self.next()
                values = self.parse_list(True)
        comment = self.expect_semi()
        return A.ValueSpec(doc, idents, typ, values, comment)

    def parse_generic_type(self, spec, open_pos, name0, typ0):
        lst = self.parse_parameter_list(name0, typ0, RBRACK, False)
        close_pos = self.expect(RBRACK)
        spec.TypeParams = FieldList(open_pos, lst, close_pos)
        if self.tok == ASSIGN:
            # type alias
            spec.Assign = self.pos
            self.next()
        spec.Type = self.parse_type()

    def parse_type_spec(self, doc, _keyword, _iota):
        name = self.parse_ident()
        spec = A.TypeSpec(doc, name, None, None, None, None)
        if self.tok == LBRACK:
            # spec.Name "[" ...
            # array/slice type or type parameter list
            lbrack = self.pos
            self.next()
            if self.tok == IDENT:
                # We may have an array type or a type parameter list.
                # In either case we expect an expression x (which may
                # just be a name, or a more complex expression) which
                # we can analyze further.
                #
                # A type parameter list may have a type bound starting
                # with a "[" as in: P []E. In that case, simply parsing
                # an expression would lead to an error: P[] is invalid.
                # But since index or slice expressions are never constant
                # and thus invalid array length expressions, if the name
                # is followed by "[" it must be the start of an array or
                # slice constraint. Only if we don't see a "[" do we
                # need to parse a full expression.
                x = self.parse_ident()
                if self.tok != LBRACK:
                    self.expr_lev += 1
                    lhs = self.parse_primary_expr(x)
                    x = self.parse_binary_expr(lhs, 1)
                    self.expr_lev -= 1
                # Analyze expression x. If we can split x into a type parameter
                # name, possibly followed by a type parameter type, we consider
                # this the start of a type parameter list, with some caveats:
                # a single name followed by "]" tilts the decision towards an
                # array declaration; a type parameter type that could also be
                # an ordinary expression but which is followed by a comma tilts
                # the decision towards a type parameter list.
                pname, ptype = _extract_name(x, self.tok == COMMA)
                if pname is not None and (ptype is not None or self.tok != RBRACK):
                    # spec.Name "[" pname ...
                    # spec.Name "[" pname ptype ...
                    # spec.Name "[" pname ptype "," ...
                    self.parse_generic_type(spec, lbrack, pname, ptype)
                else:
                    # spec.Name "[" pname "]" ...
                    # spec.Name "[" x ...
                    spec.Type = self.parse_array_type(lbrack, x)
            else:
                # array type
                spec.Type = self.parse_array_type(lbrack, None)
        else:
            # no type parameters
            if self.tok == ASSIGN:
                # type alias
                spec.Assign = self.pos
                self.next()
            spec.Type = self.parse_type()
        spec.Comment = self.expect_semi()
        return spec

    def parse_gen_decl(self, keyword, f):
        doc = self.lead_comment
        pos = self.expect(keyword)
        lparen = rparen = None
        lst = _records()
        if self.tok == LPAREN:
            lparen = self.pos
            self.next()
            iota = 0
            while self.tok != RPAREN and self.tok != EOF:
                lst.append(f(self.lead_comment, keyword, iota)._i)
                iota += 1
            rparen = self.expect(RPAREN)
            self.expect_semi()
        else:
            lst.append(f(None, keyword, 0)._i)
        return A.GenDecl(doc, pos, keyword, lparen, lst, rparen)

    def parse_func_decl(self):
        doc = self.lead_comment
        pos = self.expect(FUNC)
        recv = None
        if self.tok == LPAREN:
            recv = self.parse_parameters(False)
        ident = self.parse_ident()
        tparams = None
        if self.tok == LBRACK:
            tparams = self.parse_type_parameters()
            if recv is not None and tparams is not None and not self.generic_methods:
                # Before Go 1.27, methods have no type parameters; go/parser
                # parsed them for a better error message.
                self.error(tparams.Opening, "method must have no type parameters")
                tparams = None
        params = self.parse_parameters(False)
        results = self.parse_parameters(True)

        body = None
        if self.tok == LBRACE:
            body = self.parse_func_body()
            self.expect_semi()
        elif self.tok == SEMICOLON:
            self.next()
            if self.tok == LBRACE:
                # opening { of function declaration on next line
                self.error(self.pos, "unexpected semicolon or newline before {")
                body = self.parse_body()
                self.expect_semi()
        else:
            self.expect_semi()
        return A.FuncDecl(doc, recv, ident, A.FuncType(pos, tparams, params, results), body)

    def parse_decl(self, sync):
        tok = self.tok
        if tok == IMPORT:
            f = self.parse_import_spec
        elif tok == CONST or tok == VAR:
            f = self.parse_value_spec
        elif tok == TYPE:
            f = self.parse_type_spec
        elif tok == FUNC:
            return self.parse_func_decl()
        else:
            return self.bad(A.BadDecl, "declaration", sync)
        return self.parse_gen_decl(tok, f)

    # ------------------------------------------------------------------------
    # Source files

    def parse_file(self):
        # Don't bother parsing the rest if we had errors scanning the first token.
        # Likely not a Go source file at all.
        if self.errors:
            return None
        # package clause
        doc = self.lead_comment
        pos = self.expect(PACKAGE)
        # Go spec: The package clause is not a declaration;
        # the package name does not appear in any scope.
        ident = self.parse_ident()
        self.expect_semi()
        # Don't bother parsing the rest if we had errors parsing the package clause.
        if self.errors:
            return None
        decls = _records()
        # import decls
        while self.tok == IMPORT:
            decls.append(self.parse_gen_decl(IMPORT, self.parse_import_spec)._i)
        # rest of package body
        prev = IMPORT
        while self.tok != EOF:
            # Continue to accept import declarations for error tolerance, but complain.
            if self.tok == IMPORT and prev != IMPORT:
                self.error(self.pos, "imports must appear before other declarations")
            prev = self.tok
            decls.append(self.parse_decl(DECL_START)._i)
        return self._file(doc, pos, ident, decls)

    def _file(self, doc, pos, ident, decls):
        self.tree.go_version = self.go_version
        return A.File(doc, pos, ident, decls, 0, len(self.src), self.imports, self.comments)


def _is_type_switch_assert(x):
    return type(x) is A.TypeAssertExpr and x.Type is None


def _pack_index_expr(x, lbrack, exprs, rbrack):
    if len(exprs) == 1:
        return IndexExpr(x, lbrack, exprs[0], rbrack)
    return IndexListExpr(x, lbrack, exprs, rbrack)


def _extract_name(x, force):
    """Split x into (name, expr) if it can be read as `name expr` (a type
    parameter and its constraint); see go/parser extractName."""
    tx = type(x)
    if tx is Ident:
        return x, None
    if tx is BinaryExpr:
        if x.Op == MUL:
            if type(x.X) is Ident and (force or _is_type_elem(x.Y)):
                # x = name *x.Y
                return x.X, StarExpr(x.OpPos, x.Y)
        elif x.Op == OR:
            name, lhs = _extract_name(x.X, force or _is_type_elem(x.Y))
            if name is not None and lhs is not None:
                # x = name lhs|x.Y
                return name, BinaryExpr(lhs, x.OpPos, x.Op, x.Y)
    elif tx is CallExpr:
        if type(x.Fun) is Ident:
            if len(x.Args) == 1 and x.Ellipsis is None and (force or _is_type_elem(x.Args[0])):
                # x = name (x.Args[0])
                return x.Fun, ParenExpr(x.Lparen, x.Args[0], x.Rparen)
    return None, x


def _is_type_elem(x):
    """x is a (possibly parenthesized) type element expression (and could not
    be an ordinary value expression)."""
    tx = type(x)
    if tx in (A.ArrayType, A.StructType, A.FuncType, A.InterfaceType, A.MapType, A.ChanType):
        return True
    if tx is BinaryExpr:
        return _is_type_elem(x.X) or _is_type_elem(x.Y)
    if tx is UnaryExpr:
        return x.Op == TILDE
    if tx is ParenExpr:
        return _is_type_elem(x.X)
    return False


# ----------------------------------------------------------------------------
# Entry point


def format_errors(errors, limit=10) -> str:
    """gofmt's report: sorted "file:line:col: msg" lines, at most limit."""
    def key(e):
        filename, line, column = e[2]
        return filename, line, column, e[1]
    lines = []
    for off, msg, (filename, line, column) in sorted(errors, key=key)[:limit]:
        where = f"{filename}:{line}" if filename else f"{line}"
        if column:
            where += f":{column}"
        lines.append(f"{where}: {msg}")
    return "\n".join(lines)


def parse_file(src: bytes, filename: str = "<input>", *, generic_methods: bool = True,
               skim=None) -> A.File:
    """See orch.golang.parse_file. generic_methods=False rejects methods with
    type parameters as go/parser did before Go 1.27. skim leaves function
    bodies and composite literal values out of the tree: "signatures" every
    one, for what needs only the declarations (orch.types: it gives
    [...]T{} no length either), and no comment is kept (no Doc,
    File.Comments empty); a tuple of byte strings (needles) those that hold
    none of them, for rules that can match only there (a function literal
    holds b"func"; a call of Get, b"Get"). A skimmed block is an empty
    BlockStmt or CompositeLit with its braces' real positions; its syntax
    errors are not seen."""
    from .errors import GoSyntaxError
    if isinstance(src, str):
        src = src.encode("utf-8")
    old_limit = sys.getrecursionlimit()
    if old_limit < 20000:
        sys.setrecursionlimit(20000)
    # A tree has no reference cycles: the collections that its hundreds of
    # thousands of new objects would trigger can only cost time (~10%).
    gc_enabled = gc.isenabled()
    gc.disable()
    building = False
    try:
        p = Parser(src, filename, generic_methods, skim)
        A.begin(p.tree)
        building = True
        p.start()
        try:
            f = p.parse_file()
        except _Bailout:
            f = None
        except RecursionError:
            p.errors.append((p.pos, "exceeded max nesting depth", p.lines.position(p.pos)))
            f = None
    finally:
        if building:
            A.end()
        sys.setrecursionlimit(old_limit)
        if gc_enabled:
            gc.enable()
    if p.errors:
        errors = sorted(p.errors, key=lambda e: (e[2][0], e[2][1], e[2][2], e[1]))
        raise GoSyntaxError(format_errors(errors), [(off, msg) for off, msg, _ in errors], filename)
    return f
