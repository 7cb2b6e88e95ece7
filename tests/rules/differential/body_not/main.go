package main

import "fmt"

func a() int { return 1 }

func b() int { return 2 }

func main() {
	fmt.Println(a() + b())
}
