package main

import "fmt"

func show(v interface{}) string { return fmt.Sprint(v) }

func other(v int) string { return fmt.Sprint(v) }

func main() {
	fmt.Println(show(1), other(2))
}
