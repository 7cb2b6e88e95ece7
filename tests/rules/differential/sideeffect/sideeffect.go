// Package sideeffect prints when it is initialised (add-blank-import).
package sideeffect

import "fmt"

func init() { fmt.Println("sideeffect init") }
