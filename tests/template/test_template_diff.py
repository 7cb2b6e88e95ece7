"""orch's template engine against Go's text/template, case by case.

The Go side is tests/template/tmpldiff, built once per session and run once for
all cases (hand-written ones from template_cases.py, then generated ones from
template_gen.py: random templates on random data, and random printf verbs,
flags, widths and precisions on random values). Outputs must be identical; errors must be errors in the same
phase, with the same message (or, for the cases in LOOSE, at least the same
"template: NAME:LINE" prefix).
"""

import pytest

import template_cases
import template_diff
import template_gen

# Cases whose messages name Go types that orch cannot know (a value reached
# through a map is "interface {}" in Go), or depend on Go's limits.
LOOSE = {
    "template-24",  # infinite recursion: Go stops at depth 100000, orch at Python's recursion limit
}

GENERATED = (template_gen.generate(seed=20240611, count=1000)
             + template_gen.generate_printf(seed=7, count=800))


@pytest.fixture(scope="session")
def go_results(goenv, tmp_path_factory):
    exe = template_diff.build(goenv, str(tmp_path_factory.mktemp("tmpldiff")))
    cases = template_cases.CASES + GENERATED
    results = template_diff.run_go(exe, cases)
    assert len(results) == len(cases)
    return {c["id"]: r for c, r in zip(cases, results)}


def _check(case, go_results):
    go = go_results[case["id"]]
    assert go.get("phase") != "harness", go
    py = template_diff.run_python(case)
    diff = template_diff.compare(case, go, py, exact_errors=case["id"] not in LOOSE)
    assert diff is None, "%s: %r\n%s" % (case["id"], case["text"], diff)


@pytest.mark.parametrize("case", template_cases.CASES, ids=[c["id"] for c in template_cases.CASES])
def test_case(case, go_results):
    _check(case, go_results)


@pytest.mark.parametrize("case", GENERATED, ids=[c["id"] for c in GENERATED])
def test_generated(case, go_results):
    _check(case, go_results)


def test_case_count():
    assert len(template_cases.CASES) >= 200
