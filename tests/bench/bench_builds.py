#!/usr/bin/env python3
"""Whole-build cost of orch against plain go (and Orchestrion), on real programs.

For each program, side by side in one run and each over --runs runs (median):

  cold build (a fresh, empty GOCACHE) and warm build (nothing changed) with
    plain        go build
    orch         go build -toolexec orch-toolexec, built-in rules on
    orch-norules the same with ORCH_NO_BUILTIN=1 (no rule matches anything)
    orchestrion  go build -toolexec 'orchestrion toolexec' (DataDog's
                 Orchestrion at a pinned release, in a temporary copy of the
                 program that `go get` pinned it into), where it builds here
  as wall time and as CPU time (user+sys of the whole go process tree),
  with each one's ratio to plain. CPU time hardly depends on the load of
  the machine; wall time does.

Then one more cold and one warm build with orch, not timed, through a
wrapper that counts every toolexec call by tool and with ORCH_DEBUG_DIR set:
the dispatcher's timings.jsonl (see orch-toolexec(1)) gives the calls per
kind (version, compile-untouched, compile-rewritten, link), orch's CPU and
stage times per kind, and the peak memory (VmHWM, own memory only) of orch's processes.

Programs (fetched through the Go module proxy at pinned versions into the
work directory; nothing is written elsewhere but go's module cache):
  small     a net/http server and client (written here)
  yq        github.com/mikefarah/yq/v4 v4.54.3, a mid-size CLI
  miniflux  miniflux.app/v2 v2.3.5, a web service (net/http, database/sql, lib/pq)

Targets: cold <= 1.05x plain with all the built-in packs (issue 16; issue
6 asked 1.15x) and when no rule matches; warm <= 1.05x on the real
programs; orch's peak memory < 100 MB.

usage: tests/bench/bench_builds.py [--runs N] [--programs small,yq,miniflux]
         [--modes plain,orch,orch-norules,orchestrion] [--kinds cold,warm]
         [--no-profile] [--work DIR] [--json FILE] [--orch DIR|--snapshot]

--snapshot benchmarks `git archive HEAD` of this checkout (bin, lib,
rules.d) copied into the work directory: edits made in the checkout while
the benchmark runs (a shared checkout) then cannot change orch's identity
between the builds, or halfway through one.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLEXEC = os.path.join(ROOT, "bin", "orch-toolexec")   # --orch changes it

from bench_toolexec import PROGRAM as SMALL, cpu_children   # the same small net/http program

PROGRAMS = {
    "small": {"files": SMALL, "pkg": ".", "what": "net/http server and client"},
    "yq": {"module": "github.com/mikefarah/yq/v4", "version": "v4.54.3", "pkg": ".",
           "what": "mid-size CLI"},
    "miniflux": {"module": "miniflux.app/v2", "version": "v2.3.5", "pkg": ".",
                 "what": "web service: net/http, database/sql, lib/pq"},
}

MODES = ("plain", "orch", "orch-norules", "orchestrion")

# Orchestrion and the dd-trace-go integrations that cover what orch's
# built-in packs do (goroutine-local spans, //dd:span, net/http). Its default
# set (github.com/DataDog/dd-trace-go/orchestrion/all/v2) is refused by the
# module proxy here, and so is contrib/database/sql/v2.
ORCHESTRION = ("github.com/DataDog/orchestrion", "v1.15.0")
DD_VERSION = "v2.12.0"
DD_MODULES = ("github.com/DataDog/dd-trace-go/v2", "github.com/DataDog/dd-trace-go/contrib/net/http/v2")
DD_INTEGRATIONS = ("github.com/DataDog/dd-trace-go/v2/orchestrion",
                   "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer",
                   "github.com/DataDog/dd-trace-go/contrib/net/http/v2")
# dd-trace-go's module graph names orchestrion/all/v2, whose go.mod the proxy
# refuses; an empty stand-in module (replace, in the temporary copy only)
# lets go load the graph. Nothing imports it.
DD_ALL = "github.com/DataDog/dd-trace-go/orchestrion/all/v2"

COUNTER = """#!/bin/sh
# Counts toolexec calls by tool for bench_builds.py, then runs orch.
case "$2" in -V=full) k="${1##*/} -V=full" ;; *) k="${1##*/}" ;; esac
printf '%s\\n' "$k" >> "$ORCH_BENCH_COUNT"
exec "$ORCH_BENCH_TOOLEXEC" "$@"
"""


class BuildFailed(Exception):
    pass


def log(msg: str):
    print(msg, flush=True)


def base_env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ORCH_", "GOFLAGS", "GOWORK", "GOOS", "GOARCH", "CGO_")) or k == "ORCH_PYTHON"}
    env.update(GOFLAGS="-buildvcs=false", GOTOOLCHAIN="local")
    return env


def run(cmd, cwd, env, what: str) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
        raise BuildFailed(f"{what}: {' '.join(cmd)} failed:\n{tail}")
    return proc.stdout


# --- fetching -----------------------------------------------------------------


def fetch(name: str, prog: dict, work: str, env: dict) -> str:
    """The program's source in a writable directory of its own."""
    dest = os.path.join(work, "src", name)
    if os.path.isdir(dest):
        return dest
    if "files" in prog:
        os.makedirs(dest)
        for rel, text in prog["files"].items():
            with open(os.path.join(dest, rel), "w") as f:
                f.write(text)
        return dest
    spec = f"{prog['module']}@{prog['version']}"
    info = json.loads(run(["go", "mod", "download", "-json", spec], work, env, "fetch"))
    shutil.copytree(info["Dir"], dest)
    for d, _, files in os.walk(dest):
        os.chmod(d, 0o755)
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    run(["go", "mod", "download"], dest, env, "fetch dependencies")
    return dest


