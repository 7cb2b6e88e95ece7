package main

import (
	"bytes"
	"fmt"
)

func first[T any](xs []T) T { return xs[0] }

func main() {
	bufs := []*bytes.Buffer{bytes.NewBufferString("abc")}
	fmt.Println(first(bufs).Len())
}
