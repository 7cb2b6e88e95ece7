"""rules.d/franzgo.toml: producer and consumer spans for
github.com/twmb/franz-go's kgo.Client against a real Kafka broker
(tests/servers/kafka.py), the producer and the consumer in two processes
that make one trace through the records' headers."""

import pathlib

import pytest

from packsupport import Program, Spans, build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/twmb/franz-go"
NEWEST = "v1.22.3"                   # testdata/app/go.mod
OLDEST = "v1.21.4"                   # the oldest served; go 1.25.0 in its go.mod


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("franzgo")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def produce_and_consume(exe, tmp, broker, topic):
    produced = Program(exe, tmp, args=["produce", broker.addr, topic]).run()
    consumed = Program(exe, tmp, args=["consume", broker.addr, topic, "group-" + topic, "2"]).run()
    assert produced.stdout == "ok\n"
    assert consumed.stdout.splitlines() == ["got k1 one app traceparent ", "got k2 two traceparent ", "ok"]
    return Spans(produced.spans() + consumed.spans())


def check_trace(spans, topic, broker):
    produce = spans.one("produce")
    sends = spans.find("send " + topic)
    assert sorted(s.attrs["messaging.kafka.message.key"] for s in sends) == ["k1", "k2"], spans.tree()
    for s in sends:
        assert s.kind == "producer" and spans.parent(s) is produce, spans.tree()
        assert s.attrs["messaging.system"] == "kafka"
        assert s.attrs["messaging.operation.type"] == "send"
        assert s.attrs["messaging.destination.name"] == topic
        assert s.attrs["messaging.destination.partition.id"] == "0"
        assert isinstance(s.attrs["messaging.kafka.offset"], int)
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == broker.port
    send_by_key = {s.attrs["messaging.kafka.message.key"]: s for s in sends}
    processes = spans.find("process " + topic)
    assert len(processes) == 2, spans.tree()
    for p in processes:
        key = p.attrs["messaging.kafka.message.key"]
        assert p.kind == "consumer"
        assert spans.parent(p) is send_by_key[key], spans.tree()     # the producer's trace, across processes
        assert p.attrs["messaging.operation.type"] == "process"
        assert p.attrs["messaging.consumer.group.name"] == "group-" + topic
        assert p.attrs["messaging.destination.partition.id"] == "0"
        assert p.attrs["messaging.kafka.offset"] == send_by_key[key].attrs["messaging.kafka.offset"]
        assert p.attrs["server.port"] == broker.port
    # A poll's records are the program's until its next poll (or Close):
    # their handling happens within their spans (which are not the
    # goroutine's active span: a poll returns many).
    for h in spans.find("handle"):
        assert any(p.start <= h.start and h.end <= p.end for p in processes), spans.tree()


def test_one_trace_from_producer_to_consumer(app, kafka_broker):
    exe, tmp = app
    check_trace(produce_and_consume(exe, tmp, kafka_broker, "franz-orders"), "franz-orders", kafka_broker)


def test_without_configuration_the_program_is_unchanged(app, kafka_broker, tmp_path):
    exe, _ = app
    for args in (["produce", kafka_broker.addr, "franz-plain"], ["consume", kafka_broker.addr, "franz-plain", "g-franz-plain", "2"]):
        assert run_unconfigured(exe, tmp_path, args).endswith("ok\n")


def test_oldest_version(goenv, tmp_path, kafka_broker):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    check_trace(produce_and_consume(exe, tmp_path, kafka_broker, "franz-old"), "franz-old", kafka_broker)
