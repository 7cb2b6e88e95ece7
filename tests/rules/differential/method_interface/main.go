package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	var w io.Writer = os.Stdout
	n, _ := w.Write([]byte("hi\n"))
	fmt.Println(n)
}
