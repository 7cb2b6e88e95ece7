package main

import "fmt"

type Config struct{ Name string }

func main() {
	a := &Config{Name: "ptr"}
	b := Config{Name: "val"}
	fmt.Println(a.Name, b.Name)
}
