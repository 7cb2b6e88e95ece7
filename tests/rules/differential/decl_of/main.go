package main

import "fmt"

var Greeting = "hello"

func Greet() string { return Greeting }

func Other() string { return "other" }

func main() {
	fmt.Println(Greet(), Other())
}
