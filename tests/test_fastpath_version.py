"""bin/orch-toolexec answers go's compile -V=full question itself when an
earlier call's answer still holds (fastpath.py, "go's first question").

A stale answer would poison GOCACHE (go files every action under the tool
id it was told), so most of this file changes one input at a time and
checks that the launcher then asks Python, and that the answer is the one
Python gives with no memory at all.
"""

import os
import shutil
import subprocess
import time

import pytest

from support import ROOT, TOOLEXEC, write_module
from test_fastpath import logging_python

from orch import fastpath

GOTOOLDIR = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True,
                           check=True).stdout.strip()
RULE = """\
[[aspects]]
id = "version.launcher"
join-point.function-body.function = [ {{ name = "{name}" }} ]
[[aspects.advice]]
prepend-statements.template = 'println("{word}")'
"""


class Place:
    """A copy of orch (so its library may be edited), a rules directory, a
    module (in a directory whose name needs quoting) and a stand-in for go:
    /bin/sh named go, which is what orch checks its parent by."""

    def __init__(self, root):
        self.root = root
        self.orch = root / "orch"
        for part in ("bin", "lib", "rules.d"):
            shutil.copytree(os.path.join(ROOT, part), self.orch / part,
                            ignore=shutil.ignore_patterns("__pycache__"), symlinks=True)
        self.toolexec = self.orch / "bin" / "orch-toolexec"
        import compileall      # as the first call would: its __pycache__ directories are inputs' news
        compileall.compile_dir(str(self.orch / "lib"), quiet=1)
        self.rules = root / "rules"
        self.rules.mkdir()
        (self.rules / "a.toml").write_text(RULE.format(name="Work", word="one"))
        self.module = root / "it's a module"
        write_module(self.module, {"main.go": "package main\n\nfunc main() {}\n"})
        (self.module / "sub").mkdir()
        self.tools = root / "tools"
        self.tools.mkdir()
        for tool in ("compile", "link"):
            shutil.copy2(os.path.join(GOTOOLDIR, tool), self.tools / tool)
        self.go = root / "bin" / "go"
        self.go.parent.mkdir()
        self.go.symlink_to("/bin/sh")
        self.python, self.log = logging_python(root, 'case "$*" in *-V=full*) echo "$6" ;; esac')
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("ORCH_", "GOEXPERIMENT"))}
        self.env.update(ORCH_RULES=str(self.rules), ORCH_PYTHON=str(self.python),
                        XDG_CACHE_HOME=str(root / "cache"))

    def ask(self, cwd=None, env=None, cache=None, script=None):
        """(compile's -V=full answer through the launcher, how many times
        Python started), with the stand-in go as the launcher's parent."""
        before = self._starts()
        e = dict(self.env, **(env or {}))
        if cache:
            e["XDG_CACHE_HOME"] = str(cache)
        go = f'"{self.toolexec}" "{self.tools}/compile" -V=full; {script or "true"}'
        out = subprocess.run([str(self.go), "-c", go], cwd=cwd or self.module, env=e,
                             capture_output=True, text=True, check=True).stdout
        return out, self._starts() - before

    def fresh_answer(self, **kw):
        """What Python answers with an empty cache."""
        d = self.root / f"fresh-{time.monotonic_ns()}"
        return self.ask(cache=d, **kw)[0]

    def _starts(self):
        return len(self.log.read_text().split()) if self.log.exists() else 0


def settle():
    """Inputs under 2 s old are never remembered (fastpath.remember)."""
    time.sleep(2.1)


@pytest.fixture
def place(tmp_path):
    p = Place(tmp_path)
    settle()
    first, started = p.ask()
    assert started == 1 and ":orch@" in first
    again, started = p.ask()
    assert (again, started) == (first, 0)
    return p


