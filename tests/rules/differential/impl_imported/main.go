package main

import (
	"bytes"
	"fmt"
	"io"
)

type PtrReader struct{}

func (*PtrReader) Read(p []byte) (int, error) { return 0, io.EOF }

func open() (int, *PtrReader) { return 1, nil }

func value() PtrReader { return PtrReader{} }

func buf() *bytes.Buffer { return nil }

func main() {
	n, _ := open()
	_ = value()
	fmt.Println(n, buf() == nil)
}
