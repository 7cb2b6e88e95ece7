package trace

import "strings"

// W3C Trace Context (https://www.w3.org/TR/trace-context/): the
// traceparent and tracestate headers.

// FormatTraceparent renders sc as a version-00 traceparent value.
func FormatTraceparent(sc SpanContext) string {
	const hexdigits = "0123456789abcdef"
	var b [55]byte
	b[0], b[1], b[2] = '0', '0', '-'
	for i, c := range sc.TraceID {
		b[3+2*i], b[4+2*i] = hexdigits[c>>4], hexdigits[c&15]
	}
	b[35] = '-'
	for i, c := range sc.SpanID {
		b[36+2*i], b[37+2*i] = hexdigits[c>>4], hexdigits[c&15]
	}
	b[52] = '-'
	b[53], b[54] = hexdigits[sc.Flags>>4], hexdigits[sc.Flags&15]
	return string(b[:])
}

// ParseTraceparent parses a traceparent value. Future versions are read
// as version 00 when their first 55 bytes have its shape, as the spec asks.
func ParseTraceparent(v string) (SpanContext, bool) {
	var sc SpanContext
	v = strings.TrimSpace(v)
	if len(v) < 55 || v[2] != '-' || v[35] != '-' || v[52] != '-' {
		return sc, false
	}
	var version, flags [1]byte
	if !decodeHex(version[:], v[:2]) || version[0] == 0xff {
		return sc, false
	}
	if version[0] == 0 && len(v) != 55 || len(v) > 55 && v[55] != '-' {
		return sc, false
	}
	if !decodeHex(sc.TraceID[:], v[3:35]) || !decodeHex(sc.SpanID[:], v[36:52]) || !decodeHex(flags[:], v[53:55]) {
		return sc, false
	}
	if !sc.IsValid() {
		return sc, false
	}
	sc.Flags = flags[0]
	if version[0] == 0 {
		sc.Flags &= 0x03 // sampled, random: the flags version 00 defines
	}
	sc.Remote = true
	return sc, true
}
