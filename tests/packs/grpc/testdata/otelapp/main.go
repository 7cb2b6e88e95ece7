// A gRPC server whose program added OpenTelemetry's stats handler
// (otelgrpc), without an SDK, and a client without one:
//
//	otelapp serve        prints "ready ADDR", serves until SIGTERM
//	otelapp call ADDR    one Check
//
// orch's server interceptor sees that the RPC already has its span and
// adds none: one server span per RPC, otelgrpc's, in orch's trace.
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func main() {
	switch os.Args[1] {
	case "serve":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		srv := grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler()))
		healthpb.RegisterHealthServer(srv, health.NewServer())
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGTERM)
		go func() { <-sig; srv.Stop() }()
		fmt.Println("ready", ln.Addr().String())
		srv.Serve(ln)
	case "call":
		conn, err := grpc.NewClient(os.Args[2], grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			panic(err)
		}
		defer conn.Close()
		if _, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
			panic(err)
		}
		fmt.Println("ok")
	}
}
