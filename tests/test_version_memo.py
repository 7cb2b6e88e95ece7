"""The version stage remembers its answer, and forgets it when any input changes."""

import os
import subprocess
import time

import pytest

from orch.stages import version

RULE = """\
[[aspects]]
id = "memo.test"
join-point.function-body.function = [ {{ name = "{name}" }} ]
[[aspects.advice]]
prepend-statements.template = "_ = 0"
"""


def age(*paths, seconds=10):
    t = time.time() - seconds
    for p in paths:
        os.utime(p, (t, t))


def wait_until_orch_is_settled():
    """The answer is not remembered while any of orch's own files is under
    2 s old (an edit could still be racing): after a checkout or an edit,
    wait for that window to pass rather than fail."""
    from orch import paths
    lib = os.path.dirname(os.path.dirname(os.path.abspath(version.__file__)))
    newest = max(os.stat(os.path.join(d, n)).st_mtime
                 for top in (lib, paths.builtin_rules_dir())
                 for d, _, names in os.walk(top) if "__pycache__" not in d for n in names)
    delay = newest + 2.1 - time.time()
    if delay > 0:
        time.sleep(min(delay, 2.1))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    wait_until_orch_is_settled()
    d = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(d))
    monkeypatch.setenv("ORCH_NO_BUILTIN", "1")
    return d / "orch" / "version"


def test_identity_is_remembered_and_follows_edits(tmp_path, cache):
    rule = tmp_path / "r.toml"
    rule.write_text(RULE.format(name="aaaa"))
    time.sleep(2.1)     # past the racy window (ctime cannot be set back)
    first = version.identity([str(rule)])
    assert len(os.listdir(cache)) == 1
    assert version.identity([str(rule)]) == first
    # Same size, same mtime, new content: the ctime changes the key.
    st = os.stat(rule)
    rule.write_text(RULE.format(name="bbbb"))
    os.utime(rule, ns=(st.st_atime_ns, st.st_mtime_ns))
    time.sleep(2.1)
    second = version.identity([str(rule)])
    assert second != first
    assert len(os.listdir(cache)) == 2


def test_fresh_files_are_not_remembered(tmp_path, cache):
    rule = tmp_path / "r.toml"
    rule.write_text(RULE.format(name="cccc"))   # written just now: within the racy window
    version.identity([str(rule)])
    assert not cache.exists() or not os.listdir(cache)


def test_broken_rules_fail_every_time(tmp_path, cache):
    from orch.errors import OrchError
    rule = tmp_path / "r.toml"
    rule.write_text("[[aspects]]\nid = \n")
    age(rule)
    for _ in range(2):
        with pytest.raises(OrchError):
            version.identity([str(rule)])


def test_tool_line_follows_goexperiment(cache, monkeypatch):
    gotooldir = subprocess.run(["go", "env", "GOTOOLDIR"], capture_output=True, text=True, check=True).stdout.strip()
    compile_ = os.path.join(gotooldir, "compile")
    monkeypatch.delenv("GOEXPERIMENT", raising=False)
    plain = version.tool_version_line(compile_)
    assert version.tool_version_line(compile_) == plain
    monkeypatch.setenv("GOEXPERIMENT", "fieldtrack")
    assert "fieldtrack" in version.tool_version_line(compile_)
    monkeypatch.delenv("GOEXPERIMENT")
    assert version.tool_version_line(compile_) == plain
