// A fasthttp server and client in one process: the program serves
// /hello/NAME and /boom (500) on loopback, then, inside a span of its own
// (//orch:span), calls /hello/x with a fasthttp.Client and /boom with
// fasthttp.Do.
package main

import (
	"context"
	"fmt"
	"net"

	"github.com/valyala/fasthttp"
)

func handler(ctx *fasthttp.RequestCtx) {
	switch string(ctx.Path()) {
	case "/boom":
		ctx.SetStatusCode(500)
	default:
		fmt.Fprintf(ctx, "hello %s tp=%t", ctx.Path(), len(ctx.Request.Header.Peek("traceparent")) > 0)
	}
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &fasthttp.Server{Handler: handler}
	go srv.Serve(ln)
	fmt.Println(calls(context.Background(), "http://"+ln.Addr().String()))
	fmt.Println("ok")
}

//orch:span span.name:calls
func calls(ctx context.Context, base string) string {
	var c fasthttp.Client
	status, body, err := c.Get(nil, base+"/hello/x?q=1")
	if err != nil {
		panic(err)
	}
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	req.SetRequestURI(base + "/boom")
	if err := fasthttp.Do(req, resp); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%d %s; %d", status, body, resp.StatusCode())
}
