package main

import (
	"fmt"

	"example.com/diff/lib"
)

type Middle struct{ lib.Base }

type Outer struct{ *Middle }

func outer(o Outer) string { return "outer" }

func middle(m *Middle) string { return "middle" }

func main() {
	fmt.Println(outer(Outer{}), middle(nil))
}
