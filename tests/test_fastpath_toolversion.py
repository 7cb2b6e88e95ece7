"""bin/orch-toolexec remembers the -V=full answers of the tools orch does
not touch (asm, cgo, vet...): go asks each of them once per go command,
and the answer depends only on the tool binary and GOROOT, GOOS, GOARCH,
GOEXPERIMENT. A stale answer would poison GOCACHE (go files actions under
the tool id it was told), so each test changes one input and checks that
the tool is asked again.
"""

import os
import subprocess
import time

import pytest

from support import TOOLEXEC, write_module

TOOL = """#!/bin/sh
echo run >> "{log}"
[ "$1" = -V=full ] || exit 3
echo "asm version {version}"
"""


@pytest.fixture
def place(tmp_path):
    """A stand-in asm that counts its runs, old enough to be remembered,
    and a cache directory of orch's own."""
    tool = tmp_path / "tools" / "asm"
    tool.parent.mkdir()
    log = tmp_path / "runs"
    write_tool(tool, log, "go1.99.1")
    cache = tmp_path / "cache"
    (cache / "orch" / "fast").mkdir(parents=True, mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORCH_", "GO"))}
    env["XDG_CACHE_HOME"] = str(cache)
    time.sleep(2.1)    # a tool changed in the last two seconds is not trusted
    return tool, log, env


def write_tool(tool, log, version):
    tool.write_text(TOOL.format(log=log, version=version))
    tool.chmod(0o755)


def ask(tool, env, *args):
    return subprocess.run([TOOLEXEC, str(tool), *(args or ["-V=full"])], env=env,
                          capture_output=True, text=True)


def runs(log):
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_the_answer_is_remembered_until_the_tool_changes(place):
    tool, log, env = place
    assert ask(tool, env).stdout == "asm version go1.99.1\n" and runs(log) == 1
    assert ask(tool, env).stdout == "asm version go1.99.1\n" and runs(log) == 1
    write_tool(tool, log, "go1.99.2")    # a new toolchain in the same place
    assert ask(tool, env).stdout == "asm version go1.99.2\n" and runs(log) == 2


@pytest.mark.parametrize("var", ["GOEXPERIMENT", "GOOS", "GOARCH", "GOROOT"])
def test_a_variable_the_answer_depends_on_asks_again(place, var):
    tool, log, env = place
    ask(tool, env)
    ask(tool, dict(env, **{var: "x"}))
    assert runs(log) == 2


def test_a_young_tool_is_asked_every_time(place):
    tool, log, env = place
    write_tool(tool, log, "go1.99.3")
    ask(tool, env)
    assert ask(tool, env).stdout == "asm version go1.99.3\n" and runs(log) == 2


def test_failures_and_other_calls_pass_through(place):
    tool, log, env = place
    other = ask(tool, env, "-S", "x.s")
    assert other.returncode == 3 and runs(log) == 1        # not a version question: exec'd
    tool.write_text("#!/bin/sh\necho broken\nexit 5\n")
    time.sleep(2.1)
    failed = ask(tool, env)
    assert failed.returncode == 5 and failed.stdout == "broken\n"
    assert ask(tool, env).returncode == 5                  # a failure is never remembered


def test_a_damaged_memo_is_replaced(place):
    tool, log, env = place
    ask(tool, env)
    memo = next((tool.parent.parent / "cache" / "orch" / "fast").glob("tool-asm"))
    memo.write_text("orch-tool-version 1\n")
    assert ask(tool, env).stdout == "asm version go1.99.1\n" and runs(log) == 2
    assert ask(tool, env).stdout == "asm version go1.99.1\n" and runs(log) == 2


def test_go_vet_through_the_launcher(tmp_path):
    """The real tools' answers, as go parses them: go vet runs vet -V=full."""
    write_module(tmp_path / "m", {"main.go": "package main\n\nfunc main() { println(1) }\n"})
    env = dict(os.environ, GOCACHE=str(tmp_path / "gocache"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    for _ in range(2):
        subprocess.run(["go", "vet", "-toolexec", TOOLEXEC, "."], cwd=tmp_path / "m", env=env,
                       check=True, capture_output=True)
