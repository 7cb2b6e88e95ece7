package nethttp

import (
	"net/http"
	"sync"
	"sync/atomic"

	"orch.dev/runtime/trace"
)

// Routers (gin, echo, chi, gorilla/mux, httprouter, go-restful) know the
// template of the route that handled a request, which net/http does not.
// Their packs call these hooks, through //go:linkname'd variables like
// net/http's, to name the server span this package made for the request;
// they never make a span of their own, so a request keeps one server span.
var (
	routeMatched   func(r *http.Request, route string) = SetRoute
	panicRecovered func(r *http.Request, v any)        = RecoveredPanic
)

// SetRoute names the server span of r (found through r's context) by the
// route template a router matched: "METHOD route", and http.route = route.
// The router's template wins over a ServeMux pattern seen later (a router
// mounted on a ServeMux at "/" knows better). Routers do not call it for a
// request no route matched (404, 405), except one that sets Request.Pattern
// for such a request itself (echo v5: the nearest template for a 405, a
// not-found route's for a 404): it calls SetRoute(r, ""), and that pattern
// names nothing.
func SetRoute(r *http.Request, route string) {
	if r == nil || !trace.Enabled() {
		return
	}
	span := trace.Enclosing(r.Context(), trace.KindServer, scope)
	if span == nil || !span.IsRecording() {
		return
	}
	if route == "" {
		unroutedUsed.Store(true)
		unrouted.Store(span, struct{}{})
		return
	}
	m, _ := normalizeMethod(r.Method)
	span.SetName(m + " " + route)
	span.SetAttrs(trace.String("http.route", route))
}

// RecoveredPanic records on r's server span a panic that a framework's
// recovery middleware caught and turned into a response (usually a 500):
// the program goes on, but the span shows the panic as an exception event
// and fails. Call it from the recovering function, while the stack still
// shows where the panic happened.
func RecoveredPanic(r *http.Request, v any) {
	if r == nil || !trace.Enabled() {
		return
	}
	trace.Enclosing(r.Context(), trace.KindServer, scope).RecordPanic(v)
}

// routed reports whether a router already gave span its route.
func routed(span *trace.Span) bool {
	_, ok := span.Attr("http.route")
	return ok
}

// unrouted holds the server spans whose router matched no route
// (SetRoute(r, "")) until ServeEnd takes them out; unroutedUsed keeps
// programs whose routers never say so from looking.
var (
	unrouted     sync.Map // *trace.Span -> struct{}
	unroutedUsed atomic.Bool
)

// noRoute reports whether a router said that it matched no route for
// span's request, and forgets the span. ServeEnd calls it for every span.
func noRoute(span *trace.Span) bool {
	if !unroutedUsed.Load() {
		return false
	}
	_, ok := unrouted.LoadAndDelete(span)
	return ok
}
