package main

import (
	"fmt"

	"example.com/diff/lib"
)

type Person struct{}

func (Person) Name() string { return "person" }

func greet(p Person) string { return "hi " + p.Name() }

func direct(n lib.Named) string { return n.Name() }

func other(s string) string { return s }

func main() {
	fmt.Println(greet(Person{}), direct(Person{}), other("x"))
}
