package nethttp

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"orch.dev/runtime/httpconv"
	_ "orch.dev/runtime/otlphttp" // programs that serve or fetch HTTP can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/nethttp"

// The hooks net/http calls. Each is defined here with a value, so linking
// this package sets them (no init needed); net/http's injected declarations
// are references (see doc.go).
var (
	serveStart     func(http.ResponseWriter, *http.Request) (http.ResponseWriter, context.Context, any) = serveStartContext
	serveEnd       func(span any, w http.ResponseWriter, r *http.Request, status int)                   = ServeEnd
	sendStart      func(*http.Request) (*http.Request, any)                                             = SendStart
	roundTripStart func(*http.Request) (*http.Request, any)                                             = RoundTripStart
	sendEnd        func(span any, resp *http.Response, err error)                                       = SendEnd
	roundTripEnd   func(span any, resp *http.Response, err error)                                       = SendEnd // one variable per linkname
)

// ServeStart starts the server span for one request, under the caller's
// span when the request carries a traceparent header. It returns the
// writer and request the handler must get (the request's context carries
// the span) and the span as an opaque value for ServeEnd; nil when tracing
// is off.
//
// HTTP/1 writers are passed through untouched (net/http's injected code
// reads their status); any other writer (HTTP/2) is wrapped to see the
// status, keeping the optional interfaces an HTTP/2 writer has.
func ServeStart(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, *http.Request, any) {
	w, ctx, span := serveStartContext(w, r)
	if span == nil {
		return w, r, nil
	}
	return w, r.WithContext(ctx), span
}

// serveStartContext is ServeStart for net/http's injected code, which sets
// the request's context in place (the server owns that request) instead of
// copying the request: one allocation less per request.
func serveStartContext(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, context.Context, any) {
	// (No trace.IsSuppressed here: a request that arrives is never orch's
	// own, and walking its context costs 1% of a small handler.)
	if !trace.Enabled() {
		return w, nil, nil
	}
	ctx, parent, _ := trace.Extract(r.Context(), trace.HeaderCarrier(r.Header))
	method, methodOriginal := normalizeMethod(r.Method)
	var attrs [12]trace.Attr
	a := attrs[:0]
	a = append(a,
		trace.String("http.request.method", method),
		trace.String("url.path", r.URL.Path),
		trace.String("url.scheme", scheme(r)),
		trace.String("network.protocol.version", protocolVersion(r.ProtoMajor, r.ProtoMinor)))
	if methodOriginal != "" {
		a = append(a, trace.String("http.request.method_original", methodOriginal))
	}
	if r.URL.RawQuery != "" {
		a = append(a, trace.String("url.query", r.URL.RawQuery))
	}
	if host, port := splitHostPort(r.Host); host != "" {
		a = append(a, trace.String("server.address", host))
		if port > 0 {
			a = append(a, trace.Int("server.port", port))
		}
	}
	if host, _ := splitHostPort(r.RemoteAddr); host != "" {
		a = append(a, trace.String("client.address", host))
	}
	if ua := r.UserAgent(); ua != "" {
		a = append(a, trace.String("user_agent.original", ua))
	}
	ctx, span := trace.StartWithParent(ctx, scope, method, trace.KindServer, parent, a...)
	if span == nil {
		return w, nil, nil
	}
	if !isHTTP1(r) {
		w = &statusWriter{ResponseWriter: w}
	}
	return w, ctx, span
}

// ServeEnd ends the server span. status is the status code net/http
// recorded for an HTTP/1 response (0: nothing written yet, which means
// 200), or -1 when it does not know (then the statusWriter does).
func ServeEnd(s any, w http.ResponseWriter, r *http.Request, status int) {
	span, _ := s.(*trace.Span)
	if span == nil {
		return
	}
	if status < 0 {
		status = 0
		if sw, ok := w.(*statusWriter); ok {
			status = sw.status
		}
	}
	// One SetAttrs call (one lock) for what the response tells.
	var buf [3]trace.Attr
	a := buf[:0]
	if pattern := route(r); !noRoute(span) && pattern != "" && !routed(span) {
		rt := routePath(pattern)
		a = append(a, trace.String("http.route", rt))
		span.SetName(spanName(r.Method, pattern, rt))
	}
	if v, ok := trace.Panicking(); ok {
		// The server answers nothing (or what was written so far) and
		// closes the connection: no status code unless one was written.
		span.RecordPanic(v)
		if status > 0 {
			a = append(a, trace.Int("http.response.status_code", status))
		}
		span.SetAttrs(a...)
		span.End()
		return
	}
	if status == 0 {
		status = http.StatusOK // nothing written: net/http sends 200
	}
	a = append(a, trace.Int("http.response.status_code", status))
	if status >= 500 {
		span.SetStatus(trace.StatusError, "")
		a = append(a, trace.String("error.type", strconv.Itoa(status)))
	}
	span.SetAttrs(a...)
	span.End()
}

// spanName is "METHOD route". A pattern with a method and no host
// ("GET /users/{id}") is that name already: no new string per request.
func spanName(method, pattern, route string) string {
	m, _ := normalizeMethod(method)
	if len(pattern) == len(m)+1+len(route) && pattern[:len(m)] == m && pattern[len(m)] == ' ' {
		return pattern
	}
	return m + " " + route
}

// routePath turns a ServeMux pattern ("GET example.com/users/{id}") into
// the http.route attribute ("/users/{id}").
func routePath(pattern string) string {
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		pattern = strings.TrimLeft(pattern[i+1:], " \t")
	}
	if i := strings.IndexByte(pattern, '/'); i > 0 {
		pattern = pattern[i:]
	}
	return pattern
}

func isHTTP1(r *http.Request) bool { return r.ProtoMajor < 2 }

func scheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	return "http"
}

func protocolVersion(major, minor int) string { return httpconv.ProtocolVersion(major, minor) }

func normalizeMethod(m string) (method, original string) { return httpconv.Method(m) }

func splitHostPort(hostport string) (string, int) { return httpconv.SplitHostPort(hostport) }

// statusWriter wraps a non-HTTP/1 ResponseWriter to learn the status. It
// has exactly the optional interfaces of net/http's HTTP/2 writers
// (Flusher, CloseNotifier, Pusher, io.StringWriter) and Unwrap, which
// http.ResponseController uses for the rest.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) WriteString(s string) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if sw, ok := w.ResponseWriter.(interface{ WriteString(string) (int, error) }); ok {
		return sw.WriteString(s)
	}
	return w.ResponseWriter.Write([]byte(s))
}

func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) CloseNotify() <-chan bool {
	if cn, ok := w.ResponseWriter.(http.CloseNotifier); ok { //nolint:staticcheck // the writer has it
		return cn.CloseNotify()
	}
	return make(chan bool)
}

func (w *statusWriter) Push(target string, opts *http.PushOptions) error {
	if p, ok := w.ResponseWriter.(http.Pusher); ok {
		return p.Push(target, opts)
	}
	return http.ErrNotSupported
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack is not offered: HTTP/2 writers do not have it either.
var (
	_ http.Flusher       = (*statusWriter)(nil)
	_ http.CloseNotifier = (*statusWriter)(nil) //nolint:staticcheck
	_ http.Pusher        = (*statusWriter)(nil)
)
