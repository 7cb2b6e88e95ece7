package trace

import (
	"context"
	"encoding/hex"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Propagators: how a span context (and baggage) crosses a process
// boundary in a carrier (request headers, gRPC metadata, message headers).
// Every integration injects and extracts through Inject and Extract, which
// use the program's own OpenTelemetry propagator when it set one
// (otel.SetTextMapPropagator, through the API bridge), else orch's own:
// those OTEL_PROPAGATORS names (tracecontext, baggage, b3, b3multi, none;
// default "tracecontext,baggage", as the OpenTelemetry specification says).

// Carrier is where a propagator reads and writes. Its methods are those of
// OpenTelemetry's propagation.TextMapCarrier, so the program's propagator
// can use it as is.
type Carrier interface {
	Get(key string) string
	Set(key, value string)
	Keys() []string
}

// HeaderCarrier is an http.Header (canonical MIME keys).
type HeaderCarrier map[string][]string

func (h HeaderCarrier) Get(key string) string {
	if vs := h[canonicalKey(key)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
func (h HeaderCarrier) Set(key, value string) { h[canonicalKey(key)] = []string{value} }
func (h HeaderCarrier) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}

// MetadataCarrier is gRPC metadata (lower-case keys).
type MetadataCarrier map[string][]string

func (m MetadataCarrier) Get(key string) string {
	if vs := m[strings.ToLower(key)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
func (m MetadataCarrier) Set(key, value string) { m[strings.ToLower(key)] = []string{value} }
func (m MetadataCarrier) Keys() []string        { return HeaderCarrier(m).Keys() }

// canonicalKey is textproto.CanonicalMIMEHeaderKey for the ASCII keys
// propagators use (this package does not import net/textproto).
func canonicalKey(k string) string {
	upper := true
	for i := 0; i < len(k); i++ {
		c := k[i]
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			b := []byte(k)
			for j := i; j < len(b); j++ {
				c := b[j]
				if upper && 'a' <= c && c <= 'z' {
					b[j] = c - 'a' + 'A'
				} else if !upper && 'A' <= c && c <= 'Z' {
					b[j] = c - 'A' + 'a'
				}
				upper = c == '-'
			}
			return string(b)
		}
		upper = c == '-'
	}
	return k
}

// APIPropagator is the program's own OpenTelemetry propagator.
type APIPropagator interface {
	Inject(ctx context.Context, sc SpanContext, c Carrier)
	Extract(ctx context.Context, c Carrier) (context.Context, SpanContext)
}

var apiPropagator atomic.Pointer[APIPropagator]

// UseAPIPropagator makes every integration inject and extract with the
// program's propagator (nil: orch's own again).
func UseAPIPropagator(p APIPropagator) {
	if p == nil {
		apiPropagator.Store(nil)
		return
	}
	apiPropagator.Store(&p)
}

// Inject writes sc, and the baggage ctx carries, into c.
func Inject(ctx context.Context, sc SpanContext, c Carrier) {
	if MetricsOnly() {
		return // spans made for metrics only: the request goes out as it would plainly
	}
	if p := apiPropagator.Load(); p != nil {
		(*p).Inject(ctx, sc, c)
		return
	}
	for _, p := range ownPropagators() {
		p.inject(ctx, sc, c)
	}
}

// Extract reads a remote span context (valid only when ok) from c, and
// returns ctx with the baggage c carried.
func Extract(ctx context.Context, c Carrier) (_ context.Context, _ SpanContext, ok bool) {
	if p := apiPropagator.Load(); p != nil {
		ctx, sc := (*p).Extract(ctx, c)
		return ctx, sc, sc.IsValid()
	}
	var found SpanContext
	for _, p := range ownPropagators() {
		var sc SpanContext
		ctx, sc = p.extract(ctx, c)
		if sc.IsValid() {
			found = sc // the last propagator that finds one wins, as in OTel's composite
		}
	}
	return ctx, found, found.IsValid()
}

// InjectHeader writes sc into h (an http.Header or any canonical-key
// header map) with the propagators in force. The caller owns h.
func InjectHeader(h map[string][]string, sc SpanContext) {
	if sc.IsValid() && h != nil {
		Inject(context.Background(), sc, HeaderCarrier(h))
	}
}

// ExtractHeader reads a remote span context from h with the propagators
// in force.
func ExtractHeader(h map[string][]string) (SpanContext, bool) {
	_, sc, ok := Extract(context.Background(), HeaderCarrier(h))
	return sc, ok
}

// --- orch's own propagators -----------------------------------------------------

type propagator struct {
	inject  func(context.Context, SpanContext, Carrier)
	extract func(context.Context, Carrier) (context.Context, SpanContext)
	fields  []string // the keys it sets
}

var propagatorsByName = map[string]propagator{
	"tracecontext": {injectTraceContext, extractTraceContext, []string{"traceparent", "tracestate"}},
	"baggage":      {injectBaggage, extractBaggage, []string{"baggage"}},
	"b3":           {injectB3Single, extractB3, []string{"b3"}},
	"b3multi":      {injectB3Multi, extractB3, []string{"x-b3-traceid", "x-b3-spanid", "x-b3-sampled"}},
}

// PropagatorFields are the carrier keys orch's own propagators set.
func PropagatorFields() []string {
	var out []string
	for _, p := range ownPropagators() {
		out = append(out, p.fields...)
	}
	return out
}

var (
	ownOnce  sync.Once
	ownProps []propagator
)

func ownPropagators() []propagator {
	ownOnce.Do(func() { ownProps = parsePropagators(os.Getenv("OTEL_PROPAGATORS")) })
	return ownProps
}

func parsePropagators(names string) []propagator {
	if strings.TrimSpace(names) == "" {
		names = "tracecontext,baggage"
	}
	var out []propagator
	for _, name := range strings.Split(names, ",") {
		switch name = strings.ToLower(strings.TrimSpace(name)); name {
		case "", "none":
		default:
			if p, ok := propagatorsByName[name]; ok {
				out = append(out, p)
			} else {
				warnOnce("OTEL_PROPAGATORS: " + name + " is not supported (tracecontext, baggage, b3, b3multi, none are)")
			}
		}
	}
	return out
}

// W3C Trace Context: traceparent and tracestate.

func injectTraceContext(_ context.Context, sc SpanContext, c Carrier) {
	if !sc.IsValid() {
		return
	}
	c.Set("traceparent", FormatTraceparent(sc))
	if sc.TraceState != "" {
		c.Set("tracestate", sc.TraceState)
	}
}

func extractTraceContext(ctx context.Context, c Carrier) (context.Context, SpanContext) {
	sc, ok := extractTraceparent(c)
	if !ok {
		return ctx, SpanContext{}
	}
	return ctx, sc
}

// extractTraceparent: a carrier with two traceparent values has none
// (spec 3.2.2.1); tracestate values are joined, and dropped past 512 bytes.
func extractTraceparent(c Carrier) (SpanContext, bool) {
	var tp, ts []string
	if h, ok := c.(HeaderCarrier); ok { // every value, not only the first
		tp, ts = h["Traceparent"], h["Tracestate"]
	} else if m, ok := c.(MetadataCarrier); ok {
		tp, ts = m["traceparent"], m["tracestate"]
	} else {
		if v := c.Get("traceparent"); v != "" {
			tp = []string{v}
		}
		if v := c.Get("tracestate"); v != "" {
			ts = []string{v}
		}
	}
	if len(tp) != 1 {
		return SpanContext{}, false
	}
	sc, ok := ParseTraceparent(tp[0])
	if !ok {
		return sc, false
	}
	if len(ts) > 0 {
		if state := strings.Join(ts, ","); len(state) <= 512 {
			sc.TraceState = state
		}
	}
	return sc, true
}

// W3C Baggage: carried through unchanged from the request that came in to
// the requests that go out under it.

type baggageKey struct{}

func injectBaggage(ctx context.Context, _ SpanContext, c Carrier) {
	if ctx == nil {
		return
	}
	if b, _ := ctx.Value(baggageKey{}).(string); b != "" {
		c.Set("baggage", b)
	}
}

func extractBaggage(ctx context.Context, c Carrier) (context.Context, SpanContext) {
	b := c.Get("baggage")
	if b == "" || len(b) > 8192 || ctx == nil {
		return ctx, SpanContext{}
	}
	return context.WithValue(ctx, baggageKey{}, b), SpanContext{}
}

// Baggage returns the W3C baggage header value ctx carries ("" if none).
func Baggage(ctx context.Context) string {
	if ctx == nil {
		return ""
	}
	b, _ := ctx.Value(baggageKey{}).(string)
	return b
}

// ContextWithBaggage returns ctx carrying the baggage header value b.
func ContextWithBaggage(ctx context.Context, b string) context.Context {
	return context.WithValue(ctx, baggageKey{}, b)
}

// B3 (Zipkin): one header "b3: TRACEID-SPANID-SAMPLED", or several
// X-B3-* headers; both are read whichever is injected.

func injectB3Single(_ context.Context, sc SpanContext, c Carrier) {
	if sc.IsValid() {
		c.Set("b3", hex.EncodeToString(sc.TraceID[:])+"-"+hex.EncodeToString(sc.SpanID[:])+"-"+b3Sampled(sc))
	}
}

func injectB3Multi(_ context.Context, sc SpanContext, c Carrier) {
	if sc.IsValid() {
		c.Set("X-B3-TraceId", hex.EncodeToString(sc.TraceID[:]))
		c.Set("X-B3-SpanId", hex.EncodeToString(sc.SpanID[:]))
		c.Set("X-B3-Sampled", b3Sampled(sc))
	}
}

func b3Sampled(sc SpanContext) string {
	if sc.IsSampled() {
		return "1"
	}
	return "0"
}

func extractB3(ctx context.Context, c Carrier) (context.Context, SpanContext) {
	if v := c.Get("b3"); v != "" {
		parts := strings.Split(v, "-")
		if len(parts) >= 2 {
			sampled := ""
			if len(parts) >= 3 {
				sampled = parts[2]
			}
			if sc, ok := b3Context(parts[0], parts[1], sampled, ""); ok {
				return ctx, sc
			}
		}
		return ctx, SpanContext{}
	}
	sc, _ := b3Context(c.Get("X-B3-TraceId"), c.Get("X-B3-SpanId"), c.Get("X-B3-Sampled"), c.Get("X-B3-Flags"))
	return ctx, sc
}

// b3Context decodes B3's ids (a 64-bit trace id is padded on the left),
// and its sampling state: 1 or true, d (debug) or flags 1 mean sampled.
func b3Context(traceID, spanID, sampled, flags string) (SpanContext, bool) {
	var sc SpanContext
	if len(traceID) == 16 {
		traceID = "0000000000000000" + traceID
	}
	if len(traceID) != 32 || len(spanID) != 16 ||
		!decodeHex(sc.TraceID[:], traceID) || !decodeHex(sc.SpanID[:], spanID) || !sc.IsValid() {
		return SpanContext{}, false
	}
	switch strings.ToLower(sampled) {
	case "1", "true", "d":
		sc.Flags = 1
	}
	if flags == "1" {
		sc.Flags = 1
	}
	sc.Remote = true
	return sc, true
}
