package span

import (
	"context"
	"errors"
	"testing"

	"orch.dev/runtime/trace"
)

// work is a function as orch rewrites it for `//orch:span span.name:fetch kind:user`
// (prepend-statements wraps the code in a block).
func work(ctx context.Context, fail bool) (n int, err error) {
	{
		__orch_ctx, __orch_span := Start(ctx, "fetch", "kind", "user")
		ctx = __orch_ctx
		defer End(__orch_span, &err)
	}
	span := trace.SpanFromContext(ctx)
	if trace.SpanFromContext(ctx) != span {
		panic("ctx must carry the span")
	}
	if fail {
		return 0, errors.New("nope")
	}
	return 1, nil
}

func TestDirectiveSpan(t *testing.T) {
	rec := &trace.Recorder{}
	defer trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})(context.Background())
	defer trace.Setup(trace.Config{})
	work(context.Background(), false)
	work(context.Background(), true)
	spans := rec.Spans()
	if len(spans) != 2 || spans[0].Name() != "fetch" || spans[0].Kind() != trace.KindInternal {
		t.Fatalf("%v", spans)
	}
	if v, _ := spans[0].Attr("kind"); v.AsString() != "user" {
		t.Fatalf("attr %v", v)
	}
	if c, _ := spans[0].Status(); c != trace.StatusUnset {
		t.Fatal("success must leave the status unset")
	}
	if c, m := spans[1].Status(); c != trace.StatusError || m != "nope" {
		t.Fatalf("error result: %v %q", c, m)
	}
	End(nil, nil) // tracing off: nil span
}

// noContext is a function without context parameter or error result.
func noContext() {
	{
		__orch_ctx, __orch_span := Start(nil, "noContext")
		_ = __orch_ctx
		defer End(__orch_span, nil)
	}
}

func TestDirectiveSpanWithoutContext(t *testing.T) {
	rec := &trace.Recorder{}
	defer trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})(context.Background())
	defer trace.Setup(trace.Config{})
	_, parent := trace.Start(context.Background(), "test", "parent", trace.KindInternal)
	noContext()
	parent.End()
	spans := rec.Spans()
	if len(spans) != 2 || spans[0].Name() != "noContext" {
		t.Fatalf("%v", spans)
	}
	// Without goroutine-local storage (plain go test) the span is a root.
	if trace.HasGLS() && spans[0].Parent() != parent.SpanContext().SpanID {
		t.Fatal("with GLS the span nests under the goroutine's active span")
	}
}
