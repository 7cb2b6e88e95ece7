// Logs through log/slog (JSON, text and the default handler) and the
// standard log package, outside a span and inside one (//orch:span).
// Every line is deterministic (no times), so a plain build's output can be
// compared byte for byte.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"testing"
)

func noTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

var (
	jsonLog = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	textLog = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
)

func logAll(ctx context.Context, where string) {
	jsonLog.InfoContext(ctx, "json ctx", "where", where, "n", 1)
	jsonLog.Info("json gls", "where", where)
	jsonLog.Debug("json debug", "where", where) // disabled level
	textLog.LogAttrs(ctx, slog.LevelWarn, "text attrs", slog.String("where", where))
	textLog.Info("text dangling", "where", where, "dangling")
	textLog.With("sub", "x").WithGroup("g").Info("text group", "where", where)
	slog.Info("default", "where", where) // slog's default handler writes through package log
	log.Printf("stdlog where=%s", where)
	slog.NewLogLogger(textLog.Handler(), slog.LevelInfo).Printf("loglogger where=%s", where) // a log.Logger writing to a handler
	log.Print("stdlog newline where=" + where + "\n")
}

//orch:span span.name:other
func other(ctx context.Context) context.Context { return ctx }

//orch:span
func inside(ctx context.Context) {
	logAll(ctx, "inside")
	// a context whose span is not the goroutine's: the context's wins
	octx := other(ctx)
	jsonLog.InfoContext(octx, "json other", "where", "other")
	textLog.LogAttrs(octx, slog.LevelInfo, "text other", slog.String("where", "other"))
	done := make(chan bool)
	go func() { // inherits the goroutine's active span
		textLog.Info("text goroutine", "where", "inside")
		done <- true
	}()
	<-done
}

type writer struct{}

func (writer) Write(b []byte) (int, error) { return len(b), nil }

// allocs prints what logging costs in allocations: the same for the plain
// and the instrumented build when no span is active.
func allocs(where string) {
	l := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	a := testing.AllocsPerRun(100, func() { l.Info("m", "k", 1, "s", "x") })
	b := testing.AllocsPerRun(100, func() { l.LogAttrs(ctx, slog.LevelInfo, "m", slog.Int("k", 1)) })
	c := testing.AllocsPerRun(100, func() { l.Debug("m", "k", 1) })
	lg := log.New(writer{}, "", 0)
	d := testing.AllocsPerRun(100, func() { lg.Printf("m %d", 1) })
	fmt.Printf("allocs where=%s info=%v attrs=%v disabled=%v stdlog=%v\n", where, a, b, c, d)
}

// request logs in an HTTP handler: orch's server span.
func request() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jsonLog.InfoContext(r.Context(), "json request", "where", "request")
		textLog.Info("text request", "where", "request")
	})}
	go srv.Serve(ln)
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	// Shutdown, not Close: it waits until the handler has returned (and
	// orch's server span has ended) before main goes on to exit.
	srv.Shutdown(context.Background())
}

func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	allocs("outside")
	logAll(context.Background(), "outside")
	inside(context.Background())
	request()
	logAll(context.Background(), "after")
}
