package main

import (
	"context"
	"fmt"
)

func withCtx(ctx context.Context, s string) string { return s }

func without(s string) string { return s }

func returnsErr() error { return nil }

func main() {
	fmt.Println(withCtx(context.Background(), "a"), without("b"), returnsErr())
}
