package main

import "fmt"

func main() {
	args := []any{"a", "b"}
	fmt.Println(args...)
}
