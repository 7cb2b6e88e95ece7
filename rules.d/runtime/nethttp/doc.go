// Package nethttp traces net/http: one server span per request, whatever
// the handler or router, and one client span per http.Client request
// (each redirect hop), with W3C trace context extracted and injected.
//
// net/http cannot import this package (it imports net/http), so net/http
// declares hook variables that refer, by //go:linkname, to the variables
// below, which this package defines with a value. Linking this package is
// what turns the hooks on; its init need not run. Without it, net/http's
// variables are zero-sized definitions of their own, stay nil, and the
// injected code does nothing.
//
// # Hook contract (rules.d/nethttp.toml)
//
// Link-time dependency of both rules: orch.dev/runtime/nethttp (which
// imports orch.dev/runtime/trace and orch.dev/runtime/otlphttp).
//
// Server, in net/http (server.go; it already imports unsafe):
//
//	//go:linkname __orch_serve_start orch.dev/runtime/nethttp.serveStart
//	var __orch_serve_start func(ResponseWriter, *Request) (ResponseWriter, context.Context, any)
//
//	//go:linkname __orch_serve_end orch.dev/runtime/nethttp.serveEnd
//	var __orch_serve_end func(any, ResponseWriter, *Request, int)
//
// prepended to func (sh serverHandler) ServeHTTP(rw ResponseWriter, req *Request),
// which every HTTP/1 and HTTP/2 request of an http.Server goes through:
//
//	if __orch_serve_start != nil {
//		var __orch_span any
//		var __orch_ctx context.Context
//		rw, __orch_ctx, __orch_span = __orch_serve_start(rw, req)
//		if __orch_span != nil {
//			req.ctx = __orch_ctx // the server's own request: no copy needed
//			defer func() {
//				__orch_status := -1
//				if w, ok := rw.(*response); ok {
//					__orch_status = w.status
//				}
//				__orch_serve_end(__orch_span, rw, req, __orch_status)
//			}()
//		}
//	}
//
// (rw and req are Argument 0 and 1.) The request is the one the server
// made for this exchange (conn.readRequest, or the HTTP/2 stream's), so its
// context is replaced in place rather than by Request.WithContext, which
// would copy it on every request; the new context wraps the old one
// (Done, Err, Deadline and Value go through). The status of an HTTP/1 response is
// read from net/http's *response (field status, present since Go 1.0), so
// the handler gets net/http's own writer with all its interfaces (Hijacker,
// ReaderFrom...). Other writers (HTTP/2) are wrapped to see the status; the
// wrapper keeps Flusher, CloseNotifier, Pusher, io.StringWriter and Unwrap.
//
// Client, in net/http (client.go, add a blank import of unsafe):
//
//	//go:linkname __orch_send_start orch.dev/runtime/nethttp.sendStart
//	var __orch_send_start func(*Request) (*Request, any)
//
//	//go:linkname __orch_send_end orch.dev/runtime/nethttp.sendEnd
//	var __orch_send_end func(any, *Response, error)
//
// prepended to func send(ireq *Request, rt RoundTripper, deadline time.Time)
// (resp *Response, didTimeout func() bool, err error):
//
//	if __orch_send_start != nil {
//		var __orch_span any
//		ireq, __orch_span = __orch_send_start(ireq)
//		if __orch_span != nil {
//			defer func() { __orch_send_end(__orch_span, resp, err) }()
//		}
//	}
//
// (ireq is Argument 0; resp and err are Result 0 and 2, already named.)
//
// Transport, in net/http (roundtrip.go, add a blank import of unsafe), for
// requests that reach (*Transport).RoundTrip without a Client
// (httputil.ReverseProxy):
//
//	//go:linkname __orch_round_trip_start orch.dev/runtime/nethttp.roundTripStart
//	var __orch_round_trip_start func(*Request) (*Request, any)
//
//	//go:linkname __orch_round_trip_end orch.dev/runtime/nethttp.roundTripEnd
//	var __orch_round_trip_end func(any, *Response, error)
//
// prepended to func (t *Transport) RoundTrip(req *Request) (*Response, error)
// like the client hook (the results get names from the rule engine). A
// request that send already traced carries its client span's traceparent
// and passes untouched.
// sendStart never modifies the caller's request: it sends a shallow copy
// with a copy of the headers carrying traceparent. Requests whose context
// is marked with trace.Suppress (orch's OTLP exporter) are not traced.
//
// Routers: the packs of routers and frameworks (gin, echo, chi, ...)
// declare in the router's package
//
//	//go:linkname __orch_route orch.dev/runtime/nethttp.routeMatched
//	var __orch_route func(*http.Request, string)
//
//	//go:linkname __orch_recovered orch.dev/runtime/nethttp.panicRecovered
//	var __orch_recovered func(*http.Request, any)
//
// and call __orch_route(req, template) once the router has matched a route
// (SetRoute: the server span becomes "METHOD template" with http.route =
// template, whatever ServeMux pattern net/http sees later), and
// __orch_recovered(req, v) where their recovery middleware catches a panic
// (RecoveredPanic: an exception event, error status). A router that sets
// Request.Pattern for a request it matched no route for (echo v5 does for
// a 405 and a not-found route) calls __orch_route(req, "") then, so that
// the span does not take that pattern for a route. Several packages may
// refer to one variable. Both do nothing for a request without a server
// span (tracing off, or a handler called outside an http.Server).
//
// # Spans
//
// Server: name "METHOD /route" (a router's template, else Request.Pattern
// of Go 1.23+) or "METHOD";
// kind server; parent: the request's traceparent, never the goroutine's
// active span; attributes http.request.method (_OTHER +
// http.request.method_original for unknown methods), url.path, url.query,
// url.scheme, network.protocol.version, server.address, server.port,
// client.address, user_agent.original, http.route,
// http.response.status_code; status error for 5xx (error.type = the code)
// and for a panic (exception event; the panic goes on unchanged).
//
// Client: name "METHOD"; kind client; parent: the request context's span,
// else the goroutine's active span (so http.Get inside a handler nests);
// attributes http.request.method, url.full (without credentials),
// server.address, server.port, http.response.status_code,
// network.protocol.version; status error for 4xx, 5xx, transport errors
// and errors reading the body. The span ends when the response body has
// been read to its end or closed (at once for a response without a body);
// after Do returns it is no longer the goroutine's active span.
package nethttp
