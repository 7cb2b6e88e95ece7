package trace

import (
	"context"
	"errors"
	"testing"
)

// recordSpans installs a synchronous recorder for one test.
func recordSpans(t testing.TB, sampler Sampler) *Recorder {
	rec := &Recorder{}
	shutdown := Setup(Config{Exporters: []Exporter{rec}, Synchronous: true, Sampler: sampler})
	t.Cleanup(func() {
		shutdown(context.Background())
		Setup(Config{}) // tracing off again
	})
	return rec
}

func TestNestingThroughContext(t *testing.T) {
	rec := recordSpans(t, AlwaysOn)
	ctx, root := Start(context.Background(), "test", "root", KindServer, String("a", "1"))
	ctx2, child := Start(ctx, "test", "child", KindClient)
	if SpanFromContext(ctx2) != child || SpanFromContext(ctx) != root {
		t.Fatal("contexts do not carry their spans")
	}
	child.End()
	root.End()
	spans := rec.Spans()
	if len(spans) != 2 || spans[0] != child || spans[1] != root {
		t.Fatalf("exported %v", spans)
	}
	if child.SpanContext().TraceID != root.SpanContext().TraceID || child.Parent() != root.SpanContext().SpanID {
		t.Fatal("child is not under root")
	}
	if root.Parent().IsValid() || !root.SpanContext().IsSampled() {
		t.Fatal("root has a parent or is not sampled")
	}
	if v, ok := root.Attr("a"); !ok || v.AsString() != "1" {
		t.Fatalf("attr a = %v", v)
	}
	if root.EndTime().Before(root.StartTime()) {
		t.Fatal("end before start")
	}
}

func TestRemoteParent(t *testing.T) {
	rec := recordSpans(t, ParentBasedAlwaysOn)
	parent, _ := ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	_, s := StartWithParent(context.Background(), "test", "server", KindServer, parent)
	s.End()
	if s.SpanContext().TraceID != parent.TraceID || s.Parent() != parent.SpanID || !s.ParentRemote() {
		t.Fatalf("not a child of the remote parent: %+v", s.SpanContext())
	}
	// An unsampled remote parent: nothing recorded, but the context still
	// propagates (flags 00) so downstream services agree.
	parent.Flags = 0
	ctx := ContextWithRemoteSpanContext(context.Background(), parent)
	_, s2 := Start(ctx, "test", "client", KindClient)
	s2.SetAttrs(String("ignored", "x"))
	s2.End()
	if s2.IsRecording() || s2.SpanContext().IsSampled() || s2.SpanContext().TraceID != parent.TraceID {
		t.Fatal("unsampled parent must give an unsampled child in the same trace")
	}
	if len(rec.Spans()) != 1 {
		t.Fatalf("exported %d spans, want 1", len(rec.Spans()))
	}
}

func TestStatusAndErrors(t *testing.T) {
	recordSpans(t, AlwaysOn)
	_, s := Start(context.Background(), "test", "op", KindInternal)
	s.SetStatus(StatusError, "first")
	s.SetStatus(StatusUnset, "")
	if c, m := s.Status(); c != StatusError || m != "first" {
		t.Fatalf("unset must not clear an error: %v %q", c, m)
	}
	s.SetStatus(StatusOK, "ignored")
	s.SetStatus(StatusError, "late")
	if c, m := s.Status(); c != StatusOK || m != "" {
		t.Fatalf("ok is final: %v %q", c, m)
	}
	_, s2 := Start(context.Background(), "test", "op2", KindInternal)
	s2.EndWithError(errors.New("boom"))
	s2.SetAttrs(String("after", "end"))
	ev := s2.Events()
	if c, m := s2.Status(); c != StatusError || m != "boom" || len(ev) != 1 || ev[0].Name != "exception" {
		t.Fatalf("EndWithError: %v %q %v", c, m, ev)
	}
	if _, ok := s2.Attr("after"); ok {
		t.Fatal("attributes set after End must be ignored")
	}
	if v, _ := s2.Attr("error.type"); v.AsString() != "*errors.errorString" {
		t.Fatalf("error.type = %v", v)
	}
}

func TestAttributeLimitAndOverwrite(t *testing.T) {
	recordSpans(t, AlwaysOn)
	_, s := Start(context.Background(), "test", "op", KindInternal)
	for i := 0; i < maxAttrs+10; i++ {
		s.SetAttrs(Int(string(rune('a'+i%26))+string(rune('a'+i/26)), i))
	}
	s.SetAttrs(Int("aa", -1))
	if n := len(s.Attrs()); n != maxAttrs {
		t.Fatalf("%d attributes kept", n)
	}
	if v, _ := s.Attr("aa"); v.AsInt64() != -1 {
		t.Fatal("setting a key again must overwrite it")
	}
}

func TestDisabledIsNil(t *testing.T) {
	Setup(Config{})
	ctx := context.Background()
	ctx2, s := Start(ctx, "test", "op", KindInternal)
	if s != nil || ctx2 != ctx || Enabled() {
		t.Fatal("tracing off must return the context unchanged and a nil span")
	}
	// Every method accepts nil.
	s.SetAttrs(String("k", "v"))
	s.SetStatus(StatusError, "x")
	s.RecordError(errors.New("x"))
	s.SetError(errors.New("x"))
	s.RecordPanic("x")
	s.AddEvent("e")
	s.SetName("n")
	s.EndWithError(nil)
	s.End()
	if s.IsRecording() || s.SpanContext().IsValid() {
		t.Fatal("nil span")
	}
}

func TestNoGLSWithoutOrch(t *testing.T) {
	// Built by plain go test: the runtime does not define the accessors.
	if HasGLS() {
		t.Skip("built with orch's runtime rules")
	}
	if _, ok := Panicking(); ok {
		t.Fatal("Panicking without accessor")
	}
	if SetGoroutineSpan(nil) != nil || goroutineSpan() != nil {
		t.Fatal("GLS without accessors")
	}
}

func TestPanicMessage(t *testing.T) {
	recordSpans(t, AlwaysOn)
	_, s := Start(context.Background(), "test", "op", KindInternal)
	s.RecordPanic(errors.New("bad"))
	s.End()
	ev := s.Events()[0]
	got := map[string]string{}
	for _, a := range ev.Attrs {
		got[a.Key] = a.Value.String()
	}
	if got["exception.type"] != `"*errors.errorString"` || got["exception.message"] != `"bad"` || got["exception.escaped"] != "true" || len(got["exception.stacktrace"]) < 20 {
		t.Fatalf("panic event: %v", got)
	}
}

func TestAnErrorWithoutAMessageKeepsTheOneBefore(t *testing.T) {
	recordSpans(t, AlwaysOn)
	_, s := Start(context.Background(), "test", "op", KindServer)
	s.SetStatus(StatusError, "panic: boom")
	s.SetStatus(StatusError, "") // a 500 answered after the recovered panic
	if code, msg := s.Status(); code != StatusError || msg != "panic: boom" {
		t.Fatalf("status %v %q", code, msg)
	}
	s.SetStatus(StatusError, "other")
	if _, msg := s.Status(); msg != "other" {
		t.Fatalf("message %q", msg)
	}
}
