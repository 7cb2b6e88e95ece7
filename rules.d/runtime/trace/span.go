package trace

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"time"
)

// Kind is the OTLP span kind (the numbers are the OTLP enum values).
type Kind uint8

const (
	KindUnspecified Kind = 0
	KindInternal    Kind = 1
	KindServer      Kind = 2
	KindClient      Kind = 3
	KindProducer    Kind = 4
	KindConsumer    Kind = 5
)

func (k Kind) String() string {
	switch k {
	case KindInternal:
		return "internal"
	case KindServer:
		return "server"
	case KindClient:
		return "client"
	case KindProducer:
		return "producer"
	case KindConsumer:
		return "consumer"
	}
	return "unspecified"
}

// StatusCode is the OTLP status code.
type StatusCode uint8

const (
	StatusUnset StatusCode = 0
	StatusOK    StatusCode = 1
	StatusError StatusCode = 2
)

// Limits on what one span keeps (the OTel SDK defaults); more is counted
// as dropped, so a runaway loop cannot grow a span without bound.
const (
	maxAttrs  = 128
	maxEvents = 128
)

// SpanContext is the part of a span that crosses process boundaries.
type SpanContext struct {
	TraceID    TraceID
	SpanID     SpanID
	Flags      byte   // W3C trace flags; bit 0 is "sampled"
	TraceState string // W3C tracestate, kept verbatim
	Remote     bool   // extracted from a carrier rather than started here
}

func (sc SpanContext) IsValid() bool   { return sc.TraceID.IsValid() && sc.SpanID.IsValid() }
func (sc SpanContext) IsSampled() bool { return sc.Flags&1 != 0 }

// Event is a timestamped annotation of a span (errors, panics).
type Event struct {
	Name  string
	Time  time.Time
	Attrs []Attr
}

// Span is one timed operation. A nil *Span is valid and does nothing, which
// is what Start returns when tracing is off: callers never test for nil.
//
// A Span is also the context.Context that Start returns (its parent context
// plus itself as the active span), so starting a span costs one allocation
// instead of a span plus a context.WithValue node. A span the sampler drops
// is only this struct; a recorded one is allocated together with its
// record (attributes, events, status), still in one allocation.
type Span struct {
	sc           SpanContext
	parent       SpanID
	parentRemote bool
	kind         Kind
	scope        string
	name         string // guarded by mu once the span is recorded
	start        time.Time
	ctx          context.Context // the parent context
	prevGLS      any             // the goroutine's active span before this one
	prov         *provider
	byAPI        bool // started by the program through the OTel API (api.go)
	metricsOnly  bool // recorded for its metric, never exported (metric.go)
	*record           // nil unless sampled
}

// record is what a sampled span collects.
type record struct {
	mu      sync.Mutex
	ended   bool
	end     time.Time
	attrs   []Attr
	inline  [11]Attr // attrs' first backing array: a server span's attributes fit; 768 bytes in all
	events  []Event
	status  StatusCode
	message string
	dropped int // attributes and events over the limits
	handle  any // the program's SDK span, when spans go through it (api.go)
}

// recordingSpan lays a span and its record out in one allocation.
type recordingSpan struct {
	Span
	record
}

// --- context.Context -------------------------------------------------------

func (s *Span) Deadline() (time.Time, bool) { return s.ctx.Deadline() }
func (s *Span) Done() <-chan struct{}       { return s.ctx.Done() }
func (s *Span) Err() error                  { return s.ctx.Err() }
func (s *Span) Value(key any) any {
	if key == (spanKey{}) {
		return s
	}
	if v, ok := apiValue(s, key); ok {
		return v
	}
	return s.ctx.Value(key)
}
func (s *Span) String() string { return "trace.Span(" + s.Name() + ")" }

// --- reading (exporters, tests) ---------------------------------------------

func (s *Span) SpanContext() SpanContext {
	if s == nil {
		return SpanContext{}
	}
	return s.sc
}

// IsRecording reports whether attributes set on s are kept (s is sampled
// and not ended).
func (s *Span) IsRecording() bool {
	if s == nil || s.record == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.ended
}

