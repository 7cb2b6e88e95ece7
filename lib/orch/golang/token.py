"""Go tokens: the kinds the scanner produces and the AST stores in Tok/Op/Kind.

Token kinds are small ints named as in go/token (token.ADD, token.DEFINE,
token.IMPORT ...); `string(tok)` gives Go's spelling ("+", ":=", "import"),
which is also what error messages print. Keeping them ints makes the
scanner's and parser's comparisons cheap.
"""

# The order follows go/token; the values are orch's own.
_NAMES = (
    # special tokens and literal classes
    ("ILLEGAL", "ILLEGAL"), ("EOF", "EOF"), ("COMMENT", "COMMENT"),
    ("IDENT", "IDENT"), ("INT", "INT"), ("FLOAT", "FLOAT"), ("IMAG", "IMAG"),
    ("CHAR", "CHAR"), ("STRING", "STRING"),
    # operators and delimiters
    ("ADD", "+"), ("SUB", "-"), ("MUL", "*"), ("QUO", "/"), ("REM", "%"),
    ("AND", "&"), ("OR", "|"), ("XOR", "^"), ("SHL", "<<"), ("SHR", ">>"), ("AND_NOT", "&^"),
    ("ADD_ASSIGN", "+="), ("SUB_ASSIGN", "-="), ("MUL_ASSIGN", "*="), ("QUO_ASSIGN", "/="),
    ("REM_ASSIGN", "%="), ("AND_ASSIGN", "&="), ("OR_ASSIGN", "|="), ("XOR_ASSIGN", "^="),
    ("SHL_ASSIGN", "<<="), ("SHR_ASSIGN", ">>="), ("AND_NOT_ASSIGN", "&^="),
    ("LAND", "&&"), ("LOR", "||"), ("ARROW", "<-"), ("INC", "++"), ("DEC", "--"),
    ("EQL", "=="), ("LSS", "<"), ("GTR", ">"), ("ASSIGN", "="), ("NOT", "!"),
    ("NEQ", "!="), ("LEQ", "<="), ("GEQ", ">="), ("DEFINE", ":="), ("ELLIPSIS", "..."),
    ("LPAREN", "("), ("LBRACK", "["), ("LBRACE", "{"), ("COMMA", ","), ("PERIOD", "."),
    ("RPAREN", ")"), ("RBRACK", "]"), ("RBRACE", "}"), ("SEMICOLON", ";"), ("COLON", ":"),
    # keywords
    ("BREAK", "break"), ("CASE", "case"), ("CHAN", "chan"), ("CONST", "const"),
    ("CONTINUE", "continue"), ("DEFAULT", "default"), ("DEFER", "defer"), ("ELSE", "else"),
    ("FALLTHROUGH", "fallthrough"), ("FOR", "for"), ("FUNC", "func"), ("GO", "go"),
    ("GOTO", "goto"), ("IF", "if"), ("IMPORT", "import"), ("INTERFACE", "interface"),
    ("MAP", "map"), ("PACKAGE", "package"), ("RANGE", "range"), ("RETURN", "return"),
    ("SELECT", "select"), ("STRUCT", "struct"), ("SWITCH", "switch"), ("TYPE", "type"),
    ("VAR", "var"),
    # additional tokens
    ("TILDE", "~"),
)

STRINGS = tuple(s for _, s in _NAMES)
"""STRINGS[tok] is Go's Token.String(): "+" for ADD, "import" for IMPORT, "IDENT" for IDENT."""

for _i, (_n, _s) in enumerate(_NAMES):
    globals()[_n] = _i
del _i, _n, _s

# Names for linters and readers (the loop above defines them).
ILLEGAL: int; EOF: int; COMMENT: int; IDENT: int; INT: int; FLOAT: int; IMAG: int
CHAR: int; STRING: int; ADD: int; SUB: int; MUL: int; QUO: int; REM: int; AND: int
OR: int; XOR: int; SHL: int; SHR: int; AND_NOT: int; ADD_ASSIGN: int; SUB_ASSIGN: int
MUL_ASSIGN: int; QUO_ASSIGN: int; REM_ASSIGN: int; AND_ASSIGN: int; OR_ASSIGN: int
XOR_ASSIGN: int; SHL_ASSIGN: int; SHR_ASSIGN: int; AND_NOT_ASSIGN: int; LAND: int
LOR: int; ARROW: int; INC: int; DEC: int; EQL: int; LSS: int; GTR: int; ASSIGN: int
NOT: int; NEQ: int; LEQ: int; GEQ: int; DEFINE: int; ELLIPSIS: int; LPAREN: int
LBRACK: int; LBRACE: int; COMMA: int; PERIOD: int; RPAREN: int; RBRACK: int
RBRACE: int; SEMICOLON: int; COLON: int; BREAK: int; CASE: int; CHAN: int; CONST: int
CONTINUE: int; DEFAULT: int; DEFER: int; ELSE: int; FALLTHROUGH: int; FOR: int
FUNC: int; GO: int; GOTO: int; IF: int; IMPORT: int; INTERFACE: int; MAP: int
PACKAGE: int; RANGE: int; RETURN: int; SELECT: int; STRUCT: int; SWITCH: int
TYPE: int; VAR: int; TILDE: int

LITERALS = frozenset((IDENT, INT, FLOAT, IMAG, CHAR, STRING))
KEYWORDS = {s: i for i, (n, s) in enumerate(_NAMES) if BREAK <= i <= VAR}
OPERATORS = {s: i for i, (n, s) in enumerate(_NAMES) if ADD <= i <= COLON or i == TILDE}

LOWEST_PREC = 0
PRECEDENCE = [0] * len(_NAMES)
"""PRECEDENCE[tok] is the binary operator precedence (0: not a binary operator)."""
for _t, _p in ((LOR, 1), (LAND, 2), (EQL, 3), (NEQ, 3), (LSS, 3), (LEQ, 3), (GTR, 3), (GEQ, 3),
               (ADD, 4), (SUB, 4), (OR, 4), (XOR, 4),
               (MUL, 5), (QUO, 5), (REM, 5), (SHL, 5), (SHR, 5), (AND, 5), (AND_NOT, 5)):
    PRECEDENCE[_t] = _p
del _t, _p
PRECEDENCE = tuple(PRECEDENCE)


def string(tok: int) -> str:
    """Go's spelling of a token: string(token.DEFINE) == ":="."""
    return STRINGS[tok]


def name(tok: int) -> str:
    """The constant's name: name(token.DEFINE) == "DEFINE"."""
    return _NAMES[tok][0]


def is_keyword(s: str) -> bool:
    return s in KEYWORDS
