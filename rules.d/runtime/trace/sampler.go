package trace

import (
	"strconv"
	"strings"
)

// Sampler decides at start whether a span is recorded and exported.
// Configure with OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG:
//
//	always_on                  every span (the default is parentbased_always_on)
//	always_off                 none
//	traceidratio               a fraction (ARG, default 1.0) of traces, by trace id
//	parentbased_always_on      follow the parent's decision, roots always
//	parentbased_always_off     follow the parent's decision, roots never
//	parentbased_traceidratio   follow the parent's decision, roots by ratio
type Sampler struct {
	parentBased bool
	// Roots (and every span when !parentBased) are sampled when
	// traceID[8:16]>>1 < bound: 0 never, 1<<63 always.
	bound uint64
	desc  string
}

var (
	AlwaysOn             = Sampler{bound: 1 << 63, desc: "always_on"}
	AlwaysOff            = Sampler{bound: 0, desc: "always_off"}
	ParentBasedAlwaysOn  = Sampler{parentBased: true, bound: 1 << 63, desc: "parentbased_always_on"}
	ParentBasedAlwaysOff = Sampler{parentBased: true, bound: 0, desc: "parentbased_always_off"}
)

// TraceIDRatio samples a deterministic fraction of trace ids, the same way
// as the OpenTelemetry Go SDK (so both agree on a shared trace).
func TraceIDRatio(fraction float64, parentBased bool) Sampler {
	if !(fraction > 0) { // also NaN
		fraction = 0
	}
	if fraction > 1 {
		fraction = 1
	}
	name := "traceidratio"
	if parentBased {
		name = "parentbased_traceidratio"
	}
	return Sampler{
		parentBased: parentBased,
		bound:       uint64(fraction * (1 << 63)),
		desc:        name + "{" + strconv.FormatFloat(fraction, 'g', -1, 64) + "}",
	}
}

func (s Sampler) String() string { return s.desc }

func (s Sampler) shouldSample(parent SpanContext, id TraceID) bool {
	if s.parentBased && parent.IsValid() {
		return parent.IsSampled()
	}
	if s.bound >= 1<<63 {
		return true
	}
	return getUint64(id[8:])>>1 < s.bound
}

// parseSampler reads the OTEL_TRACES_SAMPLER pair; a bad value falls back
// to the default and says why.
func parseSampler(name, arg string) (Sampler, string) {
	ratio := func() (float64, string) {
		if arg == "" {
			return 1, ""
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(arg), 64)
		if err != nil || f < 0 || f > 1 {
			return 1, "OTEL_TRACES_SAMPLER_ARG=" + strconv.Quote(arg) + " is not a number in [0,1]; using 1"
		}
		return f, ""
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "parentbased_always_on":
		return ParentBasedAlwaysOn, ""
	case "always_on":
		return AlwaysOn, ""
	case "always_off":
		return AlwaysOff, ""
	case "parentbased_always_off":
		return ParentBasedAlwaysOff, ""
	case "traceidratio":
		f, warn := ratio()
		return TraceIDRatio(f, false), warn
	case "parentbased_traceidratio":
		f, warn := ratio()
		return TraceIDRatio(f, true), warn
	}
	return ParentBasedAlwaysOn, "unknown OTEL_TRACES_SAMPLER=" + strconv.Quote(name) + "; using parentbased_always_on"
}
