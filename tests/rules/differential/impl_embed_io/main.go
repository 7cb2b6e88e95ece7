package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
)

type CustomContext struct{ context.Context }

type Writer struct{ *bytes.Buffer }

type Twice struct{ Writer }

func ctx(c *CustomContext) string { return "ctx" }

func twice(t Twice) string { return "twice" }

func none(n int) string { return "none" }

func main() {
	fmt.Println(ctx(nil), twice(Twice{}), none(1))
}

var _ = io.EOF
