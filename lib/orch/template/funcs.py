"""The builtin functions of Go's text/template (a port of funcs.go).

Builtins see values as Go's reflect.Value: NOVALUE is the invalid value
(a missing map key, untyped nil), None a nil interface. A builtin reports an
error by raising GoError; the executor turns it into
`error calling NAME: MESSAGE`.
"""

from .fmt import go_type_name, sprint, sprintf, sprintln
from .strconv import from_bytes, go_bytes, go_len


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


NOVALUE = _Sentinel("NOVALUE")  # Go's invalid reflect.Value: prints "<no value>"
MISSING = _Sentinel("MISSING")  # no piped-in final argument


class GoError(Exception):
    """An error a builtin returns; the message is Go's."""


# Parameter kinds: how an argument is evaluated and checked (evalArg's typ).
ANY = "interface {}"      # nil and missing values become None
VALUE = "reflect.Value"   # missing values stay NOVALUE
STRING = "string"
NONE = None               # no conversion (a chain's receiver)


def indirect_interface(v):
    return NOVALUE if v is None else v


def is_true(v) -> bool:
    """Go's truth: the zero value of a type is false; structs are true."""
    t = type(v)
    if t is bool:
        return v
    if t is str or t is list or t is dict or t is tuple:
        return len(v) > 0
    if t is int or t is float or t is complex:
        return v != 0
    if v is NOVALUE or v is None:
        return False
    if isinstance(v, (str, list, tuple, dict, bytes, bytearray)):
        return len(v) > 0
    if isinstance(v, (int, float, complex)):
        return v != 0
    return True


def truth(v) -> bool:
    return is_true(indirect_interface(v))


def _type(v) -> str:
    return "<nil>" if v is NOVALUE else go_type_name(v)


# --- indexing ----------------------------------------------------------------------


class Byte(int):
    """A byte of a string (index "abc" 0): Go's uint8."""
    __slots__ = ()
    __go_type__ = "uint8"


def _index_arg(index, cap: int) -> int:
    if isinstance(index, int) and not isinstance(index, bool):
        x = index
    elif index is NOVALUE:
        raise GoError("cannot index slice/array with nil")
    else:
        raise GoError("cannot index slice/array with type %s" % go_type_name(index))
    if x < 0 or x > cap:
        raise GoError("index out of range: %d" % x)
    return x


def _map_key(d: dict, key):
    """prepareArg for a map key: JSON maps have string keys."""
    if key is NOVALUE:
        raise GoError("value is nil; should be of type string")
    if not isinstance(key, str) and (not d or isinstance(next(iter(d)), str)):
        raise GoError("value has type %s; should be string" % go_type_name(key))
    return key


def index(item, *indexes):
    """index x 1 2 is x[1][2]; a missing map key gives the zero value (nil)."""
    item = indirect_interface(item)
    if item is NOVALUE:
        raise GoError("index of untyped nil")
    for ix in indexes:
        ix = indirect_interface(ix)
        if item is None:
            raise GoError("index of nil pointer")
        if isinstance(item, str):
            b = go_bytes(item)
            x = _index_arg(ix, len(b))
            if x == len(b):
                raise GoError("reflect: string index out of range")
            item = Byte(b[x])
        elif isinstance(item, (list, tuple)):
            x = _index_arg(ix, len(item))
            if x == len(item):
                raise GoError("reflect: slice index out of range")
            item = item[x]
        elif isinstance(item, dict):
            try:
                item = item.get(_map_key(item, ix))
            except TypeError:  # unhashable
                raise GoError("value has type %s; should be string" % go_type_name(ix)) from None
        else:
            raise GoError("can't index item of type %s" % go_type_name(item))
    return item


def slice_(item, *indexes):
    """slice x 1 2 is x[1:2]; strings are sliced by bytes."""
    item = indirect_interface(item)
    if item is NOVALUE:
        raise GoError("slice of untyped nil")
    if len(indexes) > 3:
        raise GoError("too many slice indexes: %d" % len(indexes))
    if isinstance(item, str):
        if len(indexes) == 3:
            raise GoError("cannot 3-index slice a string")
        b = go_bytes(item)
        cap = length = len(b)
    elif isinstance(item, (list, tuple)):
        cap = length = len(item)
    else:
        raise GoError("can't slice item of type %s" % go_type_name(item))
    idx = [0, length, 0]
    for i, ix in enumerate(indexes):
        idx[i] = _index_arg(indirect_interface(ix), cap)
    if idx[0] > idx[1]:
        raise GoError("invalid slice index: %d > %d" % (idx[0], idx[1]))
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise GoError("invalid slice index: %d > %d" % (idx[1], idx[2]))
    if isinstance(item, str):
        return from_bytes(b[idx[0]:idx[1]])
    return item[idx[0]:idx[1]]


def length(item):
    if item is NOVALUE:
        raise GoError("reflect: call of reflect.Value.Type on zero Value")
    if item is None:
        raise GoError("len of nil pointer")
    if isinstance(item, str):
        return go_len(item)
    if isinstance(item, (list, tuple, dict)) or hasattr(item, "__len__"):
        return len(item)
    raise GoError("len of type %s" % go_type_name(item))


