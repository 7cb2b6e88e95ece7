"""examples/demo, README's first command, run as a user would (with the
tests' GOCACHE and its files in a temporary directory)."""

import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples", "demo")


def test_demo_builds_runs_and_shows_traces(goenv, tmp_path):
    env = dict(goenv, ORCH_DEMO_DIR=str(tmp_path))
    p = subprocess.run([DEMO], env=env, capture_output=True, text=True, timeout=2400, stdin=subprocess.DEVNULL)
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
    p = subprocess.run([DEMO], env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert p.returncode == 0 and re.search(r"built in [01] s", p.stdout), p.stdout + p.stderr


def test_demo_without_go_says_so(tmp_path):
    path = ":".join(d for d in os.environ["PATH"].split(":") if d and not os.path.exists(os.path.join(d, "go")))
    p = subprocess.run([DEMO], env={"PATH": path, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60)
    assert p.returncode == 1
    assert "examples/demo: FATAL: the go command is not on PATH" in p.stderr and "https://go.dev/dl" in p.stderr
