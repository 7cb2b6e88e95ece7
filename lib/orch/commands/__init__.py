"""Entry points of the bin/orch-* executables: usage text + one stage each."""
