package main

import (
	"fmt"
	"strings"
)

type fake struct{}

func (fake) ToUpper(s string) string { return "fake " + s }

func main() {
	fmt.Println(strings.ToUpper("real"))
	{
		strings := fake{}
		fmt.Println(strings.ToUpper("x"))
	}
}
