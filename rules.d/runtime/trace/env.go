package trace

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "unsafe" // for go:linkname
)

// Version is the orch runtime's version, reported as telemetry.sdk.version
// and as the instrumentation scope version.
const Version = "0.1.0"

// OTLPHTTPConfig is what the OTLP/HTTP exporter needs from the
// environment, for one signal (traces or metrics).
type OTLPHTTPConfig struct {
	URL         string            // the full URL, e.g. http://localhost:4318/v1/traces
	Headers     map[string]string // OTEL_EXPORTER_OTLP_HEADERS, then the signal's own
	Timeout     time.Duration
	JSON        bool   // http/json; else http/protobuf, the specification's default
	Compression string // "gzip" or ""
	Certificate string // PEM file of the root CAs for https (else the system's)
}

// newOTLPHTTP is defined, with a value, by orch.dev/runtime/otlphttp, which
// needs net/http and so cannot be imported here (net/http is instrumented
// and reaches this package). When that package is not linked the variable
// stays nil and OTLP export is reported as unavailable.
//
//go:linkname newOTLPHTTP orch.dev/runtime/otlphttp.factory
var newOTLPHTTP func(OTLPHTTPConfig) Exporter

// configFromEnv reads the OpenTelemetry SDK environment variables.
//
// Default, when none of OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, ORCH_TRACE_FILE is set: no exporter,
// so tracing is off and every hook costs one atomic load. An instrumented
// binary that is run without configuration must behave like the plain one:
// no connection attempts to a collector that is not there, no output.
func configFromEnv(getenv func(string) string) Config {
	var cfg Config
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") {
		return cfg
	}
	cfg.Resource = resourceFromEnv(getenv)
	var warn string
	cfg.Sampler, warn = parseSampler(getenv("OTEL_TRACES_SAMPLER"), getenv("OTEL_TRACES_SAMPLER_ARG"))
	if warn != "" {
		warnOnce(warn)
	}
	cfg.QueueSize = envInt(getenv, "OTEL_BSP_MAX_QUEUE_SIZE")
	cfg.BatchSize = envInt(getenv, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE")
	cfg.Delay = time.Duration(envInt(getenv, "OTEL_BSP_SCHEDULE_DELAY")) * time.Millisecond
	cfg.Timeout = time.Duration(envInt(getenv, "OTEL_BSP_EXPORT_TIMEOUT")) * time.Millisecond

	for _, e := range exportersFromEnv(getenv, "TRACES", "ORCH_TRACE_FILE") {
		cfg.Exporters = append(cfg.Exporters, e)
	}
	cfg.Metrics = metricsFromEnv(getenv)
	return cfg
}

// metricsFromEnv: OTEL_METRICS_EXPORTER (otlp, console, none; otlp when
// unset and an OTLP endpoint is set, as for traces), ORCH_METRICS_FILE,
// OTEL_METRIC_EXPORT_INTERVAL and _TIMEOUT (ms), and
// OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE.
func metricsFromEnv(getenv func(string) string) MetricsConfig {
	var mc MetricsConfig
	for _, e := range exportersFromEnv(getenv, "METRICS", "ORCH_METRICS_FILE") {
		mc.Exporters = append(mc.Exporters, e)
	}
	mc.Interval = time.Duration(envInt(getenv, "OTEL_METRIC_EXPORT_INTERVAL")) * time.Millisecond
	mc.Timeout = time.Duration(envInt(getenv, "OTEL_METRIC_EXPORT_TIMEOUT")) * time.Millisecond
	switch t := strings.ToLower(strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE"))); t {
	case "", "cumulative":
	case "delta", "lowmemory":
		mc.Temporality = t
	default:
		warnOnce("unsupported OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE " + strconv.Quote(t) + " (cumulative, delta, lowmemory); using cumulative")
	}
	return mc
}

// signalExporter is what each of orch's exporters (OTLP, console, file)
// is: one type for spans and metrics alike.
type signalExporter interface {
	Exporter
	ExportMetrics(ctx context.Context, b MetricBatch) error
}

