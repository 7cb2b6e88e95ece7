package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() int { c.n++; return c.n }

func main() {
	p := &Counter{}
	var v Counter
	fmt.Println(p.Inc(), v.Inc())
}
