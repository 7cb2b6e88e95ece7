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
	if span == nil {
		return nil, "", ""
	}
	span.Deactivate() // a batch has a span per message: none nests under another
	sc := span.SpanContext()
	return span, trace.FormatTraceparent(sc), sc.TraceState
}

// Process starts the consumer span of one received message, as a child of
// the producer's span that traceparent names (a new trace without it),
// and makes it the goroutine's active span until it ends.
func Process(topic string, partition int, offset int64, key []byte, group, brokers, traceparent, tracestate string) any {
	if !trace.Enabled() {
		return nil
	}
	var parent trace.SpanContext
	if traceparent != "" {
		h := map[string][]string{"Traceparent": {traceparent}}
		if tracestate != "" {
			h["Tracestate"] = []string{tracestate}
		}
		parent, _ = trace.ExtractHeader(h)
	}
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
