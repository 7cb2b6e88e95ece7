package trace

import (
	"context"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Exporter sends finished spans somewhere. Export is called by one
// goroutine at a time, never on a goroutine that is running user code
// except at exit. It must honour ctx's deadline and must not trace itself:
// ctx is marked with Suppress, which orch's hooks check.
type Exporter interface {
	Export(ctx context.Context, b Batch) error
	Shutdown(ctx context.Context) error
}

// Batch is what an exporter receives: the process's resource and spans.
type Batch struct {
	Resource []Attr
	Spans    []*Span
}

// Config configures tracing programmatically (tests, or programs that want
// to choose in code). Without a call to Setup, the first span reads the
// environment instead (see doc.go).
type Config struct {
	Resource    []Attr // service.name etc.; telemetry.sdk.* are added
	Sampler     Sampler
	Exporters   []Exporter    // none: tracing is off
	Synchronous bool          // export each span as it ends, on its goroutine (tests)
	QueueSize   int           // spans waiting for export; more are dropped (2048)
	BatchSize   int           // spans per export (512)
	Delay       time.Duration // longest wait before a partial batch is sent (5s)
	Timeout     time.Duration // per export (30s)
	Metrics     MetricsConfig // no exporters: metrics are off
}

type provider struct {
	sampler  Sampler
	resource []Attr
	q        *queue    // nil when off
	api      APITracer // the program's SDK, which then gets every span (api.go)
	metrics  *meter    // nil when off (metric.go)
}

var (
	global   atomic.Pointer[provider]
	initOnce sync.Once
)

// current returns the provider in force, or nil when tracing is off.
// The first call reads the environment (nothing may rely on package init:
// orch links this package into programs whose import graph may not run it).
func current() *provider {
	p := global.Load()
	if p == nil {
		initOnce.Do(func() {
			if global.Load() == nil {
				global.CompareAndSwap(nil, newProvider(configFromEnv(os.Getenv)))
			}
		})
		p = global.Load()
	}
	if p.q == nil && p.api == nil && p.metrics == nil {
		return nil
	}
	return p
}

// Enabled reports whether spans are being made: for export, or only for
// the metrics that are derived from them. Integrations test it before
// doing any work.
func Enabled() bool { return current() != nil }

// MetricsOnly reports whether spans are made for their metrics only
// (metrics on, traces off). Then nothing is injected into outgoing
// requests and log records get no trace ids: turning metrics on changes
// neither what goes on the wire nor the logs.
func MetricsOnly() bool {
	p := current()
	return p != nil && p.q == nil && p.api == nil
}

// Setup replaces the tracing configuration (the previous one is flushed
// and shut down) and returns a function that flushes and shuts down the
// new one.
func Setup(cfg Config) (shutdown func(context.Context) error) {
	p := newProvider(cfg)
	initOnce.Do(func() {}) // the environment no longer matters
	if old := global.Swap(p); old != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		old.shutdown(ctx)
		cancel()
	}
	return p.shutdown
}

// Flush exports every span that has ended so far.
func Flush(ctx context.Context) error {
	if p := current(); p != nil && p.q != nil {
		return p.q.flush(ctx)
	}
	return nil
}

// Shutdown flushes and stops the exporters of spans and metrics; later
// spans are dropped. orch calls it at exit; programs need not.
func Shutdown(ctx context.Context) error {
	if p := global.Load(); p != nil {
		return p.shutdown(ctx)
	}
	return nil
}

// shutdown exports the last spans and metrics and stops the exporters.
func (p *provider) shutdown(ctx context.Context) error {
	var err error
	if p.q != nil {
		err = p.q.shutdown(ctx)
	}
	if p.metrics != nil {
		if e := p.metrics.shutdown(ctx); err == nil {
			err = e
		}
	}
	return err
}

func newProvider(cfg Config) *provider {
	p := &provider{sampler: cfg.Sampler, resource: withSDKResource(cfg.Resource)}
	if p.sampler.desc == "" {
		p.sampler = ParentBasedAlwaysOn
	}
	if len(cfg.Exporters) > 0 {
		p.q = newQueue(cfg, p.resource)
		if !cfg.Synchronous {
			watchSignals()
		}
	}
	if p.metrics = newMeter(cfg.Metrics, p.resource); p.metrics != nil && !cfg.Metrics.Manual {
		p.metrics.start()
		watchSignals()
	}
	return p
}

func (p *provider) onEnd(s *Span) {
	if p.metrics != nil {
		p.metrics.inst.recordSpan(s)
	}
	if s.metricsOnly {
		return
	}
	if p.api != nil {
		p.api.End(s.handle, s)
		return
	}
	p.q.add(s)
}

// Suppress marks ctx so that work done under it (an exporter's HTTP
// request) is not traced.
func Suppress(ctx context.Context) context.Context {
	return context.WithValue(ctx, suppressKey{}, true)
}

// IsSuppressed reports whether ctx was marked with Suppress.
func IsSuppressed(ctx context.Context) bool {
	return ctx != nil && ctx.Value(suppressKey{}) != nil
}

type suppressKey struct{}

// --- the export queue ---------------------------------------------------------

// queue batches ended spans for the exporters. Adding never blocks: when
// the channel is full the span is dropped and counted, and shutdown (at
// exit) says once on stderr how many were. Spans leave the
// channel only under mu (drainLocked), so a flush exports every span added
// before it. One goroutine, started with the first span (at init when the
// environment configures tracing: see init), exports when a batch is full
// (add kicks it) or the delay has passed; flush and shutdown export on the
// caller's goroutine.
type queue struct {
	ch        chan *Span
	exporters []Exporter
	resource  []Attr
	sync      bool
	batchSize int
	delay     time.Duration
	timeout   time.Duration

	startOnce sync.Once
	kick      chan struct{} // a batch is ready
	dropped   atomic.Uint64 // spans the full channel refused
	closed    atomic.Bool

	mu      sync.Mutex
	pending []*Span
}

