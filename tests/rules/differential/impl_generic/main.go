package main

import (
	"fmt"

	"example.com/diff/lib"
)

type Local[T any] struct{ v T }

func (l Local[T]) Name() string { return fmt.Sprint(l.v) }

func box(b *lib.Box[int]) string { return b.Name() }

func local(l Local[string]) string { return l.Name() }

func constrained[N lib.Named](n N) string { return n.Name() }

func value(b lib.Box[int]) string { return "value" }

func main() {
	fmt.Println(box(&lib.Box[int]{V: 1}), local(Local[string]{v: "s"}), constrained(Local[int]{v: 2}), value(lib.Box[int]{}))
}
