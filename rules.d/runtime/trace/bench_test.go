package trace

import (
	"context"
	"testing"
	"time"
)

type discard struct{}

func (discard) Export(context.Context, Batch) error { return nil }
func (discard) Shutdown(context.Context) error      { return nil }

func benchSetup(b *testing.B, exporters ...Exporter) {
	shutdown := Setup(Config{Exporters: exporters, QueueSize: 1 << 16, BatchSize: 4096, Delay: 10 * time.Millisecond})
	b.Cleanup(func() { shutdown(context.Background()); Setup(Config{}) })
	b.ReportAllocs()
}

// BenchmarkSpanStartEnd: one recorded span with three attributes, ended and
// queued for a batch exporter.
func BenchmarkSpanStartEnd(b *testing.B) {
	benchSetup(b, discard{})
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		_, s := Start(ctx, "bench", "op", KindInternal,
			String("k1", "v1"), Int("k2", 2), Bool("k3", true))
		s.End()
	}
}

// BenchmarkChildSpan: a child under a parent taken from the context.
func BenchmarkChildSpan(b *testing.B) {
	benchSetup(b, discard{})
	ctx, root := Start(context.Background(), "bench", "root", KindServer)
	defer root.End()
	for i := 0; i < b.N; i++ {
		_, s := Start(ctx, "bench", "child", KindClient, String("db.system.name", "sqlite"))
		s.SetAttrs(Int("n", i))
		s.End()
	}
}

// BenchmarkSpanOff: the cost of a hook when no exporter is configured.
func BenchmarkSpanOff(b *testing.B) {
	Setup(Config{})
	b.ReportAllocs()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		_, s := Start(ctx, "bench", "op", KindInternal, String("k1", "v1"))
		s.End()
	}
}

// BenchmarkSampledOut: a root the sampler drops (still propagates context).
func BenchmarkSampledOut(b *testing.B) {
	shutdown := Setup(Config{Exporters: []Exporter{discard{}}, Sampler: AlwaysOff})
	defer shutdown(context.Background())
	defer Setup(Config{})
	b.ReportAllocs()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		_, s := Start(ctx, "bench", "op", KindInternal, String("k1", "v1"))
		s.End()
	}
}

// BenchmarkEncodeOTLPJSON: encoding cost per span (server-like span, 10 attributes).
func BenchmarkEncodeOTLPJSON(b *testing.B) {
	rec := &Recorder{}
	Setup(Config{Exporters: []Exporter{rec}, Synchronous: true})
	defer Setup(Config{})
	for i := 0; i < 100; i++ {
		_, s := Start(context.Background(), "bench", "GET /users/{id}", KindServer,
			String("http.request.method", "GET"), String("url.path", "/users/42"), String("url.scheme", "http"),
			String("network.protocol.version", "1.1"), String("server.address", "localhost"), Int("server.port", 8080),
			String("client.address", "127.0.0.1"), String("user_agent.original", "Go-http-client/1.1"),
			String("http.route", "/users/{id}"), Int("http.response.status_code", 200))
		s.End()
	}
	batch := Batch{Resource: withSDKResource(nil), Spans: rec.Spans()}
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = batch.AppendOTLPJSON(buf[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/span")
	b.SetBytes(int64(len(buf)))
}
