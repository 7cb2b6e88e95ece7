package trace

import (
	"math"
	"strconv"
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
// of one of them (the OTLP AnyValue kinds orch uses). Scalars never
// allocate: numbers live in num, strings in str.
type Value struct {
	kind  ValueKind
	num   uint64
	str   string
	slice any // []string, []int64, []float64 or []bool
}

// Attr is one span or event attribute.
type Attr struct {
	Key   string
	Value Value
}

func String(k, v string) Attr      { return Attr{k, Value{kind: StringValue, str: v}} }
func Int(k string, v int) Attr     { return Attr{k, Value{kind: IntValue, num: uint64(int64(v))}} }
func Int64(k string, v int64) Attr { return Attr{k, Value{kind: IntValue, num: uint64(v)}} }
func Float64(k string, v float64) Attr {
	return Attr{k, Value{kind: FloatValue, num: math.Float64bits(v)}}
}
func Bool(k string, v bool) Attr {
	var n uint64
	if v {
		n = 1
	}
	return Attr{k, Value{kind: BoolValue, num: n}}
}
func Strings(k string, v []string) Attr   { return Attr{k, Value{kind: StringSliceValue, slice: v}} }
func Int64s(k string, v []int64) Attr     { return Attr{k, Value{kind: IntSliceValue, slice: v}} }
func Float64s(k string, v []float64) Attr { return Attr{k, Value{kind: FloatSliceValue, slice: v}} }
func Bools(k string, v []bool) Attr       { return Attr{k, Value{kind: BoolSliceValue, slice: v}} }

func (v Value) Kind() ValueKind       { return v.kind }
func (v Value) AsString() string      { return v.str }
func (v Value) AsInt64() int64        { return int64(v.num) }
func (v Value) AsFloat64() float64    { return math.Float64frombits(v.num) }
func (v Value) AsBool() bool          { return v.num != 0 }
func (v Value) AsStrings() []string   { s, _ := v.slice.([]string); return s }
func (v Value) AsInt64s() []int64     { s, _ := v.slice.([]int64); return s }
func (v Value) AsFloat64s() []float64 { s, _ := v.slice.([]float64); return s }
func (v Value) AsBools() []bool       { s, _ := v.slice.([]bool); return s }

// String renders the value for people (the console exporter, test failures).
func (v Value) String() string {
	return string(v.appendText(nil))
}

func (v Value) appendText(b []byte) []byte {
	switch v.kind {
	case StringValue:
		return strconv.AppendQuote(b, v.str)
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
	switch s := v.slice.(type) {
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
