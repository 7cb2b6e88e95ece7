package trace

import (
	"context"
	"testing"
)

func withPropagators(t *testing.T, names string) {
	ownOnce.Do(func() {})
	saved := ownProps
	ownProps = parsePropagators(names)
	t.Cleanup(func() { ownProps = saved })
}

var testSC = SpanContext{
	TraceID: TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36},
	SpanID:  SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7},
	Flags:   1,
}

func TestDefaultPropagatorsAreTraceContextAndBaggage(t *testing.T) {
	withPropagators(t, "")
	h := HeaderCarrier{}
	Inject(ContextWithBaggage(context.Background(), "user=alice"), testSC, h)
	if h.Get("traceparent") != "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" || h.Get("baggage") != "user=alice" {
		t.Fatalf("injected %v", h)
	}
	ctx, sc, ok := Extract(context.Background(), h)
	if !ok || sc.TraceID != testSC.TraceID || !sc.Remote || Baggage(ctx) != "user=alice" {
		t.Fatalf("extracted %v %v, baggage %q", sc, ok, Baggage(ctx))
	}
	h["Traceparent"] = append(h["Traceparent"], h["Traceparent"][0])
	if _, _, ok := Extract(context.Background(), h); ok {
		t.Fatal("two traceparent headers must count as none")
	}
}

func TestB3(t *testing.T) {
	withPropagators(t, "b3")
	h := HeaderCarrier{}
	InjectHeader(h, testSC)
	if h.Get("b3") != "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1" || h.Get("traceparent") != "" {
		t.Fatalf("b3 injected %v", h)
	}
	withPropagators(t, "b3multi")
	m := MetadataCarrier{}
	Inject(context.Background(), testSC, m)
	if m["x-b3-traceid"][0] != "4bf92f3577b34da6a3ce929d0e0e4736" || m["x-b3-sampled"][0] != "1" {
		t.Fatalf("b3multi injected %v", m)
	}
	if _, sc, ok := Extract(context.Background(), m); !ok || sc.SpanID != testSC.SpanID || !sc.IsSampled() {
		t.Fatalf("b3multi extracted %v", sc)
	}
	short := HeaderCarrier{"B3": {"a3ce929d0e0e4736-00f067aa0ba902b7-0"}} // 64-bit trace id, not sampled
	if _, sc, ok := Extract(context.Background(), short); !ok || sc.IsSampled() || sc.TraceID[7] != 0 || sc.TraceID[8] != 0xa3 {
		t.Fatalf("b3 single extracted %v %v", sc, ok)
	}
}

func TestNoPropagators(t *testing.T) {
	withPropagators(t, "none")
	h := HeaderCarrier{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}
	InjectHeader(h, testSC)
	if _, ok := ExtractHeader(h); ok || len(h) != 1 {
		t.Fatal("none must neither inject nor extract")
	}
}

func TestCanonicalKey(t *testing.T) {
	for in, want := range map[string]string{"traceparent": "Traceparent", "x-b3-traceid": "X-B3-Traceid", "X-B3-TraceId": "X-B3-Traceid", "Baggage": "Baggage"} {
		if got := canonicalKey(in); got != want {
			t.Errorf("canonicalKey(%q) = %q, want %q", in, got, want)
		}
	}
}
