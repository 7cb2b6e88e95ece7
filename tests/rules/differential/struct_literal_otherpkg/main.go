package main

import (
	"fmt"

	"example.com/diff/lib"
)

func main() {
	a := &lib.Opts{Name: "ptr"}
	b := lib.Opts{Name: "val"}
	fmt.Println(a.Name, b.Name)
}
