"""Real modules' own test suites pass through orch as they pass without it.

Opt-in (ORCH_REALWORLD=1): it downloads eight modules through the Go module
proxy and runs each suite twice with a cold GOCACHE of its own, about
15 minutes on 2 cores. See tests/bench/realworld.py.
"""

import os
import sys

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("ORCH_REALWORLD") != "1", reason="set ORCH_REALWORLD=1 to run"),
]

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench"))


def test_every_test_that_passes_plainly_passes_through_orch(tmp_path):
    import realworld
    results = tmp_path / "realworld.json"
    status = realworld.main(["--work", str(tmp_path / "work"), "--json", str(results)])
    assert status == 0, f"regressions: see the output above and {results}"
