package srcpkg

import (
	"bytes"
	"context"
	"io"
	stdhttp "net/http"
	"sync"
)

// CustomContext embeds context.Context: its method set has Context's.
type CustomContext struct {
	context.Context
	name string
}

func (c *CustomContext) Name() string { return c.name }

// PtrReader implements io.Reader through a pointer receiver only.
type PtrReader struct{ data []byte }

func (r *PtrReader) Read(p []byte) (int, error) { return copy(p, r.data), io.EOF }

// ValReader: a value receiver.
type ValReader int

func (ValReader) Read(p []byte) (int, error) { return 0, io.EOF }

// Wrapper embeds *bytes.Buffer: promoted pointer methods through a pointer.
type Wrapper struct {
	*bytes.Buffer
	sync.Mutex
}

// ByValue embeds bytes.Buffer: its pointer methods only for *ByValue.
type ByValue struct {
	bytes.Buffer
}

// Twice promotes methods two levels down.
type Twice struct {
	Wrapper
}

type Closer interface {
	io.Closer
}

// MyWriter is a named interface type embedding another package's.
type MyWriter interface {
	io.Writer
	Flush() error
}

type flusher struct{ bytes.Buffer }

func (*flusher) Flush() error { return nil }

// Box is generic.
type Box[T any] struct{ v T }

func (b *Box[T]) Get() T        { return b.v }
func (b Box[T]) Write(p []byte) (int, error) { return len(p), nil }

type IntBox = Box[int]

type Handler = stdhttp.Handler

type HandlerImpl struct{}

func (HandlerImpl) ServeHTTP(stdhttp.ResponseWriter, *stdhttp.Request) {}

// Ambiguous: two embedded types at the same depth both have Read.
type Ambiguous struct {
	ValReader
	*PtrReader
}

type Reader2 interface{ Read([]byte) (int, error) }

type MyErr struct{}

func (*MyErr) Error() string { return "" }
