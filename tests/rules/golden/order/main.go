package main

import "fmt"

var trail []string

func main() {
	fmt.Println(trail)
}
