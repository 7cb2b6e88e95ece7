// Command shopper visits the shop's frontend (its URL is the argument) like
// a customer would, and prints each answer.
package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: shopper FRONTEND-URL")
		os.Exit(2)
	}
	base := strings.TrimRight(os.Args[1], "/")
	// A new connection per visit: a GET whose reused connection closes
	// without an answer would be sent again, and the shop would see it twice.
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	failed := 0
	for _, v := range []struct{ method, path string }{
		{"GET", "/shop/1"},
		{"POST", "/buy/2?quantity=1"},
		{"POST", "/buy/2?quantity=1"},
		{"GET", "/shop/9"},
		{"GET", "/shop/1/reviews"},
		{"GET", "/shop/1/photo/7"},
	} {
		req, err := http.NewRequest(v.method, base+v.path, nil)
		if err != nil {
			panic(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			var uerr *url.Error
			if errors.As(err, &uerr) {
				err = uerr.Err // without the URL, whose port changes
			}
			fmt.Printf("%-4s %-20s -> error: %v\n", v.method, v.path, err)
			failed++
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%-4s %-20s -> %d %s\n", v.method, v.path, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	fmt.Printf("shopper: %d visits without an answer\n", failed)
}
