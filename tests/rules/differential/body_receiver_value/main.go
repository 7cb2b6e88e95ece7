package main

import "fmt"

type T struct{ n int }

func (t *T) Ptr() int { return t.n }

func (T) Val() int { return 7 }

func main() {
	t := &T{n: 1}
	fmt.Println(t.Ptr(), t.Val())
}
