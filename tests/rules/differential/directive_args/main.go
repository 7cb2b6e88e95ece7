package main

import "fmt"

//diff:span name:custom kind:server
func handler() string { return "handled" }

func main() {
	fmt.Println(handler())
}
