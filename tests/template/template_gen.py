"""A seeded generator of random templates and JSON data for the differential test.

generate(seed, count) -> cases like template_cases.CASES: mostly well-formed
templates (fields, variables, pipelines, builtins, if/with/range with else,
break/continue, trim markers), a few with a random character inserted or
deleted so that the parser's error paths are compared too.
generate_printf(seed, count): printf of random floats, ints, strings and
other values through random verbs, flags, widths and precisions.
"""

import random

KEYS = ["a", "b", "c", "l", "m", "s"]
TEXTS = ["", "x", " ", "\n", " y ", "\t", "a\nb", "  \n  "]


class _Gen:
    def __init__(self, rnd: random.Random):
        self.r = rnd
        self.vars = ["$"]
        self.depth = 0
        self.in_range = 0

    def choice(self, seq):
        return self.r.choice(seq)

    # -- data --

    def value(self, depth=0):
        r = self.r
        k = r.randrange(10 if depth < 2 else 6)
        if k == 0:
            return r.randrange(-3, 4)
        if k == 1:
            return self.choice([0, 1, 2, 10, -1, 255])
        if k == 2:
            return self.choice(["", "s", "ab", "h\u00e9", "%d", "x y"])
        if k == 3:
            return self.choice([0.0, 1.5, -2.25, 1e7, 0.1])
        if k == 4:
            return self.choice([True, False])
        if k == 5:
            return None
        if k in (6, 7):
            return [self.value(depth + 1) for _ in range(r.randrange(4))]
        return {key: self.value(depth + 1) for key in r.sample(KEYS, r.randrange(4))}

    def data(self):
        return {key: self.value(1) for key in KEYS if self.r.random() < 0.8}

    # -- operands and pipelines --

    def field(self):
        n = self.r.choice([1, 1, 1, 1, 2, 2, 3])
        return "".join("." + self.choice(KEYS) for _ in range(n))

    def literal(self):
        return self.choice(["1", "0", "-2", "1.5", "\"s\"", "\"\"", "`r`", "'c'", "true", "false", "nil", "0x10", "1e3"])

    def operand(self, allow_call=True):
        r = self.r.randrange(12)
        if r < 4:
            return self.field()
        if r == 4:
            return "."
        if r == 5:
            v = self.choice(self.vars)
            return v + (self.field() if v != "$" or self.r.random() < 0.7 else "")
        if r < 8:
            return self.literal()
        if allow_call and self.depth < 3:
            self.depth += 1
            try:
                return "(" + self.command() + ")"
            finally:
                self.depth -= 1
        return self.field()

    def command(self):
        op = self.operand
        r = self.r.randrange(24)
        if r < 12:
            return op()
        r -= 12
        if r == 0:
            return "len " + op()
        if r == 1:
            return "index %s %s" % (op(), self.choice(["0", "1", "\"a\"", "\"b\"", op()]))
        if r == 2:
            # One index: Python lists have no capacity beyond their length.
            return "slice %s %s" % (op(), self.choice(["0", "1"]))
        if r == 3:
            return "%s %s %s" % (self.choice(["eq", "ne", "lt", "le", "gt", "ge"]), op(), op())
        if r == 4:
            return "%s %s %s" % (self.choice(["and", "or"]), op(), op())
        if r == 5:
            return "not " + op()
        if r == 6:
            return "print %s %s" % (op(), op())
        if r == 7:
            return "printf %s %s" % (self.choice(["\"%v\"", "\"%d\"", "\"%s|%q\"", "\"%5.2f\"", "\"%x\"", "\"%t\""]), op())
        if r == 8:
            return "list %s %s" % (op(), op())
        if r == 9:
            return "eq %s %s %s" % (op(), op(), op())
        if r == 10:
            return "len (list %s)" % op()
        return op() + " " + op()  # usually an error: an argument to a non-function

    def pipeline(self):
        p = self.command()
        for _ in range(self.r.choice([0, 0, 0, 1, 2])):
            p += " | " + self.choice(["print", "printf \"%v\"", "len", "not", "print 1", "eq 1", "and 1", "or 0", "list"])
        return p

    # -- actions --

    def delims(self):
        left = "{{- " if self.r.random() < 0.2 else "{{"
        right = " -}}" if self.r.random() < 0.2 else "}}"
        return left, right

    def action(self):
        left, right = self.delims()
        r = self.r.randrange(10)
        if r < 5:
            return left + self.pipeline() + right
        if r == 5:
            name = "$v%d" % self.r.randrange(3)
            self.vars.append(name)
            return left + name + " := " + self.pipeline() + right
        if r == 6 and len(self.vars) > 1:
            return left + self.choice(self.vars[1:]) + " = " + self.pipeline() + right
        if r == 7 and self.in_range:
            return left + self.choice(["break", "continue"]) + right
        return left + self.pipeline() + right

    def control(self):
        kind = self.choice(["if", "with", "range"])
        left, right = self.delims()
        mark = len(self.vars)
        head = self.pipeline()
        if kind == "range" and self.r.random() < 0.5:
            head = "$i, $e := " + head if self.r.random() < 0.5 else "$e := " + head
            self.vars += ["$i", "$e"] if head.startswith("$i") else ["$e"]
        elif kind != "range" and self.r.random() < 0.2:
            head = "$w := " + head
            self.vars.append("$w")
        if kind == "range":
            self.in_range += 1
        body = self.items(self.r.randrange(1, 4))
        if kind == "range":
            self.in_range -= 1
        out = left + kind + " " + head + right + body
        if self.r.random() < 0.4:
            if kind != "range" and self.r.random() < 0.4:
                out += "{{else %s %s}}%s" % (kind, self.pipeline(), self.items(1))
            out += "{{else}}" + self.items(self.r.randrange(1, 3))
        del self.vars[mark:]
        return out + self.choice(["{{end}}", "{{- end}}", "{{end -}}"])

    def items(self, n):
        out = []
        for _ in range(n):
            r = self.r.randrange(10)
            if r < 3:
                out.append(self.choice(TEXTS))
            elif r < 8 or self.depth > 2:
                out.append(self.action())
            else:
                self.depth += 1
                out.append(self.control())
                self.depth -= 1
        return "".join(out)

    def mutate(self, text):
        if not text:
            return text
        i = self.r.randrange(len(text))
        if self.r.random() < 0.5:
            return text[:i] + text[i + 1:]
        return text[:i] + self.choice("{}()|$.\"' -,:=") + text[i:]


