package main

import (
	"bytes"
	"fmt"
)

func newBuf() *bytes.Buffer { return bytes.NewBufferString("xyz") }

func main() {
	fmt.Println(newBuf().Len(), bytes.NewBufferString("ab").Len())
}
