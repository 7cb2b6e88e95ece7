"""The parser fuzzer (fuzz_parser.py) in CI: every input it ever found is
replayed, then a bounded run (a fixed seed and number of inputs, so every
machine tries the same ones; longer runs with random seeds: the script)."""

import glob
import os

import fuzz_parser

HERE = os.path.dirname(os.path.abspath(__file__))


def test_found_inputs_stay_fixed(tmp_path, goastdump):
    files = sorted(glob.glob(os.path.join(fuzz_parser.CORPUS, "*.go")))
    assert files, "the corpus is empty"
    cases = [(os.path.basename(f)[:-3], open(f, "rb").read()) for f in files]
    problems = fuzz_parser.check_batch(cases, str(tmp_path), goastdump, goastdump.go_minor)
    assert not problems, "\n".join(f"{n}: {why}" for n, _, why in problems)


def test_a_bounded_run_finds_nothing(tmp_path, goastdump, monkeypatch):
    saved = []
    monkeypatch.setattr(fuzz_parser, "keep", lambda src: saved.append(src) or f"<{len(saved)}>")
    tried, found = fuzz_parser.fuzz(fuzz_parser.goroot_files(), 600, seed=11, goastdump=goastdump,
                                    go_minor=goastdump.go_minor, limit=4500, workdir=str(tmp_path))
    assert tried >= 4500
    assert not found, "\n".join(f"{why}: {src[:200]!r}" for (_, why), src in zip(found, saved))
