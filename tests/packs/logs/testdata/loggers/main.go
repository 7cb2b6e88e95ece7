// Logs through logrus, zap and zerolog, outside a span and inside one
// (//orch:span), and with a context that carries another span. Every line
// is deterministic (no times), so a plain build's output can be compared
// byte for byte. Each line says where it was written: where=outside,
// inside (the goroutine's span) or ctx (the context's span, which is not
// the goroutine's).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/rs/zerolog"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

var (
	logrusJSON = &logrus.Logger{Out: os.Stdout, Formatter: &logrus.JSONFormatter{DisableTimestamp: true},
		Hooks: make(logrus.LevelHooks), Level: logrus.InfoLevel}
	logrusText = &logrus.Logger{Out: os.Stdout, Formatter: &logrus.TextFormatter{DisableTimestamp: true, DisableColors: true},
		Hooks: make(logrus.LevelHooks), Level: logrus.InfoLevel}
	zapLog = zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zapcore.EncoderConfig{
		MessageKey: "msg", LevelKey: "level", EncodeLevel: zapcore.LowercaseLevelEncoder,
	}), zapcore.AddSync(os.Stdout), zapcore.InfoLevel))
	zapConsole = zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zapcore.EncoderConfig{
		MessageKey: "msg", LevelKey: "level", EncodeLevel: zapcore.CapitalLevelEncoder,
	}), zapcore.AddSync(os.Stdout), zapcore.InfoLevel))
	zero = zerolog.New(os.Stdout).Level(zerolog.InfoLevel)
)

// withCtx sets a zerolog event's context where zerolog has Event.Ctx.
func withCtx(e *zerolog.Event, ctx context.Context) *zerolog.Event {
	if c, ok := any(e).(interface {
		Ctx(context.Context) *zerolog.Event
	}); ok {
		return c.Ctx(ctx)
	}
	return e
}

func logAll(where string) {
	logrusJSON.WithField("where", where).Info("logrus json")
	logrusText.Infof("logrus text where=%s", where)
	logrusText.Debug("logrus debug where=", where) // disabled level
	zapLog.Info("zap", zap.String("where", where), zap.Int("n", 1))
	zapLog.Debug("zap debug", zap.String("where", where))
	zapLog.Sugar().Infow("zap sugar", "where", where)
	zapLog.Sugar().Infof("zap sugarf where=%s", where)
	zapConsole.Info("zap console", zap.String("where", where))
	zero.Info().Str("where", where).Msg("zerolog")
	zero.Debug().Str("where", where).Msg("zerolog debug")
	zero.Info().Str("where", where).Send()
	zero.Info().Msgf("zerolog msgf where=%s", where)
	zero.Printf("zerolog printf where=%s", where) // debug: disabled
}

func logCtx(ctx context.Context, where string) {
	logrusJSON.WithContext(ctx).WithField("where", where).Info("logrus ctx")
	withCtx(zero.Info(), ctx).Str("where", where).Msg("zerolog ctx")
}

//orch:span span.name:other
func other(ctx context.Context) context.Context { return ctx }

//orch:span
func inside() {
	logAll("inside")
	logCtx(other(context.Background()), "ctx")
	done := make(chan bool)
	go func() { // inherits the goroutine's active span
		zapLog.Info("zap goroutine", zap.String("where", "inside"))
		done <- true
	}()
	<-done
}

// allocs prints what logging costs in allocations: the same for the plain
// and the instrumented build when no span is active.
func allocs() {
	z := zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"}),
		zapcore.AddSync(io.Discard), zapcore.InfoLevel))
	zl := zerolog.New(io.Discard)
	a := testing.AllocsPerRun(100, func() { z.Info("m", zap.Int("k", 1)) })
	b := testing.AllocsPerRun(100, func() { zl.Info().Int("k", 1).Msg("m") })
	fmt.Printf("allocs where=outside zap=%v zerolog=%v\n", a, b)
}

func main() {
	allocs()
	logAll("outside")
	logCtx(context.Background(), "outside")
	inside()
	logAll("outside")
}
