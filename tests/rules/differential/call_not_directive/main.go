package main

import (
	"fmt"
	"strings"
)

func main() {
	//diff:skip
	a := strings.ToUpper("skipped")
	b := strings.ToUpper("wrapped")
	fmt.Println(a, b)
}
