package main

import (
	"fmt"
	str "strings"
)

func main() {
	fmt.Println(str.Repeat("ab", 2))
}
