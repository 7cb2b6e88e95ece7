"""The instrumented program under load and under a bad collector (issue
19), built with the built-in packs (testdata/load):

- run without configuration, it opens, writes and starts nothing that the
  plain build does not (strace: the same sockets and written files; the
  same goroutines left when main's work is done);
- with a collector that is down, takes 10 s per request or answers 500,
  requests are not slowed (latencies beside those with a collector that
  answers at once) and memory stays bounded;
- under load (32 concurrent clients, three goroutines and three outgoing
  calls per request), the spans of different requests never mix: each
  request's spans share one trace, every parent is in that trace, and
  memory is flat from one round of requests to the next (Orchestrion's
  goroutine-local storage mixed traces and leaked at high rates, its
  issue #782).
"""

import collections
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from otlp_receiver import read_file

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="module")
def builds(tmp_path_factory, goenv):
    from support import build_testdata
    return build_testdata(os.path.join(HERE, "testdata", "load"), tmp_path_factory.mktemp("load"),
                          base_env=goenv, plain=True)


def bare_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "ORCH_"))}
    env.update(extra)
    return env


# --- no configuration: nothing opened, written or started -------------------------

def strace(exe, tmp_path, name):
    log = tmp_path / f"{name}.strace"
    p = subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", "trace=socket,bind,connect,listen,openat,creat,"
                        "mkdir,unlink,unlinkat,rename,renameat", str(exe), "quiet"],
                       env=bare_env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    calls = collections.Counter()
    for line in log.read_text().splitlines():
        m = re.match(r"\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)", line)
        if not m:
            continue
        call, args, result = m.groups()
        if call == "openat" and not re.search(r"O_WRONLY|O_RDWR|O_CREAT", args):
            continue    # reading is not what this test is about
        if call in ("socket", "bind", "listen", "connect"):
            args = re.sub(r"^\d+, ", "", args)                         # the fd
            args = re.sub(r"sin_port=htons\(\d+\)", "sin_port=P", args)
        calls[(call, args, result.startswith("-"))] += 1
    return p.stdout, calls


def test_without_configuration_nothing_is_opened_written_or_started(builds, tmp_path):
    if not shutil.which("strace"):
        from servers import missing
        missing("strace is not installed")
    orch, plain = builds
    out_orch, calls_orch = strace(orch, tmp_path, "orch")
    out_plain, calls_plain = strace(plain, tmp_path, "plain")
    assert out_orch == out_plain, "goroutines left differ (before, after):\n" + out_orch + out_plain
    # The kinds of calls, not their numbers: how often a keep-alive
    # connection is reused depends on timing.
    assert set(calls_orch) == set(calls_plain), (
        "the instrumented program's sockets and writes differ:\n"
        f"only with orch: {set(calls_orch) - set(calls_plain)}\nonly plain: {set(calls_plain) - set(calls_orch)}")


# --- collectors that do not help --------------------------------------------------

class Collector:
    """An OTLP/HTTP endpoint that answers at once, after `delay` s, or with `status`."""

    def __init__(self, status=200, delay=0.0):
        this = self
        self.requests = 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                this.requests += 1
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Service:
    """testdata/load serve, with its resident memory sampled."""

    def __init__(self, exe, env):
        self.proc = subprocess.Popen([str(exe), "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        self.addr = self.proc.stdout.readline().split()[1]
        self.rss = []
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self):
        while not self._stop.wait(0.1):
            try:
                with open(f"/proc/{self.proc.pid}/status") as f:
                    self.rss.append(int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024)
            except (OSError, AttributeError):
                return

    def drive(self, exe, clients, requests):
        p = subprocess.run([str(exe), "drive", self.addr, str(clients), str(requests)], env=bare_env(),
                           capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout)

    def stop(self):
        self._stop.set()
        self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


def test_a_collector_that_is_down_slow_or_failing_does_not_slow_requests(builds):
    orch, plain = builds
    fast, slow, failing = Collector(), Collector(delay=10), Collector(status=500)
    down = Collector()
    down.close()                                   # a port nothing listens on any more
    results = {}
    try:
        for name, collector in (("fast", fast), ("down", down), ("slow", slow), ("500", failing)):
            svc = Service(orch, bare_env(OTEL_EXPORTER_OTLP_ENDPOINT=collector.endpoint,
                                         OTEL_BSP_SCHEDULE_DELAY="100", OTEL_EXPORTER_OTLP_TIMEOUT="10000"))
            try:
                lat = svc.drive(plain, 8, 6000)
            finally:
                err = svc.stop()
            results[name] = dict(lat, rss_max=max(svc.rss), stderr=err)
    finally:
        for c in (fast, slow, failing):
            c.close()
    print({k: {x: y for x, y in v.items() if x != "stderr"} for k, v in results.items()})
    assert fast.requests > 0, results["fast"]
    base = results["fast"]
    for name in ("down", "slow", "500"):
        r = results[name]
        # Medians side by side (the machine's noise allowed for), and no
        # request waits for the exporter.
        assert r["p50"] <= 2 * base["p50"] + 0.005, (name, r, base)
        assert r["max"] < 2.0, (name, r)
        assert r["rss_max"] < 150, (name, r)
        assert len(r["stderr"].splitlines()) <= 5, (name, r["stderr"])   # reported once, not per batch


# --- spans of concurrent requests ----------------------------------------------------

def test_spans_of_concurrent_requests_never_mix_and_memory_is_flat(builds, tmp_path):
    orch, plain = builds
    trace_file = tmp_path / "spans.jsonl"
    svc = Service(orch, bare_env(ORCH_TRACE_FILE=str(trace_file)))
    try:
        svc.drive(plain, 32, 400)
        first = max(svc.rss)
        svc.drive(plain, 32, 400)
        second = max(svc.rss)
    finally:
        svc.stop()
    assert second <= first * 1.25 + 10, f"memory grew from {first} MB to {second} MB over equal rounds"

    spans = read_file(trace_file)
    by_trace = collections.defaultdict(list)
    for s in spans:
        by_trace[s.trace_id].append(s)
    roots = [s for s in spans if s.kind == "server" and s.attrs.get("url.path") == "/work"]
    assert len(roots) == 800
    assert len(by_trace) == 800, "a request's spans are split across traces, or traces are shared"
    for root in roots:
        rid = root.attrs["url.query"].split("=")[1]
        members = by_trace[root.trace_id]
        ids = {s.span_id for s in members}
        assert root.parent_id == "" and len(members) == 10, [(s.name, s.attrs) for s in members]
        for s in members:
            assert s is root or s.parent_id in ids, f"span {s.name} of request {rid} has a foreign parent"
            if s.kind == "client":
                assert s.attrs["url.full"].endswith("/leaf?id=" + rid), (rid, s.attrs)
            elif s.kind == "server" and s is not root:
                assert s.attrs["url.query"] == "id=" + rid, (rid, s.attrs)
        assert sorted(s.name for s in members if s.kind == "internal") == ["step"] * 3
