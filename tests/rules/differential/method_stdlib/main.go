package main

import (
	"fmt"
	"strings"
)

func build(b *strings.Builder) {
	b.WriteString("x")
}

func main() {
	var b strings.Builder
	b.WriteString("a")
	build(&b)
	fmt.Println(b.String())
}
