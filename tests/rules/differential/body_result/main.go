package main

import (
	"errors"
	"fmt"
)

func work(fail bool) (string, error) {
	if fail {
		return "", errors.New("boom")
	}
	return "done", nil
}

func main() {
	fmt.Println(work(false))
	fmt.Println(work(true))
}