def generate(seed: int, count: int) -> list:
    rnd = random.Random(seed)
    out = []
    for k in range(count):
        g = _Gen(rnd)
        text = g.items(rnd.randrange(1, 4))
        if rnd.random() < 0.15:
            text = g.mutate(text)
        out.append({"id": "gen-%d" % k, "name": "g", "text": text, "data": g.data(), "option": ""})
    return out


# --- printf: random values through random verbs, flags, widths, precisions ---------

_FLAGS = ["", "", "", "-", "+", "#", "0", " ", "-0", "+0", "# ", "+#"]
_VERBS = {
    "float": "veEfFgGxXb",
    "int": "vdboOxXcqU",
    "string": "vsqxX",
    "other": "vdsqtx",
}
_CHARS = "aZ09 _-\"'\\`\t\n\x00\x7f\u00e9\u00a0\u200b\u2028\ufeff\u4e16\U0001F600%"


def _printf_value(r: random.Random):
    k = r.randrange(10)
    if k < 3:
        return "float", r.choice([r.uniform(-1e6, 1e6), r.uniform(-1, 1) * 10.0 ** r.randrange(-30, 30),
                                  float(r.randrange(-1000, 1000)), 0.5 + r.randrange(-5, 5), 1e21, 1e-7])
    if k < 6:
        return "int", r.choice([r.randrange(-300, 300), r.randrange(-2 ** 40, 2 ** 40), 0, 0x1F600, 0x10FFFF + 1, 0xD800])
    if k < 9:
        return "string", "".join(r.choice(_CHARS) for _ in range(r.randrange(0, 6)))
    return "other", r.choice([True, False, None, [1, "a"], {"k": 1.5}, []])


def generate_printf(seed: int, count: int) -> list:
    rnd = random.Random(seed)
    out = []
    for k in range(count):
        kind, value = _printf_value(rnd)
        verb = rnd.choice(_VERBS[kind])
        spec = "%" + rnd.choice(_FLAGS)
        if rnd.random() < 0.4:
            spec += str(rnd.randrange(0, 12))
        if rnd.random() < 0.4:
            spec += "." + str(rnd.randrange(0, 8))
        fmt = spec + verb
        text = '{{printf "|%s|" .x}}' % fmt.replace("\\", "\\\\").replace('"', '\\"')
        out.append({"id": "printf-gen-%d" % k, "name": "p", "text": text, "data": {"x": value}, "option": ""})
    return out
