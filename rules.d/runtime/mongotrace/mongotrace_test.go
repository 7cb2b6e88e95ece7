package mongotrace

import (
	"context"
	"encoding/binary"
	"errors"
	"strconv"
	"testing"

	"orch.dev/runtime/trace"
)

// doc encodes a BSON document of key, value pairs (string, int32, int64,
// []byte as an embedded document, arr as an array of documents).
type arr [][]byte

func doc(kv ...any) []byte {
	var body []byte
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		switch v := kv[i+1].(type) {
		case string:
			body = append(body, typeString)
			body = append(append(body, k...), 0)
			body = binary.LittleEndian.AppendUint32(body, uint32(len(v)+1))
			body = append(append(body, v...), 0)
		case int32:
			body = append(body, typeInt32)
			body = append(append(body, k...), 0)
			body = binary.LittleEndian.AppendUint32(body, uint32(v))
		case int64:
			body = append(body, typeInt64)
			body = append(append(body, k...), 0)
			body = binary.LittleEndian.AppendUint64(body, uint64(v))
		case []byte:
			body = append(body, typeDocument)
			body = append(append(body, k...), 0)
			body = append(body, v...)
		case arr:
			var items []any
			for j, d := range v {
				items = append(items, string(rune('0'+j)), d)
			}
			body = append(body, typeArray)
			body = append(append(body, k...), 0)
			body = append(body, doc(items...)...)
		}
	}
	out := binary.LittleEndian.AppendUint32(nil, uint32(len(body)+5))
	return append(append(out, body...), 0)
}

func TestCollection(t *testing.T) {
	for _, c := range []struct {
		cmd  []byte
		name string
		want string
	}{
		{doc("find", "users", "filter", doc("a", int32(1)), "$db", "app"), "find", "users"},
		{doc("insert", "orders", "ordered", int32(1)), "insert", "orders"},
		{doc("getMore", int64(42), "collection", "users", "batchSize", int32(1)), "getMore", "users"},
		{doc("ping", int32(1), "collection", "nope"), "ping", ""},
		{doc("aggregate", int32(1), "pipeline", arr{}), "aggregate", ""},
		{doc(), "saslStart", ""},
		{nil, "find", ""},
		{[]byte{200, 0, 0, 0, 2, 'f'}, "find", ""}, // malformed
	} {
		if got := Collection(c.cmd, c.name); got != c.want {
			t.Errorf("Collection(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestServer(t *testing.T) {
	for id, want := range map[string][2]any{
		"127.0.0.1:27017[-5]":         {"127.0.0.1", int64(27017)},
		"db.example:27018[-12]":       {"db.example", int64(27018)},
		"[::1]:27019[-2]":             {"::1", int64(27019)},
		"/tmp/mongodb-27017.sock[-1]": {"/tmp/mongodb-27017.sock", nil},
		"":                            {nil, nil},
	} {
		got := map[string]any{}
		for _, a := range Server(id) {
			if a.Value.Kind() == trace.IntValue {
				got[a.Key] = a.Value.AsInt64()
			} else {
				got[a.Key] = a.Value.AsString()
			}
		}
		if got["server.address"] != want[0] || got["server.port"] != want[1] {
			t.Errorf("Server(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestWriteError(t *testing.T) {
	reply := doc("n", int32(0), "writeErrors", arr{doc("index", int32(0), "code", int32(11000), "errmsg", "E11000 duplicate key")}, "ok", int32(1))
	if code, msg, ok := WriteError(reply); !ok || code != 11000 || msg != "E11000 duplicate key" {
		t.Errorf("WriteError = %v %q %v", code, msg, ok)
	}
	reply = doc("n", int32(1), "writeConcernError", doc("code", int32(64), "errmsg", "waiting for replication timed out"), "ok", int32(1))
	if code, _, ok := WriteError(reply); !ok || code != 64 {
		t.Errorf("WriteError(writeConcernError) = %v %v", code, ok)
	}
	if _, _, ok := WriteError(doc("n", int32(1), "ok", int32(1))); ok {
		t.Error("a plain reply has no write error")
	}
}

func attr(s *trace.Span, k string) string {
	v, ok := s.Attr(k)
	if !ok {
		return ""
	}
	if v.Kind() == trace.IntValue {
		return strconv.FormatInt(v.AsInt64(), 10)
	}
	return v.AsString()
}

func TestCommandsUnderTheCallersSpan(t *testing.T) {
	rec := &trace.Recorder{}
	shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	defer func() { shutdown(context.Background()); trace.Setup(trace.Config{}) }()
	ctx, parent := trace.Start(context.Background(), "test", "handler", trace.KindServer)
	const conn = "localhost:27017[-3]"
	Started(ctx, doc("find", "users", "$db", "app"), "find", "app", conn, 7)
	Started(ctx, doc("update", "users", "$db", "app"), "update", "app", conn, 8)
	Started(ctx, doc("insert", "users", "$db", "app"), "insert", "app", conn, 9)
	Started(ctx, doc("ping", int32(1)), "ping", "admin", conn, 10)
	Succeeded(conn, 7, doc("ok", int32(1)))
	Failed(conn, 8, 0, nil, "(Unauthorized) not authorized on app")
	Succeeded(conn, 9, doc("n", int32(0), "writeErrors", arr{doc("code", int32(11000), "errmsg", "E11000")}, "ok", int32(1)))
	Failed(conn, 10, 13, errors.New("(Unauthorized) no"), "")
	Succeeded(conn, 99, nil) // never started: nothing
	parent.End()

	spans := map[string]*trace.Span{}
	for _, s := range rec.Spans() {
		spans[s.Name()] = s
	}
	if len(spans) != 5 {
		t.Fatalf("spans: %v", rec.Spans())
	}
	find := spans["find users"]
	if find == nil || find.Kind() != trace.KindClient || find.Parent() != parent.SpanContext().SpanID {
		t.Fatalf("find: %v", find)
	}
	for k, want := range map[string]string{
		"db.system.name": "mongodb", "db.operation.name": "find", "db.collection.name": "users",
		"db.namespace": "app", "server.address": "localhost", "server.port": "27017",
	} {
		if got := attr(find, k); got != want {
			t.Errorf("find %s = %q, want %q", k, got, want)
		}
	}
	if code, _ := find.Status(); code == trace.StatusError || attr(find, "db.query.text") != "" {
		t.Errorf("find: status %v, query text %q", code, attr(find, "db.query.text"))
	}
	update := spans["update users"]
	if code, msg := update.Status(); code != trace.StatusError || msg != "(Unauthorized) not authorized on app" ||
		attr(update, "error.type") != "Unauthorized" {
		t.Errorf("update: %v %q %q", code, msg, attr(update, "error.type"))
	}
	insert := spans["insert users"]
	if code, _ := insert.Status(); code != trace.StatusError || attr(insert, "error.type") != "11000" ||
		attr(insert, "db.response.status_code") != "11000" {
		t.Errorf("insert: %v %q", code, attr(insert, "error.type"))
	}
	ping := spans["ping"]
	if attr(ping, "db.collection.name") != "" || attr(ping, "error.type") != "13" || len(ping.Events()) != 1 {
		t.Errorf("ping: %q %q %v", attr(ping, "db.collection.name"), attr(ping, "error.type"), ping.Events())
	}
	n := 0
	inFlight.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d commands still in flight", n)
	}
}

func TestTracingOff(t *testing.T) {
	trace.Setup(trace.Config{})
	Started(context.Background(), doc("find", "users"), "find", "app", "c", 1)
	Succeeded("c", 1, nil)
	n := 0
	inFlight.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d commands kept with tracing off", n)
	}
}
