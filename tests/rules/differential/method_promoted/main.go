package main

import (
	"fmt"

	"example.com/diff/lib"
)

type Middle struct{ lib.Base }

type Outer struct{ Middle }

func main() {
	o := Outer{}
	fmt.Println(o.Name(), o.Middle.Name())
}
