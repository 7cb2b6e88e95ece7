// A program that uses every kind of gomemcache operation against the
// server named by its argument, inside a span of its own.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/bradfitz/gomemcache/memcache"
)

func main() {
	mc := memcache.New(os.Args[1])
	if err := work(mc); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:work
func work(mc *memcache.Client) error {
	if err := mc.Set(&memcache.Item{Key: "greeting", Value: []byte("hello")}); err != nil {
		return err
	}
	it, err := mc.Get("greeting")
	if err != nil || string(it.Value) != "hello" {
		return fmt.Errorf("get: %v", err)
	}
	if _, err := mc.Get("missing"); !errors.Is(err, memcache.ErrCacheMiss) {
		return fmt.Errorf("get missing: %v", err)
	}
	if err := mc.Add(&memcache.Item{Key: "greeting", Value: []byte("again")}); !errors.Is(err, memcache.ErrNotStored) {
		return fmt.Errorf("add: %v", err)
	}
	if err := mc.Set(&memcache.Item{Key: "n", Value: []byte("1")}); err != nil {
		return err
	}
	if v, err := mc.Increment("n", 2); err != nil || v != 3 {
		return fmt.Errorf("incr: %v %v", v, err)
	}
	if m, err := mc.GetMulti([]string{"greeting", "n"}); err != nil || len(m) != 2 {
		return fmt.Errorf("getmulti: %v %v", m, err)
	}
	if err := mc.Delete("greeting"); err != nil {
		return err
	}
	return mc.Ping()
}
