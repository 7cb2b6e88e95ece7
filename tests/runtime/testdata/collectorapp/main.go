// The program of test_collector.py: an HTTP server and its client in one
// process, driven by commands on stdin so that the test decides when spans
// are made (while the Collector is up, down, or back). It imports nothing
// of orch's.
//
//	rounds N   N requests GET /front/{n}: the front handler calls GET
//	           /items/{n} with the request's context, so each round is one
//	           trace of four spans (client, server, client, server); then
//	           "done TOTAL" on stdout, TOTAL the rounds so far
//	exit       return from main (orch flushes the spans at exit)
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /front/{n}", func(w http.ResponseWriter, r *http.Request) {
		body, err := get(r, base+"/items/"+r.PathValue("n"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintf(w, "front: %s", body)
	})
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "item %s", r.PathValue("id"))
	})
	go http.Serve(ln, mux)

	total := 0
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		cmd := strings.Fields(in.Text())
		switch {
		case len(cmd) == 2 && cmd[0] == "rounds":
			n, _ := strconv.Atoi(cmd[1])
			for i := 0; i < n; i++ {
				total++
				body, err := get(nil, base+"/front/"+strconv.Itoa(total))
				if want := "front: item " + strconv.Itoa(total); err != nil || body != want {
					fmt.Fprintf(os.Stderr, "round %d: %q, %v\n", total, body, err)
					os.Exit(1)
				}
			}
			fmt.Println("done", total)
		case len(cmd) == 1 && cmd[0] == "exit":
			time.Sleep(50 * time.Millisecond) // let the last spans end
			return
		default:
			fmt.Fprintf(os.Stderr, "unknown command %q\n", in.Text())
			os.Exit(2)
		}
	}
}

// get fetches url, under r's context when r is not nil.
func get(r *http.Request, url string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	if r != nil {
		req = req.WithContext(r.Context())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", resp.Status, b)
	}
	return string(b), err
}
