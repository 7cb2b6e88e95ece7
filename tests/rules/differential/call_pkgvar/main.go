package main

import (
	"fmt"
	"strings"
)

var top = strings.ToUpper("package level")

func main() {
	fmt.Println(top)
}
