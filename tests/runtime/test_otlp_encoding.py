"""The runtime's two OTLP encodings of one batch of awkward spans (long and
empty strings, invalid UTF-8, every value kind, events, statuses, a remote
parent with tracestate): the protobuf bytes are exactly what the official
serializer (opentelemetry-proto) writes for the message they decode to, and
that message equals the JSON encoding's, field for field."""

import base64
import os
import shutil

from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest

from otlp_receiver import decode, decode_metrics, decode_protobuf, points_of

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(os.path.dirname(os.path.dirname(HERE)), "rules.d", "runtime")


def test_protobuf_is_canonical_and_agrees_with_json(tmp_path, gorun):
    src = tmp_path / "src"
    shutil.copytree(os.path.join(HERE, "testdata", "otlpenc"), src)
    (src / "go.mod").write_text(f"module example.com/otlpenc\n\ngo 1.22\n\nrequire orch.dev/runtime v0.0.0\n\n"
                                f"replace orch.dev/runtime => {RUNTIME}\n")
    gorun(["run", ".", *(str(tmp_path / f) for f in ("b.json", "b.pb", "m.json", "m.pb"))], src, orch=False)
    from_json = decode((tmp_path / "b.json").read_text())
    from_proto = decode_protobuf((tmp_path / "b.pb").read_bytes())       # canonical, or it raises
    assert from_proto == with_binary_ids(from_json)
    spans = [s for ss in from_proto.resource_spans[0].scope_spans for s in ss.spans]
    assert len(spans) == 4 and len(from_proto.resource_spans[0].scope_spans) == 2
    assert len((tmp_path / "b.pb").read_bytes()) > 20000      # lengths of three varint bytes

    # Metrics: histograms and the runtime's sums, in both encodings.
    m_json = decode_metrics((tmp_path / "m.json").read_text())
    m_proto = decode_protobuf((tmp_path / "m.pb").read_bytes(), ExportMetricsServiceRequest)
    assert m_proto == m_json
    points = points_of(m_proto)
    http = sorted((p for p in points if p.name == "http.server.request.duration"),
                  key=lambda p: p.attrs["http.response.status_code"])
    assert [(p.attrs["http.response.status_code"], p.count) for p in http] == [(200, 2), (404, 1), (500, 1)]
    assert http[0].attrs["http.route"] == "/items/{id} \ufffd" and len(http[0].buckets) == len(http[0].bounds) + 1
    assert http[2].attrs["error.type"] == "*errors.errorString" and sum(http[0].buckets) == 2
    db = [p for p in points if p.name == "db.client.operation.duration"]
    assert db[0].attrs == {"db.system.name": "postgresql", "db.operation.name": "SELECT", "server.port": 0}
    assert db[0].bounds == [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]
    goroutines = [p for p in points if p.name == "go.goroutine.count"]
    assert goroutines[0].kind == "sum" and goroutines[0].value >= 1 and not goroutines[0].monotonic
    assert any(p.name == "go.memory.allocated" and p.monotonic and p.temporality == 2 for p in points)


def with_binary_ids(req):
    """req (decoded from OTLP/JSON) with its ids as the bytes they name:
    json_format reads OTLP's hex ids as base64 (see otlp_receiver)."""
    for rs in req.resource_spans:
        for ss in rs.scope_spans:
            for s in ss.spans:
                for f in ("trace_id", "span_id", "parent_span_id"):
                    raw = getattr(s, f)
                    setattr(s, f, bytes.fromhex(base64.b64encode(raw).decode()) if raw else b"")
    return req