func (s *Span) Name() string {
	if s == nil {
		return ""
	}
	if s.record == nil {
		return s.name
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.name
}

func (s *Span) Kind() Kind           { return s.kind }
func (s *Span) Parent() SpanID       { return s.parent }
func (s *Span) ParentRemote() bool   { return s.parentRemote }
func (s *Span) Scope() string        { return s.scope }
func (s *Span) StartTime() time.Time { return s.start }

// EndTime is when a recorded span ended (zero before, or when not recorded).
func (s *Span) EndTime() time.Time {
	if s == nil || s.record == nil {
		return time.Time{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end
}

func (s *Span) Status() (StatusCode, string) {
	if s == nil || s.record == nil {
		return StatusUnset, ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status, s.message
}

// Attrs returns a copy of the attributes.
func (s *Span) Attrs() []Attr {
	if s == nil || s.record == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Attr(nil), s.attrs...)
}

// Attr returns the value of the last attribute named key.
func (s *Span) Attr(key string) (Value, bool) {
	if s == nil || s.record == nil {
		return Value{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.attrs) - 1; i >= 0; i-- {
		if s.attrs[i].Key == key {
			return s.attrs[i].Value, true
		}
	}
	return Value{}, false
}

func (s *Span) Events() []Event {
	if s == nil || s.record == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Event(nil), s.events...)
}

// --- writing ---------------------------------------------------------------

// SetName renames the span (e.g. once the route is known).
func (s *Span) SetName(name string) {
	if s == nil || s.record == nil {
		return
	}
	s.mu.Lock()
	if !s.ended {
		s.name = name
	}
	s.mu.Unlock()
}

// SetAttrs adds attributes; a key set twice keeps the last value.
func (s *Span) SetAttrs(attrs ...Attr) {
	if s == nil || s.record == nil {
		return
	}
	s.mu.Lock()
	if !s.ended {
		s.setAttrsLocked(attrs)
	}
	s.mu.Unlock()
}

func (s *Span) setAttrsLocked(attrs []Attr) {
next:
	for _, a := range attrs {
		for i := range s.attrs {
			if s.attrs[i].Key == a.Key {
				s.attrs[i].Value = a.Value
				continue next
			}
		}
		if len(s.attrs) >= maxAttrs {
			s.dropped++
			continue
		}
		s.attrs = append(s.attrs, a)
	}
}

// SetStatus sets the status (OTel semantics): OK overrides anything and
// is final, an error replaces unset or an earlier error, unset does nothing.
func (s *Span) SetStatus(code StatusCode, message string) {
	if s == nil || s.record == nil || code == StatusUnset {
		return
	}
	s.mu.Lock()
	if !s.ended && s.status != StatusOK {
		switch {
		case code != StatusError:
			s.message = ""
		case message != "" || s.status != StatusError:
			s.message = message
		} // an error without a message keeps the one it had ("panic: ...")
		s.status = code
	}
	s.mu.Unlock()
}

// AddEvent records a named event now.
func (s *Span) AddEvent(name string, attrs ...Attr) {
	if s == nil || s.record == nil {
		return
	}
	now := time.Now()
	s.mu.Lock()
	if !s.ended {
		if len(s.events) >= maxEvents {
			s.dropped++
		} else {
			s.events = append(s.events, Event{Name: name, Time: now, Attrs: attrs})
		}
	}
	s.mu.Unlock()
}

// RecordError adds an "exception" event for err (semconv exception.type and
// exception.message). It does not change the status: see SetError.
func (s *Span) RecordError(err error) {
	if s == nil || s.record == nil || err == nil {
		return
	}
	s.AddEvent("exception",
		String("exception.type", typeName(err)),
		String("exception.message", err.Error()))
}

// SetError records err and marks the span as failed; nil does nothing.
func (s *Span) SetError(err error) {
	if s == nil || s.record == nil || err == nil {
		return
	}
	s.RecordError(err)
	s.SetStatus(StatusError, err.Error())
	s.SetAttrs(String("error.type", typeName(err)))
}

// RecordPanic records a panic value with the current goroutine's stack
// (call it from a deferred function while the panic unwinds, so the stack
// still shows where the panic happened) and marks the span as failed.
func (s *Span) RecordPanic(v any) {
	if s == nil || s.record == nil {
		return
	}
	msg := panicMessage(v)
	s.AddEvent("exception",
		String("exception.type", typeName(v)),
		String("exception.message", msg),
		String("exception.stacktrace", stack()),
		Bool("exception.escaped", true))
	s.SetStatus(StatusError, "panic: "+msg)
}

// End finishes the span and hands it to the exporters. Calls after the
// first do nothing.
func (s *Span) End() {
	if s == nil {
		return
	}
	if s.record == nil { // not sampled: nothing to time or export
		s.deactivate()
		return
	}
	s.endAt(time.Now())
}

func (s *Span) endAt(t time.Time) {
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return
	}
	s.ended = true
	s.end = t
	s.mu.Unlock()
	s.deactivate()
	if s.prov != nil {
		s.prov.onEnd(s)
	}
}

// EndWithError ends the span after recording err (if any) and, when the
// goroutine is panicking through the caller's deferred call, the panic.
// This is what injected code calls from its defer.
func (s *Span) EndWithError(err error) {
	if s == nil {
		return
	}
	if v, ok := Panicking(); ok {
		s.RecordPanic(v)
	} else if err != nil {
		s.SetError(err)
	}
	s.End()
}

// EndOpaque ends a span that injected code held as an opaque value (nil
// is fine), after recording err: the end hook of every integration.
func EndOpaque(s any, err error) {
	span, _ := s.(*Span)
	span.EndWithError(err)
}

func typeName(v any) string {
	if v == nil {
		return "<nil>"
	}
	return reflect.TypeOf(v).String()
}

func panicMessage(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

func stack() string {
	buf := make([]byte, 4096)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) || len(buf) >= 1<<20 {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}
