package main

import (
	"fmt"
	"strconv"
	"strings"
)

func lower(s string) string { return "lower(" + s + ")" }

func main() {
	fmt.Println(strings.ToLower("X"), strconv.Itoa(7))
}
