"""The real OpenTelemetry Collector (v0.165.0), once per test session.

tests/servers/otelcol/ is a minimal Collector distribution: the official
OTLP receiver and the contrib file exporter on the Collector's own
command (otelcol.NewCommand), with a go.mod and go.sum pinning the
Collector's modules. It is built with the machine's Go once per machine
(and again when those files change) into ~/.cache/orch-test/otelcol-v0.165.0
(ORCH_TEST_OTELCOL_DIR overrides): about 500 MB of modules, minutes cold,
under a second warm. The build runs under a file lock and renames its
result into place, so pytest processes started together build it once.

Each Collector listens for OTLP/HTTP only (http/protobuf and http/json,
gzip or not) on a free loopback port, over TLS with a certificate signed
by a CA made with openssl when asked, and writes what it receives as
OTLP/JSON lines (one export request a line: resourceSpans, resourceMetrics
or resourceLogs) to a file, appending, so that a Collector stopped and
started again on the same port keeps what it had written.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import subprocess
import time

import pytest

from . import Endpoint, free_port, missing, need, stop, wait_port

VERSION = "0.165.0"
SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "otelcol")
CACHE = os.path.expanduser(os.environ.get("ORCH_TEST_OTELCOL_DIR") or f"~/.cache/orch-test/otelcol-v{VERSION}")


def binary() -> str:
    """The Collector's executable, built if need be (see the module doc)."""
    digest = hashlib.sha256()
    for name in ("main.go", "go.mod", "go.sum"):
        with open(os.path.join(SOURCE, name), "rb") as f:
            digest.update(name.encode() + b"\0" + f.read() + b"\0")
    exe = os.path.join(CACHE, f"otelcol-{digest.hexdigest()[:12]}")
    if os.access(exe, os.X_OK):
        return exe
    go = need("go")
    os.makedirs(CACHE, exist_ok=True)
    with open(os.path.join(CACHE, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)        # another pytest process may be building it
        if os.access(exe, os.X_OK):
            return exe
        tmp = f"{exe}.tmp{os.getpid()}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GOFLAGS", "GOWORK", "GOOS", "GOARCH"))}
        env.update(GOWORK="off", GOFLAGS="-mod=readonly -buildvcs=false", GOTOOLCHAIN="local", CGO_ENABLED="0")
        start = time.monotonic()
        try:
            p = subprocess.run([go, "build", "-trimpath", "-o", tmp, "."], cwd=SOURCE, env=env,
                               capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            missing(f"building the OpenTelemetry Collector v{VERSION} took over 30 minutes")
        if p.returncode != 0:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            missing(f"cannot build the OpenTelemetry Collector v{VERSION} from {SOURCE} "
                    f"(go build exited {p.returncode}):\n{p.stderr[-3000:]}")
        os.rename(tmp, exe)
        with open(os.path.join(CACHE, "build.log"), "a") as log:
            log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} built {os.path.basename(exe)} "
                      f"in {time.monotonic() - start:.1f} s\n")
        for old in os.listdir(CACHE):        # binaries of older sources (54 MB each)
            if old.startswith("otelcol-") and os.path.join(CACHE, old) != exe:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(CACHE, old))
    return exe


def make_certificates(work) -> tuple[str, str, str]:
    """A CA and a server certificate for 127.0.0.1 and localhost signed by
    it: (ca.pem, server.pem, server.key)."""
    openssl = need("openssl", "/usr/bin/openssl")
    ca, ca_key = os.path.join(work, "ca.pem"), os.path.join(work, "ca.key")
    cert, key, csr = (os.path.join(work, n) for n in ("server.pem", "server.key", "server.csr"))
    ext = os.path.join(work, "server.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    for cmd in (["req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=orch test CA",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
                ["req", "-new", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
                ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
                 "-days", "2", "-extfile", ext]):
        p = subprocess.run([openssl, *cmd], capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"openssl {' '.join(cmd)} failed:\n{p.stderr}")
    return ca, cert, key


