package fasthttptrace

import (
	"context"
	"strconv"

	"orch.dev/runtime/httpconv"
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/fasthttptrace"

// carrier is a request's headers as fasthttp's injected code shows them.
type carrier = interface {
	Get(string) string
	Set(string, string)
	Keys() []string
}

// The hooks fasthttp calls, defined here with a value (see doc.go).
var (
	enabled     func() bool                                                                        = trace.Enabled
	serverStart func(method, path, query, host, remote, userAgent string, tls bool, h carrier) any = ServerStart
	serverEnd   func(span any, status int)                                                         = ServerEnd
	clientStart func(method, url, host string, tls bool, h carrier) any                            = ClientStart
	clientEnd   func(span any, status int, err error)                                              = ClientEnd
)

// ServerStart starts the server span of one request, under the caller's
// span from the request's headers, and makes it the goroutine's active
// span. nil when tracing is off.
func ServerStart(method, path, query, host, remote, userAgent string, tls bool, h carrier) any {
	if !trace.Enabled() {
		return nil
	}
	ctx, parent, _ := trace.Extract(context.Background(), h)
	m, original := httpconv.Method(method)
	scheme := "http"
	if tls {
		scheme = "https"
	}
	a := make([]trace.Attr, 0, 10)
	a = append(a,
		trace.String("http.request.method", m),
		trace.String("url.path", path),
		trace.String("url.scheme", scheme),
		trace.String("network.protocol.version", "1.1"))
	if original != "" {
		a = append(a, trace.String("http.request.method_original", original))
	}
	if query != "" {
		a = append(a, trace.String("url.query", query))
	}
	if hst, port := httpconv.SplitHostPort(host); hst != "" {
		a = append(a, trace.String("server.address", hst))
		if port > 0 {
			a = append(a, trace.Int("server.port", port))
		}
	}
	if hst, _ := httpconv.SplitHostPort(remote); hst != "" {
		a = append(a, trace.String("client.address", hst))
	}
	if userAgent != "" {
		a = append(a, trace.String("user_agent.original", userAgent))
	}
	_, span := trace.StartWithParent(ctx, scope, m, trace.KindServer, parent, a...)
	if span == nil {
		return nil
	}
	return span
}

// ServerEnd ends the server span with the response's status code, or the
// panic unwinding through the handler.
func ServerEnd(s any, status int) {
	span, _ := s.(*trace.Span)
	if span == nil {
		return
	}
	if v, ok := trace.Panicking(); ok {
		span.RecordPanic(v)
		span.End()
		return
	}
	span.SetAttrs(trace.Int("http.response.status_code", status))
	if status >= 500 {
		span.SetStatus(trace.StatusError, "")
		span.SetAttrs(trace.String("error.type", strconv.Itoa(status)))
	}
	span.End()
}

// ClientStart starts the client span of one attempt under the goroutine's
// active span (fasthttp's client takes no context) and writes the trace
// context into the request's headers. nil when tracing is off.
func ClientStart(method, url, host string, tls bool, h carrier) any {
	if !trace.Enabled() {
		return nil
	}
	m, original := httpconv.Method(method)
	a := make([]trace.Attr, 0, 6)
	a = append(a, trace.String("http.request.method", m), trace.String("url.full", url))
	if original != "" {
		a = append(a, trace.String("http.request.method_original", original))
	}
	if hst, port := httpconv.SplitHostPort(host); hst != "" {
		if port == 0 {
			port = 80
			if tls {
				port = 443
			}
		}
		a = append(a, trace.String("server.address", hst), trace.Int("server.port", port))
	}
	ctx, span := trace.Start(context.Background(), scope, m, trace.KindClient, a...)
	if span == nil {
		return nil
	}
	trace.Inject(ctx, span.SpanContext(), h)
	return span
}

// ClientEnd ends the client span: an error, or the response's status
// (4xx and 5xx fail a client span, as the conventions say).
func ClientEnd(s any, status int, err error) {
	span, _ := s.(*trace.Span)
	if span == nil {
		return
	}
	if err == nil {
		span.SetAttrs(trace.Int("http.response.status_code", status), trace.String("network.protocol.version", "1.1"))
		if status >= 400 {
			span.SetStatus(trace.StatusError, "")
			span.SetAttrs(trace.String("error.type", strconv.Itoa(status)))
		}
	}
	span.EndWithError(err)
}
