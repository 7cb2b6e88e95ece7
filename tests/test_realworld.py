"""Real modules' own test suites pass through orch as they pass without it.

Opt-in: ORCH_REALWORLD=1 downloads eight modules through the Go module
proxy and runs each suite twice with a cold GOCACHE of its own, about
15 minutes on 2 cores; ORCH_REALWORLD=data runs the suites of the data
libraries orch's packs instrument (go-redis v9 and v8, redigo, pgx,
gomemcache, rueidis, kafka-go; traced, against real redis-server and
PostgreSQL where their tests take one), about 30 minutes; ORCH_REALWORLD=all
runs both. See tests/bench/realworld.py.
"""

import os
import sys

import pytest

pytestmark = [pytest.mark.slow]

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench"))

WANTED = os.environ.get("ORCH_REALWORLD", "")


@pytest.mark.parametrize("modules", [
    pytest.param(None, id="default",
                 marks=pytest.mark.skipif(WANTED not in ("1", "all"), reason="set ORCH_REALWORLD=1 to run")),
    pytest.param("data", id="data",
                 marks=pytest.mark.skipif(WANTED not in ("data", "all"), reason="set ORCH_REALWORLD=data to run")),
])
def test_every_test_that_passes_plainly_passes_through_orch(tmp_path, modules):
    import realworld
    results = tmp_path / "realworld.json"
    status = realworld.main(["--work", str(tmp_path / "work"), "--json", str(results)]
                            + (["--modules", modules] if modules else []))
    assert status == 0, f"regressions: see the output above and {results}"
