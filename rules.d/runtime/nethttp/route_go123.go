//go:build go1.23

package nethttp

import "net/http"

// route is the ServeMux pattern that matched (Go 1.23+), e.g. "GET /users/{id}".
func route(r *http.Request) string { return r.Pattern }

const patternSupported = true
