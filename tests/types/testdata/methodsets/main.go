// Prints, for each "path.Name" or "*path.Name" argument, the ids of its
// method set as go/types computes it from the export data files named on
// stdin ("importpath=file" lines), and whether it implements the
// interfaces named after "--".
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
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
	args := os.Args[1:]
	var src *types.Package
	if len(args) > 2 && args[0] == "-src" {
		// -src DIR PKGPATH: type-check the Go files of DIR as package PKGPATH.
		fset := token.NewFileSet()
		ents, _ := os.ReadDir(args[1])
		var files []*ast.File
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".go") {
				f, err := parser.ParseFile(fset, args[1]+"/"+e.Name(), nil, 0)
				if err != nil {
					panic(err)
				}
				files = append(files, f)
			}
		}
		conf := types.Config{Importer: imp}
		var err error
		src, err = conf.Check(args[2], fset, files, nil)
		if err != nil {
			panic(err)
		}
		args = args[3:]
	}
	typeOf := func(spec string) types.Type {
		ptr := strings.HasPrefix(spec, "*")
		spec = strings.TrimPrefix(spec, "*")
		var t types.Type
		i := strings.LastIndex(spec, ".")
		if i < 0 {
			t = types.Universe.Lookup(spec).Type()
		} else {
			var pkg *types.Package
			if src != nil && spec[:i] == src.Path() {
				pkg = src
			} else {
				var err error
				pkg, err = imp.Import(spec[:i])
				if err != nil {
					panic(err)
				}
			}
			t = pkg.Scope().Lookup(spec[i+1:]).Type()
		}
		if ptr {
			t = types.NewPointer(t)
		}
		return t
	}
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
