// A program that uses the OpenTelemetry API beside orch's spans:
//
//	app nosdk         no SDK installed: the API's spans are orch's
//	app sdk FILE      an SDK TracerProvider whose stdouttrace exporter
//	                  writes every span (orch's too) to FILE
//	app prop          no SDK, but the program's own propagator (W3C trace
//	                  context and baggage) and baggage from main
//
// /leaf answers "leaf" and what propagated to it: [tp] for a traceparent
// header, [b3] for B3 headers, [bag:...] for the baggage the program's
// propagator extracted.
// Both make one trace: main's API span "main" > orch's client span > orch's
// server span (named by the ServeMux pattern, with an attribute the handler
// adds through trace.SpanFromContext) > the handler's API span "handle" >
// orch's client span > orch's server span for /leaf.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/app")

func get(ctx context.Context, url string) string {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func main() {
	var shutdown func(context.Context) error
	ctx := context.Background()
	if len(os.Args) > 1 && os.Args[1] == "prop" {
		otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
		m, _ := baggage.NewMember("user", "alice")
		b, _ := baggage.New(m)
		ctx = baggage.ContextWithBaggage(ctx, b)
	}
	if len(os.Args) > 2 && os.Args[1] == "sdk" {
		f, err := os.Create(os.Args[2])
		if err != nil {
			panic(err)
		}
		exp, err := stdouttrace.New(stdouttrace.WithWriter(f))
		if err != nil {
			panic(err)
		}
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
		otel.SetTracerProvider(tp)
		shutdown = tp.Shutdown
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /work/{id}", func(w http.ResponseWriter, r *http.Request) {
		// The server span orch made, through the API.
		trace.SpanFromContext(r.Context()).SetAttributes(attribute.String("app.user", "u-"+r.PathValue("id")))
		ctx, span := tracer.Start(r.Context(), "handle", trace.WithAttributes(attribute.Int("app.items", 3)))
		defer span.End()
		span.AddEvent("looked up", trace.WithAttributes(attribute.Bool("app.cached", false)))
		fmt.Fprint(w, "work:", get(ctx, base+"/leaf"))
	})
	mux.HandleFunc("GET /leaf", func(w http.ResponseWriter, r *http.Request) {
		_, span := tracer.Start(r.Context(), "leaf-work")
		span.SetStatus(codes.Error, "leaf failed")
		span.End()
		got := "leaf"
		if r.Header.Get("Traceparent") != "" {
			got += "[tp]"
		}
		if r.Header.Get("B3") != "" || r.Header.Get("X-B3-Traceid") != "" {
			got += "[b3]"
		}
		if b := baggage.FromContext(r.Context()); b.Len() > 0 {
			got += "[bag:" + b.String() + "]"
		}
		fmt.Fprint(w, got)
	})
	go http.Serve(ln, mux)

	ctx, root := tracer.Start(ctx, "main", trace.WithSpanKind(trace.SpanKindInternal))
	fmt.Println(get(ctx, base+"/work/7"))
	root.End()
	if shutdown != nil {
		shutdown(context.Background())
	}
	fmt.Println("ok")
}
