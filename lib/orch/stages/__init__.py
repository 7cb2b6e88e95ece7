"""The stages: each is `run(step: dict) -> dict`, composed in-process by the
dispatcher and exposed one by one by the bin/orch-* executables."""
