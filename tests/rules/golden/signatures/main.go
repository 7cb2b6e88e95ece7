package main

import (
	ctxpkg "context"
	"fmt"
	"io"
	"os"
)

var trail []string

func trace(s string) { trail = append(trail, s) }

func A(ctx ctxpkg.Context, s string) error { return nil }

func B(n int) (string, error) { return "", nil }

func C(b []byte, r rune) byte { return 0 }

type Srv struct{}

func (s *Srv) Serve(w io.Writer) {}

func D(m map[string]any, f func(int) error) {}

func E(xs ...interface{}) {}

func main() {
	A(ctxpkg.Background(), "")
	B(0)
	C(nil, 0)
	(&Srv{}).Serve(os.Stdout)
	D(nil, nil)
	E()
	fmt.Println(trail)
}
