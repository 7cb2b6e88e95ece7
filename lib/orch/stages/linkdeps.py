"""orch-linkdeps: record and resolve injected link-time dependencies (placeholder)."""


def run(step: dict) -> dict:
    step["linkdeps"] = {}
    return step
