// Package grpctrace traces google.golang.org/grpc: a server span for every
// RPC of every grpc.Server and a client span for every call on every
// ClientConn, unary and streaming, with the W3C trace context in the
// request metadata both ways.
//
// # Hook contract (rules.d/grpc.toml)
//
// Link-time dependency: orch.dev/runtime/grpctrace. In package grpc
// (server.go), next to NewServer:
//
//	//go:linkname __orch_grpc_server_start orch.dev/runtime/grpctrace.serverStart
//	var __orch_grpc_server_start func(ctx context.Context, method string, md map[string][]string, peer string) (context.Context, any)
//
//	//go:linkname __orch_grpc_client_start orch.dev/runtime/grpctrace.clientStart
//	var __orch_grpc_client_start func(ctx context.Context, method, target string) (context.Context, any, []string)
//
//	//go:linkname __orch_grpc_end orch.dev/runtime/grpctrace.end
//	var __orch_grpc_end func(span any, code int, err error)
//
// with unary and stream interceptors for servers (serverStart with the
// incoming metadata and the peer's address; the handler gets the returned
// context, a stream's handler through a ServerStream whose Context returns
// it; end with status.Code(err)) and for clients (clientStart with the
// ClientConn's target; the returned key/value pairs are appended to the
// outgoing metadata; a stream's span ends when RecvMsg returns an error or
// io.EOF, or the one answer of a stream the server does not stream).
// NewServer prepends ChainUnaryInterceptor and ChainStreamInterceptor
// options with orch's interceptors to its options, NewClient (which Dial
// and DialContext call) WithChainUnaryInterceptor and
// WithChainStreamInterceptor: orch's run first among the chained ones.
//
// # Spans (semantic conventions v1.37.0)
//
// Name: the full method without its leading slash (package.Service/Method).
// Server spans: kind server, parent the caller's span from the traceparent
// and tracestate metadata (a new trace without them; never the goroutine's
// span), network.peer.address/port. Client spans: kind client, parent
// ctx's span else the goroutine's, server.address/port from the target.
// Both: rpc.system=grpc, rpc.service, rpc.method, rpc.grpc.status_code. A
// client span fails for any code but OK; a server span for UNKNOWN,
// DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE and DATA_LOSS
// only (the others are the caller's errors), as the conventions say.
package grpctrace
