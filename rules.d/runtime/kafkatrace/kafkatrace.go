package kafkatrace

import (
	"context"
	"net"
	"strconv"
	"strings"

	_ "orch.dev/runtime/otlphttp" // programs that use Kafka can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/kafkatrace"

// The hooks the Kafka client packages call, defined here with a value so
// that linking this package sets them (see doc.go).
var (
	produce func(ctx context.Context, topic string, key []byte, brokers string) (any, []string) = Produce
	end     func(span any, err error)                                                           = trace.EndOpaque
	process func(topic string, partition int, offset int64, key []byte,
		group, brokers string, header func(string) string) any = Process

	// For clients that hand messages over on a channel or in batches
	// (sarama, franz-go): see doc.go.
	tracing       func() bool                                                                                = trace.Enabled
	produceRemote func(header func(string) string, topic string, key []byte, brokers string) (any, []string) = ProduceRemote
	sent          func(span any, partition int32, offset int64, err error)                                   = Sent
	received      func(topic string, partition int, offset int64, key []byte,
		group, brokers string, header func(string) string) any = Received
	withSpan func(ctx context.Context, span any) context.Context = WithSpan
	enter    func(ctx context.Context) any                       = Enter
	leave    func(token any)                                     = Leave
)

// Produce starts the producer span of one message under ctx's span (else
// the goroutine's) and returns it with the headers that carry it, as key,
// value, key, value... (the propagators in force write them: W3C
// traceparent and tracestate by default); nil when tracing is off.
func Produce(ctx context.Context, topic string, key []byte, brokers string) (any, []string) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return nil, nil
	}
	attrs := append(common("send", topic, key), server(brokers)...)
	ctx, span := trace.Start(ctx, scope, "send "+topic, trace.KindProducer, attrs...)
	return carry(ctx, span)
}

// ProduceRemote is Produce for a message that a library goroutine takes
// from the program (sarama's AsyncProducer.Input channel): its parent is
// the trace context already in the message's headers (header reads one;
// a new trace without it), never the goroutine's span.
func ProduceRemote(header func(string) string, topic string, key []byte, brokers string) (any, []string) {
	if !trace.Enabled() {
		return nil, nil
	}
	attrs := append(common("send", topic, key), server(brokers)...)
	ctx, parent := remote(header)
	ctx, span := trace.StartWithParent(ctx, scope, "send "+topic, trace.KindProducer, parent, attrs...)
	return carry(ctx, span)
}

func carry(ctx context.Context, span *trace.Span) (any, []string) {
	if span == nil {
		return nil, nil
	}
	span.Deactivate() // a batch has a span per message: none nests under another
	h := &headers{}
	trace.Inject(ctx, span.SpanContext(), h)
	return span, h.kv
}

// remote is the span context (and the context with the baggage) that a
// message's headers carry; header reads one by name, whatever its case.
func remote(header func(string) string) (context.Context, trace.SpanContext) {
	ctx, parent, _ := trace.Extract(context.Background(), &headers{get: header})
	return ctx, parent
}

// headers is a message's headers as the propagators see them: read
// through get, written (lower-case keys) to kv.
type headers struct {
	get func(string) string
	kv  []string
}

func (h *headers) Get(key string) string {
	if h.get == nil {
		return ""
	}
	return h.get(key)
}

func (h *headers) Set(key, value string) { h.kv = append(h.kv, strings.ToLower(key), value) }

func (h *headers) Keys() []string {
	keys := make([]string, 0, len(h.kv)/2)
	for i := 0; i < len(h.kv); i += 2 {
		keys = append(keys, h.kv[i])
	}
	return keys
}

// Process starts the consumer span of one received message, as a child of
// the producer's span that its headers carry (header reads one by name,
// whatever its case; a new trace without them), and makes it the
// goroutine's active span until it ends.
func Process(topic string, partition int, offset int64, key []byte, group, brokers string, header func(string) string) any {
	if !trace.Enabled() {
		return nil
	}
	ctx, parent := remote(header)
	attrs := append(common("process", topic, key),
		trace.String("messaging.destination.partition.id", strconv.Itoa(partition)),
		trace.Int64("messaging.kafka.offset", offset))
	if group != "" {
		attrs = append(attrs, trace.String("messaging.consumer.group.name", group))
	}
	attrs = append(attrs, server(brokers)...)
	_, span := trace.StartWithParent(ctx, scope, "process "+topic, trace.KindConsumer, parent, attrs...)
	if span == nil {
		return nil
	}
	return span
}

// Sent ends a producer span when the broker's answer for its message
// comes back: with the partition and offset the message got, or err.
func Sent(span any, partition int32, offset int64, err error) {
	s, _ := span.(*trace.Span)
	if s == nil {
		return
	}
	if err == nil && partition >= 0 && offset >= 0 {
		s.SetAttrs(trace.String("messaging.destination.partition.id", strconv.Itoa(int(partition))),
			trace.Int64("messaging.kafka.offset", offset))
	}
	s.EndWithError(err)
}

// Received is Process for a span that is not the calling goroutine's
// active span: the caller is a library goroutine that hands the message
// to the program (sarama's Messages channel), or one call returns many
// messages (franz-go's PollFetches), and no one of them is active.
func Received(topic string, partition int, offset int64, key []byte, group, brokers string, header func(string) string) any {
	span := Process(topic, partition, offset, key, group, brokers, header)
	if s, _ := span.(*trace.Span); s != nil {
		s.Deactivate()
		return s
	}
	return nil
}

// WithSpan is ctx (context.Background() for nil) carrying span, for a
// received message's own context (franz-go's Record.Context).
func WithSpan(ctx context.Context, span any) context.Context {
	if s, _ := span.(*trace.Span); s != nil {
		return trace.ContextWithSpan(ctx, s)
	}
	return ctx
}

type entered struct{ prev *trace.Span }

// Enter makes the span that ctx carries (a received message's) the
// goroutine's active span while the library calls the program's code for
// that message, and returns what Leave needs to give the goroutine its
// previous span back (nil: nothing to do).
func Enter(ctx context.Context) any {
	s := trace.SpanFromContext(ctx)
	if s == nil || !trace.HasGLS() {
		return nil
	}
	return entered{trace.SetGoroutineSpan(s)}
}

// Leave undoes Enter.
func Leave(token any) {
	if e, ok := token.(entered); ok {
		trace.SetGoroutineSpan(e.prev)
	}
}

func common(op, topic string, key []byte) []trace.Attr {
	attrs := make([]trace.Attr, 0, 10)
	attrs = append(attrs,
		trace.String("messaging.system", "kafka"),
		trace.String("messaging.operation.name", op),
		trace.String("messaging.operation.type", op),
		trace.String("messaging.destination.name", topic))
	if len(key) > 0 {
		attrs = append(attrs, trace.String("messaging.kafka.message.key", string(key)))
	}
	return attrs
}

// server is server.address and server.port of the first of a
// comma-separated broker list.
func server(brokers string) []trace.Attr {
	if i := strings.IndexByte(brokers, ','); i >= 0 {
		brokers = brokers[:i]
	}
	if brokers == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(brokers)
	if err != nil {
		return []trace.Attr{trace.String("server.address", brokers)}
	}
	n, err := strconv.Atoi(port)
	if err != nil {
		return []trace.Attr{trace.String("server.address", host)}
	}
	return []trace.Attr{trace.String("server.address", host), trace.Int("server.port", n)}
}
