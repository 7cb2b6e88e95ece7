package trace

import (
	"context"
	"os"
	"sync"
)

// FileExporter appends one line per export to a file: an
// ExportTraceServiceRequest (or ExportMetricsServiceRequest) in OTLP/JSON, the "JSON lines" format of the
// OpenTelemetry Collector's otlpjsonfile receiver. Each line is written
// with a single write to a file opened with O_APPEND, so several processes
// (a test run's subprocesses) can share one file.
type FileExporter struct {
	path string
	mu   sync.Mutex
	f    *os.File
	err  error
	buf  []byte
}

// NewFileExporter exports to path (ORCH_TRACE_FILE); the file is opened at
// the first export.
func NewFileExporter(path string) *FileExporter { return &FileExporter{path: path} }

func (e *FileExporter) Export(ctx context.Context, b Batch) error {
	return e.writeLine(b.AppendOTLPJSON)
}

// ExportMetrics appends an ExportMetricsServiceRequest (ORCH_METRICS_FILE).
func (e *FileExporter) ExportMetrics(ctx context.Context, b MetricBatch) error {
	return e.writeLine(b.AppendOTLPJSON)
}

func (e *FileExporter) writeLine(encode func([]byte) []byte) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.f == nil && e.err == nil {
		e.f, e.err = os.OpenFile(e.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	}
	if e.err != nil {
		return e.err
	}
	e.buf = append(encode(e.buf[:0]), '\n')
	_, err := e.f.Write(e.buf)
	if cap(e.buf) > 1<<20 {
		e.buf = nil // do not keep a huge buffer after a huge batch
	}
	return err
}

func (e *FileExporter) Shutdown(context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.f == nil {
		return nil
	}
	err := e.f.Close()
	e.f, e.err = nil, os.ErrClosed
	return err
}
