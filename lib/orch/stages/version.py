"""orch-version: the `-V=full` answer that keys go's build cache.

go folds each tool's `-V=full` line into every action id. orch appends its
identity to the third field, without new whitespace:

    compile version go1.26.8:orch@0.1.0;injectables=<hash>;aspects=<hash>

For a devel toolchain go reads only the `buildID=` field, so that changes too.
The hashes depend on content only (never paths, times or the machine), so a
shared remote cache serves the same entries everywhere:
  - aspects: the rules in force, as parsed (comments and layout don't count);
  - injectables: the Go source of the packages that rules may inject.
"""

import hashlib
import subprocess

from .. import __version__
from ..errors import OrchError
from .. import step as steplib


def identity(rule_files: list[str], module_root: str | None = None) -> str:
    """orch's version and the hashes of the rules in force and of what they
    inject. Loading the rules also checks them: a broken rule file fails the
    build here, at its start, with `file:line: message`."""
    from ..rules import loader, fingerprint
    from .. import config
    ruleset = loader.load_files(rule_files)
    aspects = fingerprint.hash_value("orch-aspects", (ruleset.fingerprint, fingerprint.engine_hash()))
    injectables = fingerprint.injectables_hash(ruleset, config.injectable_modules(module_root))
    return f"orch@{__version__};injectables={injectables};aspects={aspects}"


def stamp(line: str, ident: str) -> str:
    """Append `:ident` to the version field (and the devel build id)."""
    fields = line.split(" ")
    words = [i for i, f in enumerate(fields) if f]
    if len(words) < 3 or fields[words[1]] != "version":
        raise OrchError(f"unexpected -V=full answer: {line.strip()!r}")
    third = words[2]
    fields[third] = fields[third].rstrip("\n") + ":" + ident + ("\n" if fields[third].endswith("\n") else "")
    if "devel" in fields[third]:
        last = words[-1]
        value = fields[last].rstrip("\n")
        if value.startswith("buildID="):
            suffix = hashlib.sha256(ident.encode()).hexdigest()[:32]
            fields[last] = f"{value}.orch{suffix}" + ("\n" if fields[last].endswith("\n") else "")
    return " ".join(fields)


def tool_version_line(tool_path: str) -> str:
    try:
        out = subprocess.run([tool_path, "-V=full"], capture_output=True, text=True)
    except OSError as e:
        raise OrchError(f"{tool_path}: {e.strerror}")
    if out.returncode != 0:
        raise OrchError(f"{tool_path} -V=full failed: {out.stderr.strip() or out.returncode}")
    return out.stdout


def run(step: dict) -> dict:
    """Input: a step for `TOOL -V=full` (optionally with "version_line",
    the tool's own answer). Output: the step with "version", orch's answer."""
    line = step.get("version_line")
    if line is None:
        if not step.get("tool_path"):
            raise OrchError('a version step needs "tool_path" or "version_line"')
        line = tool_version_line(step["tool_path"])
    module_root = (step.get("build") or {}).get("module_root")
    step["version"] = stamp(line, identity(steplib.rule_files(step), module_root))
    return step
