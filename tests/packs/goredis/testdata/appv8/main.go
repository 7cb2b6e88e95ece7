// A program that uses go-redis v8 (github.com/go-redis/redis/v8) against the server named by its
// argument, inside a span of its own: commands, a missing key, an error,
// a pipeline, a transaction, a user's own hook, a universal client.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/go-redis/redis/v8"
)

type userHook struct{ seen *int }

func (h userHook) BeforeProcess(ctx context.Context, cmd redis.Cmder) (context.Context, error) {
	*h.seen++
	return ctx, nil
}
func (h userHook) AfterProcess(ctx context.Context, cmd redis.Cmder) error { return nil }
func (h userHook) BeforeProcessPipeline(ctx context.Context, cmds []redis.Cmder) (context.Context, error) {
	return ctx, nil
}
func (h userHook) AfterProcessPipeline(ctx context.Context, cmds []redis.Cmder) error { return nil }

func main() {
	ctx := context.Background()
	if err := work(ctx, os.Args[1]); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:work
func work(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr, DB: 2})
	defer rdb.Close()
	seen := 0
	rdb.AddHook(userHook{&seen})
	if err := rdb.Set(ctx, "greeting", "hello", 0).Err(); err != nil {
		return err
	}
	if v, err := rdb.Get(ctx, "greeting").Result(); err != nil || v != "hello" {
		return fmt.Errorf("get: %q %v", v, err)
	}
	if _, err := rdb.Get(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
		return fmt.Errorf("get missing: %v", err)
	}
	if err := rdb.Incr(ctx, "greeting").Err(); err == nil {
		return errors.New("incr of a string succeeded")
	}
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "a", "1", 0)
		p.Set(ctx, "b", "2", 0)
		p.Get(ctx, "a")
		return nil
	}); err != nil {
		return err
	}
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Get(ctx, "a")
		p.Get(ctx, "b")
		return nil
	}); err != nil {
		return err
	}
	if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, "n")
		p.Incr(ctx, "n")
		return nil
	}); err != nil {
		return err
	}
	if seen < 4 {
		return fmt.Errorf("the user's hook saw %d commands, want 4 or more", seen)
	}
	u := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{addr}})
	defer u.Close()
	return u.Ping(ctx).Err()
}
