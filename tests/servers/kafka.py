"""A real Apache Kafka broker (KRaft mode, one node), once per test session.

Assembled from its jars on Maven Central (fetched once per machine with
`mvn dependency:copy-dependencies` into ~/.cache/orch-test/kafka-VERSION,
about 45 jars and 43 MB) and run with the machine's Java; the broker
formats its storage in a temporary directory, listens on free loopback
ports and is ready in about 8 s.
"""

import os
import shutil
import subprocess
import time

import pytest

from . import Endpoint, free_port, missing, need, stop

KAFKA = "4.1.1"
LOG4J = "2.24.3"        # log4j-slf4j-impl: without it the broker logs nothing
CACHE = os.path.expanduser(os.environ.get("ORCH_TEST_KAFKA_DIR") or f"~/.cache/orch-test/kafka-{KAFKA}")

POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.orch.tests</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>{KAFKA}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>{LOG4J}</version></dependency>
  </dependencies>
</project>
"""

LOG4J2 = """status = error
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.started.name = kafka.server.KafkaRaftServer
logger.started.level = INFO
"""


def jars() -> str:
    """The broker's class path directory, fetched with Maven if need be."""
    done = os.path.join(CACHE, "jars.ok")
    jar_dir = os.path.join(CACHE, "jars")
    if os.path.exists(done):
        return jar_dir
    mvn = need("mvn", "/usr/bin/mvn")
    os.makedirs(CACHE, exist_ok=True)
    with open(os.path.join(CACHE, "pom.xml"), "w") as f:
        f.write(POM)
    shutil.rmtree(jar_dir, ignore_errors=True)
    p = subprocess.run([mvn, "-q", "-B", "dependency:copy-dependencies", "-DincludeScope=runtime",
                        f"-DoutputDirectory={jar_dir}"], cwd=CACHE, capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        missing(f"cannot fetch Kafka {KAFKA}'s jars with Maven:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    open(done, "w").close()
    return jar_dir


def _java(java, jar_dir, *args, log4j):
    return [java, "-cp", os.path.join(jar_dir, "*"), f"-Dlog4j2.configurationFile={log4j}"] + list(args)


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory):
    java = need("java", "/usr/bin/java")
    jar_dir = jars()
    work = tmp_path_factory.mktemp("kafka")
    port, controller = free_port(), free_port()
    log4j = work / "log4j2.properties"
    log4j.write_text(LOG4J2)
    props = work / "server.properties"
    props.write_text(f"""process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs={work / "data"}
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
""")
    cluster = subprocess.run(_java(java, jar_dir, "kafka.tools.StorageTool", "random-uuid", log4j=log4j),
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    subprocess.run(_java(java, jar_dir, "kafka.tools.StorageTool", "format", "-t", cluster, "-c", str(props),
                         log4j=log4j), capture_output=True, text=True, check=True)
    log = work / "broker.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(_java(java, jar_dir, "-Xmx512m", "kafka.Kafka", str(props), log4j=log4j),
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while "Kafka Server started" not in log.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Kafka broker did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield Endpoint("127.0.0.1", port)
    finally:
        stop(proc, timeout=30)
