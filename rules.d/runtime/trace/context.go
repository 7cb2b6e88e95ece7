package trace

import (
	"context"
	"time"
)

type spanKey struct{}

// SpanFromContext returns the span that ctx carries, or nil.
func SpanFromContext(ctx context.Context) *Span {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(spanKey{}).(*Span)
	return s
}

// Enclosing returns the nearest span that ctx carries (its own or one of
// its ancestors') with the given kind and scope, or nil: e.g. the server
// span of a request, from a context that a handler's own spans may have
// wrapped since.
func Enclosing(ctx context.Context, kind Kind, scope string) *Span {
	for s := SpanFromContext(ctx); s != nil; s = SpanFromContext(s.ctx) {
		if s.kind == kind && s.scope == scope && !s.sc.Remote {
			return s
		}
	}
	return nil
}

// Active returns the span that new work should nest under: the one ctx
// carries, else the goroutine's active span (when orch's runtime rules gave
// goroutines a local slot), else nil. This is how a call that takes no
// context (db.Query, http.Get) still nests under the handler's span.
func Active(ctx context.Context) *Span {
	if s := SpanFromContext(ctx); s != nil {
		return s
	}
	return goroutineSpan()
}

// ContextWithSpan returns a copy of ctx that carries s.
func ContextWithSpan(ctx context.Context, s *Span) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	switch {
	case s == nil:
		return ctx
	case s.ctx == ctx: // s already is ctx plus itself
		return s
	}
	return &spanContext{ctx, s}
}

// spanContext is context.WithValue(ctx, spanKey{}, s) that also answers
// the OTel API's lookup of its current span (api.go).
type spanContext struct {
	context.Context
	s *Span
}

func (c *spanContext) Value(key any) any {
	if key == (spanKey{}) {
		return c.s
	}
	if v, ok := apiValue(c.s, key); ok {
		return v
	}
	return c.Context.Value(key)
}

// ContextWithRemoteSpanContext returns a copy of ctx whose active span is a
// non-recording stand-in for sc (e.g. extracted from incoming headers).
func ContextWithRemoteSpanContext(ctx context.Context, sc SpanContext) context.Context {
	if !sc.IsValid() {
		return ctx
	}
	if ctx == nil {
		ctx = context.Background()
	}
	sc.Remote = true
	return &Span{sc: sc, ctx: ctx}
}

// Start starts a span that nests under Active(ctx) and makes it the
// goroutine's active span until it ends. The returned context carries the
// span. When tracing is off it returns (ctx, nil) at the cost of one atomic
// load; every *Span method accepts nil.
//
// scope names the instrumentation (the OTLP instrumentation scope), e.g.
// "orch.dev/runtime/nethttp". The keys of attrs must be distinct (unlike
// SetAttrs, Start does not look for repeated keys: it runs on every
// request).
func Start(ctx context.Context, scope, name string, kind Kind, attrs ...Attr) (context.Context, *Span) {
	p := current()
	if p == nil {
		return ctx, nil
	}
	var parent SpanContext
	if ps := Active(ctx); ps != nil {
		parent = ps.sc
	}
	s := p.newSpan(ctx, scope, name, kind, parent, attrs)
	return s, s
}

// StartWithParent starts a span under an explicit parent: a remote span
// context extracted from a request, or the zero SpanContext for a new
// trace. Neither ctx's span nor the goroutine's is consulted, so a server
// span never nests under whatever span happened to be active when the
// server's goroutine was started.
func StartWithParent(ctx context.Context, scope, name string, kind Kind, parent SpanContext, attrs ...Attr) (context.Context, *Span) {
	p := current()
	if p == nil {
		return ctx, nil
	}
	s := p.newSpan(ctx, scope, name, kind, parent, attrs)
	return s, s
}

func (p *provider) newSpan(ctx context.Context, scope, name string, kind Kind, parent SpanContext, attrs []Attr) *Span {
	if ctx == nil {
		ctx = context.Background()
	}
	if p.api != nil {
		return p.startAPI(ctx, scope, name, kind, parent, attrs)
	}
	id := parent.TraceID
	if !parent.IsValid() {
		id = newTraceID()
	}
	var s *Span
	sampled := p.sampler.shouldSample(parent, id)
	if sampled || p.metrics != nil {
		rs := &recordingSpan{}
		s = &rs.Span
		s.record = &rs.record
		// The caller's keys are distinct (see Start): copy without the
		// duplicate check of SetAttrs, which is quadratic.
		if len(attrs) <= len(rs.inline) {
			s.attrs = append(rs.inline[:0], attrs...)
		} else {
			s.attrs = rs.inline[:0]
			s.setAttrsLocked(attrs)
		}
		s.sc.Flags = parent.Flags&^1 | flag(sampled)
		s.metricsOnly = !sampled || p.q == nil
		s.start = time.Now()
	} else {
		s = &Span{}
		s.sc.Flags = parent.Flags &^ 1
	}
	s.scope, s.name, s.kind, s.ctx, s.prov = scope, name, kind, ctx, p
	s.sc.TraceID = id
	s.sc.SpanID = newSpanID()
	if parent.IsValid() {
		s.sc.TraceState = parent.TraceState
		s.parent = parent.SpanID
		s.parentRemote = parent.Remote
	}
	s.activate()
	return s
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}
