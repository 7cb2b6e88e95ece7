// A program that uses rueidis against the server named by its argument,
// inside a span of its own: commands, a missing key, an error, a
// pipeline (DoMulti), a transaction (MULTI ... EXEC), a cached read.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redis/rueidis"
)

func main() {
	if err := work(context.Background(), os.Args[1]); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:work
func work(ctx context.Context, addr string) error {
	c, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}, DisableCache: true})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Do(ctx, c.B().Set().Key("greeting").Value("hello").Build()).Error(); err != nil {
		return err
	}
	if v, err := c.Do(ctx, c.B().Get().Key("greeting").Build()).ToString(); err != nil || v != "hello" {
		return fmt.Errorf("get: %q %v", v, err)
	}
	if err := c.Do(ctx, c.B().Get().Key("missing").Build()).Error(); !rueidis.IsRedisNil(err) {
		return fmt.Errorf("get missing: %v", err)
	}
	if err := c.Do(ctx, c.B().Incr().Key("greeting").Build()).Error(); err == nil {
		return errors.New("incr of a string succeeded")
	}
	for _, r := range c.DoMulti(ctx,
		c.B().Set().Key("a").Value("1").Build(),
		c.B().Set().Key("b").Value("2").Build(),
		c.B().Get().Key("a").Build()) {
		if err := r.Error(); err != nil {
			return err
		}
	}
	for _, r := range c.DoMulti(ctx,
		c.B().Multi().Build(),
		c.B().Incr().Key("n").Build(),
		c.B().Incr().Key("n").Build(),
		c.B().Exec().Build()) {
		if err := r.Error(); err != nil {
			return err
		}
	}
	// (DoCache without client-side caching still sends the command)
	if v, err := c.DoCache(ctx, c.B().Get().Key("a").Cache(), time.Minute).ToString(); err != nil || v != "1" {
		return fmt.Errorf("cached get: %q %v", v, err)
	}
	return nil
}
