package trace

import (
	"context"
	"time"
	_ "unsafe" // for go:linkname
)

// exitHook is called by the runtime at exit, when main returns and from
// os.Exit, before the program's own exit hooks (orch's runtime rules
// prepend a call to it in runtime.runExitHooks; see doc.go). This package
// defines the symbol with a value, so it is set even if this package's
// init never runs; the runtime's own declaration is only a reference.
//
//go:linkname exitHook __orch_exit_hook
var exitHook func(code int) = flushAtExit

// ExitTimeout bounds how long exit waits for the last export.
const ExitTimeout = 5 * time.Second

func flushAtExit(int) {
	defer func() { recover() }() // an exit hook that panics makes the runtime throw
	p := global.Load()
	if p == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), ExitTimeout)
	defer cancel()
	p.shutdown(ctx)
}
