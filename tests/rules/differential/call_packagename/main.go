package main

import "fmt"

func main() {
	fmt.Println(fmt.Sprint("x", 1))
}
