"""The data packs together, end to end: rules.d/nethttp.toml,
rules.d/goredis.toml, rules.d/memcache.toml, rules.d/redigo.toml,
rules.d/pgx.toml and the Kafka packs rules.d/kafkago.toml,
rules.d/sarama.toml and rules.d/franzgo.toml, against the real servers
(tests/servers: redis-server, memcached, PostgreSQL, Kafka).

One module (testdata/go.mod, the packs' tested versions) holds two
programs, built once with orch: an order service whose one HTTP request
reads the caches (go-redis GET, gomemcache Get, redigo INCR), writes the
order in a pgx transaction and publishes it with one Kafka client; and a
consumer that reads it with one Kafka client in another process. Each
producer/consumer pair (each client with itself, and kafka-go -> sarama,
sarama -> franz-go, franz-go -> kafka-go) must make ONE trace: the server
span, the cache and database client spans and the producer span under
it, and the consumer span, child of the producer span through the
message's headers."""

import pathlib
import shutil
import urllib.error
import urllib.request

import pytest

from kafkacheck import check_trace
from otlp_receiver import read_metrics_file
from packsupport import Program, Spans
from support import run_go

HERE = pathlib.Path(__file__).parent
# (producer, consumer)
PAIRS = [("kafkago", "kafkago"), ("sarama", "sarama"), ("franzgo", "franzgo"),
         ("kafkago", "sarama"), ("sarama", "franzgo"), ("franzgo", "kafkago")]


@pytest.fixture(scope="module")
def programs(tmp_path_factory, goenv):
    """Both programs, from one copy of the module in one go build."""
    tmp = tmp_path_factory.mktemp("combined")
    shutil.copytree(HERE / "testdata", tmp / "src")
    run_go(["build", "-o", str(tmp / "bin") + "/", "./service", "./consumer"], tmp / "src", base_env=goenv,
           timeout=1800)
    return tmp / "bin" / "service", tmp / "bin" / "consumer", tmp


@pytest.mark.parametrize("producer,consumer", PAIRS, ids=[f"{p}-to-{c}" for p, c in PAIRS])
def test_one_trace_from_the_request_to_the_consumer(programs, redis_server, memcached_server, postgres_server,
                                                    kafka_broker, producer, consumer):
    service_exe, consumer_exe, tmp = programs
    topic = f"orders-{producer}-to-{consumer}"
    group, order = "g-" + topic, "o-" + topic
    metrics = {"ORCH_METRICS_FILE": str(tmp / f"metrics-{topic}.jsonl")}
    with Program(service_exe, tmp, name="service-" + topic, env=metrics, args=[
            "-redis", redis_server.addr, "-memcache", memcached_server.addr, "-pg", postgres_server.dsn,
            "-broker", kafka_broker.addr, "-producer", producer, "-topic", topic]) as service:
        try:
            with urllib.request.urlopen(f"http://{service.addr}/checkout?order={order}", timeout=60) as resp:
                body = resp.read()
        except urllib.error.HTTPError as e:
            body = e.read()
        assert body == b"ok\n"
    assert service.returncode is not None
    read = Program(consumer_exe, tmp, name="consumer-" + topic, env=metrics, args=[
        "-client", consumer, "-broker", kafka_broker.addr, "-topic", topic, "-group", group]).run()
    assert read.stdout == f"got {order} order {order}\nok\n"
    spans = Spans(service.spans() + read.spans())

    setup = spans.one("setup")           # the service's set-up: a trace of its own
    handle = spans.one("handle")
    if consumer == "sarama":
        # sarama hands messages over a channel: the handling is not nested
        # under the consumer span (rules.d/sarama.toml), a trace of its own.
        assert not handle.parent_id, spans.tree()
        rest = {setup.trace_id, handle.trace_id}
    else:
        assert spans.parent(handle) is spans.one("process " + topic), spans.tree()
        rest = {setup.trace_id}
    request = Spans(s for s in spans if s.trace_id not in rest)
    server = request.one(kind="server")
    assert {s.trace_id for s in request} == {server.trace_id}, spans.tree()      # ONE trace
    assert not server.parent_id and server.name == "GET /checkout", spans.tree()
    assert server.attrs["http.route"] == "/checkout" and server.attrs["http.response.status_code"] == 200

    # Under the server span, in order: the caches, the transaction, the
    # caches again, the event.
    children = sorted(request.children(server), key=lambda s: s.start)
    system = {s.span_id: s.attrs.get("db.system.name") or s.attrs.get("messaging.system") for s in children}
    assert [(s.name, s.kind, system[s.span_id]) for s in children] == [
        ("get", "client", "redis"), ("get", "client", "memcached"), ("INCR", "client", "redis"),
        ("BEGIN", "client", "postgresql"), ("INSERT", "client", "postgresql"),
        ("SELECT", "client", "postgresql"), ("COMMIT", "client", "postgresql"),
        ("set", "client", "redis"), ("set", "client", "memcached"),
        ("send " + topic, "producer", "kafka")], spans.tree()
    ports = {"redis": redis_server.port, "memcached": memcached_server.port, "postgresql": postgres_server.port}
    for s in children[:-1]:
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == ports[system[s.span_id]]
        assert s.status[0] == 0, s             # cache misses are answers, not errors
    assert children[0].attrs["db.query.text"] == "get ?" and children[2].attrs["db.query.text"] == "INCR ?"
    assert children[1].attrs["db.operation.name"] == "get"
    for s in children[3:7]:
        assert s.attrs["db.namespace"] == "postgres"
    assert children[4].attrs["db.query.text"] == "INSERT INTO orders (id, topic) VALUES ($1, $2)"

    # The consumer span: child of the producer span, across processes and
    # clients. (kafka-go's producer spans end with the write: no offset.)
    (send,) = check_trace(request, topic, kafka_broker, [order], group=group, offsets=producer != "kafkago").values()
    assert send is children[-1]
    assert len(request) == 1 + len(children) + 1 + (consumer != "sarama"), spans.tree()

    # The same hooks measured: one duration per client span, by system and
    # operation, in the conventions' metrics (both processes, one file).
    points = [p for p in read_metrics_file(metrics["ORCH_METRICS_FILE"]) if p.name.startswith(("db.", "messaging."))]
    counted = {}
    for p in points:
        key = (p.name, p.attrs.get("db.system.name") or p.attrs.get("messaging.system"),
               p.attrs.get("db.operation.name") or p.attrs.get("messaging.operation.type"))
        counted[key] = counted.get(key, 0) + p.count
    assert counted[("db.client.operation.duration", "postgresql", "INSERT")] == 1, counted
    assert counted[("db.client.operation.duration", "redis", "get")] >= 1
    assert counted[("db.client.operation.duration", "memcached", "set")] >= 1
    assert counted[("messaging.client.operation.duration", "kafka", "send")] == 1, counted
    assert [p for p in points if p.attrs.get("messaging.destination.name") == topic and p.attrs.get("messaging.consumer.group.name") == group]
