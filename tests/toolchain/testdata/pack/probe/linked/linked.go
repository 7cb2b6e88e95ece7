// Package linked is reached only through //go:linkname (a link-time
// dependency): nothing imports it.
package linked

import (
	"fmt"
	"os"
)

func init() { fmt.Fprintln(os.Stderr, "linked: init") }

// Target is the function that injected code pulls by name.
func Target(where string) { fmt.Fprintln(os.Stderr, "linked: target called from "+where) }