def test_the_launcher_answers_as_python_would_and_points_go_at_the_summary(place):
    """The remembered answer is Python's, byte for byte; the same go process
    then gets its link -V=full answer and its untouched compile calls
    without Python."""
    answer, started = place.ask()
    assert started == 0 and answer == place.fresh_answer()
    pkg = place.root / "pkg"
    pkg.mkdir()
    (pkg / "a.go").write_text("package pkg\n\nfunc F() {}\n")
    (place.root / "b001").mkdir()
    script = (f'"{place.toolexec}" "{place.tools}/link" -V=full && cd "{pkg}" && '
              f'TOOLEXEC_IMPORTPATH=example.com/pkg "{place.toolexec}" "{place.tools}/compile" '
              f'-o "{place.root}/b001/_pkg_.a" -p example.com/pkg -lang=go1.22 -complete -pack ./a.go && true')
    out, started = place.ask(script=script)
    assert started == 0
    lines = out.splitlines()
    assert lines[0] == answer.strip() and lines[1].startswith("link version ") and ":orch@" in lines[1]
    assert (place.root / "b001" / "_pkg_.a").exists()


def edit_in_place(path, old, new):
    """Same size, same mtime: only the ctime tells."""
    st = os.stat(path)
    text = path.read_text()
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def replace_compiler(p):
    tmp = p.tools / "compile.new"
    shutil.copy2(p.tools / "compile", tmp)
    os.replace(tmp, p.tools / "compile")


