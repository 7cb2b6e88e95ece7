package main

import "fmt"

func join(sep string, parts ...string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

func pair(sep string, parts []string) string { return "pair" }

func main() {
	fmt.Println(join(",", "a", "b"), pair(",", nil))
}
