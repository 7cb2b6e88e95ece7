from .. import cli

USAGE = """\
usage: orch-plan [-p] [FILE]

TODO
"""


def main(argv=None) -> int:
    from ..stages import plan
    return cli.run_filter("orch-plan", USAGE, plan.run, argv)