def orchestrion_setup(name: str, src: str, work: str, env: dict) -> tuple[list, str]:
    """Install Orchestrion into the work directory and pin it into a copy of
    the program; return (its -toolexec argument, the copy's directory)."""
    gobin = os.path.join(work, "gobin")
    tool = os.path.join(gobin, "orchestrion")
    if not os.path.exists(tool):
        run(["go", "install", f"{ORCHESTRION[0]}@{ORCHESTRION[1]}"], work, dict(env, GOBIN=gobin, GOFLAGS="-mod=mod"),
            "install orchestrion")
    dest = os.path.join(work, "orchestrion-src", name)
    if not os.path.isdir(dest):
        shutil.copytree(src, dest)
        imports = "".join(f'\t_ "{p}" // integration\n' for p in (ORCHESTRION[0],) + DD_INTEGRATIONS)
        with open(os.path.join(dest, "orchestrion.tool.go"), "w") as f:
            f.write(f"//go:build tools\n\npackage tools\n\nimport (\n{imports})\n")
        stub = os.path.join(dest, "_orchestrion_stub")
        os.makedirs(stub)
        with open(os.path.join(stub, "go.mod"), "w") as f:
            f.write(f"module {DD_ALL}\n\ngo 1.24\n")
        run(["go", "mod", "edit", f"-replace={DD_ALL}=./_orchestrion_stub"], dest, env, "orchestrion pin")
        run(["go", "get", f"{ORCHESTRION[0]}@{ORCHESTRION[1]}"] + [f"{m}@{DD_VERSION}" for m in DD_MODULES],
            dest, env, "orchestrion pin")
        run(["go", "mod", "tidy"], dest, env, "orchestrion pin")
    return [f"{tool} toolexec"], dest


# --- timing -------------------------------------------------------------------


