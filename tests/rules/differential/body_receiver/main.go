package main

import "fmt"

type T struct{ n int }

func (t *T) Ptr() int { return t.n }

func (t T) Val() int { return t.n + 1 }

func main() {
	t := &T{n: 1}
	fmt.Println(t.Ptr(), t.Val())
}
