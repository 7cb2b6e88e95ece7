package main

import "fmt"

func main() {
	fmt.Println(fmt.Sprint("a", "b", "c"))
}
