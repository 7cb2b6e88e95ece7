"""orch-plan: which rules match where in one package (placeholder: no rules yet)."""


def run(step: dict) -> dict:
    step["plan"] = {"files": [], "imports": []}
    return step
