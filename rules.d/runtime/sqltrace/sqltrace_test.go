package sqltrace

import (
	"context"
	"errors"
	"testing"

	"orch.dev/runtime/trace"
)

func record(t *testing.T) *trace.Recorder {
	rec := &trace.Recorder{}
	shutdown := trace.Setup(trace.Config{Exporters: []trace.Exporter{rec}, Synchronous: true})
	t.Cleanup(func() { shutdown(context.Background()); trace.Setup(trace.Config{}) })
	return rec
}

type fakeConn struct{}

// queryDC is what database/sql's injected code looks like (see doc.go).
func queryDC(ctx context.Context, query string, fail bool) (_ int, err error) {
	var span any
	ctx, span = start(ctx, OpQuery, query, &fakeConn{})
	if span != nil {
		defer func() { end(span, err) }()
	}
	if trace.SpanFromContext(ctx) == nil {
		panic("the driver must see the span")
	}
	if fail {
		return 0, errors.New("no such table: users")
	}
	return 1, nil
}

func TestQuerySpans(t *testing.T) {
	rec := record(t)
	ctx, parent := trace.Start(context.Background(), "test", "handler", trace.KindServer)
	queryDC(ctx, "  select * FROM users WHERE id = ?", false)
	queryDC(ctx, "SELEC oops", true)
	parent.End()
	spans := rec.Spans()
	if len(spans) != 3 {
		t.Fatalf("%d spans", len(spans))
	}
	ok, bad := spans[0], spans[1]
	if ok.Name() != "SELECT" || ok.Kind() != trace.KindClient || ok.Parent() != parent.SpanContext().SpanID {
		t.Fatalf("span %q kind %v", ok.Name(), ok.Kind())
	}
	for k, v := range map[string]string{"db.system.name": `"other_sql"`, "db.operation.name": `"SELECT"`, "db.query.text": `"  select * FROM users WHERE id = ?"`} {
		if got, _ := ok.Attr(k); got.String() != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if bad.Name() != "other_sql" {
		t.Errorf("unknown verb: name %q", bad.Name())
	}
	if code, msg := bad.Status(); code != trace.StatusError || msg != "no such table: users" {
		t.Errorf("status %v %q", code, msg)
	}
}

func TestSystemFromPackage(t *testing.T) {
	for pkg, want := range map[string]string{
		"github.com/lib/pq":               "postgresql",
		"github.com/jackc/pgx/v5/stdlib":  "postgresql",
		"github.com/go-sql-driver/mysql":  "mysql",
		"github.com/mattn/go-sqlite3":     "sqlite",
		"modernc.org/sqlite":              "sqlite",
		"github.com/microsoft/go-mssqldb": "microsoft.sql_server",
		"example.com/internal/mydriver":   "other_sql",
	} {
		if got := systemFromPackage(pkg); got != want {
			t.Errorf("%s: %s, want %s", pkg, got, want)
		}
	}
}

func TestTransactionVerbs(t *testing.T) {
	rec := record(t)
	for _, op := range []string{OpBegin, OpCommit, OpRollback} {
		_, s := start(context.Background(), op, "", nil)
		end(s, nil)
	}
	var names []string
	for _, s := range rec.Spans() {
		names = append(names, s.Name())
	}
	if len(names) != 3 || names[0] != "BEGIN" || names[1] != "COMMIT" || names[2] != "ROLLBACK" {
		t.Fatalf("%v", names)
	}
}
