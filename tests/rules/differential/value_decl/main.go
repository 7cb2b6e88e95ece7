package main

import "fmt"

//diff:flag
var enabled bool

//diff:flag
var count int

var untouched bool

func main() {
	fmt.Println(enabled, count, untouched)
}
