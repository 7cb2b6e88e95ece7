package main

import (
	"fmt"
	"runtime"
)

func where() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line)
}

func main() { fmt.Println(where()); f() }

func f() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		buf := make([]byte, 1<<16)
		n := runtime.Stack(buf, false)
		fmt.Println(string(buf[:n]))
	}()
	var m map[string]int
	m["x"] = wrap(1)
}

func wrap(x int) int { return x }