def timed_build(cmd, cwd, env) -> tuple[float, float]:
    """(wall s, CPU s of the whole process tree) of one build."""
    cpu0, t0 = cpu_children(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - t0, cpu_children() - cpu0
    if proc.returncode != 0:
        raise BuildFailed("\n".join(proc.stderr.strip().splitlines()[-6:]))
    return wall, cpu


class Program:
    def __init__(self, name: str, prog: dict, work: str, env: dict, modes):
        self.name, self.prog, self.work, self.env = name, prog, work, env
        self.src = fetch(name, prog, work, env)
        self.setups = {}          # mode -> (toolexec argv or [], cwd, extra env)
        self.broken = {}          # mode -> why it does not build here
        for mode in modes:
            try:
                self.setups[mode] = self.setup(mode)
            except BuildFailed as e:
                self.broken[mode] = str(e)

    def setup(self, mode: str):
        if mode == "plain":
            return [], self.src, {}
        if mode == "orch":
            return [TOOLEXEC], self.src, {}
        if mode == "orch-norules":
            return [TOOLEXEC], self.src, {"ORCH_NO_BUILTIN": "1"}
        if mode == "orchestrion":
            toolexec, cwd = orchestrion_setup(self.name, self.src, self.work, self.env)
            return toolexec, cwd, {}
        raise SystemExit(f"unknown mode {mode!r} (known: {', '.join(MODES)})")

    def command(self, mode: str, toolexec_override=None) -> tuple[list, str, dict]:
        toolexec, cwd, extra = self.setups[mode]
        if toolexec_override:
            toolexec = toolexec_override
        cmd = ["go", "build"] + (["-toolexec", toolexec[0]] if toolexec else []) + ["-o", self.output(mode), self.prog["pkg"]]
        return cmd, cwd, dict(self.env, **extra)

    def output(self, mode: str) -> str:
        return os.path.join(self.work, "out", f"{self.name}-{mode}")

    def build(self, mode: str, cache: str, *, cold: bool) -> tuple[float, float]:
        """A cold build also starts without the binary: go skips the link
        when the -o file already is what it would write."""
        cmd, cwd, env = self.command(mode)
        env.update(GOCACHE=cache)
        if cold and os.path.exists(self.output(mode)):
            os.remove(self.output(mode))
        return timed_build(cmd, cwd, env)

    def packages(self) -> int:
        out = run(["go", "list", "-deps", self.prog["pkg"]], self.src, self.env, "go list")
        return len(out.split())


def measure(p: Program, modes, kinds, runs: int) -> dict:
    results = {}    # (kind, mode) -> [(wall, cpu)]
    caches = os.path.join(p.work, "caches")
    for kind in kinds:
        if kind == "warm":
            for mode in modes:   # fill each mode's cache once, untimed
                if mode in p.setups:
                    try:
                        p.build(mode, os.path.join(caches, f"warm-{p.name}-{mode}"), cold=True)
                    except BuildFailed as e:
                        p.broken[mode] = str(e)
                        del p.setups[mode]
        for i in range(runs):
            live = [m for m in modes if m in p.setups]
            order = live[i % len(live):] + live[:i % len(live)]   # no mode always first
            for mode in order:
                if kind == "cold":
                    cache = os.path.join(caches, f"cold-{p.name}-{mode}-{i}")
                    shutil.rmtree(cache, ignore_errors=True)
                else:
                    cache = os.path.join(caches, f"warm-{p.name}-{mode}")
                try:
                    wall, cpu = p.build(mode, cache, cold=kind == "cold")
                except BuildFailed as e:
                    p.broken[mode] = str(e)
                    del p.setups[mode]
                    continue
                finally:
                    if kind == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                results.setdefault((kind, mode), []).append((wall, cpu))
                log(f"  {kind:4} {mode:12} run {i + 1}: wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                    f"(load {os.getloadavg()[0]:.1f})")
    return results


# --- the profile build ----------------------------------------------------------


def profile(p: Program) -> dict:
    """One cold and one warm orch build through the counting wrapper, with
    ORCH_DEBUG_DIR: calls per tool, orch's time per call kind, peak memory."""
    prof = {}
    wrapper = os.path.join(p.work, "orch-count")
    with open(wrapper, "w") as f:
        f.write(COUNTER)
    os.chmod(wrapper, 0o755)
    cache = os.path.join(p.work, "caches", f"profile-{p.name}")
    shutil.rmtree(cache, ignore_errors=True)
    for kind in ("cold", "warm"):
        debug = os.path.join(p.work, "debug", f"{p.name}-{kind}")
        shutil.rmtree(debug, ignore_errors=True)
        count = debug + ".calls"
        cmd, cwd, env = p.command("orch", [wrapper])
        env.update(GOCACHE=cache, ORCH_DEBUG_DIR=debug, ORCH_BENCH_COUNT=count, ORCH_BENCH_TOOLEXEC=TOOLEXEC)
        if os.path.exists(count):
            os.remove(count)
        if kind == "cold" and os.path.exists(p.output("orch")):
            os.remove(p.output("orch"))
        timed_build(cmd, cwd, env)
        calls = {}
        if os.path.exists(count):
            with open(count) as f:
                for line in f:
                    calls[line.strip()] = calls.get(line.strip(), 0) + 1
        prof[kind] = {"calls": calls, "kinds": summarize_timings(debug)}
    shutil.rmtree(cache, ignore_errors=True)
    return prof


def summarize_timings(debug: str) -> dict:
    """Per kind: calls, orch CPU, stage times, peak RSS. Calls of the nested
    go commands that orch started (debug/nestedN/) count as "nested KIND"."""
    kinds = {}
    for d, _, names in os.walk(debug):
        if "timings.jsonl" in names:
            nested = os.path.relpath(d, debug) != "."
            with open(os.path.join(d, "timings.jsonl")) as f:
                for line in f:
                    add_timing(kinds, json.loads(line), nested)
    return kinds


def add_timing(kinds: dict, r: dict, nested: bool):
    name = ("nested " if nested else "") + r["kind"]
    k = kinds.setdefault(name, {"calls": 0, "cpu": 0.0, "startup_cpu": 0.0, "stages": {}, "maxrss_kb": 0})
    k["calls"] += 1
    # compile-fast and version-fast lines come from the launcher script,
    # which measures nothing (no Python was started).
    k["cpu"] += r.get("cpu", 0.0)
    k["startup_cpu"] += r.get("startup_cpu", 0.0)
    k["maxrss_kb"] = max(k["maxrss_kb"], r.get("maxrss_kb", 0))
    for stage, t in r.get("stages", {}).items():
        k["stages"][stage] = k["stages"].get(stage, 0.0) + t


# --- report ---------------------------------------------------------------------


TARGETS = {("cold", "orch"): 1.05, ("cold", "orch-norules"): 1.05, ("warm", "orch"): 1.05,
           ("warm", "orch-norules"): 1.05}


def report(p: Program, results: dict, runs: int) -> dict:
    out = {"program": p.name, "what": p.prog["what"], "packages": p.packages(), "runs": runs, "builds": {},
           "broken": p.broken}
    spec = f"{p.prog['module']}@{p.prog['version']}" if "module" in p.prog else "written by the script"
    log(f"\n== {p.name}: {p.prog['what']} ({spec}), {out['packages']} packages, median of {runs}")
    log(f"   {'build':5} {'mode':12} {'wall s':>8} {'ratio':>7} {'cpu s':>8} {'ratio':>7}  target")
    for (kind, mode), samples in results.items():
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        base = results.get((kind, "plain"))
        rw = rc = None
        if base:
            rw = wall / statistics.median(s[0] for s in base)
            rc = cpu / statistics.median(s[1] for s in base)
        target = TARGETS.get((kind, mode)) if not (kind == "warm" and p.name == "small") else None
        verdict = ""
        if target and rc is not None:
            verdict = f"{target:.2f}x " + ("met" if rc <= target and rw <= target else
                                           "met on cpu" if rc <= target else "MISSED")
        out["builds"][f"{kind}/{mode}"] = {"wall": wall, "cpu": cpu, "wall_ratio": rw, "cpu_ratio": rc,
                                           "samples": samples}
        fmt = lambda r: f"{r:6.3f}x" if r is not None else "      -"
        log(f"   {kind:5} {mode:12} {wall:8.2f} {fmt(rw)} {cpu:8.2f} {fmt(rc)}  {verdict}")
    for mode, why in p.broken.items():
        log(f"   {mode} does not build here: {why.splitlines()[0]}")
        for line in why.splitlines()[1:]:
            log(f"     {line}")
    return out


def report_profile(prof: dict):
    for kind, data in prof.items():
        calls = data["calls"]
        total = sum(calls.values())
        fast = sum(s["calls"] for k, s in data["kinds"].items() if k in ("compile-fast", "version-fast"))
        python = sum(n for t, n in calls.items() if t.split()[0] in ("compile", "link")) - fast
        log(f"   {kind} build: {total} toolexec calls, {python} reach Python: "
            + ", ".join(f"{t} {n}" for t, n in sorted(calls.items(), key=lambda x: -x[1])))
        peak = 0
        for k, s in sorted(data["kinds"].items()):
            n = s["calls"]
            if k.endswith("-fast"):
                log(f"     {k:18} {n:4} calls decided by the launcher, without Python")
                continue
            stages = {st: t for st, t in s["stages"].items() if st not in ("tool", "debug-save")}
            stage_text = " ".join(f"{st} {t / n * 1e3:.1f}" for st, t in stages.items())
            log(f"     {k:18} {n:4} calls, orch cpu {s['cpu'] / n * 1e3:6.1f} ms/call (startup {s['startup_cpu'] / n * 1e3:.1f}),"
                f" total {s['cpu']:6.2f} s; wall ms/call: {stage_text}; debug-save {s['stages'].get('debug-save', 0) / n * 1e3:.1f};"
                f" peak {s['maxrss_kb'] / 1024:.1f} MB")
            peak = max(peak, s["maxrss_kb"])
        if peak:
            log(f"     peak memory of any orch process: {peak / 1024:.1f} MB (target < 100 MB)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--programs", default="small,yq,miniflux")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--kinds", default="cold,warm")
    ap.add_argument("--no-profile", action="store_true", help="skip the counting/ORCH_DEBUG_DIR build")
    ap.add_argument("--work", help="work directory (kept; reused: sources, Orchestrion); default: a temporary one")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--orch", help="the orch checkout to benchmark (default: this one)")
    ap.add_argument("--snapshot", action="store_true", help="benchmark a copy of this checkout's HEAD")
    args = ap.parse_args()
    global TOOLEXEC
    env = base_env()
    work = args.work or tempfile.mkdtemp(prefix="orch-bench-")
    os.makedirs(work, exist_ok=True)
    if args.snapshot:
        snap = os.path.join(work, "orch-snapshot")
        shutil.rmtree(snap, ignore_errors=True)
        os.makedirs(snap)
        archive = subprocess.run(["git", "-C", ROOT, "archive", "HEAD", "bin", "lib", "rules.d"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", snap], input=archive, check=True)
        args.orch = snap
    if args.orch:
        TOOLEXEC = os.path.join(os.path.abspath(args.orch), "bin", "orch-toolexec")
    modes = [m for m in args.modes.split(",") if m]
    kinds = [k for k in args.kinds.split(",") if k]
    go_version = subprocess.run(["go", "version"], capture_output=True, text=True, env=env).stdout.strip()
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    log(f"{go_version}; {os.cpu_count()} cores; load {os.getloadavg()}; work {work}; orch {TOOLEXEC}"
        + (f" (snapshot of {head})" if args.snapshot else ""))
    if "orchestrion" in modes:
        log(f"orchestrion: {ORCHESTRION[0]}@{ORCHESTRION[1]} with dd-trace-go {DD_VERSION} integrations "
            f"{', '.join(DD_INTEGRATIONS)} (its default set, {DD_ALL}, is not served here)")
    all_results = {"go": go_version, "programs": []}
    try:
        for name in args.programs.split(","):
            p = Program(name, PROGRAMS[name], work, env, modes)
            log(f"-- {name} (load {os.getloadavg()[0]:.1f})")
            results = measure(p, modes, kinds, args.runs)
            entry = report(p, results, args.runs)
            if not args.no_profile and "orch" in p.setups:
                entry["profile"] = profile(p)
                report_profile(entry["profile"])
            entry["load_after"] = os.getloadavg()
            all_results["programs"].append(entry)
            if args.json:
                with open(args.json, "w") as f:
                    json.dump(all_results, f, indent=1)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
