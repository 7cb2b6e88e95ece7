package main

import (
	"fmt"
	"strings"
)

func main() {
	//orchestrion:ignore
	a := strings.ToUpper("ignored")
	b := strings.ToUpper("wrapped")
	fmt.Println(a, b)
}
