// Package fasthttptrace traces github.com/valyala/fasthttp, which does not
// use net/http at all: a server span for every request a fasthttp.Server
// hands to its handler, and a client span for every request a HostClient
// sends (Client, HostClient, LBClient and the package-level Do functions
// all end there), with the same attributes and trace context propagation
// as orch.dev/runtime/nethttp's.
//
// # Hook contract (rules.d/fasthttp.toml)
//
// In package fasthttp, with orch.dev/runtime/fasthttptrace linked:
//
//	//go:linkname __orch_fh_enabled orch.dev/runtime/fasthttptrace.enabled
//	var __orch_fh_enabled func() bool  // trace.Enabled: nothing is computed when off
//
//	//go:linkname __orch_fh_server_start orch.dev/runtime/fasthttptrace.serverStart
//	var __orch_fh_server_start func(method, path, query, host, remote, userAgent string, tls bool, h interface{ Get(string) string; Set(string, string); Keys() []string }) interface{}
//
//	//go:linkname __orch_fh_server_end orch.dev/runtime/fasthttptrace.serverEnd
//	var __orch_fh_server_end func(span interface{}, status int)
//
//	//go:linkname __orch_fh_client_start orch.dev/runtime/fasthttptrace.clientStart
//	var __orch_fh_client_start func(method, url, host string, h interface{ ... }) interface{}
//
//	//go:linkname __orch_fh_client_end orch.dev/runtime/fasthttptrace.clientEnd
//	var __orch_fh_client_end func(span interface{}, status int, err error)
//
// The server's handler is wrapped once per Server (a sync.Once field that
// the rules add to fasthttp.Server), at the top of (*Server).serveConn,
// which every connection goes through: the wrapper starts the span, calls
// the handler and ends the span with the response's status (or the panic
// unwinding through it). fasthttp's handlers take no context.Context that
// orch could extend, so the server span is the goroutine's active span
// while the handler runs: calls the handler makes (HTTP, SQL, ...) nest
// under it. The client hook is prepended to (*HostClient).doNonNilReqResp,
// one call per attempt; the trace context is set on the request's own
// headers (fasthttp's requests are the caller's to reuse, as with
// OpenTelemetry's fasthttp instrumentations).
package fasthttptrace
