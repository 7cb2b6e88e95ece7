package otlphttp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"orch.dev/runtime/trace"
)

func TestExport(t *testing.T) {
	var got struct {
		path, ctype, key string
		body             map[string]any
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.ctype, got.key = r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Api-Key")
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &got.body); err != nil {
			t.Errorf("body is not JSON: %v", err)
		}
		if strings.HasSuffix(r.URL.Path, "/fail") {
			w.WriteHeader(503)
		}
	}))
	defer srv.Close()

	rec := &trace.Recorder{}
	trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	defer trace.Setup(trace.Config{})
	_, s := trace.Start(context.Background(), "test", "op", trace.KindInternal)
	s.End()
	batch := trace.Batch{Resource: []trace.Attr{trace.String("service.name", "svc")}, Spans: rec.Spans()}

	e := factory(trace.OTLPHTTPConfig{URL: srv.URL + "/v1/traces", Headers: map[string]string{"api-key": "k"}, Timeout: time.Second})
	if err := e.Export(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	if got.path != "/v1/traces" || got.ctype != "application/json" || got.key != "k" || got.body["resourceSpans"] == nil {
		t.Fatalf("%+v", got)
	}
	e2 := New(trace.OTLPHTTPConfig{URL: srv.URL + "/fail"})
	if err := e2.Export(context.Background(), batch); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("want a 503 error, got %v", err)
	}
	e.Shutdown(context.Background())
}
