package trace

import (
	"context"
	"strings"
	"testing"
)

func TestCrashEndsTheActiveSpanAndItsLocalParents(t *testing.T) {
	rec := recordSpans(t, AlwaysOn)
	remote := SpanContext{TraceID: TraceID{1}, SpanID: SpanID{2}, Flags: 1, Remote: true}
	ctx, server := StartWithParent(context.Background(), "test", "server", KindServer, remote)
	ctx, job := Start(ctx, "test", "job", KindInternal)
	_, done := Start(ctx, "test", "done", KindInternal)
	done.End()
	endCrashedSpans(job, "boom")
	spans := rec.Spans()
	if len(spans) != 3 || spans[1] != job || spans[2] != server {
		t.Fatalf("want done, job, server ended; got %v", spans)
	}
	if code, msg := job.Status(); code != StatusError || msg != "panic: boom" {
		t.Fatalf("job status %v %q", code, msg)
	}
	if ev := job.Events(); len(ev) != 1 || ev[0].Name != "exception" || !strings.Contains(ev[0].Attrs[2].Value.AsString(), "TestCrash") {
		t.Fatalf("job events %v", ev)
	}
	if code, msg := server.Status(); code != StatusError || msg != "panic: boom" || len(server.Events()) != 0 {
		t.Fatalf("server status %v %q", code, msg)
	}
}

func TestCrashHookWithTracingOffDoesNothing(t *testing.T) {
	Setup(Config{})
	crashing.Store(false)
	defer crashing.Store(false)
	flushAtCrash("boom") // must not panic or block
}
