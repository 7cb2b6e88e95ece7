// The program of test_runtime_e2e.py: it uses net/http (server and client),
// database/sql (with a driver of its own) and //orch:span, and imports
// nothing of orch's: the rules and link-time dependencies bring the runtime.
package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	sql.Register("memdb", memDriver{})
	db, err := sql.Open("memdb", "")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		db.QueryRow("SELECT n FROM users WHERE id = ?", r.PathValue("id")).Scan(&n) // no context: nests by goroutine
		tx, _ := db.BeginTx(r.Context(), nil)
		defer tx.Rollback() // after Commit: no span
		tx.Exec("UPDATE users SET n = n + 1")
		tx.Commit()
		done := make(chan struct{})
		go func() { defer close(done); audit() }() // the goroutine inherits the handler's span
		<-done
		fmt.Fprintln(w, n)
	})
	mux.HandleFunc("/panic", func(w http.ResponseWriter, r *http.Request) {
		defer db.Exec("DELETE FROM sessions") // runs while the panic unwinds
		panic("handler failed")
	})
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "pong") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	base := "http://" + ln.Addr().String()
	target, _ := url.Parse(base)
	// A reverse proxy calls Transport.RoundTrip itself, without a Client.
	mux.Handle("/proxy/", http.StripPrefix("/proxy", httputil.NewSingleHostReverseProxy(target)))
	go http.Serve(ln, mux)
	fetch(context.Background(), base+"/users/7")
	if resp, err := http.Get(base + "/panic"); err == nil {
		resp.Body.Close()
	}
	report(db, base)
	switch mode := os.Getenv("APP_MODE"); mode {
	case "crash":
		crash()
	case "exit":
		os.Exit(3)
	case "wait", "handle":
		if mode == "handle" {
			ch := make(chan os.Signal, 1)
			signal.Notify(ch, os.Interrupt)
			fmt.Println("ready")
			<-ch
			signal.Stop(ch) // at once: orch must still see that the program handled it
			time.Sleep(100 * time.Millisecond)
			fmt.Println("handled")
			os.Exit(7)
		}
		fmt.Println("ready")
		select {}
	}
}

//orch:span span.name:fetch-user source:test
func fetch(ctx context.Context, url string) (err error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}

//orch:span
func audit() {}

// report: the spans of a client request and of a query last until the body
// and the rows are closed, but work done meanwhile does not nest under them.
//
//orch:span
func report(db *sql.DB, base string) {
	resp, err := http.Get(base + "/proxy/ping")
	if err != nil {
		panic(err)
	}
	rows, err := db.Query("SELECT n FROM stream")
	if err != nil {
		panic(err)
	}
	db.Exec("INSERT INTO reports VALUES (1)")
	time.Sleep(20 * time.Millisecond) // the query's span lasts until its rows are read
	for rows.Next() {
	}
	rows.Close()
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// crash: a goroutine started under this span panics, and nobody recovers.
//
//orch:span span.name:crash-job
func crash() {
	done := make(chan struct{})
	go func() {
		var m map[string]int
		m["x"] = 1
		close(done)
	}()
	<-done
}

// memDriver answers every query with one row holding 42.
type memDriver struct{}
type memConn struct{}
type memTx struct{}
type memRows struct{ done bool }

func (memDriver) Open(string) (driver.Conn, error)    { return memConn{}, nil }
func (memConn) Prepare(q string) (driver.Stmt, error) { return nil, driver.ErrSkip }
func (memConn) Close() error                          { return nil }
func (memConn) Begin() (driver.Tx, error)             { return memTx{}, nil }
func (memTx) Commit() error                           { return nil }
func (memTx) Rollback() error                         { return nil }
func (memRows) Columns() []string                     { return []string{"n"} }
func (memRows) Close() error                          { return nil }
func (memConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(1), nil
}
func (memConn) QueryContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Rows, error) {
	if strings.Contains(q, "missing") {
		return nil, fmt.Errorf("no such table")
	}
	return &memRows{}, nil
}
func (r *memRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = int64(42)
	return nil
}
