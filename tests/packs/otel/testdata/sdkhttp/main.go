// A program whose SDK exports with OTLP/HTTP (otlptracehttp, batched) to
// the endpoint in its argument, and makes one HTTP request of its own
// inside a span: sdkhttp ENDPOINT_HOST:PORT TARGET_URL.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func main() {
	ctx := context.Background()
	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(os.Args[1]), otlptracehttp.WithInsecure())
	if err != nil {
		panic(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	ctx, span := otel.Tracer("example.com/sdkhttp").Start(ctx, "work")
	req, _ := http.NewRequestWithContext(ctx, "GET", os.Args[2], nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	span.End()
	if err := tp.ForceFlush(context.Background()); err != nil { // one export now...
		panic(err)
	}
	if err := tp.Shutdown(context.Background()); err != nil { // ...and what it made, if anything
		panic(err)
	}
	fmt.Println("ok")
}
