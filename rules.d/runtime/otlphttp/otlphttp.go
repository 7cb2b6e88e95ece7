// Package otlphttp exports spans with OTLP/HTTP in the JSON encoding
// (POST application/json to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or to
// OTEL_EXPORTER_OTLP_ENDPOINT + "/v1/traces").
//
// It is a separate package because it needs net/http, which orch
// instruments: the core (orch.dev/runtime/trace) must not import it. The
// core finds this exporter through the variable factory below, which the
// core declares with //go:linkname orch.dev/runtime/otlphttp.factory; this
// package defines it with a value, so linking the package is enough (its
// init need not run). orch.dev/runtime/nethttp imports this package; rule
// packs that inject the core elsewhere list it as a link-time dependency.
//
// The exporter's own requests are not traced: they carry a context marked
// with trace.Suppress, which the net/http client hook honours, and they use
// a private Transport, so a program's changes to http.DefaultTransport (a
// wrapping RoundTripper, a proxy) do not apply to them.
package otlphttp

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"orch.dev/runtime/trace"
)

// factory is how the core constructs this exporter (see the package doc).
var factory func(trace.OTLPHTTPConfig) trace.Exporter = New

// Exporter posts each batch as one ExportTraceServiceRequest.
type Exporter struct {
	cfg    trace.OTLPHTTPConfig
	client *http.Client
	mu     sync.Mutex
	buf    []byte
}

// New returns an exporter for cfg.
func New(cfg trace.OTLPHTTPConfig) trace.Exporter {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	transport := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        2,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: cfg.Timeout,
	}
	return &Exporter{cfg: cfg, client: &http.Client{Transport: transport, Timeout: cfg.Timeout}}
}

func (e *Exporter) Export(ctx context.Context, b trace.Batch) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.buf = b.AppendOTLPJSON(e.buf[:0])
	req, err := http.NewRequestWithContext(trace.Suppress(ctx), http.MethodPost, e.cfg.URL, bytes.NewReader(e.buf))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "orch/"+trace.Version)
	for k, v := range e.cfg.Headers {
		req.Header.Set(k, v)
	}
	resp, err := e.client.Do(req)
	if cap(e.buf) > 1<<20 {
		e.buf = nil
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // reuse the connection
	if resp.StatusCode/100 != 2 {
		return errorString("OTLP endpoint " + e.cfg.URL + " answered " + strconv.Itoa(resp.StatusCode))
	}
	return nil
}

func (e *Exporter) Shutdown(context.Context) error {
	e.client.CloseIdleConnections()
	return nil
}

type errorString string

func (e errorString) Error() string { return string(e) }
