// tmpldiff runs Go's text/template over many cases in one process, so that
// orch's Python template engine can be compared with the real thing.
//
// Input (stdin): a JSON array of cases
//
//	{"name": "t", "text": "{{.a}}", "data": {...}, "option": "missingkey=error"}
//
// Output (stdout): a JSON array with one result per case, in order:
//
//	{"out": "..."} or {"out_b64": "..."} (output that is not UTF-8) or {"err": "...", "phase": "parse"|"exec"}
//
// JSON numbers are decoded with UseNumber and turned into int when the text
// is an integer literal, float64 otherwise: the same rule as Python's json.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/template"
	"unicode/utf8"
)

type testCase struct {
	Name   string          `json:"name"`
	Text   string          `json:"text"`
	Data   json.RawMessage `json:"data"`
	Option string          `json:"option"`
}

type result struct {
	Out    *string `json:"out,omitempty"`
	OutB64 *string `json:"out_b64,omitempty"`
	Err    *string `json:"err,omitempty"`
	Phase  string  `json:"phase,omitempty"`
}

// funcs are the test functions; tests/rules/test_template_diff.py defines the
// same ones in Python.
var funcs = template.FuncMap{
	"list": func(args ...any) []any { return args },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("odd number of arguments")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"fail": func(msg any) (any, error) { return nil, errors.New(fmt.Sprint(msg)) },
	"nilval": func() any { return nil },
	"join": func(sep string, args ...any) string {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = fmt.Sprint(a)
		}
		return strings.Join(parts, sep)
	},
	"add": func(a, b int) int { return a + b },
}

func convert(v any) any {
	switch v := v.(type) {
	case json.Number:
		s := v.String()
		if !strings.ContainsAny(s, ".eE") {
			if i, err := v.Int64(); err == nil {
				return int(i)
			}
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = convert(v[i])
		}
		return v
	case map[string]any:
		for k := range v {
			v[k] = convert(v[k])
		}
		return v
	}
	return v
}

func run(c testCase) (res result) {
	var data any
	if len(c.Data) > 0 {
		dec := json.NewDecoder(bytes.NewReader(c.Data))
		dec.UseNumber()
		if err := dec.Decode(&data); err != nil {
			msg := "bad test data: " + err.Error()
			return result{Err: &msg, Phase: "harness"}
		}
		data = convert(data)
	}
	t := template.New(c.Name).Funcs(funcs)
	if c.Option != "" {
		t = t.Option(c.Option)
	}
	t, err := t.Parse(c.Text)
	if err != nil {
		msg := err.Error()
		return result{Err: &msg, Phase: "parse"}
	}
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		msg := err.Error()
		return result{Err: &msg, Phase: "exec"}
	}
	s := out.String()
	if utf8.ValidString(s) {
		return result{Out: &s}
	}
	b := base64.StdEncoding.EncodeToString([]byte(s))
	return result{OutB64: &b}
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "tmpldiff:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = run(c)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "tmpldiff:", err)
		os.Exit(2)
	}
}
