package trace

import (
	"math"
	"runtime/metrics"
	"time"
)

// The Go runtime metrics of the semantic conventions (1.37.0, go.*), read
// from runtime/metrics at each collection: nothing is measured between
// collections, so they cost the program nothing.
type runtimeMetrics struct {
	start   time.Time // of the cumulative counters
	last    time.Time // previous collection (delta counters)
	samples []metrics.Sample
	prev    map[string]int64 // counters at the previous collection
}

// Indexes into samples.
const (
	rmTotal = iota
	rmReleased
	rmHeapStacks
	rmOSStacks
	rmLimit
	rmAllocBytes
	rmAllocObjects
	rmGoal
	rmGoroutines
	rmGOMAXPROCS
	rmGOGC
)

func newRuntimeMetrics(now time.Time) *runtimeMetrics {
	names := []string{
		"/memory/classes/total:bytes",
		"/memory/classes/heap/released:bytes",
		"/memory/classes/heap/stacks:bytes",
		"/memory/classes/os-stacks:bytes",
		"/gc/gomemlimit:bytes",
		"/gc/heap/allocs:bytes",
		"/gc/heap/allocs:objects",
		"/gc/heap/goal:bytes",
		"/sched/goroutines:goroutines",
		"/sched/gomaxprocs:threads",
		"/gc/gogc:percent",
	}
	r := &runtimeMetrics{start: now, last: now, prev: map[string]int64{}}
	for _, n := range names {
		r.samples = append(r.samples, metrics.Sample{Name: n})
	}
	return r
}

func (r *runtimeMetrics) value(i int) int64 {
	v := r.samples[i].Value
	if v.Kind() != metrics.KindUint64 {
		return 0 // not known to this Go release
	}
	u := v.Uint64()
	if u > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(u)
}

func (r *runtimeMetrics) collect(now time.Time, deltaCounters bool) []*Metric {
	metrics.Read(r.samples)
	stack := r.value(rmHeapStacks) + r.value(rmOSStacks)
	other := r.value(rmTotal) - r.value(rmReleased) - stack
	gauge := func(name, unit, desc string, v int64, attrs ...Attr) *Metric {
		// An UpDownCounter read from the runtime: a non-monotonic
		// cumulative sum, whatever the temporality preference.
		return &Metric{Name: name, Unit: unit, Description: desc, Kind: SumMetric, Temporality: Cumulative,
			Points: []Point{{Attrs: attrs, Start: r.start, Time: now, Int: v}}}
	}
	counter := func(name, unit, desc string, v int64) *Metric {
		m := &Metric{Name: name, Unit: unit, Description: desc, Kind: SumMetric, Monotonic: true, Temporality: Cumulative}
		start := r.start
		if deltaCounters {
			m.Temporality = Delta
			v, r.prev[name] = v-r.prev[name], v
			start = r.last
		}
		m.Points = []Point{{Start: start, Time: now, Int: v}}
		return m
	}
	used := gauge("go.memory.used", "By", "Memory used by the Go runtime.", stack, String("go.memory.type", "stack"))
	used.Points = append(used.Points, Point{Attrs: []Attr{String("go.memory.type", "other")}, Start: r.start, Time: now, Int: other})
	out := []*Metric{
		used,
		counter("go.memory.allocated", "By", "Memory allocated to the heap by the application.", r.value(rmAllocBytes)),
		counter("go.memory.allocations", "{allocation}", "Count of allocations to the heap by the application.", r.value(rmAllocObjects)),
		gauge("go.memory.gc.goal", "By", "Heap size target for the end of the GC cycle.", r.value(rmGoal)),
		gauge("go.goroutine.count", "{goroutine}", "Count of live goroutines.", r.value(rmGoroutines)),
		gauge("go.processor.limit", "{thread}", "The number of OS threads that can execute user-level Go code simultaneously.", r.value(rmGOMAXPROCS)),
		gauge("go.config.gogc", "%", "Heap size target percentage configured by the user, otherwise 100.", r.value(rmGOGC)),
	}
	if limit := r.value(rmLimit); limit > 0 && limit < math.MaxInt64 {
		out = append(out, gauge("go.memory.limit", "By", "Go runtime memory limit configured by the user, if a limit exists.", limit))
	}
	r.last = now
	return out
}
