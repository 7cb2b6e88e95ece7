from .. import cli

USAGE = """\
usage: orch-linkdeps [-p] [FILE]

TODO
"""


def main(argv=None) -> int:
    from ..stages import linkdeps
    return cli.run_filter("orch-linkdeps", USAGE, linkdeps.run, argv)
