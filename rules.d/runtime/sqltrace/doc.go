// Package sqltrace traces database/sql: every query, exec, prepare, begin,
// commit and rollback, through DB, Conn, Tx and Stmt, whatever the driver.
//
// The hooks sit at database/sql's internal choke points (the same names
// and signatures from Go 1.22 to 1.27), so each operation gets exactly one
// span (one per attempt when database/sql retries a bad connection), and
// the driver's own objects are never wrapped: db.Conn().Raw still gives the
// driver's connection.
//
// # Hook contract (rules.d/sql.toml)
//
// Link-time dependency of every rule: orch.dev/runtime/sqltrace. In
// database/sql (sql.go, add a blank import of unsafe):
//
//	//go:linkname __orch_sql_start orch.dev/runtime/sqltrace.start
//	var __orch_sql_start func(ctx context.Context, op, query string, drv any) (context.Context, any)
//
//	//go:linkname __orch_sql_end orch.dev/runtime/sqltrace.end
//	var __orch_sql_end func(span any, err error)
//
// Prepended to each function below, with CTX, OP, QUERY, DRV and ERR as in
// the table (ERR is the error result, which the rule engine must name when
// it is not; "ctx =" is left out where the context must not change):
//
//	if __orch_sql_start != nil {
//		var __orch_span any
//		CTX, __orch_span = __orch_sql_start(CTX, OP, QUERY, DRV)
//		if __orch_span != nil {
//			defer func() { __orch_sql_end(__orch_span, ERR) }()
//		}
//	}
//
//	function                          CTX        OP          QUERY    DRV          ERR
//	(*DB).queryDC(ctx, txctx, dc, releaseConn, query, args) (*Rows, error)
//	                                  ctx        "query"     query    dc.ci        Result 1
//	(*DB).execDC(ctx, dc, release, query, args) (res Result, err error)
//	                                  ctx        "exec"      query    dc.ci        err
//	(*DB).prepareDC(ctx, dc, release, cg, query) (*Stmt, error)
//	                                  ctx        "prepare"   query    dc.ci        Result 1
//	(*DB).beginDC(ctx, dc, release, opts) (tx *Tx, err error)
//	                                  _ (ctx)    "begin"     ""       dc.ci        err
//	(*Tx).Commit() error              _ (tx.ctx) "commit"    ""       tx.dc.ci     Result 0
//	(*Tx).Rollback() error            _ (tx.ctx) "rollback"  ""       tx.dc.ci     Result 0
//	(*Stmt).QueryContext(ctx, args...) (*Rows, error)
//	                                  ctx        "query"     s.query  s.db.Driver() Result 1
//	(*Stmt).ExecContext(ctx, args...) (Result, error)
//	                                  ctx        "exec"      s.query  s.db.Driver() Result 1
//
// For begin, commit and rollback the context is not replaced (write
// `_, __orch_span = __orch_sql_start(...)`): the transaction's context would
// otherwise carry the begin span and later spans would nest under it.
// Commit and Rollback add `&& !tx.done.Load()` to the first condition, so
// the common `defer tx.Rollback()` after a Commit (which returns
// ErrTxDone) makes no span. DB/Conn/Tx Query, QueryRow, Exec and Prepare,
// with or without Context, all arrive at one of these.
//
// # Spans
//
// Kind client; parent: ctx's span, else the goroutine's active span (so
// db.Query without a context nests under the handler's span). Name: the
// statement's first keyword (db.operation.name: SELECT, INSERT, ... BEGIN,
// COMMIT, ROLLBACK), "prepare SELECT" for prepares, else db.system.name.
// Attributes db.system.name (from the driver's Go package: postgresql,
// mysql, sqlite, microsoft.sql_server, oracle.db, clickhouse, ...
// other_sql), db.query.text (as given: with placeholders, not values),
// db.operation.name. A returned error (or a panic) marks the span failed,
// with error.type and an exception event. A query span covers reading its
// rows: it ends when the Rows close (Close, Next returning false, Row.Scan,
// or the context's end), failed if iterating failed; until then it is no
// longer the goroutine's active span. Rows that are never closed (a
// connection leak) leave their span unexported.
//
// # Rows (queries whose span ends with their rows)
//
// Also declared next to the hooks:
//
//	//go:linkname __orch_sql_detach orch.dev/runtime/sqltrace.detach
//	var __orch_sql_detach func(span any)
//
// struct Rows gets a field `__orch_span atomic.Pointer[any]`; the two query
// hooks ((*DB).queryDC, (*Stmt).QueryContext) end their span only when no
// rows come back, and otherwise hand it over:
//
//	defer func() {
//		if ROWS != nil && ERR == nil {
//			ROWS.__orch_span.Store(&__orch_span) // ended when the rows close
//			__orch_sql_detach(__orch_span)
//			return
//		}
//		__orch_sql_end(__orch_span, ERR)
//	}()
//
// and func (rs *Rows) close(err error) error, which every way of closing
// reaches (perhaps twice, from two goroutines), ends it once:
//
//	if __orch_span := rs.__orch_span.Swap(nil); __orch_span != nil {
//		defer func() {
//			rs.closemu.RLock()
//			__orch_err := rs.lasterrOrErrLocked(nil) // io.EOF is no error
//			rs.closemu.RUnlock()
//			__orch_sql_end(*__orch_span, __orch_err)
//		}()
//	}
package sqltrace
