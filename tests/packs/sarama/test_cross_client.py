"""Kafka clients across processes: a message produced with one client and
consumed with another makes one trace (the traceparent header is the
same W3C one whichever client carried it). kafka-go and franz-go
producers with a sarama consumer, a sarama producer with a franz-go
consumer, against the real broker (tests/servers/kafka.py)."""

import pathlib

import pytest

from kafkacheck import check_trace
from packsupport import Program, Spans, build

PACKS = pathlib.Path(__file__).parent.parent


@pytest.fixture(scope="module")
def apps(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("kafka-cross")
    return {name: build(PACKS / name / "testdata/app", tmp, goenv, name=name)
            for name in ("sarama", "kafkago", "franzgo")}, tmp


def run(exe, tmp, *args):
    p = Program(exe, tmp, args=list(args)).run()
    assert p.stdout.endswith("ok\n"), p.stdout
    return p.spans()


@pytest.mark.parametrize("producer", ["kafkago", "franzgo"])
def test_sarama_consumes_another_clients_messages(apps, kafka_broker, producer):
    exes, tmp = apps
    topic = "from-" + producer
    spans = run(exes[producer], tmp, "produce", kafka_broker.addr, topic)
    spans += run(exes["sarama"], tmp, "group", kafka_broker.addr, topic, "g-" + topic, "2")
    spans = Spans(spans)
    # kafka-go's producer spans end with the write: no partition, offset.
    sends = check_trace(spans, topic, kafka_broker, ["k1", "k2"], group="g-" + topic, offsets=producer != "kafkago")
    assert all(spans.parent(s) is spans.one("produce") for s in sends.values()), spans.tree()


def test_franzgo_consumes_saramas_messages(apps, kafka_broker):
    exes, tmp = apps
    spans = run(exes["sarama"], tmp, "produce", kafka_broker.addr, "from-sarama")
    spans += run(exes["franzgo"], tmp, "consume", kafka_broker.addr, "from-sarama", "g-from-sarama", "3")
    check_trace(Spans(spans), "from-sarama", kafka_broker, ["k1", "k2", "k3"], group="g-from-sarama")
