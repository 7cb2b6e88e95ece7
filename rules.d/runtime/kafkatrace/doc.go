// Package kafkatrace traces Kafka clients: a producer span per message
// sent, with the trace context in the message's headers, and a consumer
// span per message received, continuing the producer's trace.
//
// # Hook contract (rules.d/kafkago.toml, github.com/segmentio/kafka-go)
//
// Link-time dependency of every rule: orch.dev/runtime/kafkatrace. In
// package kafka (writer.go), next to (*Writer).WriteMessages:
//
//	//go:linkname __orch_kafka_produce orch.dev/runtime/kafkatrace.produce
//	var __orch_kafka_produce func(ctx context.Context, topic string, key []byte, brokers string) (span interface{}, headers []string)
//
//	//go:linkname __orch_kafka_end orch.dev/runtime/kafkatrace.end
//	var __orch_kafka_end func(span interface{}, err error)
//
//	//go:linkname __orch_kafka_process orch.dev/runtime/kafkatrace.process
//	var __orch_kafka_process func(topic string, partition int, offset int64, key []byte, group, brokers string, header func(string) string) interface{}
//
// (*Writer).WriteMessages(ctx, msgs...) copies msgs, calls produce for each
// message (topic: the message's, else the writer's; brokers: w.Addr), sets
// the copy's headers named in what produce returned (key, value, ...: the
// trace context, written by the propagators in force) to those values,
// writes the copy, and ends every span with the call's error.
//
// struct Reader gets a field `__orch_span interface{}`: the span of the
// message the Reader returned last. (*Reader).FetchMessage (which
// ReadMessage calls) first ends that span (under r.mutex), and when it
// returns a message, calls process with the message's topic, partition,
// offset, key, a reader of its headers (by name, any case), the reader's
// group and first broker,
// and keeps the span; (*Reader).Close ends it.
//
// # Hook contract (rules.d/sarama.toml, github.com/IBM/sarama)
//
// In package sarama (async_producer.go, next to newAsyncProducer), besides
// produce, end and received's declarations as above and below:
//
//	//go:linkname __orch_kafka_tracing orch.dev/runtime/kafkatrace.tracing
//	var __orch_kafka_tracing func() bool
//
//	//go:linkname __orch_kafka_produce_remote orch.dev/runtime/kafkatrace.produceRemote
//	var __orch_kafka_produce_remote func(header func(string) string, topic string, key []byte, brokers string) (span interface{}, headers []string)
//
//	//go:linkname __orch_kafka_sent orch.dev/runtime/kafkatrace.sent
//	var __orch_kafka_sent func(span interface{}, partition int32, offset int64, err error)
//
//	//go:linkname __orch_kafka_received orch.dev/runtime/kafkatrace.received
//	var __orch_kafka_received func(topic string, partition int, offset int64, key []byte, group, brokers string, header func(string) string) interface{}
//
// struct ProducerMessage gets `__orch_span interface{}`. (*syncProducer)
// SendMessage and SendMessages call produce (caller's goroutine) for each
// message, (*topicProducer).partitionMessage calls produceRemote (with the
// message's own trace context headers) for a message that has no span
// yet (the AsyncProducer's); both replace the message's headers with a
// new slice that carries the span's trace context headers. (*asyncProducer)
// returnSuccesses, returnErrors and returnError call sent with the
// message's partition and offset, or the error, and clear the field.
//
// (*partitionConsumer).Messages returns, when tracing is on at its first
// call, a channel of orch's (created once, unbuffered; else sarama's own)
// that a goroutine feeds from sarama's: for each message it
// calls received and ends the previous message's span once the program
// took the message; (*partitionConsumer).AsyncClose (and the channel's
// end) ends the last one. After AsyncClose the goroutine still hands the
// program every message until sarama's channel closes (the program
// drains it); after (*partitionConsumer).Close, which says the program
// reads no more, it drops them. newConsumerGroupClaim tells the claim's
// partition consumer its group's name.
//
// # Hook contract (rules.d/franzgo.toml, github.com/twmb/franz-go/pkg/kgo)
//
// In package kgo (producer.go, next to (*Client).produce): produce, sent,
// end and received, declared as above. struct Client gets `__orch_mu
// sync.Mutex` and `__orch_spans []interface{}`. (*Client).produce (which
// Produce, TryProduce and ProduceSync call) calls produce with the
// record's Context (else the call's ctx), replaces the record's headers
// with a new slice that carries the span's trace context, and wraps the
// promise in one that calls sent first. (*Client).PollRecords (which
// PollFetches calls) ends the spans of the previous poll's records, calls
// received for each record it returns and sets the record's Context to
// withSpan(r.Context, span); (*Client).Close ends them. EachRecord(fn) of
// Fetches, *FetchTopic, *FetchPartition and *FetchTopicPartition wraps fn
// in enter(r.Context) ... leave(token), declared as
//
//	//go:linkname __orch_kafka_with_span orch.dev/runtime/kafkatrace.withSpan
//	var __orch_kafka_with_span func(ctx context.Context, span interface{}) context.Context
//
//	//go:linkname __orch_kafka_enter orch.dev/runtime/kafkatrace.enter
//	var __orch_kafka_enter func(ctx context.Context) interface{}
//
//	//go:linkname __orch_kafka_leave orch.dev/runtime/kafkatrace.leave
//	var __orch_kafka_leave func(token interface{})
//
// # Spans (semantic conventions v1.37.0)
//
// Trace context in headers: the propagators in force (trace.Inject and
// Extract: the program's OpenTelemetry propagator, else OTEL_PROPAGATORS;
// W3C traceparent and tracestate by default), keys written in lower case.
//
// Producer: kind producer, name "send TOPIC", parent ctx's span else the
// goroutine's. Consumer: kind consumer, name "process TOPIC", parent the
// producer's span from the headers (a new trace without them); it is the
// goroutine's active span while the program processes the message, from
// the moment the Reader returns it until the program asks for the next
// message or closes the Reader (so work done for the message nests under
// it). Attributes: messaging.system=kafka, messaging.operation.name and
// messaging.operation.type (send / process), messaging.destination.name,
// messaging.kafka.message.key (when the key is set), and for consumers
// messaging.destination.partition.id, messaging.kafka.offset,
// messaging.consumer.group.name (when the Reader has a group);
// server.address and server.port of the (first) broker. A failed write
// marks every span of the call failed.
//
// Clients that deliver messages on a channel or many at once (sarama,
// franz-go) use received: the consumer span is not the active span of
// any goroutine (no library code runs in the program's goroutine when it
// takes a message off a channel, and a poll returns many), except while
// franz-go's EachRecord hands the program its record (enter/leave). Producer spans
// that end with sent get messaging.destination.partition.id and
// messaging.kafka.offset when the broker accepted the message.
package kafkatrace
