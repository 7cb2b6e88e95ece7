package kafkatrace

import (
	"context"
	"errors"
	"strings"
	"testing"

	"orch.dev/runtime/trace"
)

func record(t *testing.T) *trace.Recorder {
	rec := &trace.Recorder{}
	shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	t.Cleanup(func() { shutdown(context.Background()); trace.Setup(trace.Config{}) })
	return rec
}

func attr(s *trace.Span, k string) string {
	v, ok := s.Attr(k)
	if !ok {
		return ""
	}
	return v.String()
}

// A message produced under a span, sent (offset), consumed elsewhere.
func TestProduceSentReceived(t *testing.T) {
	rec := record(t)
	ctx, parent := trace.Start(context.Background(), "test", "handler", trace.KindServer)
	span, kv := produce(ctx, "orders", []byte("k1"), "127.0.0.1:9092,other:9092")
	failed, _ := produce(ctx, "orders", nil, "")
	if trace.HasGLS() && trace.Active(context.Background()) != parent { // (goroutine spans: built with orch)
		t.Fatal("a producer span must not stay the goroutine's active span")
	}
	sent(span, 3, 42, nil)
	sent(failed, -1, -1, errors.New("broker down"))
	parent.End()

	got := received("orders", 3, 42, []byte("k1"), "", "127.0.0.1:9092", lookup(kv))
	if trace.HasGLS() && trace.Active(context.Background()) != nil {
		t.Fatal("a received span must not be the goroutine's active span")
	}
	end(got, nil)

	spans := rec.Spans()
	if len(spans) != 4 {
		t.Fatalf("%d spans", len(spans))
	}
	send, bad, consumer := spans[0], spans[1], spans[3]
	if send.Name() != "send orders" || send.Kind() != trace.KindProducer || send.Parent() != parent.SpanContext().SpanID {
		t.Fatalf("send span %q %v", send.Name(), send.Kind())
	}
	for k, v := range map[string]string{"messaging.destination.partition.id": `"3"`, "messaging.kafka.offset": "42",
		"server.address": `"127.0.0.1"`, "server.port": "9092", "messaging.kafka.message.key": `"k1"`} {
		if attr(send, k) != v {
			t.Errorf("send %s = %s, want %s", k, attr(send, k), v)
		}
	}
	if code, msg := bad.Status(); code != trace.StatusError || msg != "broker down" || attr(bad, "messaging.kafka.offset") != "" {
		t.Errorf("failed send: %v %q, offset %s", code, msg, attr(bad, "messaging.kafka.offset"))
	}
	if consumer.Name() != "process orders" || consumer.Kind() != trace.KindConsumer ||
		consumer.Parent() != send.SpanContext().SpanID || consumer.SpanContext().TraceID != send.SpanContext().TraceID {
		t.Fatalf("consumer span %q %v: not the send span's child", consumer.Name(), consumer.Kind())
	}
	if attr(consumer, "messaging.consumer.group.name") != "" || attr(consumer, "messaging.kafka.offset") != "42" {
		t.Errorf("consumer attributes %v", consumer.Attrs())
	}
}

// A message a library goroutine takes: the parent is in its headers.
func TestProduceRemote(t *testing.T) {
	rec := record(t)
	_, other := trace.Start(context.Background(), "test", "goroutine's", trace.KindInternal)
	defer other.End()
	_, kv := produceRemote(lookup(nil), "orders", nil, "")
	tp := lookup(kv)("Traceparent") // (any case)
	child, _ := produceRemote(lookup(kv), "orders", nil, "")
	if trace.HasGLS() && trace.Active(context.Background()) != other {
		t.Fatal("the goroutine's span changed")
	}
	end(child, nil)
	spans := rec.Spans()
	if len(spans) != 1 {
		t.Fatalf("%d spans", len(spans))
	}
	if sc, _ := trace.ParseTraceparent(tp); spans[0].Parent() != sc.SpanID || spans[0].SpanContext().TraceID != sc.TraceID {
		t.Errorf("parent %v, want the headers' %s", spans[0].Parent(), tp)
	}
	if tp == "" || spans[0].Parent() == other.SpanContext().SpanID {
		t.Error("a remote producer span must not nest under the goroutine's span")
	}
}

func TestOff(t *testing.T) {
	if tracing() {
		t.Skip("tracing configured in the environment")
	}
	if span, kv := produceRemote(lookup(nil), "t", nil, ""); span != nil || kv != nil {
		t.Error("spans while tracing is off")
	}
	if received("t", 0, 0, nil, "", "", lookup(nil)) != nil {
		t.Error("spans while tracing is off")
	}
	sent(nil, 0, 0, nil) // no panic
}

// A polled record's context carries its span; Enter makes it active.
func TestRecordContext(t *testing.T) {
	rec := record(t)
	span := received("orders", 0, 1, nil, "g", "", lookup(nil))
	ctx := withSpan(nil, span)
	if trace.SpanFromContext(ctx) != span.(*trace.Span) {
		t.Fatal("the record's context must carry its span")
	}
	if withSpan(context.Background(), nil) != context.Background() {
		t.Error("no span: the context unchanged")
	}
	token := enter(ctx)
	_, child := trace.Start(context.Background(), "test", "handle", trace.KindInternal)
	child.End()
	leave(token)
	leave(enter(context.Background())) // nothing to do
	end(span, nil)
	spans := rec.Spans()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	if trace.HasGLS() && spans[0].Parent() != spans[1].SpanContext().SpanID {
		t.Error("the handling must nest under the entered span")
	}
	if trace.HasGLS() && trace.Active(context.Background()) != nil {
		t.Error("Leave must give the goroutine its previous span back")
	}
}

// lookup reads headers given as key, value, ... by name, whatever its case
// (what the rules' injected code does with a message's headers).
func lookup(kv []string) func(string) string {
	return func(key string) string {
		for i := 0; i+1 < len(kv); i += 2 {
			if strings.EqualFold(kv[i], key) {
				return kv[i+1]
			}
		}
		return ""
	}
}
