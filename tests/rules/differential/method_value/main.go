package main

import "fmt"

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }

func main() {
	p := &Counter{n: 1}
	v := Counter{n: 2}
	fmt.Println(p.Get(), v.Get())
}
