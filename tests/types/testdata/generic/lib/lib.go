// Package lib: generic functions and types whose callers read them from
// export data.
package lib

type List[T any] struct{ items []T }

func (l *List[T]) Push(x T)           { l.items = append(l.items, x) }
func (l *List[T]) First() T           { return l.items[0] }
func (l List[T]) All() []T            { return l.items }
func NewList[T any](xs ...T) *List[T] { return &List[T]{xs} }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }
func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	var ks []K
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
func Ptr[T any](x T) *T { return &x }
func Zero[T any]() T    { var z T; return z }
