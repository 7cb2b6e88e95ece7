// A program that uses redigo against the server named by its argument,
// inside a span of its own: commands through a pool, a missing key, an
// error, a pipeline with Send/Flush/Receive, one flushed by Do(""), DoContext.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gomodule/redigo/redis"
)

func main() {
	if err := work(os.Args[1]); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:work
func work(addr string) error {
	pool := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	if _, err := c.Do("SET", "greeting", "hello"); err != nil {
		return err
	}
	if v, err := redis.String(c.Do("GET", "greeting")); err != nil || v != "hello" {
		return fmt.Errorf("get: %q %v", v, err)
	}
	if v, err := c.Do("GET", "missing"); err != nil || v != nil {
		return fmt.Errorf("get missing: %v %v", v, err)
	}
	if _, err := c.Do("INCR", "greeting"); err == nil {
		return fmt.Errorf("incr of a string succeeded")
	}
	c.Send("SET", "a", "1")
	c.Send("SET", "b", "2")
	c.Send("GET", "a")
	if err := c.Flush(); err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Receive(); err != nil {
			return err
		}
	}
	c.Send("GET", "a")
	c.Send("GET", "b")
	if r, err := redis.Values(c.Do("")); err != nil || len(r) != 2 {
		return fmt.Errorf("do flush: %v %v", r, err)
	}
	if _, err := redis.DoContext(c, context.Background(), "PING"); err != nil {
		return err
	}
	return nil
}
