//go:build !go1.23

package nethttp

import "net/http"

// route: Request.Pattern appeared in Go 1.23; before it the route is unknown.
func route(r *http.Request) string { return "" }

const patternSupported = false
