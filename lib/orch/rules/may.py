"""Three-valued "may match": the answer of the cheap tests before any parse.

A join point first answers for a whole package (import path, package name)
and then for a file (a byte search, its import list), each time with one of

    NO     it cannot match anything here: skip without parsing
    MAYBE  it might: look closer (the next test, finally the syntax tree)
    YES    it matches every node it can select here, whatever the tree says

The values are ordered NO < MAYBE < YES, so that

    and = min      (all-of: the weakest answer wins)
    or  = max      (one-of: the strongest answer wins)
    not = 2 - x    (YES <-> NO; MAYBE stays MAYBE)
"""

NO, MAYBE, YES = 0, 1, 2

NAMES = ("no", "maybe", "yes")


def all_of(values) -> int:
    result = YES
    for v in values:
        if v < result:
            result = v
            if v == NO:
                break
    return result


def one_of(values) -> int:
    result = NO
    for v in values:
        if v > result:
            result = v
            if v == YES:
                break
    return result


def negate(value: int) -> int:
    return 2 - value

