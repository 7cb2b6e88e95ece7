package main

import (
	"fmt"
	"strings"
)

func join(sep string, parts ...string) string { return strings.Join(parts, sep) }

func main() {
	fmt.Println(join(",", "a", "b"))
	xs := []string{"x", "y"}
	fmt.Println(join("-", xs...))
	fmt.Println(join("+"))
}
