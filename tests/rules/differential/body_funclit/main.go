package main

import "fmt"

func named() int { return 1 }

func main() {
	double := func(x int) int { return x * 2 }
	fmt.Println(double(named()))
}
