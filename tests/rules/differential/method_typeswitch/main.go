package main

import (
	"bytes"
	"fmt"
)

func size(x any) int {
	switch v := x.(type) {
	case *bytes.Buffer:
		return v.Len()
	case string:
		return len(v)
	}
	if b, ok := x.(*bytes.Buffer); ok {
		return b.Len()
	}
	return -1
}

func main() {
	fmt.Println(size(bytes.NewBufferString("four")), size("ab"))
}
