"""rules.d/kafkago.toml: producer and consumer spans for
github.com/segmentio/kafka-go against a real Kafka broker
(tests/servers/kafka.py), the producer and the consumer in two processes
that make one trace through the messages' headers."""

import pathlib

import pytest

from kafkacheck import check_trace, produce_and_consume
from packsupport import build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/segmentio/kafka-go"
NEWEST = "v0.4.51"                   # testdata/app/go.mod
# go 1.15 in its go.mod. v0.4.42 to v0.4.47 (served too) speak protocol
# versions that Kafka 4 removed (KIP-896): the broker hangs up (EOF).
OLDEST = "v0.4.48"


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("kafkago")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def test_one_trace_from_producer_to_consumer(app, kafka_broker):
    exe, tmp = app
    spans = produce_and_consume(exe, tmp, kafka_broker, "orders")
    produce = spans.one("produce")
    sends = spans.find("send orders")
    assert len(sends) == 2 and all(s.kind == "producer" and spans.parent(s) is produce for s in sends), spans.tree()
    for s in sends:
        assert s.attrs["messaging.system"] == "kafka"
        assert s.attrs["messaging.operation.type"] == "send"
        assert s.attrs["messaging.destination.name"] == "orders"
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == kafka_broker.port
    processes = spans.find("process orders")
    assert len(processes) == 2, spans.tree()
    by_key = {s.attrs["messaging.kafka.message.key"]: s for s in processes}
    send_by_key = {s.attrs["messaging.kafka.message.key"]: s for s in sends}
    for key, p in by_key.items():
        assert p.kind == "consumer"
        assert spans.parent(p) is send_by_key[key], spans.tree()     # the producer's trace, across processes
        assert p.attrs["messaging.consumer.group.name"] == "group-orders"
        assert p.attrs["messaging.destination.partition.id"] == "0"
        assert isinstance(p.attrs["messaging.kafka.offset"], int)
        (handle,) = spans.children(p, "handle")                      # the message's work nests under it
    assert len(spans.find("handle")) == 2


def test_the_propagators_in_force_carry_the_trace(app, kafka_broker):
    """OTEL_PROPAGATORS=b3multi in both processes: the X-B3 headers carry
    the trace from producer to consumer instead of traceparent."""
    exe, tmp = app
    spans = produce_and_consume(exe, tmp, kafka_broker, "orders-b3", env={"OTEL_PROPAGATORS": "b3multi"},
                                trace_headers=("x-b3-traceid", "x-b3-spanid", "x-b3-sampled"))
    check_trace(spans, "orders-b3", kafka_broker, ["k1", "k2"], group="group-orders-b3", offsets=False)


def test_without_configuration_the_program_is_unchanged(app, kafka_broker, tmp_path):
    exe, _ = app
    for args in (["produce", kafka_broker.addr, "plain"], ["consume", kafka_broker.addr, "plain", "g-plain"]):
        assert run_unconfigured(exe, tmp_path, args).endswith("ok\n")


def test_oldest_version(goenv, tmp_path, kafka_broker):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    spans = produce_and_consume(exe, tmp_path, kafka_broker, "old")
    sends = {s.attrs["messaging.kafka.message.key"]: s for s in spans.find("send old")}
    for p in spans.find("process old"):
        assert spans.parent(p) is sends[p.attrs["messaging.kafka.message.key"]], spans.tree()
