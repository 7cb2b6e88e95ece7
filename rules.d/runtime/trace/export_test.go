package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	if cfg := configFromEnv(env()); len(cfg.Exporters) != 0 {
		t.Fatal("nothing configured must mean no exporter (tracing off)")
	}
	cfg := configFromEnv(env("ORCH_TRACE_FILE", "/tmp/x", "OTEL_TRACES_EXPORTER", "console,none"))
	if len(cfg.Exporters) != 2 {
		t.Fatalf("exporters: %v", cfg.Exporters)
	}
	if _, ok := cfg.Exporters[0].(*ConsoleExporter); !ok {
		t.Fatalf("first exporter %T", cfg.Exporters[0])
	}
	if cfg := configFromEnv(env("ORCH_TRACE_FILE", "/tmp/x", "OTEL_SDK_DISABLED", "TRUE")); len(cfg.Exporters) != 0 {
		t.Fatal("OTEL_SDK_DISABLED must win")
	}
	cfg = configFromEnv(env("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.5",
		"OTEL_BSP_MAX_QUEUE_SIZE", "10", "OTEL_BSP_SCHEDULE_DELAY", "250"))
	if cfg.Sampler.String() != "traceidratio{0.5}" || cfg.QueueSize != 10 || cfg.Delay != 250*time.Millisecond {
		t.Fatalf("cfg %+v", cfg)
	}
}

