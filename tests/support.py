"""Helpers for tests that run the real go command through orch."""

import os
import shutil
import subprocess
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLEXEC = os.path.join(ROOT, "bin", "orch-toolexec")


# Where tests put source trees, besides pytest's own temporary directory:
# what orch writes must not depend on the length of the path or on the
# characters in it (found once: the rewrite's line directives did).
SOURCE_DIRS = {
    "short": "",
    "long": "/".join(["a-rather-long-directory-name"] * 8),
    "spaces-unicode": "a dir with spaces/ünïcødé ✓",
}


def clean_env(gocache: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ORCH_", "GOFLAGS", "GOTOOLCHAIN", "GOWORK", "GOOS", "GOARCH", "CGO_"))
           or k in ("ORCH_PYTHON", "ORCH_TRACEBACK")}
    env["GOCACHE"] = gocache
    env["GOFLAGS"] = "-buildvcs=false"
    env["GOTOOLCHAIN"] = os.environ.get("ORCH_TEST_GOTOOLCHAIN", "local")
    return env


def write_module(root, files: dict, module: str = "example.com/m", go: str = "1.22") -> str:
    """Write a Go module: {relative path: text}; go.mod is added unless given."""
    root = str(root)
    files = dict(files)
    files.setdefault("go.mod", f"module {module}\n\ngo {go}\n")
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(textwrap.dedent(text).lstrip("\n") if rel.endswith(".go") else text)
    return root


def run_go(args, cwd, *, base_env, orch=True, env=None, check=True, timeout=900):
    full_env = dict(base_env)
    full_env.update(env or {})
    cmd = ["go"] + list(args)
    if orch:
        # -toolexec goes right after the subcommand, as a user would write it.
        cmd = ["go", args[0], "-toolexec", TOOLEXEC] + list(args[1:])
    proc = subprocess.run(cmd, cwd=str(cwd), env=full_env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def build_testdata(testdata: str, tmp, *, base_env, plain: bool = False):
    """Build a test's Go program (a testdata directory without go.mod, which
    imports nothing of orch's) with orch as module example.com/NAME into
    tmp/NAME; with plain, also without orch into tmp/NAME-plain. The path
    of the binary, or of both."""
    name = os.path.basename(testdata.rstrip(os.sep))
    src = os.path.join(str(tmp), "src")
    shutil.copytree(testdata, src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write(f"module example.com/{name}\n\ngo 1.22\n")
    exe = os.path.join(str(tmp), name)
    run_go(["build", "-o", exe, "."], src, base_env=base_env, timeout=1500)
    if not plain:
        return exe
    run_go(["build", "-o", exe + "-plain", "."], src, base_env=base_env, orch=False, timeout=1500)
    return exe, exe + "-plain"
