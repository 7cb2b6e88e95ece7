"""What the Kafka packs' tests (kafkago, sarama, franzgo) check alike: a
producer span per message and a consumer span per message, child of its
producer span across processes, with the messaging conventions'
attributes (rules.d/runtime/kafkatrace)."""

from packsupport import Program, Spans


def produce_and_consume(exe, tmp, broker, topic, *consume_args, env=None, trace_headers=("traceparent",)):
    """Runs `produce BROKER TOPIC` then `consume BROKER TOPIC GROUP ARGS...`
    (group-TOPIC) of a test app that sends k1 (with an app header) and k2;
    the consumer prints each message's header names, which must be the
    app's and trace_headers (the propagators' in env)."""
    produced = Program(exe, tmp, args=["produce", broker.addr, topic], env=env).run()
    consumed = Program(exe, tmp, args=["consume", broker.addr, topic, "group-" + topic, *consume_args], env=env).run()
    assert produced.stdout == "ok\n"
    names = "".join(h + " " for h in trace_headers)
    assert consumed.stdout.splitlines() == [f"got k1 one app {names}", f"got k2 two {names}", "ok"]
    return Spans(produced.spans() + consumed.spans())


def check_trace(spans, topic, broker, keys, *, group=None, offsets=True):
    """The producer spans of messages keys and their consumer spans; returns
    the producer spans by key."""
    sends = spans.find("send " + topic)
    assert sorted(s.attrs["messaging.kafka.message.key"] for s in sends) == keys, spans.tree()
    send_by_key = {s.attrs["messaging.kafka.message.key"]: s for s in sends}
    for s in sends:
        assert s.kind == "producer"
        assert s.attrs["messaging.system"] == "kafka"
        assert s.attrs["messaging.operation.type"] == "send"
        assert s.attrs["messaging.destination.name"] == topic
        assert s.attrs["server.address"] == "127.0.0.1" and s.attrs["server.port"] == broker.port
        if offsets:     # the broker's answer: partition and offset
            assert s.attrs["messaging.destination.partition.id"] == "0"
            assert isinstance(s.attrs["messaging.kafka.offset"], int)
    processes = spans.find("process " + topic)
    assert len(processes) == len(keys), spans.tree()
    for p in processes:
        key = p.attrs["messaging.kafka.message.key"]
        assert p.kind == "consumer"
        assert spans.parent(p) is send_by_key[key], spans.tree()      # the producer's trace, across processes
        assert p.attrs["messaging.system"] == "kafka"
        assert p.attrs["messaging.operation.type"] == "process"
        assert p.attrs["messaging.destination.partition.id"] == "0"
        assert isinstance(p.attrs["messaging.kafka.offset"], int)
        if offsets:
            assert p.attrs["messaging.kafka.offset"] == send_by_key[key].attrs["messaging.kafka.offset"]
        assert p.attrs["server.port"] == broker.port
        assert p.attrs.get("messaging.consumer.group.name") == group
    return send_by_key
