package nethttp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"orch.dev/runtime/trace"
)

// These tests call the hooks the way net/http's injected code does (see
// doc.go); the real injection is tested end to end by orch's test suite.

func record(t *testing.T) *trace.Recorder {
	rec := &trace.Recorder{}
	shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	t.Cleanup(func() { shutdown(context.Background()); trace.Setup(trace.Config{}) })
	return rec
}

// serverHook is the code injected at the top of serverHandler.ServeHTTP.
func serverHook(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w, ctx, span := serveStart(w, r)
		if span != nil {
			r = r.WithContext(ctx) // net/http's injected code sets r.ctx
			defer func() { serveEnd(span, w, r, -1) }()
		}
		h.ServeHTTP(w, r)
	})
}

// clientHook is the code injected at the top of net/http's send.
type clientHook struct{ rt http.RoundTripper }

func (c clientHook) RoundTrip(r *http.Request) (resp *http.Response, err error) {
	r, span := sendStart(r)
	if span != nil {
		defer func() { sendEnd(span, resp, err) }()
	}
	return c.rt.RoundTrip(r)
}

func TestServerAndClientSpans(t *testing.T) {
	rec := record(t)
	var gotTraceparent string
	mux := http.NewServeMux()
	mux.HandleFunc("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		gotTraceparent = r.Header.Get("traceparent")
		if trace.SpanFromContext(r.Context()) == nil {
			t.Error("handler context has no span")
		}
		w.WriteHeader(http.StatusTeapot)
	})
	srv := httptest.NewUnstartedServer(serverHook(mux))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	client := srv.Client()
	client.Transport = clientHook{client.Transport}

	ctx, parent := trace.Start(context.Background(), "test", "parent", trace.KindInternal)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/users/7?x=1", nil)
	req.Header.Set("X-Mine", "1")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	parent.End()
	if len(req.Header) != 1 {
		t.Fatalf("the caller's headers were modified: %v", req.Header)
	}

	spans := rec.Spans()
	if len(spans) != 3 {
		t.Fatalf("%d spans", len(spans))
	}
	server, clientSpan := spans[0], spans[1]
	if server.Kind() != trace.KindServer || clientSpan.Kind() != trace.KindClient {
		t.Fatalf("kinds %v %v", server.Kind(), clientSpan.Kind())
	}
	if clientSpan.Parent() != parent.SpanContext().SpanID || server.Parent() != clientSpan.SpanContext().SpanID || !server.ParentRemote() {
		t.Fatal("spans are not nested parent > client > server")
	}
	if gotTraceparent != trace.FormatTraceparent(clientSpan.SpanContext()) {
		t.Fatalf("traceparent %q", gotTraceparent)
	}
	want := map[string]string{
		"http.request.method": `"GET"`, "url.path": `"/users/7"`, "url.query": `"x=1"`, "url.scheme": `"https"`,
		"network.protocol.version": `"2"`, "http.response.status_code": "418", "server.address": `"127.0.0.1"`,
	}
	if patternSupported {
		want["http.route"] = `"/users/{id}"`
	}
	for k, v := range want {
		if got, _ := server.Attr(k); got.String() != v {
			t.Errorf("server %s = %s, want %s", k, got, v)
		}
	}
	if code, _ := clientSpan.Status(); code != trace.StatusError {
		t.Error("a 4xx response must fail the client span")
	}
	if code, _ := server.Status(); code != trace.StatusUnset {
		t.Error("a 4xx response must not fail the server span")
	}
	if v, _ := clientSpan.Attr("url.full"); v.AsString() != srv.URL+"/users/7?x=1" {
		t.Errorf("url.full %v", v)
	}
}

func TestSuppressedRequestsAreNotTraced(t *testing.T) {
	rec := record(t)
	req, _ := http.NewRequestWithContext(trace.Suppress(context.Background()), "GET", "http://example.invalid/", nil)
	r2, span := sendStart(req)
	if r2 != req || span != nil {
		t.Fatal("a suppressed request must pass untouched")
	}
	if len(rec.Spans()) != 0 {
		t.Fatal("span recorded")
	}
}

func TestOffIsFree(t *testing.T) {
	trace.Setup(trace.Config{})
	req := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	if w2, ctx, span := serveStart(w, req); span != nil || ctx != nil || w2 != w {
		t.Fatal("tracing off must pass the request through")
	}
	if r2, span := sendStart(req); span != nil || r2 != req {
		t.Fatal("tracing off must pass the request through")
	}
}

