"""rules.d/franzgo.toml: producer and consumer spans for
github.com/twmb/franz-go's kgo.Client against a real Kafka broker
(tests/servers/kafka.py), the producer and the consumer in two processes
that make one trace through the records' headers."""

import pathlib

import pytest

from kafkacheck import check_trace, produce_and_consume
from packsupport import build, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/twmb/franz-go"
NEWEST = "v1.22.3"                   # testdata/app/go.mod
OLDEST = "v1.21.4"                   # the oldest served; go 1.25.0 in its go.mod


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("franzgo")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def check(spans, topic, broker):
    send_by_key = check_trace(spans, topic, broker, ["k1", "k2"], group="group-" + topic)
    produce = spans.one("produce")
    assert all(spans.parent(s) is produce for s in send_by_key.values()), spans.tree()
    processes = spans.find("process " + topic)
    # A poll's records are the program's until its next poll (or Close);
    # while EachRecord hands the program a record, the record's span is
    # active: its handling nests under it.
    handles = spans.find("handle")
    assert sorted(spans.parent(h).span_id for h in handles) == sorted(p.span_id for p in processes), spans.tree()
    for h in handles:
        p = spans.parent(h)
        assert p.start <= h.start and h.end <= p.end


def test_one_trace_from_producer_to_consumer(app, kafka_broker):
    exe, tmp = app
    check(produce_and_consume(exe, tmp, kafka_broker, "franz-orders", "2"), "franz-orders", kafka_broker)


def test_without_configuration_the_program_is_unchanged(app, kafka_broker, tmp_path):
    exe, _ = app
    for args in (["produce", kafka_broker.addr, "franz-plain"], ["consume", kafka_broker.addr, "franz-plain", "g-franz-plain", "2"]):
        assert run_unconfigured(exe, tmp_path, args).endswith("ok\n")


def test_oldest_version(goenv, tmp_path, kafka_broker):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    check(produce_and_consume(exe, tmp_path, kafka_broker, "franz-old", "2"), "franz-old", kafka_broker)