func TestOTLPFromEnv(t *testing.T) {
	c := otlpFromEnv(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
		"OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%20b, x=1,bad", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x=2"), "TRACES")
	if c.URL != "http://collector:4318/v1/traces" || c.Headers["api-key"] != "a b" || c.Headers["x"] != "2" || len(c.Headers) != 2 {
		t.Fatalf("%+v", c)
	}
	c = otlpFromEnv(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:1", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:2/custom",
		"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "1500"), "TRACES")
	if c.URL != "http://b:2/custom" || c.Timeout != 1500*time.Millisecond {
		t.Fatalf("%+v", c)
	}
	if c := otlpFromEnv(env(), "TRACES"); c.URL != "http://localhost:4318/v1/traces" || c.Certificate != "" {
		t.Fatalf("default %+v", c)
	}
	if c := otlpFromEnv(env("OTEL_EXPORTER_OTLP_CERTIFICATE", "/all.pem"), "TRACES"); c.Certificate != "/all.pem" {
		t.Fatalf("certificate %q", c.Certificate)
	}
	if c := otlpFromEnv(env("OTEL_EXPORTER_OTLP_CERTIFICATE", "/all.pem", "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "/traces.pem"), "TRACES"); c.Certificate != "/traces.pem" {
		t.Fatalf("the per-signal certificate must win: %q", c.Certificate)
	}
}

func TestResourceFromEnv(t *testing.T) {
	res := resourceFromEnv(env("OTEL_RESOURCE_ATTRIBUTES", "service.name=fromattrs,deployment.environment.name=prod%2C1"))
	if res[0].Value.AsString() != "fromattrs" || res[1].Key != "deployment.environment.name" || res[1].Value.AsString() != "prod,1" {
		t.Fatalf("%v", res)
	}
	res = resourceFromEnv(env("OTEL_RESOURCE_ATTRIBUTES", "service.name=fromattrs", "OTEL_SERVICE_NAME", "svc"))
	if res[0].Value.AsString() != "svc" {
		t.Fatalf("OTEL_SERVICE_NAME must win: %v", res)
	}
	if res := resourceFromEnv(env()); !strings.HasPrefix(res[0].Value.AsString(), "unknown_service:") {
		t.Fatalf("%v", res)
	}
}

// otlpDoc is the shape of ExportTraceServiceRequest's JSON encoding.
type otlpDoc struct {
	ResourceSpans []struct {
		Resource struct {
			Attributes []otlpKV `json:"attributes"`
		} `json:"resource"`
		ScopeSpans []struct {
			Scope struct{ Name, Version string } `json:"scope"`
			Spans []struct {
				TraceID           string   `json:"traceId"`
				SpanID            string   `json:"spanId"`
				ParentSpanID      string   `json:"parentSpanId"`
				Flags             uint32   `json:"flags"`
				Name              string   `json:"name"`
				Kind              int      `json:"kind"`
				StartTimeUnixNano string   `json:"startTimeUnixNano"`
				EndTimeUnixNano   string   `json:"endTimeUnixNano"`
				Attributes        []otlpKV `json:"attributes"`
				Events            []struct {
					TimeUnixNano string   `json:"timeUnixNano"`
					Name         string   `json:"name"`
					Attributes   []otlpKV `json:"attributes"`
				} `json:"events"`
				Status struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				} `json:"status"`
			} `json:"spans"`
		} `json:"scopeSpans"`
	} `json:"resourceSpans"`
}

type otlpKV struct {
	Key   string         `json:"key"`
	Value map[string]any `json:"value"`
}

func TestOTLPJSON(t *testing.T) {
	rec := recordSpans(t, AlwaysOn)
	ctx, root := Start(context.Background(), "scope/a", "root \"quoted\"\n", KindServer,
		String("s", "x\x00y\xff"), Int("i", -7), Float64("f", 1.5), Float64("nan", math.NaN()), Bool("b", true),
		Strings("ss", []string{"a", "b"}), Int64s("is", []int64{1, 2}))
	_, child := Start(ctx, "scope/b", "child", KindClient)
	child.SetError(os.ErrNotExist)
	child.End()
	root.End()
	b := Batch{Resource: withSDKResource([]Attr{String("service.name", "svc")}), Spans: rec.Spans()}
	raw := b.AppendOTLPJSON(nil)
	var doc otlpDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	rs := doc.ResourceSpans[0]
	if rs.Resource.Attributes[0].Key != "service.name" || rs.Resource.Attributes[0].Value["stringValue"] != "svc" {
		t.Fatalf("resource %+v", rs.Resource)
	}
	if len(rs.ScopeSpans) != 2 || rs.ScopeSpans[0].Scope.Name != "scope/b" || rs.ScopeSpans[1].Scope.Version != Version {
		t.Fatalf("scopes %+v", rs.ScopeSpans)
	}
	c, r := rs.ScopeSpans[0].Spans[0], rs.ScopeSpans[1].Spans[0]
	if r.TraceID != root.SpanContext().TraceID.String() || len(r.TraceID) != 32 || len(r.SpanID) != 16 || r.ParentSpanID != "" {
		t.Fatalf("root ids %+v", r)
	}
	if c.ParentSpanID != r.SpanID || c.Kind != 3 || r.Kind != 2 || r.Flags != 0x101 {
		t.Fatalf("child %+v root %+v", c, r)
	}
	if r.Name != "root \"quoted\"\n" || r.StartTimeUnixNano == "" || r.EndTimeUnixNano < r.StartTimeUnixNano {
		t.Fatalf("root %+v", r)
	}
	want := map[string]string{
		"s": `{"stringValue":"x\u0000y` + "\ufffd" + `"}`, "i": `{"intValue":"-7"}`, "f": `{"doubleValue":1.5}`,
		"nan": `{"doubleValue":"NaN"}`, "b": `{"boolValue":true}`,
		"ss": `{"arrayValue":{"values":[{"stringValue":"a"},{"stringValue":"b"}]}}`,
		"is": `{"arrayValue":{"values":[{"intValue":"1"},{"intValue":"2"}]}}`,
	}
	for _, kv := range r.Attributes {
		got, _ := json.Marshal(kv.Value)
		if want[kv.Key] != string(got) {
			t.Errorf("%s = %s, want %s", kv.Key, got, want[kv.Key])
		}
	}
	if c.Status.Code != 2 || c.Status.Message != "file does not exist" || len(c.Events) != 1 || c.Events[0].Name != "exception" {
		t.Fatalf("child status/events %+v", c)
	}
}

func TestFileExporter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spans.jsonl")
	e := NewFileExporter(path)
	shutdown := Setup(Config{Exporters: []Exporter{e}, Delay: time.Hour})
	defer Setup(Config{})
	for i := 0; i < 3; i++ {
		_, s := Start(context.Background(), "test", "op", KindInternal)
		s.End()
	}
	if err := shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	var doc otlpDoc
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil || len(doc.ResourceSpans[0].ScopeSpans[0].Spans) != 3 {
		t.Fatalf("%v %s", err, lines[0])
	}
}

func TestConsoleExporter(t *testing.T) {
	var buf bytes.Buffer
	e := NewConsoleExporter(&buf)
	Setup(Config{Exporters: []Exporter{e}, Synchronous: true, Sampler: AlwaysOn})
	defer Setup(Config{})
	ctx, root := Start(context.Background(), "test", "root", KindServer)
	_, child := Start(ctx, "test", "child", KindClient, Int("n", 1))
	child.SetError(os.ErrClosed)
	child.End()
	if buf.Len() != 0 {
		t.Fatal("printed before the root ended")
	}
	root.End()
	out := buf.String()
	if !strings.Contains(out, "orch: trace ") || !strings.Contains(out, "\n  root  server  ") ||
		!strings.Contains(out, "\n    child  client  ") || !strings.Contains(out, `ERROR "file already closed"`) || !strings.Contains(out, " n=1") {
		t.Fatalf("console output:\n%s", out)
	}
}

// blockingExporter holds every export until released.
type blockingExporter struct {
	release chan struct{}
	mu      sync.Mutex
	n       int
}

func (b *blockingExporter) Export(ctx context.Context, batch Batch) error {
	select {
	case <-b.release:
	case <-ctx.Done():
	}
	b.mu.Lock()
	b.n += len(batch.Spans)
	b.mu.Unlock()
	return nil
}
func (b *blockingExporter) Shutdown(context.Context) error { return nil }

// captureStderr runs f with os.Stderr going to a pipe; what f wrote.
func captureStderr(t *testing.T, f func()) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = stderr }()
	f()
	w.Close()
	var buf bytes.Buffer
	buf.ReadFrom(r)
	return buf.String()
}

