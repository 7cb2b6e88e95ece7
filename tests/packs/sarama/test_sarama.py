"""rules.d/sarama.toml: producer and consumer spans for github.com/IBM/sarama
against a real Kafka broker (tests/servers/kafka.py): the SyncProducer's
SendMessage and SendMessages and the AsyncProducer in one process, a
consumer group and a partition consumer in others, one trace per message
through its headers."""

import pathlib

import pytest

from kafkacheck import check_trace
from packsupport import Program, Spans, build, own_tests_pass, run_unconfigured

HERE = pathlib.Path(__file__).parent
MODULE = "github.com/IBM/sarama"
NEWEST = "v1.61.1"                   # testdata/app/go.mod
OLDEST = "v1.50.1"                   # the oldest served; go 1.25.0 in its go.mod
KEYS = ["k1", "k2", "k3"]


@pytest.fixture(scope="module")
def app(tmp_path_factory, goenv):
    tmp = tmp_path_factory.mktemp("sarama")
    return build(HERE / "testdata/app", tmp, goenv), tmp


def produce(exe, tmp, broker, topic):
    run = Program(exe, tmp, args=["produce", broker.addr, topic]).run()
    assert run.stdout == "ok\n"
    return run.spans()


def consume(exe, tmp, broker, topic, how, n=3):
    args = [how, broker.addr, topic] + (["group-" + topic] if how == "group" else []) + [str(n)]
    run = Program(exe, tmp, args=args).run()
    lines = run.stdout.splitlines()
    assert lines[-1] == "ok" and len(lines) == n + 1, run.stdout
    return run.stdout, run.spans()


def test_sync_and_async_producers_and_consumer_group(app, kafka_broker):
    exe, tmp = app
    spans = Spans(produce(exe, tmp, kafka_broker, "sarama-orders"))
    out, consumed = consume(exe, tmp, kafka_broker, "sarama-orders", "group")
    assert "got k1 one app traceparent" in out       # the program's header kept, trace context added
    spans = Spans(spans + consumed)
    send_by_key = check_trace(spans, "sarama-orders", kafka_broker, KEYS, group="group-sarama-orders")
    produce_span = spans.one("produce")
    # The SyncProducer's messages nest under the caller's span; the
    # AsyncProducer's goroutine cannot know it: a new trace.
    assert spans.parent(send_by_key["k1"]) is produce_span and spans.parent(send_by_key["k2"]) is produce_span
    assert spans.parent(send_by_key["k3"]) is None and not send_by_key["k3"].parent_id
    check_durations(spans, "sarama-orders")


def check_durations(spans, topic):
    """A consumer span lasts from the moment the program takes its message
    until it takes the next one: the handling (20 ms) happens within it,
    though it is not nested (no sarama code runs in the goroutine that
    takes the message). When the program was still busy with the previous
    one, the span starts a moment after the program took the message."""
    processes = sorted(spans.find("process " + topic), key=lambda s: s.start)
    handles = sorted(spans.find("handle"), key=lambda s: s.start)
    assert len(handles) == len(processes)
    for p, h in zip(processes, handles):
        assert p.start - 10_000_000 <= h.start and h.end <= p.end, spans.tree()


def test_partition_consumer(app, kafka_broker):
    exe, tmp = app
    spans = Spans(produce(exe, tmp, kafka_broker, "sarama-parts"))
    _, consumed = consume(exe, tmp, kafka_broker, "sarama-parts", "partition")
    spans = Spans(spans + consumed)
    check_trace(spans, "sarama-parts", kafka_broker, KEYS)
    check_durations(spans, "sarama-parts")


def test_without_configuration_the_program_is_unchanged(app, kafka_broker, tmp_path):
    exe, _ = app
    assert run_unconfigured(exe, tmp_path, ["produce", kafka_broker.addr, "sarama-plain"]) == "ok\n"
    assert run_unconfigured(exe, tmp_path, ["partition", kafka_broker.addr, "sarama-plain", "3"]).endswith("ok\n")


def test_oldest_version(goenv, tmp_path, kafka_broker):
    exe = build(HERE / "testdata/app", tmp_path, goenv, requires={MODULE: OLDEST})
    spans = Spans(produce(exe, tmp_path, kafka_broker, "sarama-old"))
    _, consumed = consume(exe, tmp_path, kafka_broker, "sarama-old", "group")
    check_trace(Spans(spans + consumed), "sarama-old", kafka_broker, KEYS, group="group-sarama-old")


# sarama's own producer and consumer tests (mock brokers, no server).
OWN_TESTS = "TestSyncProducer|TestAsyncProducer|TestConsumer"


@pytest.mark.slow
def test_saramas_own_tests_pass_under_orch(tmp_path, goenv):
    """A part of sarama's own test suite (its producers, partition consumers
    and consumer groups against sarama's mock brokers): built with orch and
    traced (spans to a file, so the producers' spans and the consumers'
    channel of orch's are in play), the same tests pass as plainly."""
    passed = own_tests_pass(HERE / "testdata/app", tmp_path, goenv, MODULE, OWN_TESTS)
    assert len(passed) > 50
    assert "send my_topic" in (tmp_path / "spans.jsonl").read_text()
