package main

import (
	"bytes"
	"fmt"
	"io"
)

type W = *bytes.Buffer

type Named = bytes.Buffer

func alias(w W) string { return "alias" }

func named(n *Named) string { return "named" }

func value(n Named) string { return "value" }

func main() {
	fmt.Println(alias(nil), named(nil), value(Named{}))
}

var _ = io.EOF
