package trace

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendOTLPJSON appends b as one ExportTraceServiceRequest in the OTLP
// JSON encoding (the protobuf JSON mapping with OTLP's exceptions: trace
// and span ids in hex, 64-bit integers as strings, enums as numbers), the
// form that OTLP/HTTP receivers and the Collector's otlpjsonfile receiver
// read. Spans are grouped by instrumentation scope.
func (b Batch) AppendOTLPJSON(dst []byte) []byte {
	dst = append(dst, `{"resourceSpans":[{"resource":{"attributes":`...)
	dst = appendAttrs(dst, b.Resource)
	dst = append(dst, `},"scopeSpans":[`...)
	done := make(map[string]bool, 4)
	for i, s := range b.Spans {
		if done[s.scope] {
			continue
		}
		done[s.scope] = true
		if len(done) > 1 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"scope":{"name":`...)
		dst = appendJSONString(dst, s.scope)
		dst = append(dst, `,"version":"`+Version+`"},"spans":[`...)
		first := true
		for _, t := range b.Spans[i:] {
			if t.scope != s.scope {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = t.appendOTLPJSON(dst)
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, "]}]}"...)
}

func (s *Span) appendOTLPJSON(dst []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	dst = append(dst, `{"traceId":"`...)
	dst = appendHex(dst, s.sc.TraceID[:])
	dst = append(dst, `","spanId":"`...)
	dst = appendHex(dst, s.sc.SpanID[:])
	dst = append(dst, '"')
	if s.sc.TraceState != "" {
		dst = append(dst, `,"traceState":`...)
		dst = appendJSONString(dst, s.sc.TraceState)
	}
	if s.parent.IsValid() {
		dst = append(dst, `,"parentSpanId":"`...)
		dst = appendHex(dst, s.parent[:])
		dst = append(dst, '"')
	}
	// flags: W3C trace flags in bits 0-7; bit 8 says bit 9 is known;
	// bit 9 says the parent was remote.
	flags := uint32(s.sc.Flags) | 0x100
	if s.parentRemote {
		flags |= 0x200
	}
	dst = append(dst, `,"flags":`...)
	dst = strconv.AppendUint(dst, uint64(flags), 10)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, s.name)
	dst = append(dst, `,"kind":`...)
	dst = strconv.AppendUint(dst, uint64(s.kind), 10)
	dst = append(dst, `,"startTimeUnixNano":`...)
	dst = appendTime(dst, s.start)
	dst = append(dst, `,"endTimeUnixNano":`...)
	dst = appendTime(dst, s.end)
	if len(s.attrs) > 0 {
		dst = append(dst, `,"attributes":`...)
		dst = appendAttrs(dst, s.attrs)
	}
	if s.dropped > 0 {
		dst = append(dst, `,"droppedAttributesCount":`...)
		dst = strconv.AppendInt(dst, int64(s.dropped), 10)
	}
	if len(s.events) > 0 {
		dst = append(dst, `,"events":[`...)
		for i, e := range s.events {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"timeUnixNano":`...)
			dst = appendTime(dst, e.Time)
			dst = append(dst, `,"name":`...)
			dst = appendJSONString(dst, e.Name)
			dst = append(dst, `,"attributes":`...)
			dst = appendAttrs(dst, e.Attrs)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"status":{`...)
	if s.status != StatusUnset {
		dst = append(dst, `"code":`...)
		dst = strconv.AppendUint(dst, uint64(s.status), 10)
		if s.message != "" {
			dst = append(dst, `,"message":`...)
			dst = appendJSONString(dst, s.message)
		}
	}
	return append(dst, "}}"...)
}

func appendTime(dst []byte, t time.Time) []byte {
	dst = append(dst, '"')
	dst = strconv.AppendInt(dst, t.UnixNano(), 10)
	return append(dst, '"')
}

func appendAttrs(dst []byte, attrs []Attr) []byte {
	dst = append(dst, '[')
	for i, a := range attrs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"key":`...)
		dst = appendJSONString(dst, a.Key)
		dst = append(dst, `,"value":`...)
		dst = appendAnyValue(dst, a.Value)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendAnyValue writes an OTLP AnyValue.
func appendAnyValue(dst []byte, v Value) []byte {
	switch v.Kind() {
	case StringValue:
		dst = append(dst, `{"stringValue":`...)
		dst = appendJSONString(dst, v.AsString())
	case IntValue:
		dst = append(dst, `{"intValue":"`...)
		dst = strconv.AppendInt(dst, v.AsInt64(), 10)
		dst = append(dst, '"')
	case FloatValue:
		dst = append(dst, `{"doubleValue":`...)
		dst = appendJSONFloat(dst, v.AsFloat64())
	case BoolValue:
		dst = append(dst, `{"boolValue":`...)
		dst = strconv.AppendBool(dst, v.AsBool())
	case StringSliceValue, IntSliceValue, FloatSliceValue, BoolSliceValue:
		dst = append(dst, `{"arrayValue":{"values":[`...)
		for i, e := range v.elems() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendAnyValue(dst, e)
		}
		dst = append(dst, "]}"...)
	default:
		dst = append(dst, '{')
	}
	return append(dst, '}')
}

// appendJSONFloat writes a double as the protobuf JSON mapping does.
func appendJSONFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(dst, `"-Infinity"`...)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, 64)
}

func appendHex(dst, b []byte) []byte {
	const digits = "0123456789abcdef"
	for _, c := range b {
		dst = append(dst, digits[c>>4], digits[c&15])
	}
	return dst
}

// appendJSONString quotes s as a JSON string; invalid UTF-8 becomes U+FFFD
// (protobuf strings must be valid UTF-8).
func appendJSONString(dst []byte, s string) []byte {
	const digits = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', digits[c>>4], digits[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but break JavaScript readers.
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', digits[r&15])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
