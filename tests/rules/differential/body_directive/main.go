package main

import "fmt"

//diff:trace
func traced() string { return "traced" }

func plain() string { return "plain" }

func main() {
	fmt.Println(traced(), plain())
}
