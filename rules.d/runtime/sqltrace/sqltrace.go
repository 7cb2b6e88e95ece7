package sqltrace

import (
	"context"
	"reflect"
	"strings"
	"sync"

	_ "orch.dev/runtime/otlphttp" // programs that use a database can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/sqltrace"

// The hooks database/sql calls, defined here with a value so that linking
// this package sets them (see doc.go).
var (
	start  func(ctx context.Context, op, query string, drv any) (context.Context, any) = Start
	end    func(span any, err error)                                                   = End
	detach func(span any)                                                              = Detach
)

// Operations database/sql reports (the op argument of Start).
const (
	OpQuery    = "query"
	OpExec     = "exec"
	OpPrepare  = "prepare"
	OpBegin    = "begin"
	OpCommit   = "commit"
	OpRollback = "rollback"
)

// Start starts a client span for one database operation under the active
// span (ctx's, else the goroutine's). drv is the driver.Conn or
// driver.Driver in use: its package names the database system. The
// returned context carries the span (database/sql hands it to the driver);
// the span is returned as an opaque value for End, nil when tracing is off.
func Start(ctx context.Context, op, query string, drv any) (context.Context, any) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return ctx, nil
	}
	system := systemOf(drv)
	var attrs [4]trace.Attr
	a := append(attrs[:0], trace.String("db.system.name", system))
	name := system
	verb := ""
	switch op {
	case OpBegin, OpCommit, OpRollback:
		verb = strings.ToUpper(op)
	default:
		verb = Verb(query)
	}
	if query != "" {
		a = append(a, trace.String("db.query.text", query))
	}
	if verb != "" {
		a = append(a, trace.String("db.operation.name", verb))
		name = verb
	}
	if op == OpPrepare {
		name = "prepare " + name
	}
	ctx, span := trace.Start(ctx, scope, name, trace.KindClient, a...)
	if span == nil {
		return ctx, nil
	}
	return ctx, span
}

// End ends the span: a returned error or a panic marks it as failed.
func End(s any, err error) { trace.EndOpaque(s, err) }

// Detach makes the span no longer the goroutine's active one without
// ending it: a query's span ends when its rows are closed, and what the
// goroutine does meanwhile does not nest under it.
func Detach(s any) {
	span, _ := s.(*trace.Span)
	span.Deactivate()
}

// Verb is the query's first keyword when it is a well-known statement
// (db.operation.name), else "".
func Verb(q string) string {
	q = strings.TrimLeft(q, " \t\r\n(")
	n := 0
	for n < len(q) && n < 16 && isLetter(q[n]) {
		n++
	}
	switch w := strings.ToUpper(q[:n]); w {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "UPSERT", "MERGE", "REPLACE", "WITH",
		"CREATE", "DROP", "ALTER", "TRUNCATE", "CALL", "EXEC", "EXECUTE", "EXPLAIN",
		"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "SHOW", "PRAGMA",
		"VALUES", "COPY", "GRANT", "REVOKE", "VACUUM", "ANALYZE", "LOCK":
		return w
	}
	return ""
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// systemOf names the database (semconv db.system.name) from the driver's
// Go package, cached per type: drivers do not say what they talk to.
func systemOf(drv any) string {
	if drv == nil {
		return "other_sql"
	}
	t := reflect.TypeOf(drv)
	if v, ok := systems.Load(t); ok {
		return v.(string)
	}
	pkg := t.PkgPath()
	if t.Kind() == reflect.Pointer {
		pkg = t.Elem().PkgPath()
	}
	s := systemFromPackage(pkg)
	systems.Store(t, s)
	return s
}

var systems sync.Map // reflect.Type -> string

func systemFromPackage(pkg string) string {
	for _, k := range driverSystems {
		if strings.Contains(pkg, k[0]) {
			return k[1]
		}
	}
	return "other_sql"
}

// driverSystems maps a substring of a driver's package path to its system.
var driverSystems = [][2]string{
	{"lib/pq", "postgresql"},
	{"jackc/pgx", "postgresql"},
	{"postgres", "postgresql"},
	{"go-sql-driver/mysql", "mysql"},
	{"mysql", "mysql"},
	{"mattn/go-sqlite3", "sqlite"},
	{"modernc.org/sqlite", "sqlite"},
	{"ncruces/go-sqlite3", "sqlite"},
	{"sqlite", "sqlite"},
	{"denisenkom/go-mssqldb", "microsoft.sql_server"},
	{"microsoft/go-mssqldb", "microsoft.sql_server"},
	{"sijms/go-ora", "oracle.db"},
	{"godror", "oracle.db"},
	{"ClickHouse/clickhouse-go", "clickhouse"},
	{"snowflakedb", "snowflake"},
	{"duckdb", "duckdb"},
	{"trino", "trino"},
}
