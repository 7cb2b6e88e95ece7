// Package httpconv holds what every HTTP integration (net/http, fasthttp)
// computes the same way for OpenTelemetry's HTTP semantic conventions.
// It imports neither net/http nor any HTTP library.
package httpconv

import (
	"net"
	"strconv"
)

// Method is the http.request.method attribute: "_OTHER" for a method
// outside the conventions' registry, with the original returned for
// http.request.method_original (which keeps span names low-cardinality).
// "" means GET, as in net/http.
func Method(m string) (method, original string) {
	switch m {
	case "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "CONNECT", "TRACE", "QUERY":
		return m, ""
	case "":
		return "GET", ""
	}
	return "_OTHER", m
}

// SplitHostPort splits "host:port" (port 0 when there is none).
func SplitHostPort(hostport string) (string, int) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport, 0
	}
	n, _ := strconv.Atoi(port)
	return host, n
}

// DefaultPort is the port a URL scheme implies.
func DefaultPort(scheme string) int {
	switch scheme {
	case "http":
		return 80
	case "https":
		return 443
	}
	return 0
}

// ProtocolVersion is network.protocol.version for HTTP major.minor.
func ProtocolVersion(major, minor int) string {
	switch {
	case major == 1 && minor == 1:
		return "1.1"
	case major == 2:
		return "2"
	case major == 1 && minor == 0:
		return "1.0"
	case major == 3:
		return "3"
	}
	return strconv.Itoa(major) + "." + strconv.Itoa(minor)
}
