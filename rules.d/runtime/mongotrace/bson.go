package mongotrace

import "encoding/binary"

// Just enough BSON (bsonspec.org) to read a command's and a reply's top-level
// fields without the driver's bson package: this module uses the standard
// library only.

const (
	typeDouble   = 0x01
	typeString   = 0x02
	typeDocument = 0x03
	typeArray    = 0x04
	typeInt32    = 0x10
	typeInt64    = 0x12
)

// walk calls f with the key, type and value bytes of each element of the
// document doc, in order, until f returns false or the document ends; a
// malformed document ends the walk where it stops making sense.
func walk(doc []byte, f func(key string, t byte, value []byte) bool) {
	if len(doc) < 5 {
		return
	}
	n := int(binary.LittleEndian.Uint32(doc))
	if n < 5 || n > len(doc) {
		return
	}
	doc = doc[4 : n-1]
	for len(doc) > 0 {
		t := doc[0]
		doc = doc[1:]
		end := cstring(doc)
		if end < 0 {
			return
		}
		k := string(doc[:end])
		doc = doc[end+1:]
		size := valueSize(t, doc)
		if size < 0 || size > len(doc) {
			return
		}
		if !f(k, t, doc[:size]) {
			return
		}
		doc = doc[size:]
	}
}

// cstring is the index of the NUL that ends b's first C string, or -1.
func cstring(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

// valueSize is the length of a value of type t at the start of b, or -1.
func valueSize(t byte, b []byte) int {
	i32 := func() int {
		if len(b) < 4 {
			return -1
		}
		return int(int32(binary.LittleEndian.Uint32(b)))
	}
	switch t {
	case 0x06, 0x0A, 0xFF, 0x7F: // undefined, null, min key, max key
		return 0
	case 0x08: // bool
		return 1
	case 0x10: // int32
		return 4
	case 0x01, 0x09, 0x11, 0x12: // double, datetime, timestamp, int64
		return 8
	case 0x07: // ObjectId
		return 12
	case 0x13: // decimal128
		return 16
	case 0x02, 0x0D, 0x0E: // string, JavaScript, symbol
		if n := i32(); n >= 1 {
			return 4 + n
		}
	case 0x03, 0x04, 0x0F: // document, array, code with scope
		if n := i32(); n >= 5 {
			return n
		}
	case 0x05: // binary
		if n := i32(); n >= 0 {
			return 5 + n
		}
	case 0x0B: // regular expression: two C strings
		p := cstring(b)
		if p < 0 {
			return -1
		}
		q := cstring(b[p+1:])
		if q < 0 {
			return -1
		}
		return p + 1 + q + 1
	case 0x0C: // DBPointer: string, ObjectId
		if n := i32(); n >= 1 {
			return 4 + n + 12
		}
	}
	return -1
}

// bsonString is the value of a string element (length, bytes, NUL).
func bsonString(v []byte) string {
	if len(v) < 5 {
		return ""
	}
	return string(v[4 : len(v)-1])
}
