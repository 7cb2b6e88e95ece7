package main

import (
	"bytes"
	"fmt"
)

type holder struct {
	buf bytes.Buffer
	ptr *bytes.Buffer
}

func main() {
	h := holder{ptr: &bytes.Buffer{}}
	h.buf.WriteString("ab")
	h.ptr.WriteString("abc")
	fmt.Println(h.buf.Len(), h.ptr.Len())
}
