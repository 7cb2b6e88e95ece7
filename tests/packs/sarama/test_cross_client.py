"""Kafka clients across processes: a message produced with one client and
consumed with another makes one trace (the traceparent header is the
same W3C one whichever client carried it). kafka-go and franz-go
producers with a sarama consumer, a sarama producer with a franz-go
consumer, against the real broker (tests/servers/kafka.py)."""

import pathlib

import pytest

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


def check(spans, topic, keys):
    sends = {s.attrs["messaging.kafka.message.key"]: s for s in spans.find("send " + topic)}
    processes = spans.find("process " + topic)
    assert sorted(sends) == keys and len(processes) == len(keys), spans.tree()
    for p in processes:
        assert spans.parent(p) is sends[p.attrs["messaging.kafka.message.key"]], spans.tree()
        assert spans.parent(sends[p.attrs["messaging.kafka.message.key"]]) is spans.one("produce")


@pytest.mark.parametrize("producer", ["kafkago", "franzgo"])
def test_sarama_consumes_another_clients_messages(apps, kafka_broker, producer):
    exes, tmp = apps
    topic = "from-" + producer
    spans = run(exes[producer], tmp, "produce", kafka_broker.addr, topic)
    spans += run(exes["sarama"], tmp, "group", kafka_broker.addr, topic, "g-" + topic, "2")
    check(Spans(spans), topic, ["k1", "k2"])


def test_franzgo_consumes_saramas_messages(apps, kafka_broker):
    exes, tmp = apps
    spans = run(exes["sarama"], tmp, "produce", kafka_broker.addr, "from-sarama")
    spans += run(exes["franzgo"], tmp, "consume", kafka_broker.addr, "from-sarama", "g-from-sarama", "3")
    spans = Spans(spans)
    sends = {s.attrs["messaging.kafka.message.key"]: s for s in spans.find("send from-sarama")}
    for p in spans.find("process from-sarama"):
        assert spans.parent(p) is sends[p.attrs["messaging.kafka.message.key"]], spans.tree()
    assert len(spans.find("process from-sarama")) == 3
