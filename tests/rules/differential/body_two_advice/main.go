package main

import "fmt"

func work() string { return "work" }

func main() {
	fmt.Println(work())
}
