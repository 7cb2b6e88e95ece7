package main

import (
	"fmt"
	"slices"
)

func main() {
	s := []int{3, 1, 2}
	fmt.Println(slices.Index[[]int, int](s, 1), slices.Index(s, 2))
}
