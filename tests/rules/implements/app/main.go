package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
)

// CustomContext embeds context.Context.
type CustomContext struct {
	context.Context
}

// PtrReader implements io.Reader with a pointer receiver.
type PtrReader struct{}

func (*PtrReader) Read(p []byte) (int, error) { return 0, io.EOF }

// MyWriter is a named interface type embedding io.Writer.
type MyWriter interface {
	io.Writer
	Flush() error
}

// Box is generic; Write has a value receiver.
type Box[T any] struct{ v T }

func (Box[T]) Write(p []byte) (int, error) { return len(p), nil }

type MyErr struct{}

func (*MyErr) Error() string { return "my" }

func withCustom(c *CustomContext)     {}
func withCustomValue(c CustomContext) {}
func readPtr(x int, r *PtrReader)     {}
func readVal(r PtrReader)             {}
func buf(_ int, b *bytes.Buffer)      {}
func bufVal(b bytes.Buffer)           {}
func named(w MyWriter)                {}
func generic[T io.Writer](w T)        {}
func box(b *Box[int])                 {}
func plain(n int)                     {}
func file(f *os.File)                 {}
func mkErr() *MyErr                   { return nil }
func mkNotErr() MyErr                 { return MyErr{} }
func mkReader() (int, *PtrReader)     { return 0, nil }
func mkReaderVal() PtrReader          { return PtrReader{} }

type bufWrap struct{ bytes.Buffer }

func writes() {
	var b bytes.Buffer
	b.WriteString("a")
	b.WriteByte('a')
	p := &bytes.Buffer{}
	p.WriteString("b")
	p.WriteByte('b')
	w := bufWrap{}
	w.WriteString("c")
	var sb strings.Builder
	sb.WriteString("d")
	sb.WriteByte('d')
}

func main() {
	withCustom(nil)
	withCustomValue(CustomContext{})
	readPtr(0, nil)
	readVal(PtrReader{})
	buf(0, nil)
	bufVal(bytes.Buffer{})
	named(nil)
	generic(&bytes.Buffer{})
	box(nil)
	plain(0)
	file(nil)
	mkErr()
	mkNotErr()
	mkReader()
	mkReaderVal()
	writes()
}
