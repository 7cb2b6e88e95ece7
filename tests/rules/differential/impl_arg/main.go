package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func buffer(b *bytes.Buffer) string { return "buffer" }

func generic[W io.Writer](w W) string { return "generic" }

func file(f *os.File) string { return "file" }

func str(s string) string { return "str" }

func main() {
	fmt.Println(buffer(nil), generic(&bytes.Buffer{}), file(nil), str(""))
}
