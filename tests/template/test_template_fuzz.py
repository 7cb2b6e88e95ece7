"""The template fuzzer (fuzz_template.py) in CI: every template it ever
found is replayed against Go's text/template, then a bounded run (a fixed
seed and number of templates; longer runs with random seeds: the script)."""

import glob
import json

import pytest

import fuzz_template
import template_diff


@pytest.fixture(scope="module")
def go_tmpldiff(goenv, tmp_path_factory):
    """run(cases) -> Go's results, from tests/template/tmpldiff."""
    exe = template_diff.build(goenv, str(tmp_path_factory.mktemp("tmpldiff")))
    return lambda cases: template_diff.run_go(exe, cases)


def test_found_templates_stay_fixed(go_tmpldiff):
    cases = [json.load(open(f)) for f in sorted(glob.glob(fuzz_template.CORPUS + "/*.json"))]
    assert cases, "the corpus is empty"
    problems = fuzz_template.check_batch(cases, go_tmpldiff)
    assert not problems, "\n".join(f"{c['text']!r}: {why}" for c, why in problems)


def test_a_bounded_run_finds_nothing(go_tmpldiff, monkeypatch):
    monkeypatch.setattr(fuzz_template, "keep", lambda case: json.dumps(case))
    tried, found = fuzz_template.fuzz(600, seed=11, run_go=go_tmpldiff, limit=60000)
    assert tried >= 60000
    assert not found, "\n".join(f"{case}: {why}" for case, why in found)
