package mongotrace

import (
	"context"
	"encoding/binary"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"orch.dev/runtime/httpconv"
	_ "orch.dev/runtime/otlphttp" // programs that use MongoDB can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/mongotrace"

// The hooks package mongo calls, defined here with a value so that linking
// this package sets them (see doc.go).
var (
	started   func(ctx context.Context, command []byte, name, database, connectionID string, requestID int64) = Started
	succeeded func(connectionID string, requestID int64, reply []byte)                                        = Succeeded
	failed    func(connectionID string, requestID int64, code int, err error, failure string)                 = Failed
)

// key names one command in flight: the driver's request IDs come from one
// counter per process, and the connection ID tells apart the connections
// (of any client) that could reuse one.
type key struct {
	conn string
	req  int64
}

// inFlight maps a started command to its span until its succeeded or
// failed event.
var inFlight sync.Map

// Started starts the span of one command under ctx's span (else the
// goroutine's active span) and keeps it until the command's outcome.
func Started(ctx context.Context, command []byte, name, database, connectionID string, requestID int64) {
	if !trace.Enabled() || ctx != nil && trace.IsSuppressed(ctx) {
		return
	}
	collection := Collection(command, name)
	spanName := name
	if collection != "" {
		spanName = name + " " + collection
	}
	attrs := make([]trace.Attr, 0, 7)
	attrs = append(attrs,
		trace.String("db.system.name", "mongodb"),
		trace.String("db.operation.name", name))
	if collection != "" {
		attrs = append(attrs, trace.String("db.collection.name", collection))
	}
	if database != "" {
		attrs = append(attrs, trace.String("db.namespace", database))
	}
	attrs = append(attrs, Server(connectionID)...)
	if ctx == nil {
		ctx = context.Background()
	}
	_, span := trace.Start(ctx, scope, spanName, trace.KindClient, attrs...)
	if span == nil {
		return
	}
	// A command is a leaf: nothing the goroutine does until its reply
	// nests under it (and a lost outcome event leaves nothing active).
	span.Deactivate()
	inFlight.Store(key{connectionID, requestID}, span)
}

func take(connectionID string, requestID int64) *trace.Span {
	v, ok := inFlight.LoadAndDelete(key{connectionID, requestID})
	if !ok {
		return nil
	}
	return v.(*trace.Span)
}

// Succeeded ends a command's span. A reply with ok: 1 can still report
// write errors (writeErrors, writeConcernError): the write failed, and so
// does the span, with the first error's code.
func Succeeded(connectionID string, requestID int64, reply []byte) {
	span := take(connectionID, requestID)
	if span == nil {
		return
	}
	if code, msg, ok := WriteError(reply); ok {
		fail(span, code, "", msg)
	}
	span.End()
}

// Failed ends a command's span as failed. code: the server's error code
// when the driver's error carries one (0: none); err: the driver's error
// when the event has one (v2), else nil and failure is its text (v1).
func Failed(connectionID string, requestID int64, code int, err error, failure string) {
	span := take(connectionID, requestID)
	if span == nil {
		return
	}
	if failure == "" && err != nil {
		failure = err.Error()
	}
	errType := ""
	if err != nil {
		errType = reflect.TypeOf(err).String()
	} else if name := codeName(failure); name != "" {
		errType = name
	}
	fail(span, code, errType, failure)
	span.End()
}

// fail marks span failed: error.type is the server's error code when
// there is one (as db.response.status_code), else errType, else _OTHER.
func fail(span *trace.Span, code int, errType, msg string) {
	attrs := make([]trace.Attr, 0, 2)
	event := []trace.Attr{trace.String("exception.message", msg)}
	if errType != "" {
		event = append(event, trace.String("exception.type", errType))
	}
	switch {
	case code != 0:
		c := strconv.Itoa(code)
		attrs = append(attrs, trace.String("db.response.status_code", c), trace.String("error.type", c))
	case errType != "":
		attrs = append(attrs, trace.String("error.type", errType))
	default:
		attrs = append(attrs, trace.String("error.type", "_OTHER"))
	}
	span.AddEvent("exception", event...)
	span.SetStatus(trace.StatusError, msg)
	span.SetAttrs(attrs...)
}

// codeName is the server's code name that the driver's error text starts
// with ("(NamespaceNotFound) ns not found"), or "".
func codeName(failure string) string {
	if !strings.HasPrefix(failure, "(") {
		return ""
	}
	end := strings.IndexByte(failure, ')')
	if end <= 1 {
		return ""
	}
	name := failure[1:end]
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return ""
		}
	}
	return name
}

// Server is server.address and server.port from the driver's connection ID
// ("host:port[-N]"; a unix socket's path has no port).
func Server(connectionID string) []trace.Attr {
	addr := connectionID
	if i := strings.LastIndexByte(addr, '['); i > 0 && strings.HasSuffix(addr, "]") {
		addr = addr[:i]
	}
	if addr == "" {
		return nil
	}
	host, port := httpconv.SplitHostPort(addr)
	attrs := []trace.Attr{trace.String("server.address", host)}
	if port != 0 {
		attrs = append(attrs, trace.Int("server.port", port))
	}
	return attrs
}

// Collection is the collection a command document names: the string value
// of its first element (the command itself: {find: "users", ...}), or the
// collection field of a getMore; "" for a command on the database or the
// server ({ping: 1}, {listCollections: 1}), and for a command the driver
// redacted (an empty document).
func Collection(command []byte, name string) string {
	var found string
	first := true
	walk(command, func(k string, t byte, v []byte) bool {
		if first {
			first = false
			if t == typeString {
				found = bsonString(v)
				return false
			}
			return name == "getMore"
		}
		if k == "collection" && t == typeString {
			found = bsonString(v)
			return false
		}
		return true
	})
	return found
}

// WriteError is the code and message of the first write error (else of the
// write concern error) a reply reports.
func WriteError(reply []byte) (code int, msg string, ok bool) {
	walk(reply, func(k string, t byte, v []byte) bool {
		switch {
		case k == "writeErrors" && t == typeArray:
			walk(v, func(_ string, t byte, v []byte) bool {
				if t == typeDocument {
					code, msg = codeAndMessage(v)
					ok = true
				}
				return false
			})
		case k == "writeConcernError" && t == typeDocument && !ok:
			code, msg = codeAndMessage(v)
			ok = true
		}
		return true
	})
	return code, msg, ok
}

func codeAndMessage(doc []byte) (code int, msg string) {
	walk(doc, func(k string, t byte, v []byte) bool {
		switch k {
		case "code":
			switch t {
			case typeInt32:
				code = int(int32(binary.LittleEndian.Uint32(v)))
			case typeInt64:
				code = int(int64(binary.LittleEndian.Uint64(v)))
			case typeDouble:
				code = int(math.Float64frombits(binary.LittleEndian.Uint64(v)))
			}
		case "errmsg":
			if t == typeString {
				msg = bsonString(v)
			}
		}
		return true
	})
	return code, msg
}