// exportersFromEnv reads OTEL_<SIGNAL>_EXPORTER (otlp, console, none; a
// comma list; unset: otlp when an OTLP endpoint is set, else none) and the
// signal's ORCH_*_FILE.
func exportersFromEnv(getenv func(string) string, signal, fileVar string) []signalExporter {
	var out []signalExporter
	what := strings.ToLower(signal)
	names := getenv("OTEL_" + signal + "_EXPORTER")
	if strings.TrimSpace(names) == "" && (getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_"+signal+"_ENDPOINT") != "") {
		names = "otlp"
	}
	for _, name := range strings.Split(names, ",") {
		switch name = strings.ToLower(strings.TrimSpace(name)); name {
		case "", "none":
		case "otlp":
			if newOTLPHTTP == nil {
				warnOnce("OTLP export needs orch.dev/runtime/otlphttp, which is not linked into this program; " + what + " are not sent")
				continue
			}
			if e, ok := newOTLPHTTP(otlpFromEnv(getenv, signal)).(signalExporter); ok {
				out = append(out, e)
			}
		case "console":
			out = append(out, NewConsoleExporter(os.Stderr))
		default:
			warnOnce("unsupported OTEL_" + signal + "_EXPORTER " + strconv.Quote(name) + " (orch knows otlp, console, none)")
		}
	}
	if path := getenv(fileVar); path != "" {
		out = append(out, NewFileExporter(path))
	}
	return out
}

// otlpFromEnv reads the OTLP exporter's variables for one signal
// ("TRACES" or "METRICS"): each OTEL_EXPORTER_OTLP_X has a per-signal
// OTEL_EXPORTER_OTLP_<SIGNAL>_X that wins. A per-signal endpoint is the
// full URL; the common one gets /v1/traces or /v1/metrics appended.
func otlpFromEnv(getenv func(string) string, signal string) OTLPHTTPConfig {
	get := func(x string) string {
		if v := getenv("OTEL_EXPORTER_OTLP_" + signal + "_" + x); v != "" {
			return v
		}
		return getenv("OTEL_EXPORTER_OTLP_" + x)
	}
	c := OTLPHTTPConfig{URL: getenv("OTEL_EXPORTER_OTLP_" + signal + "_ENDPOINT"), Headers: map[string]string{}}
	if c.URL == "" {
		base := getenv("OTEL_EXPORTER_OTLP_ENDPOINT")
		if base == "" {
			base = "http://localhost:4318"
		}
		c.URL = strings.TrimRight(base, "/") + "/v1/" + strings.ToLower(signal)
	}
	for _, name := range []string{"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_" + signal + "_HEADERS"} {
		for _, kv := range parseKeyValues(getenv(name)) {
			c.Headers[kv[0]] = kv[1]
		}
	}
	c.Timeout = 10 * time.Second
	for _, name := range []string{"OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_" + signal + "_TIMEOUT"} {
		if ms := envInt(getenv, name); ms > 0 {
			c.Timeout = time.Duration(ms) * time.Millisecond
		}
	}
	c.JSON = otlpProtocol(get("PROTOCOL"))
	c.Compression = otlpCompression(get("COMPRESSION"))
	c.Certificate = strings.TrimSpace(get("CERTIFICATE"))
	return c
}

// otlpProtocol reads OTEL_EXPORTER_OTLP_[SIGNAL_]PROTOCOL: http/protobuf
// (the default) or http/json; grpc is not offered (it would need the grpc
// module) and falls back to http/protobuf with a warning.
func otlpProtocol(proto string) (json bool) {
	switch strings.TrimSpace(proto) {
	case "", "http/protobuf":
		return false
	case "http/json":
		return true
	}
	warnOnce("OTLP protocol " + strconv.Quote(proto) + " is not supported; sending http/protobuf")
	return false
}

// otlpCompression reads OTEL_EXPORTER_OTLP_[SIGNAL_]COMPRESSION: gzip or none.
func otlpCompression(c string) string {
	switch c = strings.ToLower(strings.TrimSpace(c)); c {
	case "gzip":
		return c
	case "", "none":
		return ""
	}
	warnOnce("OTLP compression " + strconv.Quote(c) + " is not supported; sending uncompressed")
	return ""
}

