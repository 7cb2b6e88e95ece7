package main

import (
	"fmt"
	. "strings"
)

func main() {
	fmt.Println(Repeat("x", 3))
}
