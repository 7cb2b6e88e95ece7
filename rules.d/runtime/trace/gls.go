package trace

import (
	"runtime"
	"strings"
	_ "unsafe" // for go:linkname
)

// Goroutine-local storage, panic inspection and the exit hook need code
// inside package runtime, which orch's runtime rules inject (see doc.go for
// the exact code). This package reaches that code through function
// variables whose symbols the runtime defines with a value:
//
//   - built with orch, the runtime's definition (which has data) wins over
//     the zero-sized ones below at link time, so the variables are set
//     before any init runs;
//   - built without orch (plain `go test`), these declarations are the only
//     definitions, the variables stay nil, and the package works without
//     goroutine-local spans.
//
// The symbol names have no dot: the Go 1.23+ linker checks pulls of
// symbols defined in the standard library (-checklinkname) only for names
// of the form "pkg.name", so these need no push directive and behave the
// same on every Go version.

//go:linkname glsGet __orch_gls_get
var glsGet func() any

//go:linkname glsSet __orch_gls_set
var glsSet func(any)

//go:linkname panicValue __orch_panic_value
var panicValue func() (any, bool)

// HasGLS reports whether goroutine-local spans are available (the binary
// was built with orch's runtime rules).
func HasGLS() bool { return glsGet != nil && glsSet != nil }

func goroutineSpan() *Span {
	if glsGet == nil {
		return nil
	}
	s, _ := glsGet().(*Span)
	return s
}

// activate makes s the goroutine's active span, remembering the previous one.
func (s *Span) activate() {
	if glsGet == nil || glsSet == nil {
		return
	}
	s.prevGLS = glsGet()
	glsSet(s)
}

// deactivate restores the previous active span, unless something else
// became active since (spans ended out of order): then the newer one stays.
func (s *Span) deactivate() {
	if glsGet == nil || glsSet == nil {
		return
	}
	if cur, _ := glsGet().(*Span); cur == s {
		glsSet(s.prevGLS)
	}
}

// Deactivate gives the goroutine back the span that was active before s
// started, without ending s: for a span that ends later or elsewhere (an
// HTTP client span ends when its response body is closed), so that work
// the goroutine does meanwhile does not nest under it. End calls it too.
func (s *Span) Deactivate() {
	if s != nil {
		s.deactivate()
	}
}

// SetGoroutineSpan makes s (possibly nil) the goroutine's active span and
// returns the previous one. Background goroutines of the SDK clear it so
// their own work is never traced under a user's span.
func SetGoroutineSpan(s *Span) (prev *Span) {
	if glsGet == nil || glsSet == nil {
		return nil
	}
	prev, _ = glsGet().(*Span)
	glsSet(s)
	return prev
}

// Panicking reports the value of the panic that is unwinding the caller,
// when called (possibly through orch.dev/runtime packages) from a deferred
// function that the panic is running. A deferred function that runs at a
// normal return while an outer panic unwinds (a traced db.Exec inside some
// other deferred cleanup) is not panicking: it reports false. Without
// orch's runtime rules it always reports false.
//
// Unlike recover, it leaves the panic alone: the program crashes, or
// recovers, exactly as it would without orch, with the same stack trace.
func Panicking() (any, bool) {
	if panicValue == nil {
		return nil, false
	}
	v, ok := panicValue() // cheap: is any panic unwinding this goroutine?
	if !ok || !runByPanic() {
		return nil, false
	}
	return v, true
}

// runByPanic walks up from its caller past orch's own frames to the
// deferred function, and reports whether runtime.gopanic called it (a
// deferred call at a normal return is called by its function or by
// runtime.deferreturn). Only reached while a panic is in flight.
func runByPanic() bool {
	var pcs [32]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	deferred := false
	for {
		f, more := frames.Next()
		switch {
		case deferred:
			return f.Function == "runtime.gopanic"
		case !isOrchFrame(f.Function):
			deferred = true // this is the deferred function
		}
		if !more {
			return false
		}
	}
}

func isOrchFrame(fn string) bool {
	rest, ok := strings.CutPrefix(fn, "orch.dev/runtime/")
	if !ok {
		return false
	}
	pkg, _, _ := strings.Cut(rest, ".")
	return pkg == "trace" || pkg == "nethttp" || pkg == "sqltrace" || pkg == "span" || pkg == "otlphttp"
}
