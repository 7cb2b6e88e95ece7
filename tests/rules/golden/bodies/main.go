package main

import "fmt"

type T struct{}

func (T) Method(int, string) (string, error) { return "m", nil }

func named(a, _ int) (n int) { return a }

func main() {
	f := func(x int) int { return x * 2 }
	fmt.Println(f(2), named(1, 2))
	s, err := T{}.Method(1, "x")
	fmt.Println(s, err)
}
