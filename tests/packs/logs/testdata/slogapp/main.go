// Logs through log/slog (JSON, text and the default handler) and the
// standard log package, outside a span and inside one (//orch:span).
// Every line is deterministic (no times), so a plain build's output can be
// compared byte for byte.
package main

import (
	"context"
	"log"
	"log/slog"
	"os"
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
	log.Print("stdlog newline where=" + where + "\n")
}

//orch:span
func inside(ctx context.Context) {
	logAll(ctx, "inside")
	done := make(chan bool)
	go func() { // inherits the goroutine's active span
		textLog.Info("text goroutine", "where", "inside")
		done <- true
	}()
	<-done
}

func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	logAll(context.Background(), "outside")
	inside(context.Background())
	logAll(context.Background(), "after")
}
