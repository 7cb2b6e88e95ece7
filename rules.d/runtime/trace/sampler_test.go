package trace

import "testing"

func TestParseSampler(t *testing.T) {
	for _, c := range []struct{ name, arg, want string }{
		{"", "", "parentbased_always_on"},
		{"always_on", "", "always_on"},
		{"always_off", "", "always_off"},
		{"parentbased_always_off", "", "parentbased_always_off"},
		{"traceidratio", "0.25", "traceidratio{0.25}"},
		{"parentbased_traceidratio", "", "parentbased_traceidratio{1}"},
		{"traceidratio", "2", "traceidratio{1}"},
		{"bogus", "", "parentbased_always_on"},
	} {
		s, _ := parseSampler(c.name, c.arg)
		if s.String() != c.want {
			t.Errorf("%s/%s: got %s, want %s", c.name, c.arg, s, c.want)
		}
	}
}

func TestRatioSampler(t *testing.T) {
	count := func(s Sampler) int {
		n := 0
		for i := 0; i < 20000; i++ {
			if s.shouldSample(SpanContext{}, newTraceID()) {
				n++
			}
		}
		return n
	}
	if n := count(TraceIDRatio(0, false)); n != 0 {
		t.Errorf("ratio 0 sampled %d", n)
	}
	if n := count(TraceIDRatio(1, false)); n != 20000 {
		t.Errorf("ratio 1 sampled %d", n)
	}
	if n := count(TraceIDRatio(0.5, false)); n < 9000 || n > 11000 {
		t.Errorf("ratio 0.5 sampled %d of 20000", n)
	}
	// Same trace id, same decision.
	id := newTraceID()
	s := TraceIDRatio(0.5, false)
	for i := 0; i < 10; i++ {
		if s.shouldSample(SpanContext{}, id) != s.shouldSample(SpanContext{}, id) {
			t.Fatal("not deterministic")
		}
	}
}

func TestParentBased(t *testing.T) {
	parent := SpanContext{TraceID: newTraceID(), SpanID: newSpanID()}
	if ParentBasedAlwaysOn.shouldSample(parent, parent.TraceID) {
		t.Error("unsampled parent must not be sampled")
	}
	parent.Flags = 1
	if !ParentBasedAlwaysOff.shouldSample(parent, parent.TraceID) {
		t.Error("sampled parent must be sampled")
	}
	if ParentBasedAlwaysOff.shouldSample(SpanContext{}, newTraceID()) {
		t.Error("root under parentbased_always_off must not be sampled")
	}
	if AlwaysOn.shouldSample(SpanContext{TraceID: parent.TraceID, SpanID: parent.SpanID}, parent.TraceID) != true {
		t.Error("always_on ignores the parent")
	}
}
