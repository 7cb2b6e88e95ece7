package main

import (
	"fmt"
	"io"
)

type Closer struct{}

func (*Closer) Close() error { return nil }

func byPtr(c *Closer) string { return "ptr" }

func byValue(c Closer) string { return "value" }

func main() {
	fmt.Println(byPtr(nil), byValue(Closer{}))
}

var _ = io.EOF
