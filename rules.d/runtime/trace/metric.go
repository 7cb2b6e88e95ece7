package trace

import (
	"math"
	"sync"
	"time"
)

// Metrics from the spans: every span of a kind the semantic conventions
// measure (an HTTP server or client request, an RPC, a database operation,
// a messaging operation) adds its duration to the conventions' histogram
// when it ends, with the subset of its attributes the conventions name for
// that metric. One mechanism for every integration: a pack that sets the
// conventions' span attributes gets its metric without a line of its own.
//
// Metrics are recorded whether or not the span is sampled: with metrics on,
// a span the sampler drops still collects its attributes (it is recording,
// but never exported).

// instrument is one histogram: its identity, the span attributes that
// become its data points' attributes, and its series.
type instrument struct {
	name, unit, desc string
	bounds           []float64 // explicit bucket boundaries
	keys             []string  // attributes kept, at most maxMetricKeys
	scale            float64   // seconds to the unit (1, or 1000 for ms)

	mu       sync.Mutex
	series   map[uint64]*series
	n        int       // series in the map
	start    time.Time // of the current aggregation (cumulative: the first)
	overflow *series   // over the cardinality limit
}

// series is one attribute set's histogram.
type series struct {
	attrs    []Attr
	next     *series // same hash
	count    uint64
	sum      float64
	min, max float64
	counts   []uint64 // len(bounds)+1
}

const (
	maxMetricKeys    = 8
	cardinalityLimit = 2000 // series per instrument, as the SDKs default
)

// Bucket boundaries the conventions advise (semconv 1.37.0).
var (
	httpBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}
	dbBuckets   = []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10}
	// rpc.*.duration is in milliseconds with no advice: the SDK's default.
	msBuckets = []float64{0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000}
)

// The instruments, per semantic conventions 1.37.0.
func newInstruments() *instruments {
	return &instruments{
		httpServer: &instrument{name: "http.server.request.duration", unit: "s", bounds: httpBuckets, scale: 1,
			desc: "Duration of HTTP server requests.",
			keys: []string{"http.request.method", "url.scheme", "http.route", "http.response.status_code", "error.type", "network.protocol.version"}},
		httpClient: &instrument{name: "http.client.request.duration", unit: "s", bounds: httpBuckets, scale: 1,
			desc: "Duration of HTTP client requests.",
			keys: []string{"http.request.method", "server.address", "server.port", "url.scheme", "http.response.status_code", "error.type", "network.protocol.version"}},
		rpcServer: &instrument{name: "rpc.server.duration", unit: "ms", bounds: msBuckets, scale: 1000,
			desc: "Measures the duration of inbound RPC.",
			keys: []string{"rpc.system", "rpc.service", "rpc.method", "rpc.grpc.status_code", "server.address", "server.port"}},
		rpcClient: &instrument{name: "rpc.client.duration", unit: "ms", bounds: msBuckets, scale: 1000,
			desc: "Measures the duration of outbound RPC.",
			keys: []string{"rpc.system", "rpc.service", "rpc.method", "rpc.grpc.status_code", "server.address", "server.port"}},
		dbClient: &instrument{name: "db.client.operation.duration", unit: "s", bounds: dbBuckets, scale: 1,
			desc: "Duration of database client operations.",
			keys: []string{"db.system.name", "db.operation.name", "db.collection.name", "db.namespace", "db.response.status_code", "error.type", "server.address", "server.port"}},
		msgClient: &instrument{name: "messaging.client.operation.duration", unit: "s", bounds: httpBuckets, scale: 1,
			desc: "Duration of messaging operation initiated by a producer or consumer client.",
			keys: []string{"messaging.system", "messaging.operation.name", "messaging.operation.type", "messaging.destination.name", "messaging.consumer.group.name", "error.type", "server.address", "server.port"}},
		msgProcess: &instrument{name: "messaging.process.duration", unit: "s", bounds: httpBuckets, scale: 1,
			desc: "Duration of processing operation.",
			keys: []string{"messaging.system", "messaging.operation.name", "messaging.destination.name", "messaging.consumer.group.name", "error.type", "server.address", "server.port"}},
	}
}

type instruments struct {
	httpServer, httpClient, rpcServer, rpcClient, dbClient, msgClient, msgProcess *instrument
}

func (is *instruments) all() []*instrument {
	return []*instrument{is.httpServer, is.httpClient, is.rpcServer, is.rpcClient, is.dbClient, is.msgClient, is.msgProcess}
}

// forSpan says which instrument measures an ended span, or nil. The span's
// kind and the attribute that names its domain decide, as the conventions
// define the metrics by span kind.
func (is *instruments) forSpan(s *Span) *instrument {
	if s.kind < KindServer || s.byAPI {
		return nil // internal spans; spans the program makes itself (it measures those itself, if it wants)
	}
	for i := range s.attrs {
		switch s.attrs[i].Key {
		case "http.request.method":
			switch s.kind {
			case KindServer:
				return is.httpServer
			case KindClient:
				return is.httpClient
			}
		case "rpc.system":
			switch s.kind {
			case KindServer:
				return is.rpcServer
			case KindClient:
				return is.rpcClient
			}
		case "db.system.name":
			if s.kind == KindClient {
				return is.dbClient
			}
		case "messaging.system":
			if s.kind == KindConsumer && s.attrString("messaging.operation.type") == "process" {
				return is.msgProcess
			}
			return is.msgClient
		}
	}
	return nil
}

