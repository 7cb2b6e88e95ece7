// Command goastdump prints what go/parser makes of Go files, in the format
// that tests/golang/astdump.py prints for orch's parser, so that the two can
// be compared line by line.
//
// Usage: goastdump [-list FILE] [files...]   (-list: one path per line; "-" is stdin)
//
// For each file it prints "FILE path", then either "ERROR offset line:col msg"
// for each syntax error (gofmt's mode: ParseComments|SkipObjectResolution),
// or every node in ast.Inspect order followed by "COMMENTS" and the comment
// groups of File.Comments, then "END". A node line is its kind, its Pos and
// End as byte offsets (-1 for no position) and its scalar fields by name:
// positions, tokens, strings (Ident names as is, other strings as
// crc32/length of their bytes), bools and channel directions.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"hash/crc32"
	"os"
	"reflect"
	"strings"
)

var (
	posType = reflect.TypeOf(token.NoPos)
	tokType = reflect.TypeOf(token.ILLEGAL)
	dirType = reflect.TypeOf(ast.SEND)
)

// Fields that orch's tree keeps as constants (the parser never sets them).
var skip = map[string]bool{"Incomplete": true, "EndPos": true, "Obj": true}

func main() {
	list := flag.String("list", "", "file with one path per line (- for stdin)")
	flag.Parse()
	files := flag.Args()
	if *list != "" {
		f := os.Stdin
		if *list != "-" {
			var err error
			if f, err = os.Open(*list); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				files = append(files, line)
			}
		}
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	for _, path := range files {
		dumpFile(w, path)
	}
}

func dumpFile(w *bufio.Writer, path string) {
	fmt.Fprintf(w, "FILE %s\n", path)
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(w, "READERROR %v\nEND\n", err)
		return
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				// (a message may quote a raw string literal with newlines)
				msg := strings.ReplaceAll(e.Msg, "\n", "\\n")
				fmt.Fprintf(w, "ERROR %d %d:%d %s\n", e.Pos.Offset, e.Pos.Line, e.Pos.Column, msg)
			}
		} else {
			fmt.Fprintf(w, "ERROR -1 0:0 %v\n", err)
		}
		fmt.Fprintf(w, "END\n")
		return
	}
	tf := fset.File(f.Pos())
	if tf == nil {
		tf = fset.File(f.FileStart)
	}
	off := func(p token.Pos) int {
		if !p.IsValid() {
			return -1
		}
		return int(p) - tf.Base()
	}
	dump := func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n).Elem()
		t := v.Type()
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d %d", t.Name(), off(n.Pos()), off(n.End()))
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if skip[sf.Name] {
				continue
			}
			fv := v.Field(i)
			switch {
			case sf.Type == posType:
				fmt.Fprintf(&b, " %s=%d", sf.Name, off(fv.Interface().(token.Pos)))
			case sf.Type == tokType:
				fmt.Fprintf(&b, " %s=%s", sf.Name, fv.Interface().(token.Token).String())
			case sf.Type == dirType:
				fmt.Fprintf(&b, " %s=%d", sf.Name, fv.Int())
			case sf.Type.Kind() == reflect.Bool:
				fmt.Fprintf(&b, " %s=%t", sf.Name, fv.Bool())
			case sf.Type.Kind() == reflect.String:
				s := fv.String()
				if sf.Name == "Name" || sf.Name == "GoVersion" {
					fmt.Fprintf(&b, " %s=%s", sf.Name, s)
				} else {
					fmt.Fprintf(&b, " %s=%08x/%d", sf.Name, crc32.ChecksumIEEE([]byte(s)), len(s))
				}
			}
		}
		w.WriteString(b.String())
		w.WriteByte('\n')
		return true
	}
	ast.Inspect(f, dump)
	w.WriteString("COMMENTS\n")
	for _, g := range f.Comments {
		ast.Inspect(g, dump)
	}
	w.WriteString("END\n")
}
