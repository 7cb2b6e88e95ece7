package nethttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"orch.dev/runtime/trace"
)

type discard struct{}

func (discard) Export(context.Context, trace.Batch) error              { return nil }
func (discard) Shutdown(context.Context) error                         { return nil }
func (discard) ExportMetrics(context.Context, trace.MetricBatch) error { return nil }

var hello = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })

// BenchmarkHandler compares a request through the server hook (what every
// instrumented request pays, with tracing on) with the bare handler.
func BenchmarkHandler(b *testing.B) {
	req := httptest.NewRequest("GET", "http://localhost:8080/users/42", nil)
	req.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	req.Header.Set("User-Agent", "bench")
	w := httptest.NewRecorder()
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			hello.ServeHTTP(w, req)
		}
	})
	b.Run("off", func(b *testing.B) {
		trace.Setup(trace.Config{})
		h := serverHook(hello)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			h.ServeHTTP(w, req)
		}
	})
	b.Run("traced", func(b *testing.B) {
		shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{discard{}}, QueueSize: 1 << 16, BatchSize: 4096, Delay: 10 * time.Millisecond})
		defer trace.Setup(trace.Config{})
		defer shutdown(context.Background())
		h := serverHook(hello)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			h.ServeHTTP(w, req)
		}
	})
	b.Run("traced+metrics", func(b *testing.B) {
		shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{discard{}}, QueueSize: 1 << 16, BatchSize: 4096, Delay: 10 * time.Millisecond,
			Metrics: trace.MetricsConfig{Exporters: []trace.MetricExporter{discard{}}, Interval: 100 * time.Millisecond}})
		defer trace.Setup(trace.Config{})
		defer shutdown(context.Background())
		h := serverHook(hello)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			h.ServeHTTP(w, req)
		}
	})
}
