package main

import (
	"fmt"

	"example.com/diff/lib"
)

type P struct{}

func (P) Name() string { return "p" }

func get() (int, P) { return 1, P{} }

func iface() (string, lib.Named) { return "", nil }

func notLast() (P, int) { return P{}, 0 }

func main() {
	a, _ := get()
	_, b := iface()
	_, c := notLast()
	fmt.Println(a, b, c)
}
