// A gRPC server and client in two processes, with grpc's own health
// service (unary Check, server-streaming Watch):
//
//	app serve        prints "ready ADDR", serves until SIGTERM
//	app call ADDR    Check (SERVING), Check of an unknown service (NOT_FOUND),
//	                 Watch until the first answer, then the client-streaming
//	                 orch.test.Tally/Sum and the bidirectional
//	                 orch.test.Tally/Echo, inside a span of its own
//
// Tally is declared by hand (no generated code): its messages are the
// health service's, a request's service name carrying the payload.
package main

import (
	"context"
	"fmt"
	"io"
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
	srv.RegisterService(&tally, struct{}{})
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
	return callTally(ctx, conn)
}

// tally: Sum joins the requests' service names (client streaming), Echo
// answers each request with its name (bidirectional).
var tally = grpc.ServiceDesc{
	ServiceName: "orch.test.Tally",
	HandlerType: (*interface{})(nil),
	Streams: []grpc.StreamDesc{
		{StreamName: "Sum", ClientStreams: true, Handler: func(_ any, ss grpc.ServerStream) error {
			joined := ""
			for {
				var req healthpb.HealthCheckRequest
				if err := ss.RecvMsg(&req); err == io.EOF {
					break
				} else if err != nil {
					return err
				}
				joined += req.Service
			}
			return ss.SendMsg(&healthpb.HealthCheckRequest{Service: joined})
		}},
		{StreamName: "Echo", ClientStreams: true, ServerStreams: true, Handler: func(_ any, ss grpc.ServerStream) error {
			for {
				var req healthpb.HealthCheckRequest
				if err := ss.RecvMsg(&req); err == io.EOF {
					return nil
				} else if err != nil {
					return err
				}
				if err := ss.SendMsg(&req); err != nil {
					return err
				}
			}
		}},
	},
}

func callTally(ctx context.Context, conn *grpc.ClientConn) error {
	sum, err := conn.NewStream(ctx, &tally.Streams[0], "/orch.test.Tally/Sum")
	if err != nil {
		return err
	}
	for _, part := range []string{"a", "b", "c"} {
		if err := sum.SendMsg(&healthpb.HealthCheckRequest{Service: part}); err != nil {
			return err
		}
	}
	sum.CloseSend()
	var total healthpb.HealthCheckRequest
	if err := sum.RecvMsg(&total); err != nil || total.Service != "abc" {
		return fmt.Errorf("sum: %q %v", total.Service, err)
	}
	echo, err := conn.NewStream(ctx, &tally.Streams[1], "/orch.test.Tally/Echo")
	if err != nil {
		return err
	}
	for _, word := range []string{"x", "y"} {
		var back healthpb.HealthCheckRequest
		if err := echo.SendMsg(&healthpb.HealthCheckRequest{Service: word}); err != nil {
			return err
		}
		if err := echo.RecvMsg(&back); err != nil || back.Service != word {
			return fmt.Errorf("echo: %q %v", back.Service, err)
		}
	}
	echo.CloseSend()
	if err := echo.RecvMsg(&healthpb.HealthCheckRequest{}); err != io.EOF {
		return fmt.Errorf("echo end: %v", err)
	}
	return nil
}
