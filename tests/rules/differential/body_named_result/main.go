package main

import "fmt"

func div(a, b int) (q int, err error) {
	if b == 0 {
		return 0, fmt.Errorf("zero")
	}
	return a / b, nil
}

func main() {
	fmt.Println(div(6, 3))
	fmt.Println(div(1, 0))
}
