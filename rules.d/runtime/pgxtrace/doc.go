// Package pgxtrace traces github.com/jackc/pgx/v5's own API: a client span
// for every query, exec, batch and copy of every Conn and pgxpool.Pool
// (Begin, Commit and Rollback are the queries pgx sends for them).
//
// # Hook contract (rules.d/pgx.toml)
//
// Link-time dependency: orch.dev/runtime/pgxtrace. In package pgx (conn.go),
// next to connect:
//
//	//go:linkname __orch_pgx_start orch.dev/runtime/pgxtrace.start
//	var __orch_pgx_start func(ctx context.Context, kind, text string, size int, database, host string, port int) (context.Context, any)
//
//	//go:linkname __orch_pgx_batch_query orch.dev/runtime/pgxtrace.batchQuery
//	var __orch_pgx_batch_query func(span any, sql string)
//
//	//go:linkname __orch_pgx_end orch.dev/runtime/pgxtrace.end
//	var __orch_pgx_end func(span any, err error)
//
// and a type __orchPgxTracer{next QueryTracer} implementing QueryTracer,
// BatchTracer, CopyFromTracer, PrepareTracer and ConnectTracer: it calls
// start ("query" with the SQL, "batch" with the batch's length, "copy"
// with the table), keeps the span in the context under __orchPgxSpan{},
// reports each batched query's SQL, ends the span with the error, and hands
// every call on to next where next implements that interface. connect(ctx,
// config), which every Conn and pool connection goes through with a copy of
// the config, wraps config.Tracer in it (once); (*Conn).Config returns its
// copy with next as the Tracer, the program's own.
//
// # Spans (semantic conventions v1.37.0)
//
// Kind client; parent ctx's span, else the goroutine's. A query: name and
// db.operation.name = the statement's first keyword (SELECT, INSERT ...,
// BEGIN, COMMIT), db.query.text as given (placeholders, not values); it
// ends when pgx reports the query's end: for Query, when the rows are
// closed. A batch: BATCH, or BATCH SELECT when every statement has the same
// keyword, with db.operation.batch.size and the statements joined by "; ".
// A copy: COPY, db.collection.name = the table. Always db.system.name =
// postgresql, db.namespace = the database, server.address/server.port. An
// error marks the span failed (error.type; db.response.status_code = the
// SQLSTATE of a PostgreSQL error). Under a database/sql span (the
// pgx/stdlib driver) no span is made: database/sql's is the one.
package pgxtrace
