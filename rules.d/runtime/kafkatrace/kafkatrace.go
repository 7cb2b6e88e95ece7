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
	produce func(ctx context.Context, topic string, key []byte, brokers string) (any, string, string) = Produce
	end     func(span any, err error)                                                                 = trace.EndOpaque
	process func(topic string, partition int, offset int64, key []byte,
		group, brokers, traceparent, tracestate string) any = Process

	// For clients that hand messages over on a channel or in batches
	// (sarama, franz-go): see doc.go.
	tracing       func() bool                                                                                   = trace.Enabled
	produceRemote func(traceparent, tracestate, topic string, key []byte, brokers string) (any, string, string) = ProduceRemote
	sent          func(span any, partition int32, offset int64, err error)                                      = Sent
	received      func(topic string, partition int, offset int64, key []byte,
		group, brokers, traceparent, tracestate string) any = Received
	withSpan func(ctx context.Context, span any) context.Context = WithSpan
	enter    func(ctx context.Context) any                       = Enter
	leave    func(token any)                                     = Leave
)

// Produce starts the producer span of one message under ctx's span (else
// the goroutine's) and returns it with the traceparent and tracestate
// header values that carry it; nil when tracing is off.
func Produce(ctx context.Context, topic string, key []byte, brokers string) (any, string, string) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return nil, "", ""
	}
	attrs := append(common("send", topic, key), server(brokers)...)
	_, span := trace.Start(ctx, scope, "send "+topic, trace.KindProducer, attrs...)
	return carry(span)
}

// ProduceRemote is Produce for a message that a library goroutine takes
// from the program (sarama's AsyncProducer.Input channel): its parent is
// the trace context already in the message's headers (a new trace
// without it), never the goroutine's span.
func ProduceRemote(traceparent, tracestate, topic string, key []byte, brokers string) (any, string, string) {
	if !trace.Enabled() {
		return nil, "", ""
	}
	attrs := append(common("send", topic, key), server(brokers)...)
	_, span := trace.StartWithParent(context.Background(), scope, "send "+topic, trace.KindProducer,
		remote(traceparent, tracestate), attrs...)
	return carry(span)
}

func carry(span *trace.Span) (any, string, string) {
	if span == nil {
		return nil, "", ""
	}
	span.Deactivate() // a batch has a span per message: none nests under another
	sc := span.SpanContext()
	return span, trace.FormatTraceparent(sc), sc.TraceState
}

// remote is the span context that traceparent and tracestate carry.
func remote(traceparent, tracestate string) trace.SpanContext {
	var parent trace.SpanContext
	if traceparent != "" {
		h := map[string][]string{"Traceparent": {traceparent}}
		if tracestate != "" {
			h["Tracestate"] = []string{tracestate}
		}
		parent, _ = trace.ExtractHeader(h)
	}
	return parent
}

// Process starts the consumer span of one received message, as a child of
// the producer's span that traceparent names (a new trace without it),
// and makes it the goroutine's active span until it ends.
func Process(topic string, partition int, offset int64, key []byte, group, brokers, traceparent, tracestate string) any {
	if !trace.Enabled() {
		return nil
	}
	parent := remote(traceparent, tracestate)
	attrs := append(common("process", topic, key),
		trace.String("messaging.destination.partition.id", strconv.Itoa(partition)),
		trace.Int64("messaging.kafka.offset", offset))
	if group != "" {
		attrs = append(attrs, trace.String("messaging.consumer.group.name", group))
	}
	attrs = append(attrs, server(brokers)...)
	_, span := trace.StartWithParent(context.Background(), scope, "process "+topic, trace.KindConsumer, parent, attrs...)
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
func Received(topic string, partition int, offset int64, key []byte, group, brokers, traceparent, tracestate string) any {
	span := Process(topic, partition, offset, key, group, brokers, traceparent, tracestate)
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
