package trace

import (
	"math"
	"strconv"
	"unsafe"
)

// ValueKind says which field of a Value holds the data.
type ValueKind uint8

const (
	EmptyValue ValueKind = iota
	StringValue
	IntValue
	FloatValue
	BoolValue
	StringSliceValue
	IntSliceValue
	FloatSliceValue
	BoolSliceValue
)

// Value is an attribute value: a string, int64, float64, bool or a slice
// of one of them (the OTLP AnyValue kinds orch uses). It is 24 bytes and
// scalars never allocate, as in log/slog: numbers live in num and any
// holds their ValueKind; a string is its data pointer (any) and length
// (num); a slice is held by any.
type Value struct {
	num uint64
	any any // ValueKind, stringptr, []string, []int64, []float64 or []bool
}

type stringptr *byte

// Attr is one span or event attribute.
type Attr struct {
	Key   string
	Value Value
}

func String(k, v string) Attr {
	return Attr{k, Value{num: uint64(len(v)), any: stringptr(unsafe.StringData(v))}}
}
func Int(k string, v int) Attr     { return Attr{k, Value{num: uint64(int64(v)), any: IntValue}} }
func Int64(k string, v int64) Attr { return Attr{k, Value{num: uint64(v), any: IntValue}} }
func Float64(k string, v float64) Attr {
	return Attr{k, Value{num: math.Float64bits(v), any: FloatValue}}
}
func Bool(k string, v bool) Attr {
	var n uint64
	if v {
		n = 1
	}
	return Attr{k, Value{num: n, any: BoolValue}}
}
func Strings(k string, v []string) Attr   { return Attr{k, Value{any: v}} }
func Int64s(k string, v []int64) Attr     { return Attr{k, Value{any: v}} }
func Float64s(k string, v []float64) Attr { return Attr{k, Value{any: v}} }
func Bools(k string, v []bool) Attr       { return Attr{k, Value{any: v}} }

func (v Value) Kind() ValueKind {
	switch x := v.any.(type) {
	case ValueKind:
		return x
	case stringptr:
		return StringValue
	case []string:
		return StringSliceValue
	case []int64:
		return IntSliceValue
	case []float64:
		return FloatSliceValue
	case []bool:
		return BoolSliceValue
	}
	return EmptyValue
}

func (v Value) AsString() string {
	if p, ok := v.any.(stringptr); ok {
		return unsafe.String((*byte)(p), int(v.num))
	}
	return ""
}
func (v Value) AsInt64() int64        { return int64(v.num) }
func (v Value) AsFloat64() float64    { return math.Float64frombits(v.num) }
func (v Value) AsBool() bool          { return v.num != 0 }
func (v Value) AsStrings() []string   { s, _ := v.any.([]string); return s }
func (v Value) AsInt64s() []int64     { s, _ := v.any.([]int64); return s }
func (v Value) AsFloat64s() []float64 { s, _ := v.any.([]float64); return s }
func (v Value) AsBools() []bool       { s, _ := v.any.([]bool); return s }

// String renders the value for people (the console exporter, test failures).
func (v Value) String() string {
	return string(v.appendText(nil))
}

func (v Value) appendText(b []byte) []byte {
	switch v.Kind() {
	case StringValue:
		return strconv.AppendQuote(b, v.AsString())
	case IntValue:
		return strconv.AppendInt(b, v.AsInt64(), 10)
	case FloatValue:
		return strconv.AppendFloat(b, v.AsFloat64(), 'g', -1, 64)
	case BoolValue:
		return strconv.AppendBool(b, v.AsBool())
	case StringSliceValue, IntSliceValue, FloatSliceValue, BoolSliceValue:
		b = append(b, '[')
		for i, e := range v.elems() {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.appendText(b)
		}
		return append(b, ']')
	}
	return append(b, "<empty>"...)
}

// elems expands a slice value into scalar values (only used when encoding).
func (v Value) elems() []Value {
	var out []Value
	switch s := v.any.(type) {
	case []string:
		for _, e := range s {
			out = append(out, String("", e).Value)
		}
	case []int64:
		for _, e := range s {
			out = append(out, Int64("", e).Value)
		}
	case []float64:
		for _, e := range s {
			out = append(out, Float64("", e).Value)
		}
	case []bool:
		for _, e := range s {
			out = append(out, Bool("", e).Value)
		}
	}
	return out
}
