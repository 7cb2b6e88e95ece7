package main

import "fmt"

type Marker struct{}

func main() {
	fmt.Println("main")
}
