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
}
