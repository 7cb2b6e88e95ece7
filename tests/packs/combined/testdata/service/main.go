// An order service: an HTTP server whose one request, GET /checkout?order=ID,
// reads its caches (go-redis v9 GET, gomemcache Get, redigo INCR), writes
// the order in a pgx v5 transaction (BEGIN, INSERT, SELECT, COMMIT), fills
// the caches and publishes the order on Kafka with the client -producer
// names (kafkago, sarama or franzgo). Set-up
// (the table, the clients) happens before it prints `ready ADDR`, in a span
// of its own; it serves until SIGTERM.
//
//	service -redis ADDR -memcache ADDR -pg DSN -broker ADDR -producer CLIENT -topic TOPIC
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/IBM/sarama"
	"github.com/bradfitz/gomemcache/memcache"
	redigo "github.com/gomodule/redigo/redis"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

type service struct {
	rdb   *redis.Client
	mc    *memcache.Client
	pool  *redigo.Pool
	pg    *pgxpool.Pool
	topic string
	send  func(ctx context.Context, key, value string) error
}

func main() {
	redisAddr := flag.String("redis", "", "redis-server address")
	mcAddr := flag.String("memcache", "", "memcached address")
	dsn := flag.String("pg", "", "PostgreSQL DSN")
	broker := flag.String("broker", "", "Kafka broker address")
	producer := flag.String("producer", "", "kafkago, sarama or franzgo")
	topic := flag.String("topic", "", "Kafka topic")
	flag.Parse()
	s, err := setup(*redisAddr, *mcAddr, *dsn, *broker, *producer, *topic)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /checkout", s.checkout)
	fmt.Println("ready", ln.Addr())
	http.Serve(ln, mux)
}

//orch:span span.name:setup
func setup(redisAddr, mcAddr, dsn, broker, producer, topic string) (*service, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s := &service{
		rdb:   redis.NewClient(&redis.Options{Addr: redisAddr}),
		mc:    memcache.New(mcAddr),
		pool:  &redigo.Pool{Dial: func() (redigo.Conn, error) { return redigo.Dial("tcp", redisAddr) }},
		topic: topic,
	}
	var err error
	if s.pg, err = pgxpool.New(ctx, dsn); err != nil {
		return nil, err
	}
	if _, err := s.pg.Exec(ctx, "CREATE TABLE IF NOT EXISTS orders (id text, topic text)"); err != nil {
		return nil, err
	}
	// The broker creates the topic (one partition) on the first produce,
	// except for kafka-go, which gives up on the first write to a topic
	// that does not exist yet (UNKNOWN_TOPIC_OR_PARTITION).
	switch producer {
	case "kafkago":
		err = kafkagoTopic(ctx, broker, topic)
		w := &kafka.Writer{Addr: kafka.TCP(broker), Topic: topic, BatchTimeout: 10 * time.Millisecond}
		s.send = func(ctx context.Context, key, value string) error {
			return w.WriteMessages(ctx, kafka.Message{Key: []byte(key), Value: []byte(value)})
		}
	case "sarama":
		c := sarama.NewConfig()
		c.Producer.Return.Successes = true
		c.Producer.RequiredAcks = sarama.WaitForAll
		c.Producer.Retry.Max = 20 // while the new topic has no leader yet
		var p sarama.SyncProducer
		p, err = sarama.NewSyncProducer([]string{broker}, c)
		s.send = func(_ context.Context, key, value string) error {
			_, _, err := p.SendMessage(&sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(key),
				Value: sarama.StringEncoder(value)})
			return err
		}
	case "franzgo":
		var cl *kgo.Client
		cl, err = kgo.NewClient(kgo.SeedBrokers(broker), kgo.DefaultProduceTopic(topic), kgo.AllowAutoTopicCreation())
		s.send = func(ctx context.Context, key, value string) error {
			return cl.ProduceSync(ctx, &kgo.Record{Key: []byte(key), Value: []byte(value)}).FirstErr()
		}
	default:
		err = fmt.Errorf("unknown producer %q", producer)
	}
	return s, err
}

func (s *service) checkout(w http.ResponseWriter, r *http.Request) {
	if err := s.order(r.Context(), r.URL.Query().Get("order")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, "ok")
}

func (s *service) order(ctx context.Context, id string) error {
	// The caches: misses the first time.
	if _, err := s.rdb.Get(ctx, "price:"+id).Result(); err != redis.Nil {
		return fmt.Errorf("redis get: %v", err)
	}
	if _, err := s.mc.Get("stock:" + id); err != memcache.ErrCacheMiss {
		return fmt.Errorf("memcache get: %v", err)
	}
	c := s.pool.Get()
	defer c.Close()
	if _, err := redigo.Int(c.Do("INCR", "visits:"+id)); err != nil {
		return fmt.Errorf("redigo incr: %v", err)
	}
	// The order, in a transaction.
	tx, err := s.pg.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "INSERT INTO orders (id, topic) VALUES ($1, $2)", id, s.topic); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM orders WHERE topic = $1", s.topic).Scan(&n); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	if n != 1 {
		return errors.New("orders: " + strconv.Itoa(n))
	}
	// The caches again, then the event.
	if err := s.rdb.Set(ctx, "price:"+id, "42", time.Minute).Err(); err != nil {
		return err
	}
	if err := s.mc.Set(&memcache.Item{Key: "stock:" + id, Value: []byte("7")}); err != nil {
		return err
	}
	return s.send(ctx, id, "order "+id)
}

// kafkagoTopic creates the topic with kafka-go's Client and waits until its
// partition has a leader.
func kafkagoTopic(ctx context.Context, broker, topic string) error {
	cl := &kafka.Client{Addr: kafka.TCP(broker)}
	res, err := cl.CreateTopics(ctx, &kafka.CreateTopicsRequest{
		Topics: []kafka.TopicConfig{{Topic: topic, NumPartitions: 1, ReplicationFactor: 1}}})
	if err != nil {
		return err
	}
	if err := res.Errors[topic]; err != nil {
		return err
	}
	for ctx.Err() == nil {
		meta, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err == nil && len(meta.Topics) == 1 && len(meta.Topics[0].Partitions) == 1 &&
			meta.Topics[0].Partitions[0].Leader.Host != "" {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ctx.Err()
}
