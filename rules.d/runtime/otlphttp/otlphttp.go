// Package otlphttp exports spans and metrics with OTLP/HTTP: POST to
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (..._METRICS_ENDPOINT), or
// OTEL_EXPORTER_OTLP_ENDPOINT + "/v1/traces" ("/v1/metrics"), in the protobuf encoding (application/x-protobuf, the
// specification's default) or JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json),
// gzipped when OTEL_EXPORTER_OTLP_COMPRESSION=gzip. A batch the collector
// cannot take now (429, 502, 503, 504, or no connection) is sent again
// with exponential back-off, honouring Retry-After, within the export's
// time-out; the queue in front keeps the program from ever waiting. An
// https endpoint's certificate is checked against the system's root CAs,
// or those of the PEM file OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE names
// (a file that cannot be read or holds no certificate: a warning, and the
// system's).
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
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
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
	zbuf   bytes.Buffer
	zw     *gzip.Writer
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
	if roots := rootCAs(cfg.Certificate); roots != nil {
		transport.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
	return &Exporter{cfg: cfg, client: &http.Client{Transport: transport, Timeout: cfg.Timeout}}
}

// rootCAs reads the CA certificates of a PEM file; nil (the system's
// roots) when there is no file, or with a warning when it is unusable.
func rootCAs(file string) *x509.CertPool {
	if file == "" {
		return nil
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		trace.Warn("OTLP certificate: " + err.Error() + "; using the system's root CAs")
		return nil
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		trace.Warn("OTLP certificate: no PEM certificate in " + file + "; using the system's root CAs")
		return nil
	}
	return pool
}

// Export posts spans (to a traces URL).
func (e *Exporter) Export(ctx context.Context, b trace.Batch) error {
	return e.send(ctx, b.AppendOTLPJSON, b.AppendOTLPProto)
}

// ExportMetrics posts metrics (the core makes an exporter with the
// metrics URL for them).
func (e *Exporter) ExportMetrics(ctx context.Context, b trace.MetricBatch) error {
	return e.send(ctx, b.AppendOTLPJSON, b.AppendOTLPProto)
}

// send encodes one message and posts it, retrying as the package doc says.
func (e *Exporter) send(ctx context.Context, appendJSON, appendProto func([]byte) []byte) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	body, contentType := e.encode(appendJSON, appendProto)
	ctx, cancel := context.WithTimeout(trace.Suppress(ctx), e.cfg.Timeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		wait, err := e.post(ctx, body, contentType)
		if err == nil || wait < 0 {
			return err
		}
		if wait == 0 {
			wait = backoff(attempt)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// encode renders the request body (the buffers are reused).
func (e *Exporter) encode(appendJSON, appendProto func([]byte) []byte) (body []byte, contentType string) {
	contentType = "application/x-protobuf"
	if e.cfg.JSON {
		e.buf = appendJSON(e.buf[:0])
		contentType = "application/json"
	} else {
		e.buf = appendProto(e.buf[:0])
	}
	body = e.buf
	if e.cfg.Compression == "gzip" {
		e.zbuf.Reset()
		if e.zw == nil {
			e.zw = gzip.NewWriter(&e.zbuf)
		} else {
			e.zw.Reset(&e.zbuf)
		}
		e.zw.Write(body)
		e.zw.Close()
		body = e.zbuf.Bytes()
	}
	if cap(e.buf) > 1<<20 {
		e.buf = nil
	}
	return body, contentType
}

// post sends one attempt. wait < 0: do not retry; 0: retry after the
// back-off; > 0: retry after that (the server's Retry-After).
func (e *Exporter) post(ctx context.Context, body []byte, contentType string) (wait time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return -1, err
	}
	req.Header.Set("Content-Type", contentType)
	if e.cfg.Compression == "gzip" {
		req.Header.Set("Content-Encoding", "gzip")
	}
	req.Header.Set("User-Agent", "orch/"+trace.Version)
	for k, v := range e.cfg.Headers {
		req.Header.Set(k, v)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		var certErr *tls.CertificateVerificationError
		if ctx.Err() != nil || errors.As(err, &certErr) {
			return -1, err // a certificate that fails now fails on every retry
		}
		return 0, err // no connection (yet): the collector may be restarting
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // reuse the connection
	if resp.StatusCode/100 == 2 {
		return 0, nil
	}
	err = errors.New("OTLP endpoint " + e.cfg.URL + " answered " + strconv.Itoa(resp.StatusCode))
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return retryAfter(resp.Header.Get("Retry-After")), err
	}
	return -1, err
}

// backoff is the wait before retry attempt+1: 0.5 s doubling, capped at 8 s.
func backoff(attempt int) time.Duration {
	if attempt > 4 {
		attempt = 4
	}
	return 500 * time.Millisecond << attempt
}

// retryAfter reads a Retry-After header's seconds (0: none or a date).
func retryAfter(v string) time.Duration {
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return 0
}

func (e *Exporter) Shutdown(context.Context) error {
	e.client.CloseIdleConnections()
	return nil
}
