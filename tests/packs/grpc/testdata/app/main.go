// A gRPC server and client in two processes, with grpc's own health
// service (unary Check, server-streaming Watch):
//
//	app serve        prints "ready ADDR", serves until SIGTERM
//	app call ADDR    Check (SERVING), Check of an unknown service (NOT_FOUND),
//	                 Watch until the first answer, inside a span of its own
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

func main() {
	switch os.Args[1] {
	case "serve":
		serve()
	case "call":
		if err := call(context.Background(), os.Args[2]); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ok")
	}
}

func serve() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	// A user's own interceptor, chained: orch's server span is still one per RPC.
	srv := grpc.NewServer(grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo,
		h grpc.UnaryHandler) (any, error) {
		return h(ctx, req)
	}))
	healthpb.RegisterHealthServer(srv, health.NewServer())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	go func() { <-sig; srv.Stop() }()
	fmt.Println("ready", ln.Addr().String())
	srv.Serve(ln)
}

//orch:span span.name:calls
func call(ctx context.Context, addr string) error {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	c := healthpb.NewHealthClient(conn)
	r, err := c.Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || r.Status != healthpb.HealthCheckResponse_SERVING {
		return fmt.Errorf("check: %v %v", r, err)
	}
	if _, err := c.Check(ctx, &healthpb.HealthCheckRequest{Service: "unknown"}); status.Code(err) != codes.NotFound {
		return fmt.Errorf("check unknown: %v", err)
	}
	wctx, cancel := context.WithCancel(ctx)
	stream, err := c.Watch(wctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		cancel()
		return err
	}
	if _, err := stream.Recv(); err != nil {
		cancel()
		return err
	}
	cancel()
	if _, err := stream.Recv(); status.Code(err) != codes.Canceled {
		return fmt.Errorf("watch after cancel: %v", err)
	}
	return nil
}
