package trace

import (
	"encoding/hex"
	"math/rand/v2"
)

// TraceID is a W3C trace id: 16 bytes, valid when not all zero.
type TraceID [16]byte

// SpanID is a W3C span (parent) id: 8 bytes, valid when not all zero.
type SpanID [8]byte

func (t TraceID) IsValid() bool { return t != TraceID{} }
func (s SpanID) IsValid() bool  { return s != SpanID{} }

// String is the lowercase hex form used by traceparent and OTLP/JSON.
func (t TraceID) String() string { return hex.EncodeToString(t[:]) }
func (s SpanID) String() string  { return hex.EncodeToString(s[:]) }

// newTraceID and newSpanID draw from math/rand/v2's global generator:
// ChaCha8 per OS thread in the runtime, lock-free and cheap (~5 ns a word).
// Ids need to be unique, not secret.
func newTraceID() (t TraceID) {
	for !t.IsValid() {
		putUint64(t[:8], rand.Uint64())
		putUint64(t[8:], rand.Uint64())
	}
	return t
}

func newSpanID() (s SpanID) {
	for !s.IsValid() {
		putUint64(s[:], rand.Uint64())
	}
	return s
}

func putUint64(b []byte, v uint64) {
	_ = b[7]
	b[0], b[1], b[2], b[3] = byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32)
	b[4], b[5], b[6], b[7] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}

func getUint64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
		uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
}

// decodeHex fills dst from exactly 2*len(dst) lowercase hex digits
// (W3C trace context forbids uppercase).
func decodeHex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	for i := range dst {
		hi, ok1 := fromHex(s[2*i])
		lo, ok2 := fromHex(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
