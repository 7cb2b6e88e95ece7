"""examples/demo, README's first command, run as a user would (with the
tests' GOCACHE and its files in a temporary directory)."""

import os
import re
import signal
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples", "demo")


def run_demo(env, timeout):
    """Run the demo in its own process group, all of which a time-out ends."""
    p = subprocess.Popen([DEMO], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        raise AssertionError(f"examples/demo did not finish in {timeout} s:\n{out}\n{err}")
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def test_demo_builds_runs_and_shows_traces(goenv, tmp_path):
    env = dict(goenv, ORCH_DEMO_DIR=str(tmp_path))
    p = run_demo(env, 2400)
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout
    assert "GET  /shop/1              -> 200 teapot: 30.00 EUR incl. VAT, 3 in stock" in out
    assert "backend: stopped" in out and "frontend: stopped" in out
    # One trace across the three processes, printed as a tree.
    assert "(6 spans; backend, frontend, shopper)" in out
    assert "\n    GET /shop/{id}  [frontend]  server  " in out
    assert "\n          SELECT  [backend]  client  " in out
    assert 'price-quote  [frontend]  internal' in out and 'shop.component="pricing"' in out
    assert "ERROR 'panic: runtime error: index out of range [7] with length 2'" in out
    assert os.path.getsize(tmp_path / "traces.jsonl") > 0
    # A second run builds nothing.
    p = run_demo(env, 600)
    assert p.returncode == 0 and re.search(r"built in [01] s", p.stdout), p.stdout + p.stderr


def test_demo_without_go_says_so(tmp_path):
    path = ":".join(d for d in os.environ["PATH"].split(":") if d and not os.path.exists(os.path.join(d, "go")))
    p = subprocess.run([DEMO], env={"PATH": path, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60)
    assert p.returncode == 1
    assert "examples/demo: FATAL: the go command is not on PATH" in p.stderr and "https://go.dev/dl" in p.stderr
