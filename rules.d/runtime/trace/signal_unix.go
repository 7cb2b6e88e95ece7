//go:build unix

package trace

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	_ "unsafe" // for go:linkname
)

// signalRefs is injected into os/signal by orch's runtime rules: how many
// channels were registered for a signal when it was last delivered
// (signal.Notify callers, this package included).
//
//go:linkname signalRefs __orch_signal_refs
var signalRefs func(os.Signal) int64

var signalOnce sync.Once

// watchSignals makes SIGINT and SIGTERM flush the spans before the program
// dies, without changing what the signal does to the program:
//
//   - a signal the program ignores (started under nohup, or
//     signal.Ignore) is not watched: Notify would un-ignore it;
//   - when the signal arrives and the program has its own signal.Notify
//     for it, orch does nothing more: the program decides, and if it exits,
//     the exit hook flushes;
//   - otherwise orch flushes (bounded by ExitTimeout, cut short by the
//     signal coming again), stops watching, and sends the signal again: the
//     runtime's default action kills the process by that signal, so the
//     exit status is what it would have been.
//
// Without the os/signal accessor (no runtime rules) orch cannot tell
// whether the program handles a signal, so it does not watch at all.
//
// One thing does change: a program with a signal.Notify no longer gets the
// runtime's "all goroutines are asleep - deadlock!" crash (the signal
// goroutine counts as alive). ORCH_FLUSH_ON_SIGNAL=0 turns the watching off.
func watchSignals() {
	if signalRefs == nil || os.Getenv("ORCH_FLUSH_ON_SIGNAL") == "0" {
		return
	}
	signalOnce.Do(func() {
		var sigs []os.Signal
		for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
			if !signal.Ignored(sig) {
				sigs = append(sigs, sig)
			}
		}
		if len(sigs) == 0 {
			return
		}
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, sigs...)
		go func() {
			SetGoroutineSpan(nil)
			for sig := range ch {
				if signalRefs(sig) > 1 {
					continue // the program handles this signal itself
				}
				// Flush, unless the signal comes again (a second Ctrl-C
				// means now).
				done := make(chan struct{})
				go func() {
					ctx, cancel := context.WithTimeout(context.Background(), ExitTimeout)
					Shutdown(ctx)
					cancel()
					close(done)
				}()
				select {
				case <-done:
				case <-ch:
				}
				signal.Stop(ch)
				syscall.Kill(syscall.Getpid(), sig.(syscall.Signal))
				return
			}
		}()
	})
}
