package pgxtrace

import (
	"context"
	"errors"
	"strings"

	_ "orch.dev/runtime/otlphttp" // programs that use PostgreSQL can export over HTTP
	"orch.dev/runtime/sqltrace"
	"orch.dev/runtime/trace"
)

const scope = "orch.dev/runtime/pgxtrace"

// The hooks package pgx calls, defined here with a value so that linking
// this package sets them (see doc.go).
var (
	start      func(ctx context.Context, kind, text string, size int, database, host string, port int) (context.Context, any) = Start
	batchQuery func(span any, sql string)                                                                                     = BatchQuery
	end        func(span any, err error)                                                                                      = End
)

// batch is a batch's span and the statements pgx reported for it.
type batch struct {
	span  *trace.Span
	texts []string
	verbs []string
}

// Start starts the span of a query ("query", text = SQL), a batch
// ("batch", size = its length) or a copy ("copy", text = the table).
func Start(ctx context.Context, kind, text string, size int, database, host string, port int) (context.Context, any) {
	if !trace.Enabled() || trace.IsSuppressed(ctx) {
		return ctx, nil
	}
	if p := trace.Active(ctx); p != nil && p.Scope() == "orch.dev/runtime/sqltrace" {
		return ctx, nil // database/sql through pgx/stdlib: its span is the one
	}
	attrs := make([]trace.Attr, 0, 8)
	attrs = append(attrs, trace.String("db.system.name", "postgresql"))
	name := "postgresql"
	switch kind {
	case "query":
		attrs = append(attrs, trace.String("db.query.text", text))
		if verb := sqltrace.Verb(text); verb != "" {
			attrs = append(attrs, trace.String("db.operation.name", verb))
			name = verb
		}
	case "copy":
		name = "COPY"
		attrs = append(attrs, trace.String("db.operation.name", "COPY"), trace.String("db.collection.name", text))
	case "batch":
		name = "BATCH"
		attrs = append(attrs, trace.Int("db.operation.batch.size", size))
	}
	if database != "" {
		attrs = append(attrs, trace.String("db.namespace", database))
	}
	if host != "" {
		attrs = append(attrs, trace.String("server.address", host), trace.Int("server.port", port))
	}
	ctx, span := trace.Start(ctx, scope, name, trace.KindClient, attrs...)
	if span == nil {
		return ctx, nil
	}
	if kind == "batch" {
		return ctx, &batch{span: span}
	}
	return ctx, span
}

// BatchQuery records one statement of a batch.
func BatchQuery(s any, sql string) {
	if b, ok := s.(*batch); ok {
		b.texts = append(b.texts, sql)
		b.verbs = append(b.verbs, sqltrace.Verb(sql))
	}
}

// End ends a span of this package (nil is fine): err, with its SQLSTATE
// when PostgreSQL sent one, marks it failed.
func End(s any, err error) {
	span, _ := s.(*trace.Span)
	if b, ok := s.(*batch); ok {
		span = b.span
		span.SetAttrs(trace.String("db.query.text", strings.Join(b.texts, "; ")))
		if op := batchOperation(b.verbs); op != "" {
			span.SetAttrs(trace.String("db.operation.name", op))
			span.SetName(op)
		}
	}
	var state interface{ SQLState() string }
	if err != nil && errors.As(err, &state) {
		span.SetAttrs(trace.String("db.response.status_code", state.SQLState()))
	}
	span.EndWithError(err)
}

// batchOperation is BATCH, or BATCH VERB when every statement is a VERB.
func batchOperation(verbs []string) string {
	if len(verbs) == 0 {
		return ""
	}
	for _, v := range verbs {
		if v != verbs[0] || v == "" {
			return "BATCH"
		}
	}
	return "BATCH " + verbs[0]
}
