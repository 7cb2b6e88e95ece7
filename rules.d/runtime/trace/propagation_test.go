package trace

import "testing"

func TestTraceparentRoundTrip(t *testing.T) {
	sc := SpanContext{Flags: 1}
	copy(sc.TraceID[:], []byte("0123456789abcdef"))
	copy(sc.SpanID[:], []byte("01234567"))
	v := FormatTraceparent(sc)
	if v != "00-30313233343536373839616263646566-3031323334353637-01" {
		t.Fatalf("format: %s", v)
	}
	got, ok := ParseTraceparent(v)
	sc.Remote = true
	if !ok || got != sc {
		t.Fatalf("parse: %+v %v", got, ok)
	}
}

func TestParseTraceparentRejects(t *testing.T) {
	for _, v := range []string{
		"",
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",        // short
		"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",       // uppercase
		"00-00000000000000000000000000000000-00f067aa0ba902b7-01",       // zero trace id
		"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",       // zero span id
		"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",       // version ff
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // v00 is exact
		"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01extra",  // future: '-' after 55
		"00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",       // separator
		"00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",       // not hex
	} {
		if sc, ok := ParseTraceparent(v); ok {
			t.Errorf("%q parsed as %+v", v, sc)
		}
	}
	if _, ok := ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"); !ok {
		t.Error("a future version with extra fields must parse")
	}
}

func TestHeaderInjectExtract(t *testing.T) {
	h := map[string][]string{}
	sc, _ := ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	sc.TraceState = "congo=t61rcWkgMzE"
	InjectHeader(h, sc)
	if h["Traceparent"][0] != "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" || h["Tracestate"][0] != "congo=t61rcWkgMzE" {
		t.Fatalf("inject: %v", h)
	}
	h["Tracestate"] = []string{"a=1", "b=2"}
	got, ok := ExtractHeader(h)
	if !ok || got.TraceID != sc.TraceID || got.TraceState != "a=1,b=2" || !got.Remote || !got.IsSampled() {
		t.Fatalf("extract: %+v %v", got, ok)
	}
	h["Traceparent"] = append(h["Traceparent"], "00-4bf92f3577b34da6a3ce929d0e0e4737-00f067aa0ba902b7-01")
	if _, ok := ExtractHeader(h); ok {
		t.Error("two traceparent headers must be ignored")
	}
}
