package main

import "fmt"

func f(string, int) string { return "f" }

func main() {
	fmt.Println(f("x", 2))
}