func newQueue(cfg Config, resource []Attr) *queue {
	q := &queue{
		exporters: cfg.Exporters,
		resource:  resource,
		sync:      cfg.Synchronous,
		batchSize: orDefault(cfg.BatchSize, 512),
		delay:     time.Duration(orDefault(int(cfg.Delay), int(5*time.Second))),
		timeout:   time.Duration(orDefault(int(cfg.Timeout), int(30*time.Second))),
	}
	q.ch = make(chan *Span, max(orDefault(cfg.QueueSize, 2048), q.batchSize))
	q.kick = make(chan struct{}, 1)
	return q
}

func orDefault(v, d int) int {
	if v > 0 {
		return v
	}
	return d
}

func (q *queue) add(s *Span) {
	if q.closed.Load() {
		return // ended after shutdown (at exit): nobody is exporting
	}
	if q.sync {
		q.mu.Lock()
		q.pending = append(q.pending, s)
		q.exportLocked(context.Background())
		q.mu.Unlock()
		return
	}
	q.start()
	select {
	case q.ch <- s:
		if len(q.ch) >= q.batchSize {
			select {
			case q.kick <- struct{}{}:
			default:
			}
		}
	default:
		q.dropped.Add(1)
	}
}

// start starts the exporting goroutine, once (a synchronous queue has none).
func (q *queue) start() {
	if !q.sync {
		q.startOnce.Do(func() { go q.loop() })
	}
}

func (q *queue) loop() {
	SetGoroutineSpan(nil) // this goroutine inherited its creator's span
	t := time.NewTicker(q.delay)
	for {
		idle := false
		select {
		case <-q.kick:
		case <-t.C:
			idle = true
		}
		q.mu.Lock()
		q.drainLocked()
		if idle && len(q.pending) == 0 {
			q.idleLocked()
		}
		q.exportLocked(context.Background())
		q.mu.Unlock()
	}
}

// idler is implemented by exporters that hold spans back (the console
// exporter waits for whole traces): called when a delay passed without spans.
type idler interface{ Idle() }

func (q *queue) idleLocked() {
	for _, e := range q.exporters {
		if i, ok := e.(idler); ok {
			i.Idle()
		}
	}
}

func (q *queue) drainLocked() {
	for {
		select {
		case s := <-q.ch:
			q.pending = append(q.pending, s)
		default:
			return
		}
	}
}

// exportLocked sends the pending spans in batches; errors are reported
// once per kind on stderr and the spans dropped (no retry: never block).
func (q *queue) exportLocked(ctx context.Context) {
	for len(q.pending) > 0 {
		n := min(len(q.pending), q.batchSize)
		b := Batch{Resource: q.resource, Spans: q.pending[:n]}
		ectx, cancel := context.WithTimeout(Suppress(ctx), q.timeout)
		for _, e := range q.exporters {
			if err := safeExport(ectx, e, b); err != nil {
				warnOnce("export: " + err.Error())
			}
		}
		cancel()
		clear(q.pending[:n])
		q.pending = q.pending[n:]
	}
	q.pending = q.pending[:0:0]
}

// safeExport runs one exporter, turning a panic into an error: tracing
// must never crash the program.
func safeExport(ctx context.Context, e Exporter, b Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errorString("exporter panicked: " + panicMessage(r))
		}
	}()
	return e.Export(ctx, b)
}

type errorString string

func (e errorString) Error() string { return string(e) }

func (q *queue) flush(ctx context.Context) error {
	if !lockWithin(ctx, &q.mu) {
		return ctx.Err()
	}
	defer q.mu.Unlock()
	q.drainLocked()
	q.exportLocked(ctx)
	return ctx.Err()
}

func (q *queue) shutdown(ctx context.Context) error {
	if q.closed.Swap(true) {
		return nil
	}
	err := q.flush(ctx)
	if d := q.dropped.Load(); d > 0 { // once: closed was false
		os.Stderr.WriteString("orch: " + strconv.FormatUint(d, 10) + " spans dropped (export queue full; raise OTEL_BSP_MAX_QUEUE_SIZE)\n")
	}
	for _, e := range q.exporters {
		func() {
			defer func() { recover() }()
			if e2 := e.Shutdown(ctx); e2 != nil && err == nil {
				err = e2
			}
		}()
	}
	return err
}

// lockWithin locks mu unless ctx ends first: an export in progress (a slow
// collector) must not hold up an exit beyond its deadline.
func lockWithin(ctx context.Context, mu *sync.Mutex) bool {
	for !mu.TryLock() {
		if ctx.Err() != nil {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// With metrics or traces configured, the provider starts with the program
// (not with its first span), and so do its goroutines: the runtime metrics
// cover a program that serves nothing, and leak checkers that compare the
// goroutines before and after a test binary's tests (gleak's snapshots,
// goleak.IgnoreCurrent) count the exporters' as the program's, not as
// goroutines its tests leaked. Without, init reads seven variables and does
// nothing else; and nothing relies on it running (see current).
func init() {
	for _, name := range []string{"ORCH_METRICS_FILE", "OTEL_METRICS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
		"OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "ORCH_TRACE_FILE", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"} {
		if os.Getenv(name) != "" {
			if p := current(); p != nil && p.q != nil {
				p.q.start()
			}
			return
		}
	}
}
