// Package logcorr correlates log records with orch's spans: while a span is
// active, the records of the program's loggers carry trace_id and span_id
// (lower-case hex) and trace_flags where the format has room, with no change
// to the program's logger set-up. With no span active (or tracing off)
// nothing is added: a program run without configuration logs exactly what
// it logged before, byte for byte.
//
// log/slog's hooks live in package slogcorr (so that a program without
// log/slog does not link it); those of package log and of the third-party
// loggers (code injected into each logger's own package) live here.
//
// # The standard log package (rules.d/logs.toml)
//
// Off by default (its lines have no fields); ORCH_LOG_CORRELATION_STDLOG=1
// appends " trace_id=T span_id=S" to each line written while the goroutine
// has an active span (before the final newline), unless the line already
// carries that trace id (a log/slog record through slog's default handler)
// or the logger writes to a log/slog handler (which adds the ids itself).
// Link-time dependency: orch.dev/runtime/logcorr. In package log (log.go):
//
//	//go:linkname __orch_log_suffix orch.dev/runtime/logcorr.stdlogSuffix
//	var __orch_log_suffix func() func(w io.Writer, b []byte, start int) []byte
//
// prepended to (*Logger).output(pc uintptr, calldepth int, appendOutput
// func([]byte) []byte) error (Go 1.21-1.27), which every Print, Fatal,
// Panic and Output reaches:
//
//	if __orch_log_suffix != nil {
//		if __orch_sfx := __orch_log_suffix(); __orch_sfx != nil {
//			__orch_w, __orch_append := l.Writer(), appendOutput
//			appendOutput = func(b []byte) []byte { return __orch_sfx(__orch_w, __orch_append(b), len(b)) }
//		}
//	}
//
// appendOutput is never passed to the hook: it would escape, and every
// log.Printf would allocate its closure and arguments on the heap.
//
// # Third-party loggers (rules.d/logs.toml)
//
// Code injected into each logger's own package (never imported from
// elsewhere) adds three string fields, trace_id, span_id and trace_flags,
// to each entry written while a span is active. Link-time dependency:
// orch.dev/runtime/logcorr; one hook variable each:
//
//	//go:linkname __orch_logrus_ids orch.dev/runtime/logcorr.logrusIDs
//	var __orch_logrus_ids func(ctx context.Context) (traceID, spanID, flags string, ok bool)
//
//	//go:linkname __orch_zap_ids orch.dev/runtime/logcorr.zapIDs
//	var __orch_zap_ids func() (traceID, spanID, flags string, ok bool)
//
//	//go:linkname __orch_zerolog_ids orch.dev/runtime/logcorr.zerologIDs
//	var __orch_zerolog_ids func(event interface{}) (traceID, spanID, flags string, ok bool)
//
// github.com/sirupsen/logrus, prepended to (*Entry).log (every level
// method of Entry and Logger reaches it once the level is enabled; its
// parameters changed in v1.10, the body uses only the receiver):
//
//	if __orch_logrus_ids != nil {
//		if t, s, f, ok := __orch_logrus_ids(entry.Context); ok {
//			entry = entry.WithFields(Fields{"trace_id": t, "span_id": s, "trace_flags": f})
//		}
//	}
//
// go.uber.org/zap/zapcore, prepended to (*CheckedEntry).Write(fields
// ...Field), which Logger and SugaredLogger reach for every enabled entry
// (zap takes no context: the goroutine's active span); the caller's slice
// is not written:
//
//	if ce != nil && __orch_zap_ids != nil {
//		if t, s, f, ok := __orch_zap_ids(); ok {
//			fields = append(fields[:len(fields):len(fields)],
//				Field{Key: "trace_id", Type: StringType, String: t}, ...)
//		}
//	}
//
// github.com/rs/zerolog, prepended to (*Event).msg(msg string), which Msg,
// Msgf, MsgFunc and Send reach for an enabled event (the event's context,
// Event.Ctx or the logger's, in versions with Event.GetCtx; else the
// goroutine's active span):
//
//	if __orch_zerolog_ids != nil {
//		if t, s, f, ok := __orch_zerolog_ids(e); ok {
//			e.Str("trace_id", t).Str("span_id", s).Str("trace_flags", f)
//		}
//	}
package logcorr
