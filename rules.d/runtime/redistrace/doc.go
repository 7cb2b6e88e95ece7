// Package redistrace traces Redis clients: a client span for every command
// and one for every pipeline or transaction.
//
// # Hook contract (rules.d/goredis.toml, github.com/redis/go-redis/v9)
//
// Link-time dependency of every rule: orch.dev/runtime/redistrace. In
// package redis, next to NewClient:
//
//	//go:linkname __orch_redis_start orch.dev/runtime/redistrace.start
//	var __orch_redis_start func(ctx context.Context, names []string, args [][]interface{}, network, addr string, db int) (context.Context, interface{})
//
//	//go:linkname __orch_redis_end orch.dev/runtime/redistrace.end
//	var __orch_redis_end func(span interface{}, err error)
//
// and a type __orchRedisHook{network, addr string; db int} that implements
// redis.Hook: ProcessHook calls start with the command's FullName and Args
// (one element each), ProcessPipelineHook with every command's (a
// transaction's commands come wrapped in multi and exec), and both call
// end with the error, redis.Nil taken out. NewClient and NewFailoverClient
// (no address: the sentinels choose the master) add the hook with the
// options' Network, Addr and DB before they return, so it is the first,
// outermost hook. (*baseClient).initConn marks its context with
// __orchRedisHandshake{}, and the hook makes no span in such a context: a
// connection's set-up commands are go-redis' own.
//
// # Hook contract (rules.d/redigo.toml, github.com/gomodule/redigo)
//
// The same two functions, declared in package redis (conn.go) as
// __orch_redigo_start and __orch_redigo_end, with db -1 (redigo keeps no
// database index). struct conn gets __orch_sent [][]interface{} (commands
// sent, not yet flushed) and __orch_pipeline interface{} (the span of a
// flushed pipeline): Send appends, Flush starts the pipeline's span,
// ReceiveWithTimeout ends it with the last reply (pending back to 0) or an
// error, and DoWithTimeout (Do, DoContext) makes one span for what was sent
// and its own command, ending a flushed pipeline's span too.
//
// # Spans (semantic conventions v1.37.0)
//
// Kind client; parent ctx's span, else the goroutine's active span. A
// command: name and db.operation.name = the command as go-redis names it
// (get, set, client setname ...). A pipeline: BATCH, or BATCH GET when
// every command is the same one, with db.operation.batch.size (a pipeline
// of one command is that command); a transaction: MULTI, with the batch
// size of the commands between MULTI and EXEC. db.system.name=redis,
// db.query.text = each command with its arguments replaced by ? (joined by
// "; " in a pipeline; ORCH_REDIS_QUERY_VALUES=1 keeps the values),
// db.namespace = the DB index, server.address and server.port (the socket
// path for a unix socket). A returned error (not redis.Nil) marks the span
// failed, with error.type and an exception event.
package redistrace
