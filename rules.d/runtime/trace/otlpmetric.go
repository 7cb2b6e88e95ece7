package trace

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"
)

// The OTLP encodings of metrics (opentelemetry/proto/collector/metrics/v1
// ExportMetricsServiceRequest): JSON, as for spans, and protobuf, by hand
// in field-number order with proto3's zero values left out, so that the
// bytes are what the official serializer writes (tests/runtime checks).

// AppendOTLPJSON appends b as one ExportMetricsServiceRequest in OTLP/JSON.
func (b MetricBatch) AppendOTLPJSON(dst []byte) []byte {
	dst = append(dst, `{"resourceMetrics":[{"resource":{"attributes":`...)
	dst = appendAttrs(dst, b.Resource)
	dst = append(dst, `},"scopeMetrics":[{"scope":{"name":"`+MetricScope+`","version":"`+Version+`"},"metrics":[`...)
	for i, m := range b.Metrics {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = m.appendOTLPJSON(dst)
	}
	return append(dst, "]}]}]}"...)
}

func (m *Metric) appendOTLPJSON(dst []byte) []byte {
	dst = append(dst, `{"name":`...)
	dst = appendJSONString(dst, m.Name)
	if m.Description != "" {
		dst = append(dst, `,"description":`...)
		dst = appendJSONString(dst, m.Description)
	}
	if m.Unit != "" {
		dst = append(dst, `,"unit":`...)
		dst = appendJSONString(dst, m.Unit)
	}
	switch m.Kind {
	case HistogramMetric:
		dst = append(dst, `,"histogram":{"dataPoints":[`...)
	case SumMetric:
		dst = append(dst, `,"sum":{"dataPoints":[`...)
	default:
		dst = append(dst, `,"gauge":{"dataPoints":[`...)
	}
	for i := range m.Points {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = m.Points[i].appendOTLPJSON(dst, m.Kind)
	}
	dst = append(dst, ']')
	if m.Kind != GaugeMetric {
		dst = append(dst, `,"aggregationTemporality":`...)
		dst = strconv.AppendUint(dst, uint64(m.Temporality), 10)
	}
	if m.Kind == SumMetric && m.Monotonic {
		dst = append(dst, `,"isMonotonic":true`...)
	}
	return append(dst, "}}"...)
}

func (p *Point) appendOTLPJSON(dst []byte, kind MetricKind) []byte {
	dst = append(dst, `{"attributes":`...)
	dst = appendAttrs(dst, p.Attrs)
	dst = append(dst, `,"startTimeUnixNano":`...)
	dst = appendTime(dst, p.Start)
	dst = append(dst, `,"timeUnixNano":`...)
	dst = appendTime(dst, p.Time)
	if kind != HistogramMetric {
		dst = append(dst, `,"asInt":"`...)
		dst = strconv.AppendInt(dst, p.Int, 10)
		return append(dst, `"}`...)
	}
	dst = append(dst, `,"count":"`...)
	dst = strconv.AppendUint(dst, p.Count, 10)
	dst = append(dst, `","sum":`...)
	dst = appendJSONFloat(dst, p.Sum)
	dst = append(dst, `,"bucketCounts":[`...)
	for i, c := range p.Counts {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = strconv.AppendUint(dst, c, 10)
		dst = append(dst, '"')
	}
	dst = append(dst, `],"explicitBounds":[`...)
	for i, f := range p.Bounds {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONFloat(dst, f)
	}
	dst = append(dst, `],"min":`...)
	dst = appendJSONFloat(dst, p.Min)
	dst = append(dst, `,"max":`...)
	dst = appendJSONFloat(dst, p.Max)
	return append(dst, '}')
}

// AppendOTLPProto appends b as one ExportMetricsServiceRequest in the
// protobuf encoding.
func (b MetricBatch) AppendOTLPProto(dst []byte) []byte {
	return appendMessage(dst, 1, func(dst []byte) []byte { // resource_metrics
		dst = appendMessage(dst, 1, func(dst []byte) []byte { // resource
			return appendKeyValues(dst, 1, b.Resource)
		})
		return appendMessage(dst, 2, func(dst []byte) []byte { // scope_metrics
			dst = appendMessage(dst, 1, func(dst []byte) []byte { // scope
				dst = appendStringField(dst, 1, MetricScope)
				return appendStringField(dst, 2, Version)
			})
			for _, m := range b.Metrics {
				dst = appendMessage(dst, 2, m.appendOTLPProto)
			}
			return dst
		})
	})
}

func (m *Metric) appendOTLPProto(dst []byte) []byte {
	dst = appendStringField(dst, 1, m.Name)
	dst = appendStringField(dst, 2, m.Description)
	dst = appendStringField(dst, 3, m.Unit)
	field := 5 // gauge
	switch m.Kind {
	case SumMetric:
		field = 7
	case HistogramMetric:
		field = 9
	}
	return appendMessage(dst, field, func(dst []byte) []byte {
		for i := range m.Points {
			p := &m.Points[i]
			dst = appendMessage(dst, 1, func(dst []byte) []byte {
				if m.Kind == HistogramMetric {
					return p.appendHistogramProto(dst)
				}
				return p.appendNumberProto(dst)
			})
		}
		if m.Kind != GaugeMetric && m.Temporality != 0 {
			dst = appendVarintField(dst, 2, uint64(m.Temporality))
		}
		if m.Kind == SumMetric && m.Monotonic {
			dst = appendVarintField(dst, 3, 1)
		}
		return dst
	})
}

// NumberDataPoint: start 2, time 3, as_int 6 (sfixed64, in a oneof: written
// even when 0), attributes 7.
func (p *Point) appendNumberProto(dst []byte) []byte {
	dst = appendFixed64Field(dst, 2, unixNano(p.Start))
	dst = appendFixed64Field(dst, 3, unixNano(p.Time))
	dst = binary.LittleEndian.AppendUint64(appendTag(dst, 6, wireFixed64), uint64(p.Int))
	return appendKeyValues(dst, 7, p.Attrs)
}

// HistogramDataPoint: start 2, time 3, count 4, sum 5 (optional: written
// even when 0), bucket_counts 6 and explicit_bounds 7 (packed), attributes
// 9, min 11 and max 12 (optional).
func (p *Point) appendHistogramProto(dst []byte) []byte {
	dst = appendFixed64Field(dst, 2, unixNano(p.Start))
	dst = appendFixed64Field(dst, 3, unixNano(p.Time))
	dst = appendFixed64Field(dst, 4, p.Count)
	dst = appendDoubleField(dst, 5, p.Sum)
	if len(p.Counts) > 0 {
		dst = binary.AppendUvarint(appendTag(dst, 6, wireBytes), uint64(8*len(p.Counts)))
		for _, c := range p.Counts {
			dst = binary.LittleEndian.AppendUint64(dst, c)
		}
	}
	if len(p.Bounds) > 0 {
		dst = binary.AppendUvarint(appendTag(dst, 7, wireBytes), uint64(8*len(p.Bounds)))
		for _, f := range p.Bounds {
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(f))
		}
	}
	dst = appendKeyValues(dst, 9, p.Attrs)
	dst = appendDoubleField(dst, 11, p.Min)
	return appendDoubleField(dst, 12, p.Max)
}

func appendDoubleField(dst []byte, field int, f float64) []byte {
	return binary.LittleEndian.AppendUint64(appendTag(dst, field, wireFixed64), math.Float64bits(f))
}

func unixNano(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	return uint64(t.UnixNano())
}
