package trace

import (
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// The OTLP protobuf encoding (opentelemetry/proto/collector/trace/v1), by
// hand: fields in field-number order and proto3's rule that zero values
// are left out, which is what the official encoders write, so the bytes
// are the canonical encoding of the same message (tests/runtime checks
// them against opentelemetry-proto's own serializer).

// Wire types.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

// AppendOTLPProto appends b as one ExportTraceServiceRequest in the
// protobuf encoding: the same message as AppendOTLPJSON.
func (b Batch) AppendOTLPProto(dst []byte) []byte {
	return appendMessage(dst, 1, func(dst []byte) []byte { // resource_spans
		dst = appendMessage(dst, 1, func(dst []byte) []byte { // resource
			return appendKeyValues(dst, 1, b.Resource)
		})
		done := make(map[string]bool, 4)
		for i, s := range b.Spans {
			if done[s.scope] {
				continue
			}
			done[s.scope] = true
			dst = appendMessage(dst, 2, func(dst []byte) []byte { // scope_spans
				dst = appendMessage(dst, 1, func(dst []byte) []byte { // scope
					dst = appendStringField(dst, 1, s.scope)
					return appendStringField(dst, 2, Version)
				})
				for _, t := range b.Spans[i:] {
					if t.scope == s.scope {
						dst = appendMessage(dst, 2, t.appendOTLPProto)
					}
				}
				return dst
			})
		}
		return dst
	})
}

func (s *Span) appendOTLPProto(dst []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	dst = appendBytesField(dst, 1, s.sc.TraceID[:])
	dst = appendBytesField(dst, 2, s.sc.SpanID[:])
	dst = appendStringField(dst, 3, s.sc.TraceState)
	if s.parent.IsValid() {
		dst = appendBytesField(dst, 4, s.parent[:])
	}
	dst = appendStringField(dst, 5, s.name)
	if s.kind != 0 {
		dst = appendVarintField(dst, 6, uint64(s.kind))
	}
	dst = appendFixed64Field(dst, 7, uint64(s.start.UnixNano()))
	dst = appendFixed64Field(dst, 8, uint64(s.end.UnixNano()))
	dst = appendKeyValues(dst, 9, s.attrs)
	if s.dropped > 0 {
		dst = appendVarintField(dst, 10, uint64(s.dropped))
	}
	for _, e := range s.events {
		dst = appendMessage(dst, 11, func(dst []byte) []byte {
			dst = appendFixed64Field(dst, 1, uint64(e.Time.UnixNano()))
			dst = appendStringField(dst, 2, e.Name)
			return appendKeyValues(dst, 3, e.Attrs)
		})
	}
	dst = appendMessage(dst, 15, func(dst []byte) []byte { // status, always present (as in the JSON)
		if s.status != StatusUnset {
			dst = appendStringField(dst, 2, s.message)
			dst = appendVarintField(dst, 3, uint64(s.status))
		}
		return dst
	})
	// flags: W3C trace flags; bit 8: bit 9 is known; bit 9: remote parent.
	flags := uint32(s.sc.Flags) | 0x100
	if s.parentRemote {
		flags |= 0x200
	}
	dst = appendTag(dst, 16, wireFixed32)
	return binary.LittleEndian.AppendUint32(dst, flags)
}

func appendKeyValues(dst []byte, field int, attrs []Attr) []byte {
	for _, a := range attrs {
		dst = appendMessage(dst, field, func(dst []byte) []byte {
			dst = appendStringField(dst, 1, a.Key)
			return appendMessage(dst, 2, func(dst []byte) []byte { return appendAnyValueProto(dst, a.Value) })
		})
	}
	return dst
}

// appendAnyValueProto writes the fields of an AnyValue (its oneof is set
// even to a zero value, so it is written even then).
func appendAnyValueProto(dst []byte, v Value) []byte {
	switch v.Kind() {
	case StringValue:
		dst = appendTag(dst, 1, wireBytes)
		s := validUTF8(v.AsString())
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		return append(dst, s...)
	case BoolValue:
		b := uint64(0)
		if v.AsBool() {
			b = 1
		}
		return binary.AppendUvarint(appendTag(dst, 2, wireVarint), b)
	case IntValue:
		return binary.AppendUvarint(appendTag(dst, 3, wireVarint), uint64(v.AsInt64()))
	case FloatValue:
		return binary.LittleEndian.AppendUint64(appendTag(dst, 4, wireFixed64), math.Float64bits(v.AsFloat64()))
	case StringSliceValue, IntSliceValue, FloatSliceValue, BoolSliceValue:
		return appendMessage(dst, 5, func(dst []byte) []byte { // array_value
			for _, e := range v.elems() {
				dst = appendMessage(dst, 1, func(dst []byte) []byte { return appendAnyValueProto(dst, e) })
			}
			return dst
		})
	}
	return dst
}

// appendMessage writes an embedded message: its tag, its length and the
// fields body appends. The length goes before a body whose size is only
// known once written: one byte is reserved, and the body moved along in
// the rare case that its length needs more.
func appendMessage(dst []byte, field int, body func([]byte) []byte) []byte {
	dst = appendTag(dst, field, wireBytes)
	at := len(dst)
	dst = body(append(dst, 0))
	n := len(dst) - at - 1
	if n < 0x80 {
		dst[at] = byte(n)
		return dst
	}
	var lenBuf [binary.MaxVarintLen64]byte
	l := binary.PutUvarint(lenBuf[:], uint64(n))
	dst = append(dst, lenBuf[:l-1]...) // room for the longer length
	copy(dst[at+l:], dst[at+1:at+1+n])
	copy(dst[at:], lenBuf[:l])
	return dst
}

func appendTag(dst []byte, field, wire int) []byte {
	return binary.AppendUvarint(dst, uint64(field)<<3|uint64(wire))
}

func appendVarintField(dst []byte, field int, v uint64) []byte {
	return binary.AppendUvarint(appendTag(dst, field, wireVarint), v)
}

func appendFixed64Field(dst []byte, field int, v uint64) []byte {
	if v == 0 {
		return dst
	}
	return binary.LittleEndian.AppendUint64(appendTag(dst, field, wireFixed64), v)
}

func appendBytesField(dst []byte, field int, b []byte) []byte {
	dst = binary.AppendUvarint(appendTag(dst, field, wireBytes), uint64(len(b)))
	return append(dst, b...)
}

// appendStringField writes a string field; "" is left out, and invalid
// UTF-8 becomes U+FFFD (protobuf strings must be valid UTF-8).
func appendStringField(dst []byte, field int, s string) []byte {
	if s == "" {
		return dst
	}
	s = validUTF8(s)
	dst = binary.AppendUvarint(appendTag(dst, field, wireBytes), uint64(len(s)))
	return append(dst, s...)
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
	return string(b)
}
