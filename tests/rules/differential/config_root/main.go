package main

import "fmt"

func a() int { return 1 }

func b() int { return 2 }

func c() int { return 3 }

func main() {
	fmt.Println(a() + b() + c())
}
