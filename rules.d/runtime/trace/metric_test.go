package trace

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// setupMetrics turns metrics on (and spans off unless spans is given),
// collected only on FlushMetrics.
func setupMetrics(t *testing.T, temporality string, spans ...Exporter) *MetricRecorder {
	t.Helper()
	rec := &MetricRecorder{}
	shutdown := Setup(Config{Exporters: spans, Synchronous: true,
		Metrics: MetricsConfig{Exporters: []MetricExporter{rec}, Manual: true, Temporality: temporality, NoRuntime: true}})
	t.Cleanup(func() { shutdown(context.Background()); Setup(Config{}) })
	return rec
}

func serverSpan(route string, status int, d time.Duration) {
	_, s := StartWithParent(context.Background(), "test", "GET "+route, KindServer, SpanContext{},
		String("http.request.method", "GET"), String("url.scheme", "http"), String("url.path", "/x/1"))
	s.SetAttrs(String("http.route", route), Int("http.response.status_code", status))
	if status >= 500 {
		s.SetStatus(StatusError, "")
		s.SetAttrs(String("error.type", "500"))
	}
	s.endAt(s.start.Add(d))
}

func TestHTTPServerDuration(t *testing.T) {
	rec := setupMetrics(t, "")
	if !MetricsOnly() {
		t.Fatal("metrics without span exporters must be metrics-only")
	}
	serverSpan("/x/{id}", 200, 3*time.Millisecond)
	serverSpan("/x/{id}", 200, 30*time.Millisecond)
	serverSpan("/x/{id}", 500, 2*time.Second)
	FlushMetrics(context.Background())
	m := rec.Metric("http.server.request.duration")
	if m == nil || m.Unit != "s" || m.Kind != HistogramMetric || m.Temporality != Cumulative || len(m.Points) != 2 {
		t.Fatalf("%+v", m)
	}
	for _, p := range m.Points {
		attrs := map[string]string{}
		for _, a := range p.Attrs {
			attrs[a.Key] = plainValue(a.Value)
		}
		if attrs["url.path"] != "" || attrs["http.route"] != "/x/{id}" || attrs["http.request.method"] != "GET" {
			t.Fatalf("attributes %v", attrs)
		}
		switch attrs["http.response.status_code"] {
		case "200":
			// 0.003 s falls in (0, 0.005], 0.03 s in (0.025, 0.05]
			if p.Count != 2 || p.Counts[0] != 1 || p.Counts[3] != 1 || attrs["error.type"] != "" {
				t.Fatalf("200: %+v %v", p, attrs)
			}
		case "500":
			if p.Count != 1 || p.Counts[10] != 1 || attrs["error.type"] != "500" || p.Min != 2 || p.Max != 2 {
				t.Fatalf("500: %+v", p)
			}
		default:
			t.Fatalf("%v", attrs)
		}
	}
	// Cumulative: a second collection repeats the counts.
	FlushMetrics(context.Background())
	if m := rec.Metric("http.server.request.duration"); len(m.Points) != 2 || m.Points[0].Count+m.Points[1].Count != 3 {
		t.Fatalf("%+v", m)
	}
}

func TestDeltaTemporality(t *testing.T) {
	rec := setupMetrics(t, "delta")
	serverSpan("/a", 200, time.Millisecond)
	FlushMetrics(context.Background())
	m := rec.Metric("http.server.request.duration")
	if m.Temporality != Delta || m.Points[0].Count != 1 {
		t.Fatalf("%+v", m)
	}
	FlushMetrics(context.Background()) // nothing new: nothing to export
	if n := len(rec.Batches()); n != 1 {
		t.Fatalf("%d exports", n)
	}
	serverSpan("/a", 200, time.Millisecond)
	FlushMetrics(context.Background())
	if m := rec.Metric("http.server.request.duration"); m.Points[0].Count != 1 || !m.Points[0].Start.After(time.Time{}) {
		t.Fatalf("%+v", m)
	}
}

func TestMetricsOfUnsampledSpans(t *testing.T) {
	spans := &Recorder{}
	rec := &MetricRecorder{}
	shutdown := Setup(Config{Exporters: []Exporter{spans}, Synchronous: true, Sampler: AlwaysOff,
		Metrics: MetricsConfig{Exporters: []MetricExporter{rec}, Manual: true, NoRuntime: true}})
	defer func() { shutdown(context.Background()); Setup(Config{}) }()
	_, s := Start(context.Background(), "test", "SELECT", KindClient, String("db.system.name", "postgresql"), String("db.operation.name", "SELECT"))
	if s.SpanContext().IsSampled() || MetricsOnly() {
		t.Fatal("sampled")
	}
	s.SetError(errString("boom"))
	s.End()
	FlushMetrics(context.Background())
	if len(spans.Spans()) != 0 {
		t.Fatal("an unsampled span was exported")
	}
	m := rec.Metric("db.client.operation.duration")
	if m == nil || m.Points[0].Count != 1 {
		t.Fatalf("%+v", m)
	}
	if v := attrOf(m.Points[0].Attrs, "error.type"); v != "trace.errString" {
		t.Fatalf("error.type %q", v)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func attrOf(attrs []Attr, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return plainValue(a.Value)
		}
	}
	return ""
}

