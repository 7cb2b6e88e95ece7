"""orch-rewrite: apply a plan (placeholder: nothing to apply yet)."""


def run(step: dict) -> dict:
    step["rewrite"] = {"files": {}}
    return step
