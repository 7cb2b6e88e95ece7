package main

import (
	"fmt"
	"strings"
)

func main() {
	//diff:wrap
	a := strings.ToUpper("marked")
	b := strings.ToUpper("unmarked")
	fmt.Println(a, b)
}