class Collector(Endpoint):
    """One Collector: `url` is what OTEL_EXPORTER_OTLP_ENDPOINT takes
    (http:// or https://), `output` the file it writes, `ca` the CA
    certificate (TLS only); stop() and start() it again on the same port."""

    def __init__(self, exe: str, work, tls: bool = False):
        super().__init__("127.0.0.1", free_port())
        self.exe, self.work, self.proc = exe, str(work), None
        self.output = os.path.join(self.work, "received.jsonl")
        self.log = os.path.join(self.work, "collector.log")
        self.ca = None
        tls_conf = ""
        if tls:
            self.ca, cert, key = make_certificates(self.work)
            tls_conf = f"\n        tls:\n          cert_file: {cert}\n          key_file: {key}"
        self.url = f"{'https' if tls else 'http'}://{self.addr}"
        self.config = os.path.join(self.work, "config.yaml")
        pipeline = "\n      receivers: [otlp]\n      exporters: [file]"
        with open(self.config, "w") as f:
            f.write(f"""receivers:
  otlp:
    protocols:
      http:
        endpoint: {self.addr}{tls_conf}
exporters:
  file:
    path: {self.output}
    format: json
    append: true
    flush_interval: 20ms
service:
  telemetry:
    logs:
      level: warn
    metrics:
      level: none
  pipelines:
    traces:{pipeline}
    metrics:{pipeline}
    logs:{pipeline}
""")

    def start(self):
        assert self.proc is None or self.proc.poll() is not None, "already running"
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen([self.exe, "--config", self.config], stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_port(self.port, self.proc, timeout=30, what="the OpenTelemetry Collector")
        except RuntimeError as e:
            stop(self.proc)
            with open(self.log, errors="replace") as f:
                raise RuntimeError(f"{e}\n{f.read()[-3000:]}") from None
        return self

    def stop(self):
        """Stop it (SIGTERM: it writes out what it has received first)."""
        if self.proc is not None:
            stop(self.proc)

    def records(self) -> list[dict]:
        """Every export request written so far, parsed (a line being
        written is left for the next call)."""
        try:
            with open(self.output, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in data.split(b"\n")[:-1] if line.strip()]

    def resources(self, kind: str, service: str | None = None) -> list[dict]:
        """The resourceSpans, resourceMetrics or resourceLogs received (kind
        "spans", "metrics" or "logs"), those of service.name `service` only
        if given."""
        key = "resource" + kind.capitalize()
        out = []
        for rec in self.records():
            for res in rec.get(key, []):
                if service is None or attrs(res.get("resource", {})).get("service.name") == service:
                    out.append(res)
        return out

    def resource_spans(self, service: str | None = None) -> list[dict]:
        return self.resources("spans", service)

    def resource_metrics(self, service: str | None = None) -> list[dict]:
        return self.resources("metrics", service)

    def spans(self, service: str | None = None) -> list[dict]:
        """The spans received, flat, each with "resource" (its resource's
        attributes), "scope" (its scope's name) and "attrs" (its attributes)
        added as plain dicts."""
        out = []
        for rs in self.resource_spans(service):
            resource = attrs(rs.get("resource", {}))
            for ss in rs.get("scopeSpans", []):
                for s in ss.get("spans", []):
                    out.append(dict(s, resource=resource, scope=ss.get("scope", {}).get("name", ""), attrs=attrs(s)))
        return out

    def points(self, service: str | None = None, name: str | None = None) -> list[dict]:
        """The metric data points received, flat: each with "name", "kind"
        (histogram, sum, gauge), "temporality" (1 delta, 2 cumulative),
        "monotonic", "attrs", and "count"/"buckets" (histograms) or
        "value" (numbers) as ints."""
        out = []
        for rm in self.resource_metrics(service):
            for sm in rm.get("scopeMetrics", []):
                for m in sm.get("metrics", []):
                    if name is not None and m["name"] != name:
                        continue
                    kind = next(k for k in ("histogram", "sum", "gauge") if k in m)
                    data = m[kind]
                    for p in data.get("dataPoints", []):
                        point = {"name": m["name"], "unit": m.get("unit", ""), "kind": kind,
                                 "temporality": data.get("aggregationTemporality", 0),
                                 "monotonic": data.get("isMonotonic", False), "attrs": attrs(p),
                                 "start": int(p.get("startTimeUnixNano", 0)), "time": int(p.get("timeUnixNano", 0))}
                        if kind == "histogram":
                            point["count"] = int(p.get("count", 0))
                            point["buckets"] = [int(b) for b in p.get("bucketCounts", [])]
                            point["bounds"] = p.get("explicitBounds", [])
                        else:
                            point["value"] = int(p.get("asInt", 0))
                        out.append(point)
        return out

    def wait(self, predicate, timeout: float = 20, what: str = "the expected records"):
        """Poll until predicate(self) is true; returns its value."""
        deadline = time.monotonic() + timeout
        while not (value := predicate(self)):
            if time.monotonic() > deadline:
                raise AssertionError(f"the Collector did not receive {what} within {timeout} s")
            time.sleep(0.05)
        return value


def attrs(obj: dict) -> dict:
    """An OTLP/JSON attribute list as {key: value} (values as JSON gives them:
    intValue as a string, arrays and maps left as they are)."""
    return {a["key"]: next(iter(a["value"].values()), None) for a in obj.get("attributes", [])}


@contextlib.contextmanager
def running_collector(work, tls: bool = False):
    """A Collector of its own (e.g. for a test that stops it), stopped at the end."""
    try:
        c = Collector(binary(), work, tls=tls)
        c.start()
    except (RuntimeError, OSError) as e:
        missing(f"the OpenTelemetry Collector does not start: {e}")
    try:
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="session")
def otel_collector(tmp_path_factory):
    """A Collector receiving OTLP/HTTP on http://127.0.0.1:PORT."""
    with running_collector(tmp_path_factory.mktemp("otelcol")) as c:
        yield c


@pytest.fixture(scope="session")
def otel_collector_tls(tmp_path_factory):
    """A Collector receiving OTLP/HTTP on https://127.0.0.1:PORT (its CA: .ca)."""
    with running_collector(tmp_path_factory.mktemp("otelcol-tls"), tls=True) as c:
        yield c
