package trace

import (
	"context"
	"os"
	"sync/atomic"
	"time"
)

// The bridge to the OpenTelemetry API (rules.d/otel.toml). This package
// cannot import go.opentelemetry.io/otel (programs without it must not
// link it), so the code injected into otel's own packages registers what
// only it can do (name otel's context key, wrap an orch span as an OTel
// span, start spans with the program's SDK) and this file keeps it:
//
//   - otel/trace's init calls SetAPISpanKey(currentSpanKey): from then on
//     every orch span, itself a context, answers otel's lookup
//     (trace.SpanFromContext) with an OTel span for itself, so the
//     innermost span of a context is found whichever API made it.
//   - otel/internal/global's init calls SetAPIWrap: how an orch span looks
//     to the OTel API (a trace.Span whose SpanContext is the orch span's).
//   - otel/trace's ContextWithSpan calls APIContext: the context it
//     returns answers orch's lookups too, so orch's spans started under a
//     span the program made with the OTel API are its children.
//   - global's SetTracerProvider calls UseAPITracer: orch's spans are
//     started and ended through the program's own SDK from then on.

var (
	apiSpanKey atomic.Pointer[any]             // of otel/trace: its currentSpanKey
	apiWrap    atomic.Pointer[func(*Span) any] // an OTel trace.Span for an orch span
)

// SetAPISpanKey registers otel/trace's context key for the current span.
func SetAPISpanKey(key any) { apiSpanKey.Store(&key) }

// SetAPIWrap registers how an orch span is seen through the OTel API.
func SetAPIWrap(wrap func(*Span) any) { apiWrap.Store(&wrap) }

// apiValue answers a context lookup of otel's key for s, or reports that
// key is not otel's.
func apiValue(s *Span, key any) (any, bool) {
	k := apiSpanKey.Load()
	if k == nil || key != *k {
		return nil, false
	}
	if w := apiWrap.Load(); w != nil {
		return (*w)(s), true
	}
	return nil, true
}

// APIGoroutineSpan is the OTel view of the goroutine's active span (nil
// when there is none): what otel's SpanFromContext returns for a context
// that carries no span, so work on a goroutine without a context still
// nests.
func APIGoroutineSpan() any {
	s := goroutineSpan()
	if s == nil {
		return nil
	}
	if w := apiWrap.Load(); w != nil {
		return (*w)(s)
	}
	return nil
}

// OrchSpan is implemented by the OTel view of an orch span.
type OrchSpan interface{ OrchSpan() *Span }

// APIContext is otel/trace's ContextWithSpan(parent, span) when orch is
// linked: a context that carries span for otel (under key) and, for orch,
// the orch span behind it or a stand-in with sc (span's SpanContext), so
// that orch's spans started under it are span's children.
func APIContext(parent context.Context, key, span any, sc SpanContext) context.Context {
	if parent == nil {
		parent = context.Background()
	}
	if o, ok := span.(OrchSpan); ok {
		if s := o.OrchSpan(); s != nil {
			return ContextWithSpan(parent, s)
		}
	}
	c := &apiContext{Context: parent, key: key, span: span}
	if sc.IsValid() {
		c.stand = &Span{sc: sc, ctx: parent}
	}
	return c
}

// apiContext is a context.WithValue(parent, key, span) that also answers
// orch's lookup.
type apiContext struct {
	context.Context
	key, span any
	stand     *Span // nil: span has no valid SpanContext; orch looks further out
}

func (c *apiContext) Value(key any) any {
	switch key {
	case c.key:
		return c.span
	case spanKey{}:
		if c.stand != nil {
			return c.stand
		}
	}
	return c.Context.Value(key)
}

func (c *apiContext) String() string { return "trace.apiContext" }

// --- spans the program makes through the OTel API ----------------------------

// StartAPI starts a span for the OTel API of a program without an SDK:
// orch records and exports it. Unlike orch's own spans, the program ends
// it (its End through the OTel API works). start: zero for now. newRoot:
// the program asked for a new trace.
func StartAPI(ctx context.Context, scope, name string, kind Kind, start time.Time, newRoot bool, attrs ...Attr) (context.Context, *Span) {
	p := current()
	if p == nil || p.api != nil {
		// Off, or an SDK was installed (and the API's global state reset
		// since, as otel's own tests do): the API's no-op it is.
		return ctx, nil
	}
	var parent SpanContext
	if ps := Active(ctx); ps != nil && !newRoot {
		parent = ps.sc
	}
	s := p.newSpan(ctx, scope, name, kind, parent, attrs)
	s.byAPI = true
	if !start.IsZero() && s.record != nil {
		s.start = start
	}
	return s, s
}

// EndAPI ends a span through the OTel API: only a span the program
// started through it (StartAPI); orch ends its own. at: zero for now.
func (s *Span) EndAPI(at time.Time) {
	if s == nil || !s.byAPI {
		return
	}
	if s.record == nil {
		s.deactivate()
		return
	}
	if at.IsZero() {
		at = time.Now()
	}
	s.endAt(at)
}

// ByAPI reports whether the program started s through the OTel API.
func (s *Span) ByAPI() bool { return s != nil && s.byAPI }

// --- orch's spans through the program's SDK -----------------------------------

// APITracer starts and ends spans with the program's OpenTelemetry SDK
// (its TracerProvider, set with otel.SetTracerProvider).
type APITracer interface {
	// Start starts an SDK span under parent (the zero SpanContext: a new
	// trace) and says what the SDK's sampler decided: the SDK span's
	// SpanContext, whether it records, and a handle for End.
	Start(parent SpanContext, scope, name string, kind Kind, start time.Time, attrs []Attr) (sc SpanContext, recording bool, handle any)
	// End gives the SDK span what orch's span s collected (name,
	// attributes, events, status) and ends it at s's end time.
	End(handle any, s *Span)
}

// UseAPITracer sends every span from now on through t (nil: back to the
// configuration from the environment). Tracing is on while t is set,
// whatever the environment says: the program's SDK decides.
func UseAPITracer(t APITracer) {
	initOnce.Do(func() {})
	old := global.Load()
	if t == nil {
		cfg := configFromEnv(os.Getenv)
		if old != nil && old.metrics != nil {
			cfg.Metrics.Exporters = nil // keep the metrics collected so far
		}
		p := newProvider(cfg)
		if old != nil && old.metrics != nil {
			p.metrics = old.metrics
		}
		global.Store(p)
		return
	}
	var metrics *meter
	if old != nil {
		metrics = old.metrics // the program's SDK takes the spans, not orch's metrics
	}
	global.Store(&provider{api: t, sampler: ParentBasedAlwaysOn, metrics: metrics})
}

// startAPI is newSpan for a provider that sends spans through the SDK.
func (p *provider) startAPI(ctx context.Context, scope, name string, kind Kind, parent SpanContext, attrs []Attr) *Span {
	start := time.Now()
	sc, recording, handle := p.api.Start(parent, scope, name, kind, start, attrs)
	var s *Span
	if recording || p.metrics != nil {
		rs := &recordingSpan{}
		s = &rs.Span
		s.record = &rs.record
		s.attrs = append(rs.inline[:0], attrs...)
		s.start = start
		s.handle = handle
		s.metricsOnly = !recording
	} else {
		s = &Span{}
	}
	s.scope, s.name, s.kind, s.ctx, s.prov = scope, name, kind, ctx, p
	s.sc = sc
	if parent.IsValid() {
		s.parent = parent.SpanID
		s.parentRemote = parent.Remote
	}
	s.activate()
	return s
}
