package main

import (
	"fmt"
	str "strings"
)

type local struct{}

func (local) ToUpper(s string) string { return "local:" + s }

func main() {
	fmt.Println(str.ToUpper("a"))
	{
		str := local{}
		fmt.Println(str.ToUpper("b"))
	}
	fmt.Println(dotted())
	fmt.Println(str.ToLower("D"))
}
