package main

import (
	"errors"
	"fmt"
)

func check(name string, n int) error {
	if n < 0 {
		return errors.New(name)
	}
	return nil
}

func other(name string) error { return nil }

func main() {
	fmt.Println(check("a", 1), other("b"))
}
