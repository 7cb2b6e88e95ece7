package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"fmt"
	"runtime"
)

func where() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line)
}

func main() {
	fmt.Println(int(C.twice(21)), where())
	defer func() { fmt.Println(recover(), where()) }()
	var p *int
	_ = *p
}
