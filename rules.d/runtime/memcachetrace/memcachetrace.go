package memcachetrace

import (
	"context"
	"net"
	"strconv"

	_ "orch.dev/runtime/otlphttp" // programs that use memcached can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/memcachetrace"

// The hooks package memcache calls, defined here with a value so that
// linking this package sets them (see doc.go).
var (
	start  func(method string) any   = Start
	end    func(span any, err error) = trace.EndOpaque
	server func(addr net.Addr)       = Server
)

// commands names the memcached command each Client method sends.
var commands = map[string]string{
	"Get": "get", "GetMulti": "gets", "GetAndTouch": "gat", "Touch": "touch",
	"Set": "set", "Add": "add", "Replace": "replace", "Append": "append", "Prepend": "prepend",
	"CompareAndSwap": "cas", "Delete": "delete", "DeleteAll": "flush_all", "FlushAll": "flush_all",
	"Increment": "incr", "Decrement": "decr", "Ping": "version",
}

// Start starts a client span for one Client method under the goroutine's
// active span; nil when tracing is off.
func Start(method string) any {
	if !trace.Enabled() {
		return nil
	}
	op := commands[method]
	if op == "" {
		op = method
	}
	_, span := trace.Start(context.Background(), scope, op, trace.KindClient,
		trace.String("db.system.name", "memcached"), trace.String("db.operation.name", op))
	if span == nil {
		return nil
	}
	return span
}

// Server records the server an operation reached on the goroutine's
// active span, when that is this package's span and names none yet.
func Server(addr net.Addr) {
	if addr == nil || !trace.Enabled() {
		return
	}
	span := trace.Active(context.Background())
	if span == nil || span.Scope() != scope {
		return
	}
	if _, ok := span.Attr("server.address"); ok {
		return
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		span.SetAttrs(trace.String("server.address", addr.String()))
		return
	}
	attrs := []trace.Attr{trace.String("server.address", host)}
	if n, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, trace.Int("server.port", n))
	}
	span.SetAttrs(attrs...)
}
