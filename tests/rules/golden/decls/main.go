package main

import "fmt"

var Mode = "plain"

var Count int

var hookMsg = "none"

func Hook() string { return hookMsg }

func main() {
	fmt.Println(Mode, Count, Hook())
}
