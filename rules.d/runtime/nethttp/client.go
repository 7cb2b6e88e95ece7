package nethttp

import (
	"context"
	"net/http"
	"strconv"

	"orch.dev/runtime/httpconv"
	"orch.dev/runtime/trace"
)

// SendStart starts the client span for one request (every http.Client
// request, each redirect hop separately) under the active span, and
// returns the request to send: a shallow copy whose context carries the
// span and whose headers are a copy with traceparent (and tracestate)
// set, so the caller's request is never modified. Requests whose context
// is marked with trace.Suppress (orch's own exporter) are not traced.
func SendStart(r *http.Request) (*http.Request, any) {
	ctx := r.Context()
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return r, nil
	}
	return startClient(ctx, r)
}

// RoundTripStart starts the client span of a request that reaches
// (*http.Transport).RoundTrip without going through an http.Client (what
// httputil.ReverseProxy and hand-made clients do). A request that SendStart
// already traced has this package's client span as its context's
// innermost span (no one else makes those): it passes untouched, so a
// Client request makes one span, not two, whatever the propagators.
func RoundTripStart(r *http.Request) (*http.Request, any) {
	ctx := r.Context()
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return r, nil
	}
	if s := trace.SpanFromContext(ctx); s != nil && s.Kind() == trace.KindClient && s.Scope() == scope {
		return r, nil
	}
	return startClient(ctx, r)
}

func startClient(ctx context.Context, r *http.Request) (*http.Request, any) {
	method, original := normalizeMethod(r.Method)
	var attrs [8]trace.Attr
	a := append(attrs[:0],
		trace.String("http.request.method", method),
		trace.String("url.full", redactedURL(r)))
	if original != "" {
		a = append(a, trace.String("http.request.method_original", original))
	}
	host := r.Host
	if host == "" && r.URL != nil {
		host = r.URL.Host
	}
	if h, port := splitHostPort(host); h != "" {
		if port == 0 && r.URL != nil {
			port = defaultPort(r.URL.Scheme)
		}
		a = append(a, trace.String("server.address", h))
		if port > 0 {
			a = append(a, trace.Int("server.port", port))
		}
	}
	ctx, span := trace.Start(ctx, scope, method, trace.KindClient, a...)
	if span == nil {
		return r, nil
	}
	r2 := r.WithContext(ctx)
	r2.Header = r.Header.Clone()
	if r2.Header == nil {
		r2.Header = make(http.Header, 2)
	}
	trace.Inject(ctx, span.SpanContext(), trace.HeaderCarrier(r2.Header))
	return r2, span
}

// SendEnd records the response (or the error) on the client span. 4xx and
// 5xx responses and transport errors mark it as failed (semconv for client
// spans). A response with a body ends the span when the body has been read
// to its end or closed, so the span covers the whole exchange (what
// otelhttp does); until then the span is no longer the goroutine's active
// one. A body nobody closes leaves its span unexported, as it leaves the
// connection unreused.
func SendEnd(s any, resp *http.Response, err error) {
	span, _ := s.(*trace.Span)
	if span == nil {
		return
	}
	if v, ok := trace.Panicking(); ok {
		span.RecordPanic(v)
	} else if err != nil {
		span.SetError(err)
	} else if resp != nil {
		span.SetAttrs(trace.Int("http.response.status_code", resp.StatusCode),
			trace.String("network.protocol.version", protocolVersion(resp.ProtoMajor, resp.ProtoMinor)))
		if resp.StatusCode >= 400 {
			span.SetStatus(trace.StatusError, "")
			span.SetAttrs(trace.String("error.type", strconv.Itoa(resp.StatusCode)))
		}
		if resp.Body != nil && resp.Body != http.NoBody {
			span.Deactivate()
			resp.Body = wrapBody(resp.Body, span)
			return
		}
	}
	span.End()
}

func defaultPort(scheme string) int { return httpconv.DefaultPort(scheme) }

// redactedURL is url.full without credentials (semconv requires removing
// them).
func redactedURL(r *http.Request) string {
	if r.URL == nil {
		return ""
	}
	if r.URL.User == nil {
		return r.URL.String()
	}
	u := *r.URL
	u.User = nil
	return u.String()
}