// resourceFromEnv: OTEL_RESOURCE_ATTRIBUTES (k=v,k=v, values
// percent-encoded), with OTEL_SERVICE_NAME taking precedence for
// service.name, and unknown_service:<executable> as the fallback; then
// what the process says of itself (detectedResource), where
// OTEL_RESOURCE_ATTRIBUTES did not set it.
func resourceFromEnv(getenv func(string) string) []Attr {
	var res []Attr
	service := ""
	given := map[string]bool{}
	for _, kv := range parseKeyValues(getenv("OTEL_RESOURCE_ATTRIBUTES")) {
		given[kv[0]] = true
		if kv[0] == "service.name" {
			service = kv[1]
			continue
		}
		res = append(res, String(kv[0], kv[1]))
	}
	for _, a := range detectedResource() {
		if !given[a.Key] {
			res = append(res, a)
		}
	}
	if s := strings.TrimSpace(getenv("OTEL_SERVICE_NAME")); s != "" {
		service = s
	}
	if service == "" {
		exe, _ := os.Executable()
		if exe == "" && len(os.Args) > 0 {
			exe = os.Args[0]
		}
		service = "unknown_service:" + filepath.Base(exe)
	}
	return append([]Attr{String("service.name", service)}, res...)
}

// detectedResource is what the process knows of itself (semantic
// conventions' service, process, host and os attributes): the main
// module's version from the build info, the executable, the pid, the Go
// runtime and the host name.
func detectedResource() []Attr {
	var res []Attr
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		res = append(res, String("service.version", bi.Main.Version))
	}
	if exe, err := os.Executable(); err == nil {
		res = append(res, String("process.executable.name", filepath.Base(exe)), String("process.executable.path", exe))
	}
	res = append(res,
		Int("process.pid", os.Getpid()),
		String("process.runtime.name", "go"),
		String("process.runtime.version", runtime.Version()),
		String("process.runtime.description", "go version "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH),
		String("os.type", runtime.GOOS))
	if host, err := os.Hostname(); err == nil && host != "" {
		res = append(res, String("host.name", host))
	}
	return res
}

func withSDKResource(res []Attr) []Attr {
	out := append([]Attr(nil), res...)
	has := func(k string) bool {
		for _, a := range out {
			if a.Key == k {
				return true
			}
		}
		return false
	}
	if !has("service.name") {
		exe, _ := os.Executable()
		out = append(out, String("service.name", "unknown_service:"+filepath.Base(exe)))
	}
	return append(out,
		String("telemetry.sdk.name", "orch"),
		String("telemetry.sdk.language", "go"),
		String("telemetry.sdk.version", Version))
}

// parseKeyValues reads the W3C-baggage-like lists of OTEL_RESOURCE_ATTRIBUTES
// and OTEL_EXPORTER_OTLP_HEADERS; malformed members are skipped.
func parseKeyValues(s string) [][2]string {
	var out [][2]string
	for _, member := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(member, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			continue
		}
		if u, err := unescapePercent(strings.TrimSpace(v)); err == nil {
			out = append(out, [2]string{k, u})
		}
	}
	return out
}

func unescapePercent(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", errorString("bad percent escape")
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", errorString("bad percent escape")
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), nil
}

func unhex(c byte) (byte, bool) {
	if 'A' <= c && c <= 'F' {
		c += 'a' - 'A'
	}
	return fromHex(c)
}

func envInt(getenv func(string) string, name string) int {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		warnOnce(name + "=" + strconv.Quote(v) + " is not a non-negative integer; ignored")
		return 0
	}
	return n
}

var warned sync.Map

// warnOnce tells the user on stderr, once per message, that tracing is not
// doing what they asked. Never more: a tracer must not flood a program's output.
func warnOnce(msg string) {
	if _, loaded := warned.LoadOrStore(msg, true); !loaded {
		os.Stderr.WriteString("orch: " + msg + "\n")
	}
}

// Warn is warnOnce for orch's other runtime packages (the OTLP exporter's
// certificate file): a line on stderr, once per message.
func Warn(msg string) { warnOnce(msg) }
