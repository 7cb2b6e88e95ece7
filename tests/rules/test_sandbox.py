"""Rules are data (issue 19): a rule file, say an aspect file from someone
else, cannot make orch run code at build time, read files outside what the
build reads, or write outside the build's work directory. Each attempt is
refused with one line naming the rule file and line, at load time where it
can be seen there, else when the template runs; never a traceback."""

import os
import subprocess

import pytest

from orch.errors import OrchError
from rulesupport import load_rules
from support import TOOLEXEC, clean_env, write_module

HEAD = """
[[aspects]]
id = "attempt"
join-point.function-body.function = [ { name = "work" } ]
"""

LOAD_TIME = {
    # text/template has no function that reaches the system, and orch adds none.
    "read a file": ("advice.prepend-statements.template = '{{ readFile \"/etc/passwd\" }}'",
                    'function "readFile" not defined'),
    "run a program": ("advice.prepend-statements.template = '{{ exec \"id\" }}'", 'function "exec" not defined'),
    "read the environment": ("advice.prepend-statements.template = '{{ env \"HOME\" }}'",
                             'function "env" not defined'),
    # Import paths are what a nested go command resolves: none may name a directory.
    "a relative import": ("advice.prepend-statements = { imports = { x = \"../../etc\" }, template = \"x.Y()\" }",
                          "'../../etc' is not a Go import path"),
    "an absolute import": ("advice.add-blank-import = \"/etc/passwd\"", "'/etc/passwd' is not a Go import path"),
    "a dot-dot element": ("advice.add-blank-import = \"example.com/a/../../../etc\"", "is not a Go import path"),
    "a hidden element": ("advice.add-blank-import = \"example.com/.ssh\"", "starts with a dot"),
    "a relative link": ("[aspects.advice.inject-declarations]\nlinks = [ \"./x\" ]\ntemplate = \"var x = 1\"",
                        "'./x' is not a Go import path"),
    "a backslash": ("advice.add-blank-import = 'a\\\\..\\\\b'", "is not a Go import path"),
}


@pytest.mark.parametrize("case", sorted(LOAD_TIME))
def test_refused_when_the_rules_are_loaded(case):
    advice, message = LOAD_TIME[case]
    with pytest.raises(OrchError) as e:
        load_rules(HEAD + advice + "\n")
    text = str(e.value)
    assert message in text and "\n" not in text and "Traceback" not in text, text
    assert "/rules.toml:" in text


# Attempts only a running template can make: Python's internals behind the
# objects a template sees, calling what is not a function, and go:embed in
# injected code (the compiler embeds only what go listed in -embedcfg).
BUILD_TIME = {
    "python internals": ("advice.prepend-statements.template = '_ = `{{ .Function.__class__.__init__.__globals__ }}`'",
                         "can't evaluate field __class__"),
    "internals of the node": ("advice.prepend-statements.template = '_ = `{{ .AST.__dict__ }}`'",
                              "can't evaluate field __dict__"),
    "call a string": ("advice.prepend-statements.template = '{{ call .Function.Name }}'", "non-function"),
    "embed a file": ("[aspects.advice.inject-declarations]\nimports = { embed = \"embed\" }\n"
                     "template = \"\"\"\n//go:embed secret.txt\nvar stolen string\nvar _ embed.FS\n\"\"\"",
                     "go:embed"),
}

# Only the module's own package: a rule on every `work` function would
# also match the standard library's.
BUILD_HEAD = """
[[aspects]]
id = "attempt"
join-point.all-of = [ { import-path = "example.com/sandbox" }, { function-body.function = [ { name = "work" } ] } ]
"""

PROGRAM = {
    "main.go": """
        package main

        func work() {}

        func main() { work() }
        """,
    "secret.txt": "a file the build does not read\n",
}


@pytest.mark.parametrize("case", sorted(BUILD_TIME))
def test_refused_when_the_template_runs(case, tmp_path, gocache):
    advice, message = BUILD_TIME[case]
    rules = tmp_path / "rules.toml"
    rules.write_text(BUILD_HEAD + advice + "\n")
    src = write_module(tmp_path / "src", PROGRAM, module="example.com/sandbox")
    env = dict(clean_env(gocache), ORCH_RULES=str(rules), ORCH_NO_BUILTIN="1")
    p = subprocess.run(["go", "build", "-toolexec", TOOLEXEC, "-o", str(tmp_path / "app"), "."], cwd=src, env=env,
                       capture_output=True, text=True, timeout=900)
    assert p.returncode != 0
    assert message in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert "a file the build does not read" not in p.stderr
    assert not os.path.exists(tmp_path / "app")


def test_a_rule_file_that_is_a_symlink_to_a_secret_is_not_echoed(tmp_path):
    """A rule directory may hold a symlink (the user's choice to follow);
    when what it points to is no rule file, the error names the file and
    line, never its content."""
    from orch.rules.loader import load_files
    secret = tmp_path / "secret"
    secret.write_text("password hunter2 is here\n")
    (tmp_path / "rules").mkdir()
    os.symlink(secret, tmp_path / "rules" / "evil.toml")
    with pytest.raises(OrchError) as e:
        load_files([str(tmp_path / "rules" / "evil.toml")])
    assert "evil.toml:1:" in str(e.value) and "hunter2" not in str(e.value)
