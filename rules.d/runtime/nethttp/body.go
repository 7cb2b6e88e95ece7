package nethttp

import (
	"io"
	"sync"

	"orch.dev/runtime/trace"
)

// body ends a client span when the response body has been read to its end,
// fails, or is closed, whichever comes first.
type body struct {
	rc   io.ReadCloser
	span *trace.Span
	once sync.Once
}

// rwBody keeps the io.Writer of a 101 Switching Protocols body (a
// websocket's connection), which callers find by type assertion.
type rwBody struct{ *body }

func (b rwBody) Write(p []byte) (int, error) { return b.rc.(io.Writer).Write(p) }

func wrapBody(rc io.ReadCloser, span *trace.Span) io.ReadCloser {
	b := &body{rc: rc, span: span}
	if _, ok := rc.(io.ReadWriteCloser); ok {
		return rwBody{b}
	}
	return b
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil {
		b.end(err)
	}
	return n, err
}

func (b *body) Close() error {
	err := b.rc.Close()
	b.end(nil)
	return err
}

// end: EOF and a close are the normal ends; another read error (the
// connection broke mid-body) fails the span.
func (b *body) end(err error) {
	b.once.Do(func() {
		if err != nil && err != io.EOF {
			b.span.SetError(err)
		}
		b.span.End()
	})
}
