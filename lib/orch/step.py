"""The step document: what one tool call is, as JSON.

    {
      "tool":        "compile",                  # tool name, no directory, no .exe
      "tool_path":   "/usr/local/go/pkg/tool/linux_amd64/compile",
      "argv":        ["-o", "$WORK/b001/_pkg_.a", ...],   # arguments after the tool
      "import_path": "example.com/hello",        # TOOLEXEC_IMPORTPATH
      "dir":         "/home/me/hello",            # the tool's working directory
      "build":       {"go_argv": [...], "go_cwd": "...", "module_root": "...",
                      "rule_files": ["/.../rules.d/nethttp.toml", ...]}
    }

"rule_files" are the rule files in force when go ran the tool (from the
built-in packs, orch.toml, ORCH_RULES and ORCH_NO_BUILTIN): a step replayed
by hand (`orch-plan < 0-input.json`) plans with the same rules whatever the
replaying shell's environment says. Edit the list to try others.

Each stage adds its own key ("version", "plan", "rewrite", "linkdeps") and,
where it changes the command, replaces "argv" (the stage's own key records
what it changed). The dispatcher finally runs tool_path with step["argv"].
"""

import os

from .goprocess import parent_go
from . import config


def tool_name(tool_path: str) -> str:
    name = os.path.basename(tool_path)
    return name[:-4] if name.endswith(".exe") else name


def build_context(env=None) -> dict:
    """Facts about the whole build, the same for every call of it."""
    env = os.environ if env is None else env
    parent = parent_go()
    go_cwd = parent.get("cwd") or os.getcwd()
    module_root = env.get("ORCH_MODULE_ROOT") or config.find_module_root(go_cwd)
    return {"go_argv": parent.get("argv", []), "go_cwd": go_cwd, "module_root": module_root,
            "rule_files": config.rule_files(module_root, env)}


def from_toolexec(args: list[str], env=None) -> dict:
    """The step for `orch-toolexec TOOL ARGS...` as go ran it."""
    env = os.environ if env is None else env
    tool_path = args[0]
    return {
        "tool": tool_name(tool_path),
        "tool_path": tool_path,
        "argv": list(args[1:]),
        "import_path": env.get("TOOLEXEC_IMPORTPATH", ""),
        "dir": os.getcwd(),
        "build": build_context(env),
    }


def rule_files(step: dict) -> list[str]:
    """The rule files in force for step: those it records, else (a step
    written by hand) those of the environment."""
    build = step.get("build") or {}
    recorded = build.get("rule_files")
    if isinstance(recorded, list) and all(isinstance(f, str) for f in recorded):
        return recorded
    return config.rule_files(build.get("module_root"))
