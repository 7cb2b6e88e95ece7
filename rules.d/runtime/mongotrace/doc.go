// Package mongotrace traces the MongoDB Go driver
// (go.mongodb.org/mongo-driver v1 and go.mongodb.org/mongo-driver/v2): a
// client span for every command, made from the driver's own command
// monitoring events.
//
// # Hook contract (rules.d/mongo.toml)
//
// Link-time dependency of every rule: orch.dev/runtime/mongotrace. In
// package mongo, next to the function that makes every Client (v1
// NewClient, v2 newClient; Connect calls them):
//
//	//go:linkname __orch_mongo_started orch.dev/runtime/mongotrace.started
//	var __orch_mongo_started func(ctx context.Context, command []byte, name, database, connectionID string, requestID int64)
//
//	//go:linkname __orch_mongo_succeeded orch.dev/runtime/mongotrace.succeeded
//	var __orch_mongo_succeeded func(connectionID string, requestID int64, reply []byte)
//
//	//go:linkname __orch_mongo_failed orch.dev/runtime/mongotrace.failed
//	var __orch_mongo_failed func(connectionID string, requestID int64, code int, err error, failure string)
//
// and __orch_mongo_options(opts), which that function's opts parameter is
// set to first: when the hooks are linked, a new slice in which the last
// options that are not nil are a copy whose Monitor is an
// event.CommandMonitor of orch's, wrapping the monitor the options would
// have given the client (the last one set: the driver merges options in
// order). Its Started calls started with the event's ctx, Command,
// CommandName, DatabaseName, ConnectionID and RequestID, then the
// program's Started; Succeeded calls the program's, then succeeded with
// the event's Reply; Failed calls the program's, then failed: v1's event
// carries the error's text (code 0, err nil, failure = Failure), v2's the
// error (code: driver.Error's Code, err = Failure). The program's options
// are not changed.
//
// # Spans (semantic conventions v1.37.0)
//
// Kind client; parent: the span of the context the command runs under,
// else the goroutine's active span. Name: {db.operation.name}
// {db.collection.name} ("find users"), or the command alone ("ping").
// db.system.name=mongodb, db.operation.name = the command's name (find,
// insert, getMore, aggregate ...), db.collection.name = the string value of
// the command's first element (getMore: its collection field; none for a
// command on a database or the server, or one the driver redacted),
// db.namespace = the database, server.address and server.port from the
// connection ID ("host:port[-N]"). A span is ended by its command's
// succeeded or failed event: the two name it by request and connection ID.
//
// A failed command, and a succeeded one whose reply reports writeErrors or
// a writeConcernError (the driver counts those as successes), marks the
// span failed (status message: the error's text), with an exception event
// and error.type: the server's error code (also db.response.status_code)
// when it is known, else the code name v1's text starts with
// ("(Unauthorized) ..."), else the error's Go type (v2), else _OTHER.
//
// # No db.query.text
//
// A MongoDB command document holds the query's values (filters, documents,
// updates) inline: it is not a parameterized query, and semantic
// conventions v1.37.0 make db.query.text opt-in for those. Sanitising a
// document (every value replaced by "?") would still cost a copy and a walk
// of every command; orch records no query text.
package mongotrace
