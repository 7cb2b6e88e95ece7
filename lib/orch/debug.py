"""ORCH_DEBUG_DIR: keep every step's JSON and the rewritten files of a build.

With ORCH_DEBUG_DIR=/some/dir, each compile and link call writes, after each
stage, `<dir>/<tool>/<import path with / as %>/<n>-<stage>.json`, and the
rewrite stage copies the files it wrote next to them. Any stage can then be
replayed by hand:  orch-rewrite < <dir>/compile/example.com%hello/1-plan.json
"""

import os


def enabled() -> str | None:
    return os.environ.get("ORCH_DEBUG_DIR") or None


def step_dir(step: dict) -> str | None:
    root = enabled()
    if not root:
        return None
    name = (step.get("import_path") or "_").replace("/", "%").replace(" ", "_")
    d = os.path.join(root, step.get("tool", "tool"), name)
    os.makedirs(d, exist_ok=True)
    return d


def save(step: dict, index: int, stage: str) -> None:
    d = step_dir(step)
    if d is None:
        return
    from . import jsonio
    path = os.path.join(d, f"{index}-{stage}.json")
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(jsonio.dumps(step, pretty=True) + b"\n")
    os.replace(tmp, path)