CHANGES = {
    "rule file edited (same size and mtime)": lambda p: edit_in_place(p.rules / "a.toml", '"one"', '"two"'),
    "rule file added": lambda p: (p.rules / "b.toml").write_text(RULE.format(name="More", word="two")),
    "rule file removed": lambda p: (p.rules / "a.toml").unlink(),
    "orch's library edited (same size and mtime)": lambda p: edit_in_place(
        p.orch / "lib" / "orch" / "rules" / "fingerprint.py", "orch-engine-v1", "orch-engine-v2"),
    "a rule pack's Go source edited": lambda p: edit_in_place(
        p.orch / "rules.d" / "runtime" / "trace" / "id.go", "package", "package"),
    "compiler replaced": replace_compiler,
    "go.mod below the module root": lambda p: (p.module / "sub" / "go.mod").write_text("module example.com/sub\n"),
    "orch.toml created": lambda p: (p.module / "orch.toml").write_text("[orch]\nbuiltin = false\n"),
    "module renamed in go.mod (same size and mtime)": lambda p: edit_in_place(
        p.module / "go.mod", "module example.com/m", "module example.com/n"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_an_input_sends_the_question_back_to_python(place, change):
    CHANGES[change](place)
    cwd = place.module / "sub" if "below" in change else place.module
    answer, started = place.ask(cwd=cwd)
    assert started == 1
    assert answer == place.fresh_answer(cwd=cwd)


@pytest.mark.parametrize("env", [{"ORCH_NO_BUILTIN": "1"}, {"GOAMD64": "v2"},
                                 {"ORCH_MODULE_ROOT": "/"}])
def test_another_environment_is_another_question(place, env):
    answer, started = place.ask(env=env)
    assert started == 1 and answer == place.fresh_answer(env=env)


def test_another_directory_is_another_question(place):
    assert place.ask(cwd=place.module / "sub")[1] == 1


def test_a_working_directory_named_through_a_symlink(place, tmp_path):
    """$PWD names the directory through a link: pointing the link
    elsewhere (another module) must not find the old answer."""
    other = write_module(tmp_path / "other", {"main.go": "package main\n\nfunc main() {}\n",
                                              "orch.toml": "[orch]\nbuiltin = false\n"})
    link = tmp_path / "here"
    link.symlink_to(place.module)
    settle()
    env = {"PWD": str(link)}
    first, started = place.ask(cwd=link, env=env)
    assert started == 1
    assert place.ask(cwd=link, env=env) == (first, 0)
    link.unlink()
    link.symlink_to(other)
    answer, started = place.ask(cwd=link, env=env)
    assert started == 1 and answer == place.fresh_answer(cwd=link, env=env) != first


def test_inputs_younger_than_two_seconds_are_not_remembered(place):
    edit_in_place(place.rules / "a.toml", '"one"', '"two"')
    assert place.ask()[1] == 1
    assert place.ask()[1] == 1      # still too young to remember
    settle()
    assert place.ask()[1] == 1
    assert place.ask()[1] == 0


def test_launcher_compares_the_variables_that_python_keys_on():
    """bin/orch-toolexec lists the variables itself: it must be
    fastpath.launcher_env(), in order."""
    import re
    script = open(TOOLEXEC).read()
    loop = script[script.index("for want in"):script.index("; do", script.index("for want in"))]
    names = re.findall(r'"\$\{(\w+):-\}"', loop)
    assert tuple(names) == fastpath.launcher_env()
    assert f'"{fastpath.MAGIC}"' in loop and fastpath.STAT_FORMAT in script


def test_forget_old_keeps_what_is_pointed_to(tmp_path, monkeypatch):
    """Summaries and input lists go once no slot and no live go process
    points to them (and they are over a minute old); dead processes' pointers go."""
    d = tmp_path / "fast"
    d.mkdir()
    boot = open("/proc/sys/kernel/random/boot_id").read().strip()
    me = fastpath.go_process_key(os.getpid())
    (d / f"{me}.ref").write_text("sum-live\n")
    (d / f"{boot}-999999999-1.ref").write_text("sum-dead\n")
    key = ["x"] * (3 + len(fastpath.launcher_env()))
    key[0] = fastpath.MAGIC
    (d / "version-1").write_text("\n".join(key + ["sum-slot", "in-slot", "answer"]) + "\n")
    old = time.time() - 120
    for stem in ("sum-live", "sum-dead", "sum-slot", "sum-new"):
        for suffix in (".ips", ".pat"):
            (d / (stem + suffix)).write_text("-\n")
            if stem != "sum-new":
                os.utime(d / (stem + suffix), (old, old))
    for stem in ("in-slot", "in-gone"):
        (d / (stem + ".sh")).write_text("set -- /\n")
        os.utime(d / (stem + ".sh"), (old, old))
    fastpath._forget_old(str(d), boot)
    left = sorted(os.listdir(d))
    assert left == sorted([f"{me}.ref", "version-1", "in-slot.sh"] +
                          [s + x for s in ("sum-live", "sum-slot", "sum-new") for x in (".ips", ".pat")])


def test_real_builds_start_python_only_when_the_rules_change(tmp_path, gorun):
    """A warm build starts no Python at all; an edited rule file (same size,
    same mtime) is seen by the next build, whose binary says so."""
    from test_version_memo import wait_until_orch_is_settled
    rules = tmp_path / "rules.toml"
    rules.write_text(RULE.format(name="orchWork", word="one"))
    mod = write_module(tmp_path / "m", {"main.go": "package main\n\nfunc orchWork() {}\n\nfunc main() { orchWork() }\n"})
    logger, log = logging_python(tmp_path, 'echo "$6"')
    env = {"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1", "ORCH_PYTHON": str(logger),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    wait_until_orch_is_settled()
    settle()
    app = str(tmp_path / "app")

    def build():
        before = len(log.read_text().split()) if log.exists() else 0
        gorun(["build", "-o", app, "."], mod, env=env)
        ran = subprocess.run([app], capture_output=True, text=True, check=True)
        return ran.stderr.strip(), len(log.read_text().split()) - before

    said, _ = build()
    assert said == "one"
    assert build() == ("one", 0)
    edit_in_place(rules, '"one"', '"two"')
    said, started = build()
    assert said == "two" and started >= 1
    ended = [n for n in os.listdir(tmp_path / "cache" / "orch" / "fast") if n.endswith(".ref")
             if fastpath.go_process_key(int(n.rsplit("-", 2)[1])) != n[:-4]]
    assert len(ended) <= 1, "the link calls clean up the pointers of go processes that have ended"