// A full queue drops spans without blocking, counts them, and shutdown says
// how many, once: exported + dropped = ended.
func TestQueueNeverBlocks(t *testing.T) {
	be := &blockingExporter{release: make(chan struct{})}
	shutdown := Setup(Config{Exporters: []Exporter{be}, QueueSize: 4, BatchSize: 2, Delay: time.Millisecond})
	defer Setup(Config{})
	start := time.Now()
	for i := 0; i < 1000; i++ {
		_, s := Start(context.Background(), "test", "op", KindInternal)
		s.End()
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("ending spans blocked for %v", d)
	}
	close(be.release)
	if err := Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	be.mu.Lock()
	n := be.n
	be.mu.Unlock()
	if n == 0 || n >= 1000 {
		t.Fatalf("exported %d of 1000 with a queue of 4: expected drops, and some exports", n)
	}
	if out := captureStderr(t, func() { shutdown(context.Background()) }); out != "orch: "+strconv.Itoa(1000-n)+
		" spans dropped (export queue full; raise OTEL_BSP_MAX_QUEUE_SIZE)\n" {
		t.Fatalf("%d exported; stderr at shutdown: %q", n, out)
	}
	_, s := Start(context.Background(), "test", "op", KindInternal)
	if out := captureStderr(t, func() { s.End(); shutdown(context.Background()) }); out != "" {
		t.Fatalf("reported again: %q", out)
	}
}

type panickyExporter struct{}

func (panickyExporter) Export(context.Context, Batch) error { panic("exporter bug") }
func (panickyExporter) Shutdown(context.Context) error      { panic("exporter bug") }

func TestExporterPanicIsContained(t *testing.T) {
	shutdown := Setup(Config{Exporters: []Exporter{panickyExporter{}}, Synchronous: true})
	defer Setup(Config{})
	_, s := Start(context.Background(), "test", "op", KindInternal)
	s.End()
	shutdown(context.Background())
}

func TestSuppress(t *testing.T) {
	ctx := Suppress(context.Background())
	if !IsSuppressed(ctx) || IsSuppressed(context.Background()) || IsSuppressed(nil) {
		t.Fatal("Suppress")
	}
}

func TestFlushHonoursItsDeadlineDuringASlowExport(t *testing.T) {
	be := &blockingExporter{release: make(chan struct{})}
	Setup(Config{Exporters: []Exporter{be}, BatchSize: 1, Delay: time.Hour, Timeout: time.Hour})
	defer Setup(Config{})
	defer close(be.release) // first: let the export finish
	_, s := Start(context.Background(), "test", "op", KindInternal)
	s.End() // a full batch: the queue's goroutine starts exporting and blocks
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := Flush(ctx); err == nil {
		t.Fatal("flush behind a blocked export must give up with ctx's error")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("flush waited %v", d)
	}
}
