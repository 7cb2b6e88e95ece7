// Writes one batch of awkward spans in both OTLP encodings, for
// tests/runtime/test_otlp_encoding.py: otlpenc JSON_FILE PROTO_FILE.
package main

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"

	"orch.dev/runtime/trace"
)

func main() {
	rec := &trace.Recorder{}
	trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	ctx, root := trace.Start(context.Background(), "scope/a", "root \u00e9\u4e16 \xff bad", trace.KindServer,
		trace.String("empty", ""), trace.String("long", strings.Repeat("x", 20000)),
		trace.Int64("neg", -42), trace.Int64("min", math.MinInt64), trace.Float64("inf", math.Inf(1)),
		trace.Float64("zero", 0), trace.Bool("f", false), trace.Bool("t", true),
		trace.Strings("ss", []string{"a", "", "\xfe"}), trace.Int64s("is", []int64{0, -1, 1 << 40}),
		trace.Float64s("fs", []float64{0.5, -2}), trace.Bools("bs", []bool{true, false}))
	root.AddEvent("event", trace.String("k", "v"))
	root.AddEvent("bare")
	_, child := trace.Start(ctx, "scope/b", "child", trace.KindClient)
	child.SetError(errors.New("it failed"))
	child.End()
	_, ok := trace.Start(ctx, "scope/a", "", trace.KindInternal)
	ok.SetStatus(trace.StatusOK, "")
	ok.End()
	root.End()
	remote := trace.ContextWithRemoteSpanContext(context.Background(), trace.SpanContext{
		TraceID: trace.TraceID{1}, SpanID: trace.SpanID{2}, Flags: 1, TraceState: "k=v,a=b"})
	_, under := trace.Start(remote, "scope/a", "under-remote", trace.KindConsumer)
	under.End()
	b := trace.Batch{Resource: []trace.Attr{trace.String("service.name", "enc")}, Spans: rec.Spans()}
	if err := os.WriteFile(os.Args[1], b.AppendOTLPJSON(nil), 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[2], b.AppendOTLPProto(nil), 0o644); err != nil {
		panic(err)
	}
	if len(os.Args) > 4 {
		writeMetrics(os.Args[3], os.Args[4])
	}
}

// writeMetrics writes one collection of every kind of metric orch makes
// (histograms of several attribute sets, the runtime's sums) in both
// encodings: otlpenc ... METRICS_JSON METRICS_PROTO.
func writeMetrics(jsonFile, protoFile string) {
	rec := &trace.MetricRecorder{}
	trace.Setup(trace.Config{Metrics: trace.MetricsConfig{Exporters: []trace.MetricExporter{rec}, Manual: true}})
	for i, status := range []int{200, 200, 404, 500} {
		_, s := trace.StartWithParent(context.Background(), "scope/a", "GET", trace.KindServer, trace.SpanContext{},
			trace.String("http.request.method", "GET"), trace.String("url.scheme", "http"),
			trace.String("http.route", "/items/{id} \xff"), trace.Int("http.response.status_code", status))
		if status == 500 {
			s.SetError(errors.New("server"))
		}
		for range i * 1000000 {
		}
		s.End()
	}
	_, db := trace.Start(context.Background(), "scope/b", "SELECT", trace.KindClient,
		trace.String("db.system.name", "postgresql"), trace.String("db.operation.name", "SELECT"), trace.Int("server.port", 0))
	db.End()
	trace.FlushMetrics(context.Background())
	mb := rec.Batches()[0]
	mb.Resource = []trace.Attr{trace.String("service.name", "enc")}
	if err := os.WriteFile(jsonFile, mb.AppendOTLPJSON(nil), 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(protoFile, mb.AppendOTLPProto(nil), 0o644); err != nil {
		panic(err)
	}
}
