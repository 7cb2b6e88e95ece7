package slogcorr

import (
	"context"
	"log/slog"

	"orch.dev/runtime/logcorr"
	"orch.dev/runtime/trace"
)

// The hooks log/slog calls (see doc.go), defined here with a value.
var (
	span    func(ctx context.Context) any                 = Span
	args    func(span any, args []any) []any              = Args
	attrs   func(span any, attrs []slog.Attr) []slog.Attr = Attrs
	handler func(span any, h slog.Handler) slog.Handler   = Handler
)

// Span returns the span a record logged with ctx belongs to (ctx's, else
// the goroutine's), as an opaque value, or nil. It does not allocate.
func Span(ctx context.Context) any {
	if s := logcorr.Active(ctx); s != nil {
		return s
	}
	return nil
}

func idAttrs(span any) [3]slog.Attr {
	ids := logcorr.Of(span.(*trace.Span))
	return [3]slog.Attr{
		slog.String("trace_id", ids.TraceID),
		slog.String("span_id", ids.SpanID),
		slog.String("trace_flags", ids.TraceFlags),
	}
}

// Args appends span's ids to args, a copy of a Logger.Log call's arguments
// (key-value pairs and Attrs). A final key without a value becomes the
// attribute slog would make of it (!BADKEY=key), so that it does not take
// the first id as its value.
func Args(span any, args []any) []any {
	for i := 0; i < len(args); {
		switch x := args[i].(type) {
		case string:
			if i+1 == len(args) {
				args[i] = slog.String("!BADKEY", x)
			}
			i += 2
		default: // an Attr, or a value without a key (!BADKEY)
			i++
		}
	}
	a := idAttrs(span)
	return append(args, a[0], a[1], a[2])
}

// Attrs appends span's ids to attrs, a copy of a Logger.LogAttrs call's.
func Attrs(span any, attrs []slog.Attr) []slog.Attr {
	a := idAttrs(span)
	return append(attrs, a[:]...)
}

// Handler returns h with span's ids as attributes: for the records that
// slog makes of a log.Logger's lines (slog.NewLogLogger, the log package
// after slog.SetDefault), which have no attributes of their own.
func Handler(span any, h slog.Handler) slog.Handler {
	a := idAttrs(span)
	return h.WithAttrs(a[:])
}