func (s *Span) attrString(key string) string {
	for i := range s.attrs {
		if s.attrs[i].Key == key {
			return s.attrs[i].Value.AsString()
		}
	}
	return ""
}

// recordSpan adds an ended span's duration to its instrument. The span
// has ended: its attributes no longer change, so they are read unlocked.
// No allocation unless the attribute set is new.
func (is *instruments) recordSpan(s *Span) {
	inst := is.forSpan(s)
	if inst == nil {
		return
	}
	var vals [maxMetricKeys]Value
	for i := range s.attrs {
		a := &s.attrs[i]
		for k, key := range inst.keys {
			if a.Key == key && a.Value.Kind() <= BoolValue {
				vals[k] = a.Value
				break
			}
		}
	}
	// A failed operation without an error.type (a panic, say) gets the
	// conventions' fallback, so that failures are told apart in the metric.
	if s.status == StatusError {
		if k := inst.keyIndex("error.type"); k >= 0 && vals[k].Kind() == EmptyValue {
			vals[k] = String("", "_OTHER").Value
		}
	}
	inst.observe(s.end.Sub(s.start).Seconds()*inst.scale, &vals)
}

func (inst *instrument) keyIndex(key string) int {
	for k, kk := range inst.keys {
		if kk == key {
			return k
		}
	}
	return -1
}

func (inst *instrument) observe(v float64, vals *[maxMetricKeys]Value) {
	h := hashValues(vals[:len(inst.keys)])
	inst.mu.Lock()
	se := inst.series[h]
	for se != nil && !se.matches(inst.keys, vals) {
		se = se.next
	}
	if se == nil {
		se = inst.newSeriesLocked(h, vals)
	}
	se.add(v, inst.bounds)
	inst.mu.Unlock()
}

func (inst *instrument) newSeriesLocked(h uint64, vals *[maxMetricKeys]Value) *series {
	if inst.series == nil {
		inst.series = make(map[uint64]*series)
	}
	if inst.n >= cardinalityLimit-1 {
		if inst.overflow == nil {
			inst.overflow = inst.makeSeries([]Attr{Bool("otel.metric.overflow", true)})
		}
		return inst.overflow
	}
	var attrs []Attr
	for k, key := range inst.keys {
		if vals[k].Kind() != EmptyValue {
			attrs = append(attrs, Attr{key, vals[k]})
		}
	}
	se := inst.makeSeries(attrs)
	se.next = inst.series[h]
	inst.series[h] = se
	inst.n++
	return se
}

func (inst *instrument) makeSeries(attrs []Attr) *series {
	return &series{attrs: attrs, counts: make([]uint64, len(inst.bounds)+1), min: math.Inf(1), max: math.Inf(-1)}
}

func (se *series) add(v float64, bounds []float64) {
	i := 0
	for i < len(bounds) && v > bounds[i] { // buckets are (previous, bound]
		i++
	}
	se.counts[i]++
	se.count++
	se.sum += v
	se.min = min(se.min, v)
	se.max = max(se.max, v)
}

// matches reports whether the series holds exactly the values vals (an
// empty value: the attribute absent).
func (se *series) matches(keys []string, vals *[maxMetricKeys]Value) bool {
	j := 0
	for k, key := range keys {
		if vals[k].Kind() == EmptyValue {
			continue
		}
		if j >= len(se.attrs) || se.attrs[j].Key != key || !sameValue(se.attrs[j].Value, vals[k]) {
			return false
		}
		j++
	}
	return j == len(se.attrs)
}

func sameValue(a, b Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	if a.Kind() == StringValue {
		return a.AsString() == b.AsString()
	}
	return a.num == b.num
}

// hashValues is FNV-1a over the values' kinds and contents.
func hashValues(vals []Value) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, v := range vals {
		k := v.Kind()
		h = (h ^ uint64(k)) * prime
		if k == StringValue {
			s := v.AsString()
			for i := 0; i < len(s); i++ {
				h = (h ^ uint64(s[i])) * prime
			}
		} else {
			h = (h ^ v.num) * prime
		}
	}
	return h
}

// collect returns the instrument's data points. With delta temporality the
// aggregation starts afresh (series and all), so each collection reports
// only what was measured since the previous one.
func (inst *instrument) collect(now time.Time, delta bool) *Metric {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if inst.n == 0 && inst.overflow == nil {
		if delta {
			inst.start = now
		}
		return nil
	}
	m := &Metric{Name: inst.name, Unit: inst.unit, Description: inst.desc, Kind: HistogramMetric, Temporality: Cumulative}
	if delta {
		m.Temporality = Delta
	}
	emit := func(se *series) {
		m.Points = append(m.Points, Point{
			Attrs: se.attrs, Start: inst.start, Time: now,
			Count: se.count, Sum: se.sum, Min: se.min, Max: se.max,
			Bounds: inst.bounds, Counts: append([]uint64(nil), se.counts...),
		})
	}
	for _, se := range inst.series {
		for ; se != nil; se = se.next {
			emit(se)
		}
	}
	if inst.overflow != nil {
		emit(inst.overflow)
	}
	if delta {
		inst.series, inst.n, inst.overflow, inst.start = nil, 0, nil, now
	}
	return m
}
