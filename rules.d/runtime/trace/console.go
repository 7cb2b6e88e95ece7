package trace

import (
	"context"
	"io"
	"sort"
	"strconv"
	"sync"
	"time"
)

// ConsoleExporter prints each trace as an indented tree, for people
// (OTEL_TRACES_EXPORTER=console prints to stderr):
//
//	orch: trace 0af7651916cd43dd8448eb211c80319c
//	  GET /users/{id}  server  12.3ms  http.request.method="GET" http.response.status_code=200
//	    sql.query  client  1.1ms  db.system.name="sqlite" db.query.text="SELECT ..."
//
// Spans wait for their trace to finish, so that a tree prints once: a trace
// prints when its root span ends, or, when its local root continues a
// remote trace (a server span), at the first export after that which brings
// no more of its spans. What is left prints at exit.
type ConsoleExporter struct {
	w       io.Writer
	mu      sync.Mutex
	pending map[TraceID][]*Span
	count   int
	seq     int             // exports so far
	ready   map[TraceID]int // trace -> export in which a local root ended
	touched map[TraceID]int // trace -> last export that brought spans
}

const consoleMaxPending = 10000 // beyond this, print incomplete trees

func NewConsoleExporter(w io.Writer) *ConsoleExporter {
	return &ConsoleExporter{w: w, pending: map[TraceID][]*Span{}, ready: map[TraceID]int{}, touched: map[TraceID]int{}}
}

func (e *ConsoleExporter) Export(_ context.Context, b Batch) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []byte
	e.seq++
	var roots []TraceID
	for _, s := range b.Spans {
		id := s.sc.TraceID
		e.pending[id] = append(e.pending[id], s)
		e.count++
		e.touched[id] = e.seq
		switch {
		case !s.parent.IsValid():
			roots = append(roots, id)
		case s.parentRemote:
			e.ready[id] = e.seq
		}
	}
	for _, id := range roots {
		if _, ok := e.pending[id]; ok {
			out = e.appendTree(out, id)
		}
	}
	for id, seq := range e.ready {
		if seq < e.seq && e.touched[id] < e.seq {
			out = e.appendTree(out, id)
		}
	}
	if e.count > consoleMaxPending {
		out = e.appendAll(out)
	}
	_, err := e.w.Write(out)
	return err
}

// Idle prints the traces that were waiting for a quiet export.
func (e *ConsoleExporter) Idle() { e.Export(context.Background(), Batch{}) }

func (e *ConsoleExporter) Shutdown(context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, err := e.w.Write(e.appendAll(nil))
	return err
}

func (e *ConsoleExporter) appendAll(out []byte) []byte {
	ids := make([]TraceID, 0, len(e.pending))
	for id := range e.pending {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return string(ids[i][:]) < string(ids[j][:]) })
	for _, id := range ids {
		out = e.appendTree(out, id)
	}
	return out
}

// appendTree prints one trace's spans: children under their parents by
// start time; spans whose parent is not here print as roots.
func (e *ConsoleExporter) appendTree(out []byte, id TraceID) []byte {
	spans := e.pending[id]
	delete(e.pending, id)
	delete(e.ready, id)
	delete(e.touched, id)
	e.count -= len(spans)
	sort.Slice(spans, func(i, j int) bool { return spans[i].start.Before(spans[j].start) })
	here := make(map[SpanID]bool, len(spans))
	children := make(map[SpanID][]*Span, len(spans))
	for _, s := range spans {
		here[s.sc.SpanID] = true
	}
	var roots []*Span
	for _, s := range spans {
		if here[s.parent] && s.parent != s.sc.SpanID {
			children[s.parent] = append(children[s.parent], s)
		} else {
			roots = append(roots, s)
		}
	}
	out = append(out, "orch: trace "...)
	out = appendHex(out, id[:])
	out = append(out, '\n')
	var walk func(s *Span, depth int)
	walk = func(s *Span, depth int) {
		for i := 0; i <= depth; i++ {
			out = append(out, "  "...)
		}
		out = s.appendLine(out)
		for _, c := range children[s.sc.SpanID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

func (s *Span) appendLine(out []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	out = append(out, s.name...)
	out = append(out, "  "...)
	out = append(out, s.kind.String()...)
	out = append(out, "  "...)
	out = append(out, s.end.Sub(s.start).Round(time.Microsecond).String()...)
	if s.status == StatusError {
		out = append(out, "  ERROR "...)
		out = strconv.AppendQuote(out, s.message)
	}
	for _, a := range s.attrs {
		out = append(out, ' ')
		out = append(out, a.Key...)
		out = append(out, '=')
		out = a.Value.appendText(out)
	}
	for _, ev := range s.events {
		if ev.Name == "exception" {
			out = append(out, " !exception"...)
		}
	}
	return append(out, '\n')
}

// ExportMetrics prints each data point on a line (OTEL_METRICS_EXPORTER=console):
//
//	orch: metric http.server.request.duration (s) http.request.method="GET" http.route="/users/{id}"  count=3 sum=0.0123 min=0.0021 max=0.0068
//	orch: metric go.goroutine.count ({goroutine})  7
func (e *ConsoleExporter) ExportMetrics(_ context.Context, b MetricBatch) error {
	var out []byte
	for _, m := range b.Metrics {
		for _, p := range m.Points {
			out = append(out, "orch: metric "...)
			out = append(out, m.Name...)
			out = append(out, " ("...)
			out = append(out, m.Unit...)
			out = append(out, ')')
			for _, a := range p.Attrs {
				out = append(out, ' ')
				out = append(out, a.Key...)
				out = append(out, '=')
				out = a.Value.appendText(out)
			}
			out = append(out, "  "...)
			if m.Kind == HistogramMetric {
				out = append(out, "count="...)
				out = strconv.AppendUint(out, p.Count, 10)
				for _, f := range [...]struct {
					name string
					v    float64
				}{{" sum=", p.Sum}, {" min=", p.Min}, {" max=", p.Max}} {
					out = append(out, f.name...)
					out = strconv.AppendFloat(out, f.v, 'g', 4, 64)
				}
			} else {
				out = strconv.AppendInt(out, p.Int, 10)
			}
			out = append(out, '\n')
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_, err := e.w.Write(out)
	return err
}
