// A Kafka producer and consumers with IBM/sarama, in separate processes:
//
//	produce BROKER TOPIC         a SyncProducer sends k1 (SendMessage) and
//	                             k2 (SendMessages), an AsyncProducer k3,
//	                             inside a span of its own
//	group BROKER TOPIC GROUP N   a consumer group reads N messages
//	partition BROKER TOPIC N     a partition consumer reads N messages
//
// Each message is handled by handle (a span of its own).
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/IBM/sarama"
)

func main() {
	broker, topic := os.Args[2], os.Args[3]
	var err error
	switch os.Args[1] {
	case "produce":
		err = createTopic(broker, topic)
		if err == nil {
			err = produce(broker, topic)
		}
	case "group":
		n, _ := strconv.Atoi(os.Args[5])
		err = group(broker, topic, os.Args[4], n)
	case "partition":
		n, _ := strconv.Atoi(os.Args[4])
		err = partition(broker, topic, n)
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func config() *sarama.Config {
	c := sarama.NewConfig()
	c.Producer.Return.Successes = true
	c.Producer.RequiredAcks = sarama.WaitForAll
	c.Consumer.Offsets.Initial = sarama.OffsetOldest
	c.Consumer.Group.Rebalance.GroupStrategies = []sarama.BalanceStrategy{sarama.NewBalanceStrategyRange()}
	return c
}

func createTopic(broker, topic string) error {
	admin, err := sarama.NewClusterAdmin([]string{broker}, config())
	if err != nil {
		return err
	}
	defer admin.Close()
	if err := admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: 1, ReplicationFactor: 1}, false); err != nil {
		return err
	}
	client, err := sarama.NewClient([]string{broker}, config())
	if err != nil {
		return err
	}
	defer client.Close()
	for i := 0; ; i++ { // until the partition has a leader
		if err := client.RefreshMetadata(topic); err == nil {
			if b, err := client.Leader(topic, 0); err == nil && b != nil {
				return nil
			}
		}
		if i == 300 {
			return fmt.Errorf("topic %s has no leader", topic)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

//orch:span span.name:produce
func produce(broker, topic string) error {
	sp, err := sarama.NewSyncProducer([]string{broker}, config())
	if err != nil {
		return err
	}
	m1 := &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder("k1"), Value: sarama.StringEncoder("one"),
		Headers: []sarama.RecordHeader{{Key: []byte("app"), Value: []byte("x")}}}
	if _, _, err := sp.SendMessage(m1); err != nil {
		return err
	}
	m2 := &sarama.ProducerMessage{Topic: topic, Key: sarama.ByteEncoder("k2"), Value: sarama.StringEncoder("two")}
	if err := sp.SendMessages([]*sarama.ProducerMessage{m2}); err != nil {
		return err
	}
	if err := sp.Close(); err != nil {
		return err
	}
	ap, err := sarama.NewAsyncProducer([]string{broker}, config())
	if err != nil {
		return err
	}
	ap.Input() <- &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder("k3"), Value: sarama.StringEncoder("three")}
	select {
	case <-ap.Successes():
	case e := <-ap.Errors():
		return e.Err
	}
	return ap.Close()
}

type handler struct {
	n    int
	done chan struct{}
}

func (h *handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (h *handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		handle(msg)
		sess.MarkMessage(msg, "")
		if h.n--; h.n == 0 {
			close(h.done)
		}
	}
	return nil
}

func group(broker, topic, groupID string, n int) error {
	cg, err := sarama.NewConsumerGroup([]string{broker}, groupID, config())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	h := &handler{n: n, done: make(chan struct{})}
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

func partition(broker, topic string, n int) error {
	c, err := sarama.NewConsumer([]string{broker}, config())
	if err != nil {
		return err
	}
	pc, err := c.ConsumePartition(topic, 0, sarama.OffsetOldest)
	if err != nil {
		return err
	}
	timeout := time.After(60 * time.Second)
	for i := 0; i < n; i++ {
		select {
		case msg := <-pc.Messages():
			handle(msg)
		case <-timeout:
			return fmt.Errorf("timed out")
		}
	}
	if err := pc.Close(); err != nil {
		return err
	}
	return c.Close()
}

func handle(msg *sarama.ConsumerMessage) {
	var hs []string
	for _, h := range msg.Headers {
		hs = append(hs, string(h.Key))
	}
	work(string(msg.Key), string(msg.Value), strings.Join(hs, " "))
}

//orch:span span.name:handle
func work(key, value, headers string) {
	fmt.Println("got", key, value, headers)
	time.Sleep(20 * time.Millisecond)
}
