// Prints, for each "path.Name" or "*path.Name" argument, the ids of its
// method set as go/types computes it from the export data files named on
// stdin ("importpath=file" lines), and whether it implements the
// interfaces named after "--".
//
// With -exprs DIR PKGPATH: the type go/types gives each call expression of
// the Go files of DIR type-checked as package PKGPATH ("file start end
// type" with byte offsets; the first result of a call with several;
// nothing for calls without a value).
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
	"path/filepath"
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
	if len(args) == 3 && args[0] == "-exprs" {
		callTypes(args[1], args[2], imp)
		return
	}
	var src *types.Package
	if len(args) > 2 && args[0] == "-src" {
		// -src DIR PKGPATH: type-check the Go files of DIR as package PKGPATH.
		src, _, _ = check(token.NewFileSet(), args[1], args[2], imp)
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

// check type-checks the Go files of dir as package path.
func check(fset *token.FileSet, dir, path string, imp types.Importer) (*types.Package, *types.Info, []*ast.File) {
	ents, _ := os.ReadDir(dir)
	var files []*ast.File
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".go") {
			f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
			if err != nil {
				panic(err)
			}
			files = append(files, f)
		}
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(path, fset, files, info)
	if err != nil {
		panic(err)
	}
	return pkg, info, files
}

func callTypes(dir, path string, imp types.Importer) {
	fset := token.NewFileSet()
	_, info, files := check(fset, dir, path, imp)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				tv := info.Types[call]
				t := tv.Type
				if tuple, ok := t.(*types.Tuple); ok && tuple.Len() > 0 {
					t = tuple.At(0).Type()
				}
				if t != nil && !tv.IsType() {
					fmt.Printf("%s %d %d %s\n", filepath.Base(fset.File(call.Pos()).Name()),
						fset.Position(call.Pos()).Offset, fset.Position(call.End()).Offset, t)
				}
			}
			return true
		})
	}
}
