package otlphttp

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"orch.dev/runtime/trace"
)

func batch(t *testing.T) trace.Batch {
	rec := &trace.Recorder{}
	trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	t.Cleanup(func() { trace.Setup(trace.Config{}) })
	_, s := trace.Start(context.Background(), "test", "op", trace.KindInternal)
	s.End()
	return trace.Batch{Resource: []trace.Attr{trace.String("service.name", "svc")}, Spans: rec.Spans()}
}

func TestExportJSON(t *testing.T) {
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
	}))
	defer srv.Close()
	e := factory(trace.OTLPHTTPConfig{URL: srv.URL + "/v1/traces", Headers: map[string]string{"api-key": "k"},
		Timeout: time.Second, JSON: true})
	if err := e.Export(context.Background(), batch(t)); err != nil {
		t.Fatal(err)
	}
	if got.path != "/v1/traces" || got.ctype != "application/json" || got.key != "k" || got.body["resourceSpans"] == nil {
		t.Fatalf("%+v", got)
	}
	e.Shutdown(context.Background())
}

// Protobuf and gzip; 503 twice (the second with Retry-After), then 200:
// the batch arrives, once.
func TestExportProtobufGzipRetries(t *testing.T) {
	var calls, delivered atomic.Int32
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(503)
			return
		case 2:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
			return
		}
		if r.Header.Get("Content-Type") != "application/x-protobuf" || r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("headers %v", r.Header)
		}
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(zr)
		delivered.Add(1)
	}))
	defer srv.Close()
	b := batch(t)
	e := New(trace.OTLPHTTPConfig{URL: srv.URL, Timeout: 10 * time.Second, Compression: "gzip"})
	start := time.Now()
	if err := e.Export(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if delivered.Load() != 1 || calls.Load() != 3 || time.Since(start) < 1500*time.Millisecond {
		t.Fatalf("%d calls, %d delivered, after %v", calls.Load(), delivered.Load(), time.Since(start))
	}
	if !bytes.Equal(body, b.AppendOTLPProto(nil)) {
		t.Fatal("the body is not the batch's protobuf encoding")
	}
}

// A 400 is final; a collector that keeps failing is given up at the
// export's time-out.
func TestExportGivesUp(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if strings.HasSuffix(r.URL.Path, "/bad") {
			w.WriteHeader(400)
			return
		}
		w.WriteHeader(503)
	}))
	defer srv.Close()
	b := batch(t)
	if err := New(trace.OTLPHTTPConfig{URL: srv.URL + "/bad", Timeout: time.Second}).Export(context.Background(), b); err == nil ||
		!strings.Contains(err.Error(), "400") || calls.Load() != 1 {
		t.Fatalf("400: %v after %d calls", err, calls.Load())
	}
	start := time.Now()
	if err := New(trace.OTLPHTTPConfig{URL: srv.URL, Timeout: time.Second}).Export(context.Background(), b); err == nil ||
		!strings.Contains(err.Error(), "503") {
		t.Fatalf("503: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("gave up after %v", d)
	}
}

// An https collector whose CA is in OTEL_EXPORTER_OTLP_CERTIFICATE's file:
// exported; without that file its certificate fails (at once: no retry);
// an unreadable file is a warning on stderr, and the system's roots.
func TestExportTLSCertificate(t *testing.T) {
	var delivered atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { delivered.Add(1) }))
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	b := batch(t)
	if err := New(trace.OTLPHTTPConfig{URL: srv.URL, Timeout: 5 * time.Second, Certificate: ca}).Export(context.Background(), b); err != nil || delivered.Load() != 1 {
		t.Fatalf("with the CA: %v, %d delivered", err, delivered.Load())
	}

	r, w, _ := os.Pipe()
	stderr := os.Stderr
	os.Stderr = w
	start := time.Now()
	err := New(trace.OTLPHTTPConfig{URL: srv.URL, Timeout: 5 * time.Second, Certificate: ca + ".missing"}).Export(context.Background(), b)
	os.Stderr = stderr
	w.Close()
	warning, _ := io.ReadAll(r)
	if err == nil || !strings.Contains(err.Error(), "certificate") || time.Since(start) > 2*time.Second || delivered.Load() != 1 {
		t.Fatalf("system roots: %v after %v", err, time.Since(start))
	}
	if got := string(warning); !strings.HasPrefix(got, "orch: OTLP certificate: open ") || !strings.HasSuffix(got, "; using the system's root CAs\n") {
		t.Fatalf("warning %q", got)
	}
}
