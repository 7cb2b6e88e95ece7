// A Kafka producer and consumer with twmb/franz-go, in separate processes:
// `produce BROKER TOPIC` produces k1 (Produce with a
// promise) and k2 (ProduceSync) inside a span of its own; `consume BROKER
// TOPIC GROUP N` polls N records in a consumer group and handles each.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	broker, topic := os.Args[2], os.Args[3]
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var err error
	switch os.Args[1] {
	case "produce":
		err = produce(ctx, broker, topic)
	case "consume":
		n, _ := strconv.Atoi(os.Args[5])
		err = consume(ctx, broker, topic, os.Args[4], n)
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:produce
func produce(ctx context.Context, broker, topic string) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(broker), kgo.DefaultProduceTopic(topic),
		kgo.AllowAutoTopicCreation()) // the broker creates it with one partition
	if err != nil {
		return err
	}
	defer cl.Close()
	var wg sync.WaitGroup
	var perr error
	wg.Add(1)
	r1 := &kgo.Record{Key: []byte("k1"), Value: []byte("one"), Headers: []kgo.RecordHeader{{Key: "app", Value: []byte("x")}}}
	cl.Produce(ctx, r1, func(r *kgo.Record, err error) {
		perr = err
		wg.Done()
	})
	wg.Wait()
	if perr != nil {
		return perr
	}
	return cl.ProduceSync(ctx, &kgo.Record{Topic: topic, Key: []byte("k2"), Value: []byte("two")}).FirstErr()
}

func consume(ctx context.Context, broker, topic, group string, n int) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(broker), kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		return err
	}
	defer cl.Close()
	for got := 0; got < n; {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			return err
		}
		fs.EachRecord(func(r *kgo.Record) {
			hs := ""
			for _, h := range r.Headers {
				hs += h.Key + " "
			}
			handle(string(r.Key), string(r.Value), hs)
			got++
		})
	}
	return nil
}

//orch:span span.name:handle
func handle(key, value, headers string) {
	fmt.Println("got", key, value, headers)
}
