// Prints, for each "path.Name" or "*path.Name" argument, the ids of its
// method set as go/types computes it from the export data files named on
// stdin ("importpath=file" lines), and whether it implements the
// interfaces named after "--".
package main

import (
	"bufio"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	files := map[string]string{}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			files[k] = v
		}
	}
	imp := importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(files[path])
	})
	typeOf := func(spec string) types.Type {
		ptr := strings.HasPrefix(spec, "*")
		spec = strings.TrimPrefix(spec, "*")
		var t types.Type
		i := strings.LastIndex(spec, ".")
		if i < 0 {
			t = types.Universe.Lookup(spec).Type()
		} else {
			pkg, err := imp.Import(spec[:i])
			if err != nil {
				panic(err)
			}
			t = pkg.Scope().Lookup(spec[i+1:]).Type()
		}
		if ptr {
			t = types.NewPointer(t)
		}
		return t
	}
	args := os.Args[1:]
	var ifaces []string
	for i, a := range args {
		if a == "--" {
			ifaces = args[i+1:]
			args = args[:i]
			break
		}
	}
	for _, a := range args {
		t := typeOf(a)
		ms := types.NewMethodSet(t)
		var ids []string
		for i := 0; i < ms.Len(); i++ {
			ids = append(ids, ms.At(i).Obj().Id())
		}
		sort.Strings(ids)
		fmt.Printf("%s %s\n", a, strings.Join(ids, ","))
		for _, in := range ifaces {
			it := typeOf(in).Underlying().(*types.Interface)
			fmt.Printf("%s implements %s %v\n", a, in, types.Implements(t, it))
		}
	}
}
