package redistrace

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"

	_ "orch.dev/runtime/otlphttp" // programs that use Redis can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/redistrace"

// The hooks package redis calls, defined here with a value so that
// linking this package sets them (see doc.go).
var (
	start func(ctx context.Context, names []string, args [][]any, network, addr string, db int) (context.Context, any) = Start
	end   func(span any, err error)                                                                                    = trace.EndOpaque
)

// keepValues: ORCH_REDIS_QUERY_VALUES=1 puts argument values in db.query.text.
var keepValues = os.Getenv("ORCH_REDIS_QUERY_VALUES") == "1"

// Start starts the span of one command (names and args of length one), of
// a pipeline, or of a transaction (wrapped in multi ... exec); db < 0: the
// client does not know which database it uses.
func Start(ctx context.Context, names []string, args [][]any, network, addr string, db int) (context.Context, any) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) || len(names) == 0 {
		return ctx, nil
	}
	op, size := operation(names)
	attrs := make([]trace.Attr, 0, 8)
	attrs = append(attrs,
		trace.String("db.system.name", "redis"),
		trace.String("db.operation.name", op),
		trace.String("db.query.text", queryText(args)))
	if db >= 0 {
		attrs = append(attrs, trace.String("db.namespace", strconv.Itoa(db)))
	}
	if size >= 2 || size == 0 { // a batch of one is not a batch
		attrs = append(attrs, trace.Int("db.operation.batch.size", size))
	}
	attrs = append(attrs, server(network, addr)...)
	ctx, span := trace.Start(ctx, scope, op, trace.KindClient, attrs...)
	if span == nil {
		return ctx, nil
	}
	return ctx, span
}

// operation is db.operation.name and the batch size (-1: not a batch).
func operation(names []string) (string, int) {
	if len(names) >= 2 && names[0] == "multi" && names[len(names)-1] == "exec" {
		return "MULTI", len(names) - 2
	}
	if len(names) == 1 {
		return names[0], -1
	}
	for _, n := range names[1:] {
		if n != names[0] {
			return "BATCH", len(names)
		}
	}
	return "BATCH " + strings.ToUpper(names[0]), len(names)
}

// queryText is each command with its arguments as ? (or as given).
func queryText(args [][]any) string {
	var b strings.Builder
	for i, cmd := range args {
		if i > 0 {
			b.WriteString("; ")
		}
		for j, a := range cmd {
			if j > 0 {
				b.WriteByte(' ')
			}
			if j == 0 || keepValues {
				fmt.Fprint(&b, a)
			} else {
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}

func server(network, addr string) []trace.Attr {
	if addr == "" {
		return nil
	}
	if network == "unix" {
		return []trace.Attr{trace.String("server.address", addr)}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return []trace.Attr{trace.String("server.address", addr)}
	}
	attrs := []trace.Attr{trace.String("server.address", host)}
	if n, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, trace.Int("server.port", n))
	}
	return attrs
}
