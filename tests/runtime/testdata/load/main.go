// A service and its load generator, for tests/runtime/test_load.py.
//
//	load serve               serve /work and /leaf on a free loopback port; prints "ready ADDR"
//	load drive ADDR C N      N requests to /work?id=I from C workers; prints latencies as JSON
//	load quiet               what a program does without configuration: serve, call, exit;
//	                         prints the goroutines left when main's work is done
//
// /work?id=I starts three goroutines, each running step(I), a //orch:span
// function that calls /leaf?id=I on the same server.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
)

var base string

func main() {
	switch os.Args[1] {
	case "serve":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		base = "http://" + ln.Addr().String()
		fmt.Println("ready", ln.Addr().String())
		http.Serve(ln, handler())
	case "drive":
		c, _ := strconv.Atoi(os.Args[3])
		n, _ := strconv.Atoi(os.Args[4])
		drive(os.Args[2], c, n)
	case "quiet":
		quiet()
	}
}

func handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				step(id)
			}()
		}
		wg.Wait()
		io.WriteString(w, "ok "+id)
	})
	mux.HandleFunc("/leaf", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "leaf")
	})
	return mux
}

//orch:span span.name:step
func step(id string) {
	resp, err := http.Get(base + "/leaf?id=" + id)
	if err != nil {
		panic(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func drive(addr string, c, n int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}}
	lat := make([]float64, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t := time.Now()
				resp, err := client.Get(fmt.Sprintf("http://%s/work?id=%d", addr, i))
				if err != nil {
					panic(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(body) != "ok "+strconv.Itoa(i) {
					panic("wrong answer: " + string(body))
				}
				lat[i] = time.Since(t).Seconds()
			}
		}()
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	total := time.Since(start).Seconds()
	sort.Float64s(lat)
	json.NewEncoder(os.Stdout).Encode(map[string]float64{
		"p50": lat[n/2], "p99": lat[n*99/100], "max": lat[n-1], "seconds": total, "rps": float64(n) / total,
	})
}

func quiet() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	base = "http://" + ln.Addr().String()
	srv := &http.Server{Handler: handler()}
	go srv.Serve(ln)
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		resp, err := http.Get(base + "/work?id=" + strconv.Itoa(i))
		if err != nil {
			panic(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	srv.Close()
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(200 * time.Millisecond)
	fmt.Println("goroutines", before, runtime.NumGoroutine())
}
