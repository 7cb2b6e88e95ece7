// Command server is the program bench_http.py measures: one HTTP handler
// doing trivial work. It imports nothing of orch's; built with orch, each
// request makes one server span. It prints its address, then serves until
// stdin closes; GET /mallocs answers the heap allocation count so far.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "hello, "+r.PathValue("name")+"\n")
	})
	mux.HandleFunc("GET /mallocs", func(w http.ResponseWriter, r *http.Request) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		io.WriteString(w, strconv.FormatUint(m.Mallocs, 10))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr())
	go http.Serve(ln, mux)
	io.Copy(io.Discard, os.Stdin)
}
