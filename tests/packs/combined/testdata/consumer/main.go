// The order events' consumer: reads one message of TOPIC in consumer group
// GROUP with the client -client names (kafkago, sarama or franzgo) and
// handles it (a span of its own), then exits.
//
//	consumer -client CLIENT -broker ADDR -topic TOPIC -group GROUP
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/IBM/sarama"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	client := flag.String("client", "", "kafkago, sarama or franzgo")
	broker := flag.String("broker", "", "Kafka broker address")
	topic := flag.String("topic", "", "Kafka topic")
	group := flag.String("group", "", "consumer group")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var err error
	switch *client {
	case "kafkago":
		err = withKafkago(ctx, *broker, *topic, *group)
	case "sarama":
		err = withSarama(ctx, *broker, *topic, *group)
	case "franzgo":
		err = withFranzgo(ctx, *broker, *topic, *group)
	default:
		err = fmt.Errorf("unknown client %q", *client)
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:handle
func handle(key, value string) {
	fmt.Println("got", key, value)
}

func withKafkago(ctx context.Context, broker, topic, group string) error {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{broker}, Topic: topic, GroupID: group,
		MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	m, err := r.ReadMessage(ctx)
	if err != nil {
		return err
	}
	handle(string(m.Key), string(m.Value))
	return nil
}

type claims struct{ done chan struct{} }

func (h *claims) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *claims) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (h *claims) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		handle(string(msg.Key), string(msg.Value))
		sess.MarkMessage(msg, "")
		close(h.done)
		return nil
	}
	return nil
}

func withSarama(ctx context.Context, broker, topic, group string) error {
	c := sarama.NewConfig()
	c.Consumer.Offsets.Initial = sarama.OffsetOldest
	c.Consumer.Group.Rebalance.GroupStrategies = []sarama.BalanceStrategy{sarama.NewBalanceStrategyRange()}
	cg, err := sarama.NewConsumerGroup([]string{broker}, group, c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	h := &claims{done: make(chan struct{})}
	errc := make(chan error, 1)
	go func() {
		for ctx.Err() == nil {
			if err := cg.Consume(ctx, []string{topic}, h); err != nil {
				errc <- err
				return
			}
		}
	}()
	select {
	case <-h.done:
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
	cancel()
	return cg.Close()
}

func withFranzgo(ctx context.Context, broker, topic, group string) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(broker), kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		return err
	}
	defer cl.Close()
	for got := 0; got == 0; {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			return err
		}
		fs.EachRecord(func(r *kgo.Record) {
			handle(string(r.Key), string(r.Value))
			got++
		})
	}
	return nil
}
