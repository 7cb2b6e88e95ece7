package main

import "fmt"

type MyErr struct{}

func (*MyErr) Error() string { return "myerr" }

func custom() (string, *MyErr) { return "custom", nil }

func first() (error, string) { return nil, "first" }

func plain() error { return nil }

func main() {
	a, _ := custom()
	_, b := first()
	fmt.Println(a, b, plain())
}
