// Package logcorr correlates log records with orch's spans: while a span is
// active, the records of the program's loggers carry trace_id and span_id
// (lower-case hex) and trace_flags where the format has room, with no change
// to the program's logger set-up. With no span active (or tracing off)
// nothing is added: a program run without configuration logs exactly what
// it logged before, byte for byte.
//
// Each logger's hook lives in its own package (log/slog: slogcorr; the
// third-party loggers: code injected into their own package, which calls
// For), so a program links only what its loggers need.
//
// # The standard log package (rules.d/logs.toml)
//
// Off by default (its lines have no fields); ORCH_LOG_CORRELATION_STDLOG=1
// appends " trace_id=T span_id=S" to each line written while the goroutine
// has an active span (before the final newline), unless the line already
// carries that trace id (a log/slog record through slog's default handler).
// Link-time dependency: orch.dev/runtime/logcorr. In package log (log.go):
//
//	//go:linkname __orch_log_wrap orch.dev/runtime/logcorr.stdlogWrap
//	var __orch_log_wrap func(func([]byte) []byte) func([]byte) []byte
//
// prepended to (*Logger).output(pc uintptr, calldepth int, appendOutput
// func([]byte) []byte) error (Go 1.21-1.27), which every Print, Fatal,
// Panic and Output reaches:
//
//	if __orch_log_wrap != nil {
//		appendOutput = __orch_log_wrap(appendOutput)
//	}
package logcorr
