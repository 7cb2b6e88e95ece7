"""Rules: aspects (a join point + advice) loaded from rule files, matched on
Go syntax trees, applied by splicing text. See orch-rules(5).

Loading (once per build; the -V=full call checks them):
    doc.py          rule documents: values that know their file:line
    loader.py       Aspect, RuleSet, load_files()
    join/           join points, one module per family, registry by key
    advice/         advice, one module per family, registry by key
    typenames.py    Go types named in rules, compared with source types
    fingerprint.py  the hashes in orch's -V=full answer
    cache.py        the rule set of a build under $WORK (pre-tests marshalled,
                    the rest pickled)

Planning (stages/plan.py):
    prefilter.py    the cheap package- and file-level tests, as data
    context.py      what they look at: the package, a file's bytes
    matcher.py      the walk that asks each rule about each node
    imports.py      what a file's names refer to; scopes.py local names

Rewriting (stages/rewrite.py):
    rewriter.py     one file: advice -> edits, imports, parameter names
    dot.py          what `.` is in a code template; render.py runs them
                    (through orch.template, the Go text/template engine)
    splice.py       edits -> new text with //line directives
    gotext.py       token-level facts about Go text
    trees.py        parsed files shared by the stages of one process
"""
