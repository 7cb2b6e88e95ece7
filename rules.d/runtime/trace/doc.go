// Package trace is the core of orch's Go runtime: spans, context
// propagation, sampling, goroutine-local spans, batching and export.
//
// Code that orch injects calls it directly (user packages) or through the
// integration packages orch.dev/runtime/nethttp, orch.dev/runtime/sqltrace
// and orch.dev/runtime/span. It imports only standard packages that no orch
// rule instruments through an import (no net/http, no database/sql), so
// that code injected into the standard library can reach it without an
// import cycle; everything that crosses that line goes through the
// //go:linkname contract below. Nothing here relies on package init:
// orch links these packages into programs where their init may not run, so
// configuration is read at the first span (init reads it earlier when the
// environment configures an exporter, if it runs) and every hook variable
// is initialised statically.
//
// # API
//
//	ctx, s := trace.Start(ctx, scope, name, trace.KindClient, trace.String("k", "v"))
//	defer s.End()                   // or s.EndWithError(err): records err, or the panic unwinding
//	s.SetAttrs(trace.Int("n", 1))  // String, Int, Int64, Float64, Bool, Strings, Int64s, Float64s, Bools
//	s.SetStatus(trace.StatusError, "msg"); s.RecordError(err); s.SetError(err); s.RecordPanic(v)
//	trace.StartWithParent(ctx, scope, name, kind, remoteSC) // server spans: explicit parent
//	trace.SpanFromContext(ctx); trace.ContextWithSpan(ctx, s); trace.Active(ctx) // ctx's span, else goroutine's
//	trace.Extract(ctx, carrier) / trace.Inject(ctx, sc, carrier) // the propagators in force
//	trace.ExtractHeader(h) / trace.InjectHeader(h, sc)  // the same, on an http.Header
//	trace.Setup(trace.Config{...}) / trace.Flush(ctx) / trace.Shutdown(ctx)
//	trace.Suppress(ctx) / trace.IsSuppressed(ctx)       // orch's own I/O is never traced
//
// A nil *Span is valid and does nothing: when tracing is off Start returns
// (ctx, nil) after one atomic load, so hooks never test for nil. A *Span is
// itself the context.Context that Start returns (one allocation per span).
//
// # Environment
//
//	OTEL_TRACES_EXPORTER        otlp, console, none (comma list). Unset: otlp if an
//	                            OTLP endpoint is set, else nothing.
//	OTEL_EXPORTER_OTLP_ENDPOINT base URL; spans go to <base>/v1/traces
//	OTEL_EXPORTER_OTLP_TRACES_ENDPOINT  full URL, used as is (wins)
//	OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TRACES_HEADERS  k=v,k=v (percent-encoded)
//	OTEL_EXPORTER_OTLP_TIMEOUT, OTEL_EXPORTER_OTLP_TRACES_TIMEOUT  ms (10000)
//	OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL  http/protobuf
//	                            (default) or http/json; grpc: a warning, and protobuf
//	OTEL_EXPORTER_OTLP_COMPRESSION, OTEL_EXPORTER_OTLP_TRACES_COMPRESSION  gzip or none
//	OTEL_EXPORTER_OTLP_CERTIFICATE, OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE  PEM file of the
//	                            root CAs for an https endpoint (default: the system's)
//	ORCH_TRACE_FILE             append OTLP/JSON lines (one ExportTraceServiceRequest
//	                            per line, the Collector's otlpjsonfile format) to this file
//	OTEL_TRACES_EXPORTER=console   a span tree per trace on stderr, for people
//	OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES  the resource (default service.name:
//	                            unknown_service:<executable>)
//	OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG  always_on, always_off, traceidratio,
//	                            parentbased_always_on (default), parentbased_always_off,
//	                            parentbased_traceidratio
//	OTEL_PROPAGATORS            tracecontext, baggage, b3, b3multi, none (comma list;
//	                            default tracecontext,baggage); the program's own
//	                            OpenTelemetry propagator wins when it set one
//	OTEL_SDK_DISABLED=true      no tracing and no metrics at all
//	OTEL_METRICS_EXPORTER       otlp, console, none; unset: otlp if an endpoint is set
//	OTEL_EXPORTER_OTLP_METRICS_*  per-signal ENDPOINT (full URL; else <base>/v1/metrics),
//	                            HEADERS, TIMEOUT, PROTOCOL, COMPRESSION, CERTIFICATE
//	ORCH_METRICS_FILE           append ExportMetricsServiceRequests as OTLP/JSON lines
//	OTEL_METRIC_EXPORT_INTERVAL (60000 ms), OTEL_METRIC_EXPORT_TIMEOUT (30000 ms)
//	OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE  cumulative (default), delta, lowmemory
//	ORCH_FLUSH_ON_SIGNAL=0      do not watch SIGINT/SIGTERM (see watchSignals)
//	OTEL_BSP_SCHEDULE_DELAY (5000 ms), OTEL_BSP_MAX_QUEUE_SIZE (2048),
//	OTEL_BSP_MAX_EXPORT_BATCH_SIZE (512), OTEL_BSP_EXPORT_TIMEOUT (30000 ms)
//
// With none of the exporter variables set, nothing is exported and tracing
// is off: an instrumented binary run without configuration behaves like the
// plain one (no connection attempts, no output, no signal handling) and
// pays one atomic load per hook. (The OTel SDK's default is an OTLP
// exporter to localhost:4318; orch asks for it explicitly:
// OTEL_TRACES_EXPORTER=otlp.)
//
// Metrics (metric.go) are the conventions' duration histograms, fed by
// every span of a measured kind when it ends (sampled or not), and the Go
// runtime's metrics, read at each export (runtimemetrics.go).
//
// Export is batched: ending a span queues it without blocking (a full queue
// drops the span and counts it; shutdown, at exit, says once on stderr how
// many were dropped); one goroutine exports a
// batch when it is full or OTEL_BSP_SCHEDULE_DELAY old. Errors and panics
// of exporters are reported once on stderr and never reach the program.
// At exit (main returns, os.Exit) the queue is flushed within ExitTimeout;
// on SIGINT/SIGTERM see watchSignals (signal_unix.go). When a panic that
// nobody recovers is about to kill the program, the panic is recorded on
// the goroutine's active span, that span and the local spans it nests in
// are ended, and the queue is flushed, again within ExitTimeout (crash.go);
// then the runtime prints the panic and exits with status 2 as always.
//
// # Runtime contract (injected by rules.d/runtime-gls.toml)
//
// All these symbols have names without a dot: the linker's -checklinkname
// (Go 1.23+) only checks dotted names, so no push directive is needed on
// any Go version. Each is a variable: the side that has the value (a
// function literal or function, static data) wins over the other side's
// zero-sized declaration at link time, and without orch's rules the
// variables here stay nil, so `go test` of this module works and simply has
// no goroutine-local spans.
//
// In package runtime, struct g (runtime2.go) gets a field:
//
//	__orch_gls any
//
// and these declarations (any file of package runtime, which imports unsafe):
//
//	//go:linkname __orch_gls_get __orch_gls_get
//	var __orch_gls_get = func() any { return getg().m.curg.__orch_gls }
//
//	//go:linkname __orch_gls_set __orch_gls_set
//	var __orch_gls_set = func(v any) { getg().m.curg.__orch_gls = v }
//
//	//go:linkname __orch_panic_value __orch_panic_value
//	var __orch_panic_value = func() (any, bool) {
//		for p := getg().m.curg._panic; p != nil; p = p.link {
//			if !p.goexit && !p.recovered {
//				return p.arg, true
//			}
//		}
//		return nil, false
//	}
//
//	//go:linkname __orch_exit_hook __orch_exit_hook
//	var __orch_exit_hook func(int)
//
//	//go:linkname __orch_crash_hook __orch_crash_hook
//	var __orch_crash_hook func(any)
//
// runtime.newproc1(fn *funcval, callergp *g, ...) *g: goroutines inherit the
// active span of the goroutine that starts them (the result must be named
// by the rule engine; argument 1 is the parent g):
//
//	defer func() { {{.Function.Result 0}}.__orch_gls = {{.Function.Argument 1}}.__orch_gls }()
//
// runtime.goexit1(): drop the reference when a goroutine ends (dead g's are reused):
//
//	getg().__orch_gls = nil
//
// runtime.runExitHooks(code int) (proc.go since Go 1.23, exithook.go in
// Go 1.22): called when main returns and by os.Exit, before the exit hooks:
//
//	if __orch_exit_hook != nil {
//		__orch_exit_hook({{.Function.Argument 0}})
//	}
//
// runtime.preprintpanics(p *_panic) (panic.go, Go 1.22 to 1.27): gopanic
// calls it once a panic nobody recovered has run every deferred call, on
// the panicking goroutine, to call the values' Error methods before the
// crash is printed; it is the last point where Go code can run:
//
//	if __orch_crash_hook != nil {
//		__orch_crash_hook({{.Function.Argument 0}}.arg)
//	}
//
// In package os/signal (signal.go, add a blank import of unsafe): how many
// channels were registered for a signal when it was last delivered, so
// that orch can tell whether the program handled that SIGINT itself (asking
// for the current count would race with a program that handles the signal
// and then calls signal.Stop before orch's goroutine looks):
//
//	//go:linkname __orch_signal_refs __orch_signal_refs
//	var __orch_signal_refs = func(sig os.Signal) int64 {
//		n := signum(sig)
//		if n < 0 {
//			return 0
//		}
//		handlers.Lock()
//		defer handlers.Unlock()
//		return __orch_delivered_refs[n]
//	}
//
//	var __orch_delivered_refs [numSig]int64 // guarded by handlers' lock
//
// prepended to func process(sig os.Signal), which delivers each signal:
//
//	if __orch_n := signum({{.Function.Argument 0}}); __orch_n >= 0 {
//		handlers.Lock()
//		__orch_delivered_refs[__orch_n] = handlers.ref[__orch_n]
//		handlers.Unlock()
//	}
//
// This package declares the other side of each symbol (gls.go, exit.go,
// crash.go, signal_unix.go): glsGet, glsSet, panicValue and signalRefs are
// references; exitHook and crashHook are definitions, with the values
// flushAtExit and flushAtCrash.
// None of these rules needs a link-time dependency: runtime and os/signal
// only define values or hold references, and this package is linked by
// whatever injected code uses it.
//
// Verified with go -overlay (the rewritten files built and run) on Go
// 1.22.12, 1.23.12, 1.26.8 and 1.27.3.
package trace
