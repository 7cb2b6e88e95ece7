package grpctrace

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"

	_ "orch.dev/runtime/otlphttp" // programs that use gRPC can export over HTTP
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/grpctrace"

// The hooks package grpc calls, defined here with a value so that linking
// this package sets them (see doc.go).
var (
	serverStart func(ctx context.Context, method string, md map[string][]string, peer string) (context.Context, any) = ServerStart
	clientStart func(ctx context.Context, method, target string) (context.Context, any, []string)                    = ClientStart
	end         func(span any, code int, err error)                                                                  = End
)

// ServerStart starts the server span of one RPC, under the caller's span
// from the metadata.
func ServerStart(ctx context.Context, method string, md map[string][]string, peer string) (context.Context, any) {
	if !trace.Enabled() {
		return ctx, nil
	}
	if s := trace.SpanFromContext(ctx); s != nil && !s.SpanContext().Remote {
		// A stats handler (OpenTelemetry's otelgrpc) already made this
		// RPC's server span, which the OTel API bridge made part of orch's
		// trace: the RPC keeps that one span.
		return ctx, nil
	}
	ctx, parent, _ := trace.Extract(ctx, trace.MetadataCarrier(md))
	attrs := rpcAttrs(method)
	if host, port := split(peer); host != "" {
		attrs = append(attrs, trace.String("network.peer.address", host))
		if port > 0 {
			attrs = append(attrs, trace.Int("network.peer.port", port))
		}
	}
	ctx, span := trace.StartWithParent(ctx, scope, name(method), trace.KindServer, parent, attrs...)
	if span == nil {
		return ctx, nil
	}
	return ctx, span
}

// ClientStart starts the client span of one call and returns the metadata
// that carries it (traceparent, tracestate) as key/value pairs.
func ClientStart(ctx context.Context, method, target string) (context.Context, any, []string) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return ctx, nil, nil
	}
	attrs := rpcAttrs(method)
	if host, port := split(stripScheme(target)); host != "" {
		attrs = append(attrs, trace.String("server.address", host))
		if port > 0 {
			attrs = append(attrs, trace.Int("server.port", port))
		}
	}
	ctx, span := trace.Start(ctx, scope, name(method), trace.KindClient, attrs...)
	if span == nil {
		return ctx, nil, nil
	}
	md := trace.MetadataCarrier{}
	trace.Inject(ctx, span.SpanContext(), md)
	kv := make([]string, 0, 2*len(md))
	for k, vs := range md {
		kv = append(kv, k, vs[0])
	}
	return ctx, span, kv
}

// Codes a server's span counts as its own failure (the others, such as
// NOT_FOUND or INVALID_ARGUMENT, are the caller's).
var serverErrors = map[int]bool{2: true, 4: true, 12: true, 13: true, 14: true, 15: true}

// End ends a span of this package with the call's gRPC status code.
func End(s any, code int, err error) {
	span, _ := s.(*trace.Span)
	if span == nil {
		return
	}
	span.SetAttrs(trace.Int("rpc.grpc.status_code", code))
	failed := code != 0
	if span.Kind() == trace.KindServer {
		failed = serverErrors[code]
	}
	if failed && err == nil {
		err = errors.New("gRPC status " + strconv.Itoa(code))
	}
	if !failed {
		err = nil
	}
	span.EndWithError(err)
}

func name(method string) string { return strings.TrimPrefix(method, "/") }

func rpcAttrs(method string) []trace.Attr {
	attrs := make([]trace.Attr, 0, 8)
	attrs = append(attrs, trace.String("rpc.system", "grpc"))
	full := name(method)
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		attrs = append(attrs, trace.String("rpc.service", full[:i]), trace.String("rpc.method", full[i+1:]))
	}
	return attrs
}

// stripScheme turns a dial target (dns:///host:port, passthrough:///...,
// unix:path) into its address.
func stripScheme(target string) string {
	if i := strings.Index(target, ":///"); i >= 0 {
		return target[i+4:]
	}
	if i := strings.Index(target, "://"); i >= 0 {
		if j := strings.IndexByte(target[i+3:], '/'); j >= 0 {
			return target[i+3+j+1:]
		}
	}
	return target
}

func split(addr string) (string, int) {
	if addr == "" {
		return "", 0
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr, 0
	}
	n, _ := strconv.Atoi(port)
	return host, n
}
