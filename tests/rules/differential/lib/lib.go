// Package lib holds what the differential cases import: functions to
// replace, an interface named in another package, a generic type.
package lib

import "fmt"

func Old(s string) string { return "old " + s }

func New(s string) string { return "new " + s }

// Named is implemented by cases' types.
type Named interface{ Name() string }

// Box is generic, with a method on its pointer.
type Box[T any] struct{ V T }

func (b *Box[T]) Name() string { return fmt.Sprint("box ", b.V) }

// Base has a method that embedding structs promote.
type Base struct{}

func (Base) Name() string { return "base" }

// Opts is built with struct literals in the cases.
type Opts struct{ Name string }
