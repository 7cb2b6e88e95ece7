package main

import (
	"fmt"

	"example.com/diff/lib"
)

func main() {
	a := lib.Opts{Name: "keyed"}
	b := &lib.Opts{}
	fmt.Println(a.Name, b.Name)
}
