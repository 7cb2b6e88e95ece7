// Calls of generic functions whose result types orch infers as go/types
// does. A line marked "known" must be typed by orch, one marked "unknown"
// must not be (inference orch does not model: no type, never a wrong one).
package main

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"example.com/generic/lib"
)

type Bufs []*bytes.Buffer
type Names map[string]int
type Getter interface{ Get() *bytes.Buffer }
type Box[T any] struct{ v T }

func (b Box[T]) Get() T         { return b.v }
func (b *Box[T]) Ptr() *T       { return &b.v }
func first[T any](xs []T) T     { return xs[0] }
func second[T any](a, b T) T    { return b }
func pick[S ~[]E, E any](s S) E { return s[0] }
func keyOf[M ~map[K]V, K comparable, V any](m M) K {
	for k := range m {
		return k
	}
	var z K
	return z
}
func ident[T any](x T) T                       { return x }
func conv[To, From any](x From) To             { var z To; return z }
func recv[T any](c <-chan T) T                 { return <-c }
func apply[T, U any](x T, f func(T) U) U       { return f(x) }
func box[T any](x T) Box[T]                    { return Box[T]{x} }
func unbox[T any](b Box[T]) T                  { return b.v }
func deref[T any, PT interface{ *T }](p PT) T  { return *p }
func viaIface[T any](g interface{ Get() T }) T { return g.Get() }
func get[G interface{ Get() E }, E any](g G) E { return g.Get() }
func sum[T int | float64](xs ...T) T           { return xs[0] }
func field[T any](s struct{ X T }) T           { return s.X }
func elem[T any](a [2]T) T                     { return a[0] }
func wrap[U any](xs []U) U                     { return first(xs) }

func main() {
	bufs := []*bytes.Buffer{bytes.NewBufferString("abc")}
	var named Bufs
	var names Names
	ch := make(chan *bytes.Buffer)
	var b Box[*bytes.Buffer]
	var ptr atomic.Pointer[bytes.Buffer]
	l := lib.NewList(strings.NewReader("x"))

	_ = first(bufs).Len()                                           // known
	_ = second(named, bufs)                                         // known
	_ = second(bufs, named)                                         // known
	_ = pick(named)                                                 // known
	_ = keyOf(names)                                                // known
	_ = ident(1)                                                    // known
	_ = ident(1.5)                                                  // known
	_ = ident('x')                                                  // known
	_ = second(1, 2.5)                                              // known
	_ = ident("s" + "t")                                            // known
	_ = ident[int64](1)                                             // known
	_ = conv[string](bufs)                                          // known
	_ = conv[string, []*bytes.Buffer](nil)                          // known
	_ = recv(ch)                                                    // known
	_ = apply(bufs, func(x []*bytes.Buffer) int { return len(x) })  // known
	_ = box(bufs[0]).Get()                                          // known
	_ = unbox(b)                                                    // known
	_ = b.Get().Len()                                               // known
	_ = b.Ptr()                                                     // known
	_ = deref(bufs[0])                                              // known
	_ = get(b)                                                      // known
	_ = sum(1, 2)                                                   // known
	_ = sum(1.5, 2)                                                 // known
	_ = slices.Max([]int{1, 2})                                     // known
	_ = slices.Index(named, bufs[0])                                // known
	_ = slices.Clone(named)                                         // known
	_ = maps.Clone(names)                                           // known
	_ = ptr.Load()                                                  // known
	_ = lib.NewList(bufs...)                                        // known
	_ = l.First()                                                   // known
	_ = l.All()                                                     // known
	_ = lib.MakePair("k", bufs[0]).Val                              // known
	_ = lib.Keys(names)                                             // known
	_ = lib.Map(bufs, func(b *bytes.Buffer) int { return b.Len() }) // known
	_ = lib.Ptr(bufs)                                               // known
	_ = lib.Zero[*bytes.Buffer]()                                   // known
	_ = lib.Ptr[Bufs](nil)                                          // known

	var ro <-chan *bytes.Buffer = ch
	_ = second(ch, ro) // known
	x := first(bufs)
	_ = x.Len()                              // known
	_ = field(struct{ X *bytes.Buffer }{})   // known
	_ = elem([2]string{})                    // known
	_ = wrap(named)                          // known
	_ = Box[*bytes.Buffer](b).Get()          // known
	_ = lib.List[int](lib.List[int]{}).All() // known
	f := ident[string]
	_ = f("x") // known

	_ = viaIface(b)                         // unknown
	_ = ident(len(bufs) + 1)                // unknown
	_ = lib.Map([][]byte{nil}, first[byte]) // known
	_ = apply(bufs, first)                  // unknown
}
