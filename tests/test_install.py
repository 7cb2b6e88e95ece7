"""orch installed with pip (into a virtual environment) works like the checkout."""

import os
import shutil
import subprocess
import sys

import pytest

from support import ROOT, write_module

PROGRAM = {
    "main.go": """
        package main

        import "fmt"

        //orch:span span.name:installed
        func work() int { return 42 }

        func main() { fmt.Println(work()) }
    """,
}


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"     # a copy: building writes build/ and *.egg-info next to the sources
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "bin", "lib", "rules.d", "man"):
        path = os.path.join(ROOT, name)
        if os.path.isdir(path):
            shutil.copytree(path, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    env = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    pip = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", str(src)], capture_output=True, text=True)
    if pip.returncode != 0:
        pytest.fail(f"pip install failed:\n{pip.stdout}\n{pip.stderr}")
    shutil.rmtree(src)    # the installed copy must not need the sources
    return env


def test_installed_executables_answer(venv):
    for name in ("orch-toolexec", "orch-version", "orch-plan", "orch-rewrite", "orch-linkdeps"):
        out = subprocess.run([str(venv / "bin" / name), "--version"], capture_output=True, text=True, check=True)
        assert out.stdout.startswith(f"{name} "), out.stdout


def test_installed_orch_builds_a_traced_program(venv, tmp_path, goenv):
    mod = write_module(tmp_path / "m", PROGRAM)
    env = dict(goenv)
    env.pop("ORCH_PYTHON", None)     # the launcher must find the venv's python beside it
    subprocess.run(["go", "build", "-toolexec", str(venv / "bin" / "orch-toolexec"), "-o", str(tmp_path / "app"), "."],
                   cwd=mod, env=env, check=True, capture_output=True, text=True)
    run = subprocess.run([str(tmp_path / "app")], capture_output=True, text=True, check=True,
                         env=dict(os.environ, OTEL_TRACES_EXPORTER="console"))
    assert run.stdout == "42\n" and "installed" in run.stderr, run.stderr


def test_installed_man_pages(venv):
    """pip installs the manual pages under the prefix's share/man, where man
    looks for the executables beside them."""
    for page in ("man1/orch-toolexec.1", "man1/orch-version.1", "man1/orch-plan.1", "man1/orch-rewrite.1",
                 "man1/orch-linkdeps.1", "man5/orch-rules.5"):
        assert (venv / "share" / "man" / page).is_file(), page
    if shutil.which("man"):
        out = subprocess.run(["man", "-M", str(venv / "share" / "man"), "orch-toolexec"],
                             capture_output=True, text=True, env=dict(os.environ, MANPAGER="cat", PAGER="cat"))
        assert out.returncode == 0 and "orch-toolexec" in out.stdout, out.stderr


def test_a_go_package_named_orch_in_the_build(venv, tmp_path, goenv):
    """go runs tools in the package's directory; `python -c` would put that
    directory first on sys.path, and a Go package directory named orch
    shadowed orch's own modules (No module named 'orch.toolexec')."""
    program = {
        "main.go": PROGRAM["main.go"].replace('import "fmt"', 'import (\n\t"fmt"\n\n\t"example.com/m/orch"\n)')
                                     .replace("return 42", "return orch.Answer"),
        "orch/orch.go": "package orch\n\nconst Answer = 42\n",
        "orch/toolexec/toolexec.go": "package toolexec\n",
    }
    mod = write_module(tmp_path / "m", program)
    env = dict(goenv)
    env.pop("ORCH_PYTHON", None)
    proc = subprocess.run(["go", "build", "-toolexec", str(venv / "bin" / "orch-toolexec"), "-o", str(tmp_path / "app"),
                           "."], cwd=mod, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = subprocess.run([str(tmp_path / "app")], capture_output=True, text=True, check=True)
    assert run.stdout == "42\n"
