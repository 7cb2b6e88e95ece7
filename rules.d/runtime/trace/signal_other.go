//go:build !unix

package trace

// watchSignals: outside Unix, orch does not intercept signals; spans are
// flushed when main returns or os.Exit is called.
func watchSignals() {}
