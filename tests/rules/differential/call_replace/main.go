package main

import (
	"fmt"

	"example.com/diff/lib"
)

func main() {
	fmt.Println(lib.Old("call"))
}
