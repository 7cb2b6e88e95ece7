package trace

import (
	"context"
	"sync"
	"time"
)

// MetricExporter sends collected metrics somewhere (OTLP, a file, the
// console). ExportMetrics is called by one goroutine at a time, under a
// context marked with Suppress.
type MetricExporter interface {
	ExportMetrics(ctx context.Context, b MetricBatch) error
	Shutdown(ctx context.Context) error
}

// MetricBatch is one collection: the process's resource and its metrics.
type MetricBatch struct {
	Resource []Attr
	Metrics  []*Metric
}

// MetricKind is the OTLP data type of a metric.
type MetricKind uint8

const (
	HistogramMetric MetricKind = iota
	SumMetric                  // a counter (Monotonic) or up-down counter
	GaugeMetric
)

// Temporality is the OTLP aggregation temporality (the enum's numbers).
type Temporality uint8

const (
	Delta      Temporality = 1
	Cumulative Temporality = 2
)

// Metric is one metric's data points, as exported.
type Metric struct {
	Name, Description, Unit string
	Kind                    MetricKind
	Monotonic               bool        // sums
	Temporality             Temporality // sums and histograms
	Points                  []Point
}

// Point is one data point: a histogram's buckets, or a number.
type Point struct {
	Attrs       []Attr
	Start, Time time.Time
	// Histograms.
	Count         uint64
	Sum, Min, Max float64
	Bounds        []float64
	Counts        []uint64
	// Sums and gauges.
	Int int64
}

// MetricScope is the instrumentation scope of every metric orch makes.
const MetricScope = "orch.dev/runtime"

// MetricsConfig configures metrics (Config.Metrics).
type MetricsConfig struct {
	Exporters []MetricExporter // none: metrics are off
	Interval  time.Duration    // between exports (60s); 0 with Manual: only Flush and exit
	Timeout   time.Duration    // per export (30s)
	// Temporality preference (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE):
	// "cumulative" (the default), "delta" or "lowmemory".
	Temporality string
	Manual      bool // no periodic export (tests): Flush and exit only
	NoRuntime   bool // leave out the Go runtime metrics
}

// meter holds the metrics of the process and exports them periodically.
type meter struct {
	cfg      MetricsConfig
	resource []Attr
	inst     *instruments
	runtime  *runtimeMetrics // nil with NoRuntime

	startOnce sync.Once
	stop      chan struct{}
	mu        sync.Mutex // one collection and export at a time
	closed    bool
}

func newMeter(cfg MetricsConfig, resource []Attr) *meter {
	if len(cfg.Exporters) == 0 {
		return nil
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 60 * time.Second
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	m := &meter{cfg: cfg, resource: resource, inst: newInstruments(), stop: make(chan struct{})}
	now := time.Now()
	for _, inst := range m.inst.all() {
		inst.start = now
	}
	if !cfg.NoRuntime {
		m.runtime = newRuntimeMetrics(now)
	}
	return m
}

// delta reports whether the synchronous instruments (the histograms) are
// exported as deltas; the runtime's counters follow deltaCounters.
func (m *meter) delta() bool {
	return m.cfg.Temporality == "delta" || m.cfg.Temporality == "lowmemory"
}

// deltaCounters: asynchronous counters are deltas only under "delta"
// (the specification's table for OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE).
func (m *meter) deltaCounters() bool { return m.cfg.Temporality == "delta" }

// start starts the periodic export (once, on first use).
func (m *meter) start() {
	if m.cfg.Manual {
		return
	}
	m.startOnce.Do(func() { go m.loop() })
}

func (m *meter) loop() {
	SetGoroutineSpan(nil)
	t := time.NewTicker(m.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			m.export(context.Background())
		case <-m.stop:
			return
		}
	}
}

// collect gathers every metric now.
func (m *meter) collect() MetricBatch {
	now := time.Now()
	b := MetricBatch{Resource: m.resource}
	for _, inst := range m.inst.all() {
		if mt := inst.collect(now, m.delta()); mt != nil {
			b.Metrics = append(b.Metrics, mt)
		}
	}
	if m.runtime != nil {
		b.Metrics = append(b.Metrics, m.runtime.collect(now, m.deltaCounters())...)
	}
	return b
}

// export collects and exports once; errors are reported once per kind on
// stderr. An export that cannot get the lock by ctx's deadline gives up.
func (m *meter) export(ctx context.Context) error {
	if !lockWithin(ctx, &m.mu) {
		return ctx.Err()
	}
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	return m.exportLocked(ctx)
}

func (m *meter) exportLocked(ctx context.Context) error {
	b := m.collect()
	if len(b.Metrics) == 0 {
		return nil
	}
	ectx, cancel := context.WithTimeout(Suppress(ctx), m.cfg.Timeout)
	defer cancel()
	var first error
	for _, e := range m.cfg.Exporters {
		if err := safeExportMetrics(ectx, e, b); err != nil {
			warnOnce("metrics export: " + err.Error())
			if first == nil {
				first = err
			}
		}
	}
	return first
}

// shutdown exports a last time and stops the exporters.
func (m *meter) shutdown(ctx context.Context) error {
	if !lockWithin(ctx, &m.mu) {
		return ctx.Err()
	}
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	m.closed = true
	close(m.stop)
	err := m.exportLocked(ctx)
	for _, e := range m.cfg.Exporters {
		func() {
			defer func() { recover() }()
			e.Shutdown(ctx)
		}()
	}
	return err
}

func safeExportMetrics(ctx context.Context, e MetricExporter, b MetricBatch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errorString("metric exporter panicked: " + panicMessage(r))
		}
	}()
	return e.ExportMetrics(ctx, b)
}

// FlushMetrics collects and exports the metrics now (tests; programs that
// want a last export before a long pause). Exit flushes them anyway.
func FlushMetrics(ctx context.Context) error {
	if p := current(); p != nil && p.metrics != nil {
		return p.metrics.export(ctx)
	}
	return nil
}

// MetricRecorder is a MetricExporter that keeps the batches in memory, for
// tests.
type MetricRecorder struct {
	mu      sync.Mutex
	batches []MetricBatch
}

func (r *MetricRecorder) ExportMetrics(_ context.Context, b MetricBatch) error {
	r.mu.Lock()
	r.batches = append(r.batches, b)
	r.mu.Unlock()
	return nil
}

func (r *MetricRecorder) Shutdown(context.Context) error { return nil }

// Batches returns the batches exported so far.
func (r *MetricRecorder) Batches() []MetricBatch {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]MetricBatch(nil), r.batches...)
}

// Metric returns the named metric of the last batch, or nil.
func (r *MetricRecorder) Metric(name string) *Metric {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.batches) == 0 {
		return nil
	}
	for _, m := range r.batches[len(r.batches)-1].Metrics {
		if m.Name == name {
			return m
		}
	}
	return nil
}
