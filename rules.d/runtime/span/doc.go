// Package span implements the //orch:span directive. A function whose doc
// comment (or the comment right above it) says
//
//	//orch:span [span.name:NAME] [key:value ...]
//
// gets a span named NAME (default: the function's name), of kind internal,
// with the other key:value pairs as string attributes, that ends when the
// function returns; a panic unwinding it, or a non-nil error result, marks
// the span failed (the panic continues unchanged).
//
// # Contract (rules.d/span.toml)
//
// Injected into the user's package (an ordinary import, no linkname):
// import orch.dev/runtime/span under a private name, and prepend to the
// function body, with CTX the function's context.Context parameter if it
// has one and ERR its error result (which the rule engine names if needed):
//
//	__orch_ctx, __orch_span := __orch_span_pkg.Start(CTX, "NAME", "key", "value", ...)
//	CTX = __orch_ctx
//	defer __orch_span_pkg.End(__orch_span, &ERR)
//
// Without a context parameter pass nil (the span nests under the
// goroutine's active span) and write `_ = __orch_ctx`; without an error
// result pass nil to End. Assigning CTX (not `CTX, x := ...`, which would
// declare a new CTX inside the block that prepend-statements wraps the code
// in) makes the function's calls that take ctx nest under the span. The rule also lists
// orch.dev/runtime/otlphttp as a link-time dependency, so that a program
// without net/http can still export over OTLP/HTTP.
package span
