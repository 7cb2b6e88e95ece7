// Package probe is what the toolchain tests inject: its init and its
// functions print, so a test sees that injected code ran.
package probe

import (
	"fmt"
	"os"
)

func init() { fmt.Fprintln(os.Stderr, "probe: init") }

// Hello reports a call from injected code.
func Hello(where string) { fmt.Fprintln(os.Stderr, "probe: hello from "+where) }
