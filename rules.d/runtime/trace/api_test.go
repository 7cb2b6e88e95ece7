package trace

import (
	"context"
	"testing"
)

type otelKey int // stands for otel/trace's currentSpanKey

type otelView struct{ s *Span } // stands for the OTel view of an orch span

func (v otelView) OrchSpan() *Span { return v.s }

// The innermost span of a context is found through either API, whichever
// made it: orch > OTel (SDK) > orch nests as one chain.
func TestAPIBridgeFindsTheInnermostSpan(t *testing.T) {
	recordSpans(t, AlwaysOn)
	SetAPISpanKey(otelKey(0))
	SetAPIWrap(func(s *Span) any { return otelView{s} })
	t.Cleanup(func() { apiSpanKey.Store(nil); apiWrap.Store(nil) })

	ctx, server := Start(context.Background(), "test", "server", KindServer)
	if v, _ := ctx.Value(otelKey(0)).(otelView); v.s != server {
		t.Fatal("otel's lookup does not see orch's span")
	}
	userSC := SpanContext{TraceID: server.sc.TraceID, SpanID: SpanID{1, 2, 3, 4, 5, 6, 7, 8}, Flags: 1}
	userCtx := APIContext(ctx, otelKey(0), "user-span", userSC)
	if userCtx.Value(otelKey(0)) != "user-span" {
		t.Fatal("otel's lookup does not see the program's span")
	}
	_, client := Start(userCtx, "test", "client", KindClient)
	if client.Parent() != userSC.SpanID {
		t.Fatal("orch's span is not the child of the program's span")
	}
	if Enclosing(userCtx, KindServer, "test") != server {
		t.Fatal("the server span is lost behind the program's span")
	}
	if c := APIContext(ctx, otelKey(0), otelView{server}, server.sc); SpanFromContext(c) != server {
		t.Fatal("an orch span given back through the API is not orch's own")
	}
	client.End()
	server.End()
}
