// Package slogcorr adds the active span's ids to every log/slog record:
// trace_id, span_id and trace_flags (lower-case hex, the names of the
// OpenTelemetry log data model), after the record's own attributes, through
// whatever handler the logger has (JSON, text, the default handler, a
// third-party one). The span is the one the context given to InfoContext &
// co. carries, else the goroutine's active span. Without a span (none
// started, tracing off) the record is untouched and nothing is allocated.
//
// # Hook contract (rules.d/logs.toml)
//
// Link-time dependency: orch.dev/runtime/logcorr/slogcorr. In log/slog
// (logger.go, next to (*Logger).log; a blank import of unsafe):
//
//	//go:linkname __orch_slog_span orch.dev/runtime/logcorr/slogcorr.span
//	var __orch_slog_span func(ctx context.Context) any
//
//	//go:linkname __orch_slog_args orch.dev/runtime/logcorr/slogcorr.args
//	var __orch_slog_args func(span any, args []any) []any
//
//	//go:linkname __orch_slog_attrs orch.dev/runtime/logcorr/slogcorr.attrs
//	var __orch_slog_attrs func(span any, attrs []Attr) []Attr
//
// Prepended to (*Logger).log(ctx, level, msg, args ...any), which every
// Logger method and package function taking ...any reaches (Go 1.21-1.27):
//
//	if __orch_slog_span != nil {
//		if __orch_span := __orch_slog_span(ctx); __orch_span != nil && l.Enabled(ctx, level) {
//			args = __orch_slog_args(__orch_span, append(make([]any, 0, len(args)+3), args...))
//		}
//	}
//
// and the same to (*Logger).logAttrs(ctx, level, msg, attrs ...Attr) with
// __orch_slog_attrs and []Attr. The caller's slice is copied, never
// written; Enabled is asked first so a disabled level costs no ids.
//
// The lines of a log.Logger that writes to a handler (slog.NewLogLogger,
// the log package after slog.SetDefault) become records in
// (*handlerWriter).Write(buf []byte) (int, error), with the goroutine's
// span; prepended there (the writer is copied, not changed):
//
//	//go:linkname __orch_slog_handler orch.dev/runtime/logcorr/slogcorr.handler
//	var __orch_slog_handler func(span any, h Handler) Handler
//
//	if __orch_slog_span != nil {
//		if __orch_span := __orch_slog_span(nil); __orch_span != nil {
//			__orch_w := *w
//			__orch_w.h = __orch_slog_handler(__orch_span, w.h)
//			w = &__orch_w
//		}
//	}
package slogcorr
