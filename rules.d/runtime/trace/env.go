package trace

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "unsafe" // for go:linkname
)

// Version is the orch runtime's version, reported as telemetry.sdk.version
// and as the instrumentation scope version.
const Version = "0.1.0"

// OTLPHTTPConfig is what the OTLP/HTTP exporter needs from the environment.
type OTLPHTTPConfig struct {
	URL         string            // the full traces URL, e.g. http://localhost:4318/v1/traces
	Headers     map[string]string // OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TRACES_HEADERS
	Timeout     time.Duration
	JSON        bool   // http/json; else http/protobuf, the specification's default
	Compression string // "gzip" or ""
	Certificate string // PEM file of the root CAs for an https URL ("": the system's)
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

	names := getenv("OTEL_TRACES_EXPORTER")
	if strings.TrimSpace(names) == "" && (getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != "") {
		names = "otlp"
	}
	for _, name := range strings.Split(names, ",") {
		switch name = strings.ToLower(strings.TrimSpace(name)); name {
		case "", "none":
		case "otlp":
			if newOTLPHTTP == nil {
				warnOnce("OTLP export needs orch.dev/runtime/otlphttp, which is not linked into this program; spans are not sent")
				continue
			}
			cfg.Exporters = append(cfg.Exporters, newOTLPHTTP(otlpFromEnv(getenv)))
		case "console":
			cfg.Exporters = append(cfg.Exporters, NewConsoleExporter(os.Stderr))
		default:
			warnOnce("unsupported OTEL_TRACES_EXPORTER " + strconv.Quote(name) + " (orch knows otlp, console, none)")
		}
	}
	if path := getenv("ORCH_TRACE_FILE"); path != "" {
		cfg.Exporters = append(cfg.Exporters, NewFileExporter(path))
	}
	return cfg
}

func otlpFromEnv(getenv func(string) string) OTLPHTTPConfig {
	c := OTLPHTTPConfig{URL: getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), Headers: map[string]string{}}
	if c.URL == "" {
		base := getenv("OTEL_EXPORTER_OTLP_ENDPOINT")
		if base == "" {
			base = "http://localhost:4318"
		}
		c.URL = strings.TrimRight(base, "/") + "/v1/traces"
	}
	for _, name := range []string{"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"} {
		for _, kv := range parseKeyValues(getenv(name)) {
			c.Headers[kv[0]] = kv[1]
		}
	}
	c.Timeout = 10 * time.Second
	for _, name := range []string{"OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"} {
		if ms := envInt(getenv, name); ms > 0 {
			c.Timeout = time.Duration(ms) * time.Millisecond
		}
	}
	c.JSON = otlpProtocol(getenv)
	c.Compression = otlpCompression(getenv)
	c.Certificate = otlpCertificate(getenv)
	return c
}

// otlpProtocol reads OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL: http/protobuf
// (the default) or http/json; grpc is not offered (it would need the grpc
// module) and falls back to http/protobuf with a warning.
func otlpProtocol(getenv func(string) string) (json bool) {
	proto := getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
	if proto == "" {
		proto = getenv("OTEL_EXPORTER_OTLP_PROTOCOL")
	}
	switch strings.TrimSpace(proto) {
	case "", "http/protobuf":
		return false
	case "http/json":
		return true
	}
	warnOnce("OTLP protocol " + strconv.Quote(proto) + " is not supported; sending http/protobuf")
	return false
}

// otlpCompression reads OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION: gzip or none.
func otlpCompression(getenv func(string) string) string {
	c := getenv("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION")
	if c == "" {
		c = getenv("OTEL_EXPORTER_OTLP_COMPRESSION")
	}
	switch c = strings.ToLower(strings.TrimSpace(c)); c {
	case "gzip":
		return c
	case "", "none":
		return ""
	}
	warnOnce("OTLP compression " + strconv.Quote(c) + " is not supported; sending uncompressed")
	return ""
}

// otlpCertificate reads OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE: the PEM
// file of the CAs that an https endpoint's certificate must chain to.
func otlpCertificate(getenv func(string) string) string {
	if c := strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE")); c != "" {
		return c
	}
	return strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_CERTIFICATE"))
}

// resourceFromEnv: OTEL_RESOURCE_ATTRIBUTES (k=v,k=v, values
// percent-encoded), with OTEL_SERVICE_NAME taking precedence for
// service.name, and unknown_service:<executable> as the fallback.
func resourceFromEnv(getenv func(string) string) []Attr {
	var res []Attr
	service := ""
	for _, kv := range parseKeyValues(getenv("OTEL_RESOURCE_ATTRIBUTES")) {
		if kv[0] == "service.name" {
			service = kv[1]
			continue
		}
		res = append(res, String(kv[0], kv[1]))
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
