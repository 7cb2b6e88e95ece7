package main

import (
	"fmt"
	"io"
)

type PtrReader struct{}

func (*PtrReader) Read(p []byte) (int, error) { return 0, nil }

func open() (int, *PtrReader) { return 1, nil }

func value() PtrReader { return PtrReader{} }

func main() {
	n, _ := open()
	_ = value()
	fmt.Println(n)
}

var _ = io.EOF
