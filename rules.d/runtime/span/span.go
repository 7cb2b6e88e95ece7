package span

import (
	"context"

	_ "orch.dev/runtime/otlphttp" // programs with //orch:span can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/span"

// Start starts the span of a //orch:span function, under the span that
// ctx carries (nil ctx: the goroutine's active span). attrs are the
// directive's key:value arguments, flattened: key1, value1, key2, value2...
// The span is returned for End; the context carries it (injected code
// assigns it back to the function's context parameter, if it has one).
func Start(ctx context.Context, name string, attrs ...string) (context.Context, *trace.Span) {
	if !trace.Enabled() {
		return ctx, nil
	}
	var buf [8]trace.Attr
	a := buf[:0]
next:
	for i := 0; i+1 < len(attrs); i += 2 {
		for j := range a { // a key given twice: the last value wins
			if a[j].Key == attrs[i] {
				a[j] = trace.String(attrs[i], attrs[i+1])
				continue next
			}
		}
		a = append(a, trace.String(attrs[i], attrs[i+1]))
	}
	return trace.Start(ctx, scope, name, trace.KindInternal, a...)
}

// End ends the span, from the function's deferred call: a panic that is
// unwinding the function, or else a non-nil *err (the function's error
// result, when it has one; err may be nil), marks the span as failed.
func End(s *trace.Span, err *error) {
	if s == nil {
		return
	}
	var e error
	if err != nil {
		e = *err
	}
	s.EndWithError(e)
}
