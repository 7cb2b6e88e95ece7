package trace

import (
	"context"
	"sync"
)

// Recorder is an Exporter that keeps spans in memory, for tests:
//
//	rec := &trace.Recorder{}
//	defer trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})(ctx)
type Recorder struct {
	mu    sync.Mutex
	spans []*Span
}

func (r *Recorder) Export(_ context.Context, b Batch) error {
	r.mu.Lock()
	r.spans = append(r.spans, b.Spans...)
	r.mu.Unlock()
	return nil
}

func (r *Recorder) Shutdown(context.Context) error { return nil }

// Spans returns the spans exported so far, in the order they ended.
func (r *Recorder) Spans() []*Span {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Span(nil), r.spans...)
}

// Reset forgets the spans exported so far.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.spans = nil
	r.mu.Unlock()
}
