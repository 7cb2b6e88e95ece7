package main

import "fmt"

func main() {
	//diff:trace
	f := func() string { return "lit" }
	g := func() string { return "plain" }
	fmt.Println(f(), g())
}