def not_(arg):
    return not truth(arg)


# --- comparison --------------------------------------------------------------------

_BOOL, _COMPLEX, _INT, _FLOAT, _STRING = range(1, 6)
_KINDS = {bool: _BOOL, int: _INT, float: _FLOAT, complex: _COMPLEX, str: _STRING}


def _basic_kind(v) -> int:
    k = _KINDS.get(type(v))
    if k is not None:
        return k
    if isinstance(v, bool):
        return _BOOL
    if isinstance(v, int):
        return _INT
    if isinstance(v, float):
        return _FLOAT
    if isinstance(v, str):
        return _STRING
    return 0


def _reflect_kind(v) -> str:
    if v is NOVALUE:
        return "invalid"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, (list, tuple)):
        return "slice"
    return type(v).__name__


def eq(arg1, *args):
    """eq a b c is a == b || a == c."""
    arg1 = indirect_interface(arg1)
    if not args:
        raise GoError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in args:
        arg = indirect_interface(arg)
        k2 = _basic_kind(arg)
        if k1 != k2:
            if arg1 is not NOVALUE and arg is not NOVALUE:
                raise GoError("incompatible types for comparison: %s and %s" % (_type(arg1), _type(arg)))
            result = False
        elif k1:
            result = arg1 == arg
        else:
            if not (_reflect_kind(arg1) == _reflect_kind(arg) or arg1 is NOVALUE or arg is NOVALUE):
                raise GoError("non-comparable types %s: %s, %s: %s" % (
                    sprintf("%s", _printable(arg1)), _type(arg1), _type(arg), sprintf("%v", _printable(arg))))
            if arg1 is NOVALUE or arg is NOVALUE:
                result = arg1 is arg
            else:
                if isinstance(arg, (list, tuple, dict)):
                    raise GoError("non-comparable type %s: %s" % (sprintf("%s", arg), _type(arg)))
                result = arg1 == arg
        if result:
            return True
    return False


def _printable(v):
    return "<invalid reflect.Value>" if v is NOVALUE else v


def ne(a, b):
    return not eq(a, b)


def lt(a, b):
    a = indirect_interface(a)
    k1 = _basic_kind(a)
    if not k1:
        raise GoError("invalid type for comparison")
    b = indirect_interface(b)
    k2 = _basic_kind(b)
    if not k2:
        raise GoError("invalid type for comparison")
    if k1 != k2:
        raise GoError("incompatible types for comparison: %s and %s" % (_type(a), _type(b)))
    if k1 == _BOOL or k1 == _COMPLEX:
        raise GoError("invalid type for comparison")
    return a < b


def le(a, b):
    return lt(a, b) or eq(a, b)


def gt(a, b):
    return not le(a, b)


def ge(a, b):
    return not lt(a, b)


# --- printing and escaping ------------------------------------------------------------


def _eval_args(args) -> str:
    """Sprint of the arguments, nil printed as "<no value>" as in an action."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return sprint(*("<no value>" if a is None else a for a in args))


def html(*args):
    s = _eval_args(args)
    if not any(c in s for c in "'\"&<>\0"):
        return s
    return (s.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("\0", "\ufffd"))


_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D"}


def js(*args):
    s = _eval_args(args)
    out = []
    for c in s:
        r = ord(c)
        if c in _JS:
            out.append(_JS[c])
        elif r < 0x20:
            out.append("\\u00%02X" % r)
        elif r >= 0x80 and not c.isprintable():
            out.append("\\u%04X" % r)
        else:
            out.append(c)
    return "".join(out)


def urlquery(*args):
    from urllib.parse import quote_plus
    return quote_plus(go_bytes(_eval_args(args)), safe="")


def call(name, fn, *args):
    """call fn a b: fn(a, b); name is how the template spelled fn."""
    fn = indirect_interface(fn)
    if fn is NOVALUE:
        raise GoError("call of nil")
    if not callable(fn) or isinstance(fn, type):
        raise GoError("non-function %s of type %s" % (name, go_type_name(fn)))
    return fn(*(None if a is NOVALUE else a for a in args))


def _printf(fmt, *args):
    return sprintf(fmt, *args)


# name: (function, fixed parameter kinds, variadic kind or None)
BUILTINS = {
    "and": (None, (VALUE,), VALUE),
    "call": (call, (VALUE,), VALUE),
    "html": (html, (), ANY),
    "index": (index, (VALUE,), VALUE),
    "slice": (slice_, (VALUE,), VALUE),
    "js": (js, (), ANY),
    "len": (length, (VALUE,), None),
    "not": (not_, (VALUE,), None),
    "or": (None, (VALUE,), VALUE),
    "print": (sprint, (), ANY),
    "printf": (_printf, (STRING,), ANY),
    "println": (sprintln, (), ANY),
    "urlquery": (urlquery, (), ANY),
    "eq": (eq, (VALUE,), VALUE),
    "ge": (ge, (VALUE, VALUE), None),
    "gt": (gt, (VALUE, VALUE), None),
    "le": (le, (VALUE, VALUE), None),
    "lt": (lt, (VALUE, VALUE), None),
    "ne": (ne, (VALUE, VALUE), None),
}
