// Package span implements the //orch:span directive: a function whose doc
// comment (or the line above it) says
//
//	//orch:span [name] [key=value ...]
//
// gets a span named name (default: the function's name, "Type.Method" for
// methods), of kind internal, with the key=value pairs as string
// attributes, that ends when the function returns; a panic unwinding it, or
// a non-nil error result, marks the span failed (the panic continues
// unchanged).
//
// # Contract (rules.d/span.toml)
//
// Injected into the user's package (an ordinary import, no linkname):
// import orch.dev/runtime/span under a private name, and prepend to the
// function body, with CTX the function's context.Context parameter if it
// has a named one, and ERR its error result (which the rule engine names if
// needed):
//
//	CTX, __orch_span := __orch_span_pkg.Start(CTX, "name", "key", "value", ...)
//	defer __orch_span_pkg.End(__orch_span, &ERR)
//
// or, without a context parameter (the span nests under the goroutine's
// active span) and without an error result:
//
//	_, __orch_span := __orch_span_pkg.Start(nil, "name", "key", "value", ...)
//	defer __orch_span_pkg.End(__orch_span, nil)
//
// Assigning CTX makes calls that take the context nest under the span. The
// rule also lists orch.dev/runtime/otlphttp as a link-time dependency so
// that a program without net/http can still export over OTLP/HTTP.
package span
