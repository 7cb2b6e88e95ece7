package main

import "fmt"

var trail []string

func record(s string) { trail = append(trail, s) }

//orch:span op:first kind:a
func first() {}

//orch:ignore
func ignored() {}

func second() {
	//orch:ignore
	inner := func() {}
	inner()
	//orch:span op:lit
	f := func() {}
	f()
}

func main() {
	first()
	ignored()
	second()
	fmt.Println(trail)
}
