package main

import "os"

func main() {
	fmt := "local"
	os.Stdout.WriteString(fmt + "\n")
	hello()
}

func hello() {
	os.Stdout.WriteString("hello\n")
}
