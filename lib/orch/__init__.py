"""orch: compile-time instrumentation of Go programs through `go build -toolexec`.

The library is laid out by concept:

    golang/     the Go front end: scanner, parser, syntax tree, import scan
    toolchain/  the Go toolchain's data: compile/link flags, importcfg,
                ar archives, build ids, the parent go command, package archives
    rules/      rule packs: loading, join points, advice, templates
    stages/     version, plan, rewrite, linkdeps: each a function dict -> dict
    toolexec.py the dispatcher that `go -toolexec` runs

Every executable in bin/ is a thin entry point over one stage (cli.py).
Keep this module free of imports: it is loaded on every toolexec call.
"""

__version__ = "0.1.0"
