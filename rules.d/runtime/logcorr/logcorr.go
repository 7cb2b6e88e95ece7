package logcorr

import (
	"context"
	"encoding/hex"
	"io"
	"os"
	"reflect"

	"orch.dev/runtime/trace"
)

// IDs are the identifiers a log record carries: lower-case hex, as the
// OpenTelemetry log data model names them (trace_id, span_id, trace_flags).
type IDs struct {
	TraceID, SpanID, TraceFlags string
}

// Active returns the span a log record written with ctx belongs to: ctx's
// span, else the goroutine's active span; nil when there is none (no span
// started, tracing off). It never allocates.
func Active(ctx context.Context) *trace.Span {
	s := trace.Active(ctx)
	if s == nil || !s.SpanContext().IsValid() || trace.MetricsOnly() {
		return nil
	}
	return s
}

// Of returns s's ids (s not nil).
func Of(s *trace.Span) IDs {
	sc := s.SpanContext()
	return IDs{TraceID: hex.EncodeToString(sc.TraceID[:]), SpanID: hex.EncodeToString(sc.SpanID[:]), TraceFlags: flags(sc.Flags)}
}

// For returns the ids of Active(ctx), ok false when there is no span.
func For(ctx context.Context) (ids IDs, ok bool) {
	s := Active(ctx)
	if s == nil {
		return IDs{}, false
	}
	return Of(s), true
}

func flags(f byte) string {
	switch f {
	case 0:
		return "00"
	case 1:
		return "01"
	}
	return hex.EncodeToString([]byte{f})
}

// StdlogEnv turns the suffix of the standard log package's lines on.
const StdlogEnv = "ORCH_LOG_CORRELATION_STDLOG"

var stdlogOn = os.Getenv(StdlogEnv) == "1"

// The hook package log's (*Logger).output calls (see doc.go), defined here
// with a value.
var stdlogSuffix func() func(w io.Writer, b []byte, start int) []byte = StdlogSuffix

// StdlogSuffix returns nil when the suffix is off or no span is active on
// the goroutine (so that output's appendOutput stays as it is: output adds
// no allocation), else a function that appends " trace_id=… span_id=…" to
// the line b[start:] (see AppendStdlog), unless w, the logger's writer, is
// a log/slog handler (slog.NewLogLogger, the log package after
// slog.SetDefault), which adds the ids as attributes.
func StdlogSuffix() func(w io.Writer, b []byte, start int) []byte {
	if !stdlogOn {
		return nil
	}
	s := Active(nil)
	if s == nil {
		return nil
	}
	ids := Of(s)
	return func(w io.Writer, b []byte, start int) []byte {
		if w != nil && reflect.TypeOf(w).String() == "*slog.handlerWriter" {
			return b
		}
		return AppendStdlog(b, start, ids)
	}
}

// AppendStdlog appends " trace_id=T span_id=S" to line (whose text starts at
// b[start:]), before a final newline, unless it already has "trace_id=T".
func AppendStdlog(b []byte, start int, ids IDs) []byte {
	if contains(b[start:], "trace_id="+ids.TraceID) {
		return b
	}
	nl := len(b) > start && b[len(b)-1] == '\n'
	if nl {
		b = b[:len(b)-1]
	}
	b = append(b, " trace_id="...)
	b = append(b, ids.TraceID...)
	b = append(b, " span_id="...)
	b = append(b, ids.SpanID...)
	if nl {
		b = append(b, '\n')
	}
	return b
}

func contains(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}
