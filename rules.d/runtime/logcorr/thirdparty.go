package logcorr

import "context"

// The hooks of the third-party loggers (see doc.go), defined here with a
// value; one variable per linkname.
var (
	logrusIDs  func(ctx context.Context) (traceID, spanID, flags string, ok bool) = ContextIDs
	zapIDs     func() (traceID, spanID, flags string, ok bool)                    = GoroutineIDs
	zerologIDs func(event any) (traceID, spanID, flags string, ok bool)           = EventIDs
)

// ContextIDs returns the ids of ctx's span, else the goroutine's (ctx may be
// nil); ok is false when there is none.
func ContextIDs(ctx context.Context) (traceID, spanID, flags string, ok bool) {
	ids, ok := For(ctx)
	return ids.TraceID, ids.SpanID, ids.TraceFlags, ok
}

// GoroutineIDs returns the ids of the goroutine's active span.
func GoroutineIDs() (traceID, spanID, flags string, ok bool) { return ContextIDs(nil) }

// EventIDs returns the ids of the span of event's context (a zerolog
// Event's GetCtx, in the versions that have it), else the goroutine's.
func EventIDs(event any) (traceID, spanID, flags string, ok bool) {
	var ctx context.Context
	if e, isCtx := event.(interface{ GetCtx() context.Context }); isCtx {
		ctx = e.GetCtx()
	}
	return ContextIDs(ctx)
}
