"""rules.d/franzgo.toml: producer and consumer spans for
github.com/twmb/franz-go's kgo.Client against a real Kafka broker
(tests/servers/kafka.py), the producer and the consumer in two processes
that make one trace through the records' headers."""

import json
import os
import pathlib
import re

import pytest

from kafkacheck import check_trace, produce_and_consume
from packsupport import build, own_tests_pass, run_unconfigured
from support import run_go

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


# kgo's own tests that need no broker (most of its suite runs against one):
# the files' tests that make no client of a broker's.
OWN_TEST_FILES = ["compression", "config", "consumer_group_848", "coordinator_race", "errors_classify",
                  "fetch_manager_quit", "group_balancer", "legacy_message_set", "metrics_714", "partitioner",
                  "produce_request_encode", "record_and_fetch", "record_formatter", "ring", "sharder_mutation",
                  "sink_merge", "topics_and_partitions"]


@pytest.mark.slow
def test_kgos_own_server_less_tests_pass_under_orch(tmp_path, goenv):
    """kgo's own tests that need no broker (records, fetches, partitioners,
    balancers, compression, sinks ...), built with orch and traced, pass as
    they do plainly."""
    pkg = MODULE + "/pkg/kgo"
    src = json.loads(run_go(["mod", "download", "-json", MODULE], HERE / "testdata/app", base_env=goenv,
                            orch=False).stdout)["Dir"]
    names = set()
    for f in OWN_TEST_FILES:
        path = os.path.join(src, "pkg/kgo", f + "_test.go")
        names |= set(re.findall(r"^func (Test\w+)", open(path).read(), re.M))
    passed = own_tests_pass(HERE / "testdata/app", tmp_path, goenv, pkg, "^(" + "|".join(sorted(names)) + ")$")
    assert len(passed) == len(names) > 50
