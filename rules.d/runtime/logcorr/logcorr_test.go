package logcorr

import (
	"context"
	"testing"

	"orch.dev/runtime/trace"
)

func TestForAndAppendStdlog(t *testing.T) {
	if _, ok := For(context.Background()); ok {
		t.Fatal("ids without a span")
	}
	if n := testing.AllocsPerRun(100, func() { Active(context.Background()) }); n != 0 {
		t.Fatalf("Active without a span allocates %v times", n)
	}
	defer trace.Setup(trace.Config{Exporters: []trace.Exporter{&trace.Recorder{}}, Synchronous: true})(context.Background())
	ctx, s := trace.Start(context.Background(), "test", "op", trace.KindInternal)
	defer s.End()
	ids, ok := For(ctx)
	sc := s.SpanContext()
	if !ok || ids.TraceID != sc.TraceID.String() || ids.SpanID != sc.SpanID.String() || ids.TraceFlags != "01" {
		t.Fatalf("ids %+v, span %+v", ids, sc)
	}
	want := "x: hi trace_id=" + ids.TraceID + " span_id=" + ids.SpanID
	for _, line := range []string{"hi", "hi\n"} {
		b := []byte("x: ")
		got := string(AppendStdlog(append(b, line...), 3, ids))
		if line == "hi\n" {
			got = got[:len(got)-1]
		}
		if got != want {
			t.Errorf("AppendStdlog(%q) = %q, want %q", line, got, want)
		}
	}
	// a line that already has the trace id (slog's default handler) stays
	line := "x: INFO hi trace_id=" + ids.TraceID + " span_id=" + ids.SpanID
	if got := string(AppendStdlog([]byte(line), 3, ids)); got != line {
		t.Errorf("AppendStdlog doubled the ids: %q", got)
	}
}
