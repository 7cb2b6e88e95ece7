"""What the log-correlation tests share: running a program without any
configuration, and reading the fields of a log line."""

import json
import re
import subprocess

from packsupport import Program, Spans, program_env

IDS = ("trace_id", "span_id", "trace_flags")


def plain_run(exe, env=None) -> str:
    """exe's stdout, run without ORCH_ or OTEL_ settings (tracing off)."""
    return subprocess.run([exe], env=program_env(None, env), capture_output=True, text=True, check=True,
                          timeout=60).stdout


def fields(line) -> dict:
    """The fields of a JSON line, a logfmt line (key=value), or a zap
    console line (text, then a JSON object after the last tab)."""
    if line.startswith("{"):
        return json.loads(line)
    if "\t" in line:
        head, _, obj = line.rpartition("\t")
        return {"_text": head, **json.loads(obj)}
    return dict(re.findall(r'(\S+?)=("[^"]*"|\S+)', line))


def span_ids(span, prefix="") -> dict:
    return {prefix + "trace_id": span.trace_id, prefix + "span_id": span.span_id, prefix + "trace_flags": "01"}


def assert_ids_added(line, plain_line, ids):
    """line is plain_line plus exactly the fields ids."""
    f = fields(line)
    for k, v in ids.items():
        assert f.get(k) == v, f"{k}: {line}"
    assert {k: v for k, v in f.items() if k not in ids} == fields(plain_line), line


def run_beside_plain(exe, plain, tmp, env=None):
    """Runs plain without configuration and exe with a trace file: the two
    outputs' lines side by side (same number), and exe's spans "inside"
    and "other" (inside's child), and all its spans."""
    want = plain_run(plain).splitlines()
    run = Program(exe, tmp, env=env).run()
    spans = Spans(run.spans())
    inside, other = spans.one("inside"), spans.one("other")
    assert spans.parent(other) is inside
    got = run.stdout.splitlines()
    assert len(got) == len(want), run.stdout
    return list(zip(got, want)), inside, other, spans
