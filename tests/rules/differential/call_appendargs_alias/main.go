package main

import "fmt"

func main() {
	all := []any{"a", "b", "c"}
	fmt.Println(all[:1]...)
	fmt.Println(all...)
}
