package main

import "fmt"

type T struct{}

func (*T) OnPtr() string { return "ptr" }

func (T) OnVal() string { return "val" }

func main() {
	t := &T{}
	fmt.Println(t.OnPtr(), t.OnVal())
}
