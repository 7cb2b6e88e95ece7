from .. import cli

USAGE = """\
usage: orch-rewrite [-p] [FILE]

TODO
"""


def main(argv=None) -> int:
    from ..stages import rewrite
    return cli.run_filter("orch-rewrite", USAGE, rewrite.run, argv)
