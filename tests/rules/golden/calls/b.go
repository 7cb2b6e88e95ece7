package main

import . "strings"

func dotted() string {
	return ToUpper("c")
}
