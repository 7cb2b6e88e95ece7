package trace

import (
	"context"
	"sync/atomic"
	_ "unsafe" // for go:linkname
)

// crashHook is called by the runtime when a panic nobody recovers is about
// to kill the program: orch's runtime rules prepend a call to it in
// runtime.preprintpanics, which gopanic runs after every deferred call has
// run and before it prints the panic and exits with status 2 (no exit hook
// runs then). It is ordinary Go code on the panicking goroutine, where the
// runtime itself is about to call the panic value's Error method, so it may
// lock, write and send. This package defines the symbol with a value; the
// runtime's declaration is a reference (see doc.go).
//
//go:linkname crashHook __orch_crash_hook
var crashHook func(v any) = flushAtCrash

var crashing atomic.Bool

// flushAtCrash records the panic on the goroutine's active span, ends it and
// the local spans it nests in (the program will not end them), and exports
// everything queued, within ExitTimeout: an export that cannot get the
// queue's lock (the panicking goroutine may hold it) gives up at the
// deadline, so a crash is delayed at most that long and never hangs. It
// prints nothing and never panics: the runtime then prints the panic
// exactly as it would have. Only the first crashing goroutine flushes.
func flushAtCrash(v any) {
	defer func() { recover() }() // a panic here would become "panic while printing panic value"
	if crashing.Swap(true) {
		return
	}
	p := global.Load()
	if p == nil {
		return
	}
	endCrashedSpans(goroutineSpan(), v)
	ctx, cancel := context.WithTimeout(context.Background(), ExitTimeout)
	defer cancel()
	p.shutdown(ctx)
}

// endCrashedSpans ends s with the panic recorded, then the spans of this
// process that s nests in, marked as failed: the crash cut them short.
func endCrashedSpans(s *Span, v any) {
	msg := "panic: " + panicMessage(v)
	for depth := 0; s != nil && depth < 64; depth++ {
		if s.IsRecording() {
			if depth == 0 {
				s.RecordPanic(v)
			} else {
				s.SetStatus(StatusError, msg)
			}
			s.End()
		}
		s = s.localParent()
	}
}

// localParent is the span of this process that s nests in, if it can be
// found (the parent context's span, else the goroutine's previous one).
func (s *Span) localParent() *Span {
	if !s.parent.IsValid() || s.parentRemote {
		return nil
	}
	if p := SpanFromContext(s.ctx); p != nil && p != s && p.sc.SpanID == s.parent {
		return p
	}
	if p, _ := s.prevGLS.(*Span); p != nil && p != s && p.sc.SpanID == s.parent {
		return p
	}
	return nil
}
