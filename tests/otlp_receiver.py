"""OTLP/JSON decoded with the official protobuf definitions
(opentelemetry-proto), and a real OTLP/HTTP endpoint for tests.

json_format.Parse is strict: an unknown field, a wrong type or a bad enum is
an error. One thing OTLP/JSON does differently from proto3's JSON mapping:
trace and span ids are hex strings, not base64. Parse reads them as base64
(hex digits are base64 digits, and 32 or 16 of them decode to 24 or 12
bytes), so the hex text comes back exactly by encoding the bytes again;
hex_id checks that it is hex of the right length.
"""

import base64
import gzip
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

KINDS = {0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}


@dataclass
class Span:
    service: str
    scope: str
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    kind: str
    start: int
    end: int
    flags: int
    attrs: dict
    status: tuple  # (code, message): 0 unset, 1 ok, 2 error
    events: list = field(default_factory=list)  # [(name, attrs)]
    resource: dict = field(default_factory=dict)


def decode(body) -> ExportTraceServiceRequest:
    """One OTLP/JSON ExportTraceServiceRequest, strictly."""
    return json_format.Parse(body, ExportTraceServiceRequest(), ignore_unknown_fields=False)


def hex_id(raw: bytes, hex_len: int) -> str:
    if not raw:
        return ""
    text = base64.b64encode(raw).decode()
    assert len(text) == hex_len and all(c in "0123456789abcdef" for c in text), f"bad OTLP/JSON id {text!r}"
    return text


def value(v):
    kind = v.WhichOneof("value")
    if kind == "array_value":
        return [value(e) for e in v.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: value(kv.value) for kv in v.kvlist_value.values}
    return getattr(v, kind) if kind else None


def attrs(kvs) -> dict:
    return {kv.key: value(kv.value) for kv in kvs}


def spans_of(req: ExportTraceServiceRequest) -> list:
    out = []
    for rs in req.resource_spans:
        res = attrs(rs.resource.attributes)
        for ss in rs.scope_spans:
            for s in ss.spans:
                out.append(Span(
                    service=res.get("service.name", ""), scope=ss.scope.name,
                    trace_id=hex_id(s.trace_id, 32), span_id=hex_id(s.span_id, 16),
                    parent_id=hex_id(s.parent_span_id, 16), name=s.name, kind=KINDS[s.kind],
                    start=s.start_time_unix_nano, end=s.end_time_unix_nano, flags=s.flags,
                    attrs=attrs(s.attributes), status=(s.status.code, s.status.message),
                    events=[(e.name, attrs(e.attributes)) for e in s.events], resource=res))
    return out


def read_file(path) -> list:
    """The spans of an ORCH_TRACE_FILE (one request per line)."""
    spans = []
    with open(path) as f:
        for line in f:
            if line.strip():
                spans += spans_of(decode(line))
    return spans


def decode_metrics(body) -> ExportMetricsServiceRequest:
    """One OTLP/JSON ExportMetricsServiceRequest, strictly."""
    return json_format.Parse(body, ExportMetricsServiceRequest(), ignore_unknown_fields=False)


@dataclass
class Point:
    """One metric data point, flattened: a histogram's (count, sum, buckets)
    or a sum's value."""
    service: str
    name: str
    unit: str
    kind: str          # histogram, sum, gauge
    temporality: int   # 1 delta, 2 cumulative (0 for gauges)
    monotonic: bool
    attrs: dict
    start: int
    time: int
    value: float = 0   # sums and gauges
    count: int = 0     # histograms
    sum: float = 0
    bounds: list = field(default_factory=list)
    buckets: list = field(default_factory=list)


def points_of(req: ExportMetricsServiceRequest) -> list:
    out = []
    for rm in req.resource_metrics:
        service = attrs(rm.resource.attributes).get("service.name", "")
        for sm in rm.scope_metrics:
            for m in sm.metrics:
                kind = m.WhichOneof("data")
                data = getattr(m, kind)
                for p in data.data_points:
                    pt = Point(service=service, name=m.name, unit=m.unit, kind=kind,
                               temporality=getattr(data, "aggregation_temporality", 0),
                               monotonic=getattr(data, "is_monotonic", False), attrs=attrs(p.attributes),
                               start=p.start_time_unix_nano, time=p.time_unix_nano)
                    if kind == "histogram":
                        pt.count, pt.sum = p.count, p.sum
                        pt.bounds, pt.buckets = list(p.explicit_bounds), list(p.bucket_counts)
                    else:
                        pt.value = getattr(p, p.WhichOneof("value"))
                    out.append(pt)
    return out


def read_metrics_file(path) -> list:
    """The data points of an ORCH_METRICS_FILE (one request per line)."""
    points = []
    with open(path) as f:
        for line in f:
            if line.strip():
                points += points_of(decode_metrics(line))
    return points


def decode_protobuf(body: bytes, message=ExportTraceServiceRequest):
    """One OTLP protobuf ExportTraceServiceRequest (or other message), which
    must be exactly the official serializer's encoding of what it decodes to
    (fields in order, zero values left out, minimal varints)."""
    req = message.FromString(body)
    if req.SerializeToString() != body:
        raise ValueError("not the canonical protobuf encoding of its message")
    return req


def as_decoded_json(req: ExportTraceServiceRequest) -> ExportTraceServiceRequest:
    """req (decoded from protobuf) with its ids as decode() leaves OTLP/JSON's
    hex ids (read as base64; see the module's doc), so spans_of reads both."""
    for rs in req.resource_spans:
        for ss in rs.scope_spans:
            for s in ss.spans:
                for f in ("trace_id", "span_id", "parent_span_id"):
                    raw = getattr(s, f)
                    setattr(s, f, base64.b64decode(raw.hex()) if raw else b"")
    return req


class Receiver:
    """An OTLP/HTTP endpoint on 127.0.0.1: POST /v1/traces (and
    /v1/metrics) with a protobuf (application/x-protobuf) or JSON
    (application/json) body, gzipped or not. A body that does not decode is
    answered 400 and recorded in errors; content_types lists each traces
    request's."""

    def __init__(self):
        self.requests = []  # (path, headers, ExportTraceServiceRequest)
        self.metric_requests = []  # (headers, ExportMetricsServiceRequest)
        self.errors = []
        self.content_types = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                ctype = self.headers.get("Content-Type")
                try:
                    if self.path == "/v1/metrics":
                        if ctype == "application/x-protobuf":
                            mreq = decode_protobuf(body, ExportMetricsServiceRequest)
                        else:
                            mreq = decode_metrics(body)
                        receiver.metric_requests.append((dict(self.headers), mreq))
                        self.send_response(200)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    if self.path != "/v1/traces":
                        raise ValueError(f"POST to {self.path}")
                    receiver.content_types.append(ctype)
                    if ctype == "application/x-protobuf":
                        req = as_decoded_json(decode_protobuf(body))
                    elif ctype == "application/json":
                        req = decode(body)
                    else:
                        raise ValueError(f"Content-Type {ctype}")
                except Exception as e:  # the test fails on any of these
                    receiver.errors.append(f"{type(e).__name__}: {e}")
                    self.send_response(400)
                    self.end_headers()
                    return
                receiver.requests.append((self.path, dict(self.headers), req))
                self.send_response(200)
                # (an empty ExportTraceServiceResponse, in the request's encoding)
                empty = b"{}" if ctype == "application/json" else b""
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(empty)))
                self.end_headers()
                self.wfile.write(empty)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def spans(self) -> list:
        return [s for _, _, req in self.requests for s in spans_of(req)]

    def points(self) -> list:
        return [p for _, req in self.metric_requests for p in points_of(req)]
