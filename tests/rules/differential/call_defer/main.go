package main

import (
	"fmt"
	"strings"
)

func run() {
	defer fmt.Println("deferred")
	fmt.Println(strings.ToUpper("body"))
}

func main() {
	run()
}
