package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println(strings.ToUpper("a"), strings.ToLower("B"), strings.TrimSpace(" c "))
}
