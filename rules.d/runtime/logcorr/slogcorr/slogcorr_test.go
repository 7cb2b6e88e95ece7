package slogcorr

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"orch.dev/runtime/trace"
)

func TestArgsAndAttrs(t *testing.T) {
	if Span(context.Background()) != nil {
		t.Fatal("a span without one")
	}
	if n := testing.AllocsPerRun(100, func() { Span(context.Background()) }); n != 0 {
		t.Fatalf("Span without a span allocates %v times", n)
	}
	defer trace.Setup(trace.Config{Exporters: []trace.Exporter{&trace.Recorder{}}, Synchronous: true})(context.Background())
	ctx, s := trace.Start(context.Background(), "test", "op", trace.KindInternal)
	defer s.End()
	sp := Span(ctx)
	if sp == nil {
		t.Fatal("no span")
	}
	sc := s.SpanContext()
	ids := "trace_id=" + sc.TraceID.String() + " span_id=" + sc.SpanID.String() + " trace_flags=01"
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	orig := []any{"k", 1, slog.Int("a", 2), "dangling"}
	l.Info("m", Args(sp, append([]any(nil), orig...))...)
	l.LogAttrs(ctx, slog.LevelInfo, "m", Attrs(sp, []slog.Attr{slog.Int("a", 2)})...)
	want := "level=INFO msg=m k=1 a=2 !BADKEY=dangling " + ids + "\n" +
		"level=INFO msg=m a=2 " + ids + "\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(orig[3].(string), "BADKEY") {
		t.Error("the caller's slice changed")
	}
}
