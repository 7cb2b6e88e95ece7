// A Kafka producer and consumer with segmentio/kafka-go, in separate
// processes: `produce BROKER TOPIC` writes two messages inside a span of
// its own; `consume BROKER TOPIC GROUP` reads them and handles each (the
// handler's span nests under the message's consumer span).
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
)

func main() {
	broker, topic := os.Args[2], os.Args[3]
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var err error
	switch os.Args[1] {
	case "produce":
		err = createTopic(broker, topic)
		if err == nil {
			err = produce(ctx, broker, topic)
		}
	case "consume":
		err = consume(ctx, broker, topic, os.Args[4])
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func createTopic(broker, topic string) error {
	conn, err := kafka.Dial("tcp", broker)
	if err != nil {
		return err
	}
	defer conn.Close()
	controller, err := conn.Controller()
	if err != nil {
		return err
	}
	cc, err := kafka.Dial("tcp", net.JoinHostPort(controller.Host, strconv.Itoa(controller.Port)))
	if err != nil {
		return err
	}
	defer cc.Close()
	if err := cc.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: 1, ReplicationFactor: 1}); err != nil {
		return err
	}
	// Until the partition has a leader (a loaded machine takes a moment).
	for i := 0; ; i++ {
		parts, err := conn.ReadPartitions(topic)
		if err == nil && len(parts) > 0 && parts[0].Leader.Host != "" {
			return nil
		}
		if i == 300 {
			return fmt.Errorf("topic %s has no leader: %v", topic, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

//orch:span span.name:produce
func produce(ctx context.Context, broker, topic string) error {
	w := &kafka.Writer{Addr: kafka.TCP(broker), Topic: topic, BatchTimeout: 10 * time.Millisecond}
	defer w.Close()
	msgs := []kafka.Message{
		{Key: []byte("k1"), Value: []byte("one"), Headers: []kafka.Header{{Key: "app", Value: []byte("x")}}},
		{Key: []byte("k2"), Value: []byte("two")},
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		return err
	}
	if len(msgs[0].Headers) != 1 {
		return fmt.Errorf("the caller's messages were changed: %v", msgs[0].Headers)
	}
	return nil
}

func consume(ctx context.Context, broker, topic, group string) error {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{broker}, Topic: topic, GroupID: group,
		MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	for i := 0; i < 2; i++ {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		handle(string(m.Key), string(m.Value), headers(m))
	}
	return nil
}

func headers(m kafka.Message) string {
	s := ""
	for _, h := range m.Headers {
		s += h.Key + " "
	}
	return s
}

//orch:span span.name:handle
func handle(key, value, headers string) {
	fmt.Println("got", key, value, headers)
}
