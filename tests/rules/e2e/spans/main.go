package main

import (
	"context"
	"fmt"
)

//orch:span op:checkout
func checkout(ctx context.Context, item string) (string, error) {
	return "bought " + item, nil
}

func main() {
	s, err := checkout(context.Background(), "tea")
	fmt.Println(s, err)
}
