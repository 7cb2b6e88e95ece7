package main

import (
	"fmt"
	"io"
	"os"
)

func writer(w io.Writer) string { return "writer" }

func readWriter(rw io.ReadWriter) string { return "readwriter" }

func reader(r io.Reader) string { return "reader" }

func main() {
	fmt.Println(writer(os.Stdout), readWriter(nil), reader(nil))
}