func TestMetricsOnlyInjectsNothing(t *testing.T) {
	setupMetrics(t, "")
	_, s := Start(context.Background(), "test", "GET", KindClient, String("http.request.method", "GET"))
	defer s.End()
	h := http.Header{}
	InjectHeader(h, s.SpanContext())
	if len(h) != 0 {
		t.Fatalf("metrics-only span injected %v", h)
	}
}

func TestCardinalityLimit(t *testing.T) {
	rec := setupMetrics(t, "")
	for i := 0; i < cardinalityLimit+10; i++ {
		_, s := Start(context.Background(), "test", "GET", KindClient, String("http.request.method", "GET"), Int("server.port", i))
		s.End()
	}
	FlushMetrics(context.Background())
	m := rec.Metric("http.client.request.duration")
	if len(m.Points) != cardinalityLimit {
		t.Fatalf("%d points", len(m.Points))
	}
	var overflow uint64
	for _, p := range m.Points {
		if attrOf(p.Attrs, "otel.metric.overflow") == "true" {
			overflow = p.Count
		}
	}
	if overflow != 11 {
		t.Fatalf("overflow %d", overflow)
	}
}

func TestRuntimeMetrics(t *testing.T) {
	rec := &MetricRecorder{}
	shutdown := Setup(Config{Metrics: MetricsConfig{Exporters: []MetricExporter{rec}, Manual: true, Temporality: "delta"}})
	defer func() { shutdown(context.Background()); Setup(Config{}) }()
	FlushMetrics(context.Background())
	_ = make([]byte, 1<<20)
	FlushMetrics(context.Background())
	for _, name := range []string{"go.memory.used", "go.memory.allocated", "go.memory.allocations", "go.memory.gc.goal", "go.goroutine.count", "go.processor.limit", "go.config.gogc"} {
		m := rec.Metric(name)
		if m == nil || m.Kind != SumMetric || m.Points[0].Int <= 0 {
			t.Fatalf("%s: %+v", name, m)
		}
	}
	if m := rec.Metric("go.memory.allocated"); !m.Monotonic || m.Temporality != Delta || m.Points[0].Int > 100<<20 {
		t.Fatalf("%+v", m)
	}
	if m := rec.Metric("go.goroutine.count"); m.Monotonic || m.Temporality != Cumulative {
		t.Fatalf("%+v", m)
	}
}

func TestMetricsJSON(t *testing.T) {
	rec := setupMetrics(t, "")
	serverSpan("/a", 200, time.Millisecond)
	FlushMetrics(context.Background())
	b := rec.Batches()[0]
	var doc map[string]any
	if err := json.Unmarshal(b.AppendOTLPJSON(nil), &doc); err != nil {
		t.Fatal(err)
	}
}

// A request's metric costs no allocation once its series exists.
func TestRecordSpanAllocs(t *testing.T) {
	setupMetrics(t, "")
	_, s := StartWithParent(context.Background(), "test", "GET", KindServer, SpanContext{}, String("http.request.method", "GET"), Int("http.response.status_code", 200))
	s.End()
	is := current().metrics.inst
	if n := testing.AllocsPerRun(100, func() { is.recordSpan(s) }); n != 0 {
		t.Fatalf("%v allocations per span", n)
	}
}

func plainValue(v Value) string {
	if v.Kind() == StringValue {
		return v.AsString()
	}
	return v.String()
}

func BenchmarkRecordSpan(b *testing.B) {
	rec := &MetricRecorder{}
	shutdown := Setup(Config{Metrics: MetricsConfig{Exporters: []MetricExporter{rec}, Manual: true, NoRuntime: true}})
	defer func() { shutdown(context.Background()); Setup(Config{}) }()
	_, s := StartWithParent(context.Background(), "test", "GET /users/{id}", KindServer, SpanContext{},
		String("http.request.method", "GET"), String("url.scheme", "http"), String("url.path", "/users/7"),
		String("server.address", "localhost"), Int("server.port", 8080), String("user_agent.original", "bench"),
		String("network.peer.address", "127.0.0.1"), String("http.route", "/users/{id}"), Int("http.response.status_code", 200))
	s.End()
	is := current().metrics.inst
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		is.recordSpan(s)
	}
}