func TestRoutePath(t *testing.T) {
	for in, want := range map[string]string{
		"/users/{id}":                "/users/{id}",
		"GET /users/{id}":            "/users/{id}",
		"GET example.com/users/{id}": "/users/{id}",
		"example.com/":               "/",
	} {
		if got := routePath(in); got != want {
			t.Errorf("routePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMethodNormalization(t *testing.T) {
	if m, o := normalizeMethod("PROPFIND"); m != "_OTHER" || o != "PROPFIND" {
		t.Fatal(m, o)
	}
	if m, o := normalizeMethod("GET"); m != "GET" || o != "" {
		t.Fatal(m, o)
	}
}

// transportHook is the code injected at the top of (*Transport).RoundTrip.
type transportHook struct{ rt http.RoundTripper }

func (c transportHook) RoundTrip(r *http.Request) (resp *http.Response, err error) {
	r, span := roundTripStart(r)
	if span != nil {
		defer func() { roundTripEnd(span, resp, err) }()
	}
	return c.rt.RoundTrip(r)
}

func TestClientSpanEndsWithTheBody(t *testing.T) {
	rec := record(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("head"))
		w.(http.Flusher).Flush()
		time.Sleep(30 * time.Millisecond)
		w.Write([]byte("tail"))
	}))
	defer srv.Close()
	client := &http.Client{Transport: clientHook{transportHook{http.DefaultTransport}}}
	_, outer := trace.Start(context.Background(), "test", "outer", trace.KindInternal)
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rec.Spans()); n != 0 {
		t.Fatalf("%d spans ended before the body was read", n)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	outer.End()
	spans := rec.Spans()
	if string(b) != "headtail" || len(spans) != 2 {
		t.Fatalf("body %q, %d spans (one client span per request, not one per hook)", b, len(spans))
	}
	if d := spans[0].EndTime().Sub(spans[0].StartTime()); d < 30*time.Millisecond {
		t.Fatalf("the client span lasted %v: it must cover the body", d)
	}
}

func TestTransportWithoutClient(t *testing.T) {
	rec := record(t)
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("traceparent")
	}))
	defer srv.Close()
	ctx, parent := trace.Start(context.Background(), "test", "proxy", trace.KindServer)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") // the proxy's caller's
	resp, err := transportHook{http.DefaultTransport}.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	parent.End()
	spans := rec.Spans()
	if len(spans) != 2 || spans[0].Kind() != trace.KindClient || spans[0].Parent() != parent.SpanContext().SpanID {
		t.Fatalf("want a client span under the proxy's span, got %d spans", len(spans))
	}
	if got != trace.FormatTraceparent(spans[0].SpanContext()) {
		t.Fatalf("traceparent %q is not the client span's", got)
	}
}

func TestSpanName(t *testing.T) {
	for _, c := range [][4]string{
		{"GET", "GET /users/{id}", "/users/{id}", "GET /users/{id}"},
		{"GET", "/users/{id}", "/users/{id}", "GET /users/{id}"},
		{"POST", "POST example.com/x", "/x", "POST /x"},
		{"PROPFIND", "/dav/", "/dav/", "_OTHER /dav/"},
		{"GET", "GET  /two-spaces", "/two-spaces", "GET /two-spaces"},
	} {
		if got := spanName(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("spanName(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, c[3])
		}
	}
}

// A router mounted on a ServeMux at "/" names the server span by its own
// template, through a context that a handler's span has wrapped since, and
// a panic its recovery middleware caught still fails the span.
func TestRouterNamesTheServerSpan(t *testing.T) {
	rec := record(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		ctx, mw := trace.Start(r.Context(), "test", "middleware", trace.KindInternal)
		routeMatched(r.WithContext(ctx), "/users/:id")
		func() {
			defer func() { panicRecovered(r, recover()) }()
			panic("boom")
		}()
		mw.End()
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/plain/{x}", func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(serverHook(mux))
	defer srv.Close()
	for _, path := range []string{"/users/7", "/plain/1"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	var servers []*trace.Span
	for _, s := range rec.Spans() {
		if s.Kind() == trace.KindServer {
			servers = append(servers, s)
		}
	}
	if len(servers) != 2 {
		t.Fatalf("%d server spans", len(servers))
	}
	routed, plain := servers[0], servers[1]
	if r, _ := routed.Attr("http.route"); routed.Name() != "GET /users/:id" || r.AsString() != "/users/:id" {
		t.Errorf("router's span: %q, http.route %v", routed.Name(), r)
	}
	if code, _ := routed.Status(); code != trace.StatusError || len(routed.Events()) != 1 || routed.Events()[0].Name != "exception" {
		t.Errorf("recovered panic: status %v, events %v", code, routed.Events())
	}
	if r, _ := plain.Attr("http.route"); plain.Name() != "GET /plain/{x}" || r.AsString() != "/plain/{x}" {
		t.Errorf("ServeMux's span: %q, http.route %v", plain.Name(), r)
	}
}

// A router that matched no route but set Request.Pattern itself (echo v5,
// for a 405) says so with an empty route: the pattern names nothing.
func TestRouterWithoutRouteKeepsThePatternOut(t *testing.T) {
	rec := record(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		routeMatched(r, "")
		w.WriteHeader(http.StatusMethodNotAllowed)
	})
	srv := httptest.NewServer(serverHook(mux))
	defer srv.Close()
	for i := 0; i < 2; i++ {
		resp, err := http.Get(srv.URL + "/users/7")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	spans := rec.Spans()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	for _, s := range spans {
		if r, ok := s.Attr("http.route"); s.Name() != "GET" || ok {
			t.Errorf("span %q, http.route %v", s.Name(), r)
		}
	}
	n := 0
	unrouted.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d spans left in unrouted", n)
	}
}
