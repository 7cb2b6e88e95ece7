"""Differential testing of orch's template engine against Go's text/template.

tmpldiff/ is a Go program that runs many cases through the real
text/template in one process. `run_go(cases, goenv, workdir)` builds it (with
the shared GOCACHE) and returns Go's results; `run_python(case)` returns
ours in the same shape; `compare(case, go, py)` says how they differ.

A case is {"name", "text", "data", "option"}; a result is {"out": text} or
{"err": message, "phase": "parse" | "exec"}.
"""

import base64
import json
import os
import re
import subprocess

from orch.template import Template, TemplateError
from orch.template.fmt import sprint

HERE = os.path.dirname(os.path.abspath(__file__))
TMPLDIFF = os.path.join(HERE, "tmpldiff")


# The functions tmpldiff/main.go defines, in Python.
def _dict(*kv):
    if len(kv) % 2:
        raise ValueError("odd number of arguments")
    out = {}
    for k, v in zip(kv[::2], kv[1::2]):
        if not isinstance(k, str):
            raise ValueError("key %s is not a string" % sprint(k))
        out[k] = v
    return out


def _fail(msg):
    raise ValueError(sprint(msg))


FUNCS = {
    "list": lambda *args: list(args),
    "dict": _dict,
    "fail": _fail,
    "nilval": lambda: None,
    "join": lambda sep, *args: sep.join(sprint(a) for a in args),
    "add": lambda a, b: a + b,
}


def build(goenv: dict, outdir: str) -> str:
    exe = os.path.join(outdir, "tmpldiff")
    subprocess.run(["go", "build", "-o", exe, "."], cwd=TMPLDIFF, env=goenv, check=True,
                   capture_output=True, text=True)
    return exe


def run_go(exe: str, cases: list) -> list:
    proc = subprocess.run([exe], input=json.dumps(cases), capture_output=True, text=True, check=True)
    results = json.loads(proc.stdout)
    for r in results:
        if "out_b64" in r:
            r["out"] = base64.b64decode(r.pop("out_b64")).decode("utf-8", "surrogateescape")
    return results


def run_python(case: dict) -> dict:
    option = case.get("option") or ""
    missingkey = option.split("=", 1)[1] if option.startswith("missingkey=") else "default"
    try:
        t = Template(case["text"], case["name"], FUNCS, missingkey=missingkey)
    except TemplateError as e:
        return {"err": str(e), "phase": "parse"}
    try:
        return {"out": t.execute(case.get("data"))}
    except TemplateError as e:
        return {"err": str(e), "phase": "exec"}


_PREFIX = re.compile(r"template: [^:]*:\d+")


def compare(case: dict, go: dict, py: dict, exact_errors: bool = True) -> str | None:
    """None if the results agree, else a description of the difference."""
    if "out" in go or "out" in py:
        if go.get("out") != py.get("out"):
            return "output differs:\n  go: %r\n  py: %r" % (go.get("out", go), py.get("out", py))
        return None
    if go.get("phase") != py.get("phase"):
        return "error phase differs:\n  go: %r\n  py: %r" % (go, py)
    gerr, perr = go["err"], py["err"]
    # Go's slices have a capacity (JSON decoding leaves spare room), Python
    # lists do not: slice errors name different limits.
    if "error calling slice: " in gerr and "error calling slice: " in perr:
        gerr, perr = gerr.split("error calling slice: ")[0], perr.split("error calling slice: ")[0]
    if exact_errors:
        if gerr != perr:
            return "error differs:\n  go: %s\n  py: %s" % (go["err"], py["err"])
        return None
    gm, pm = _PREFIX.match(go["err"]), _PREFIX.match(py["err"])
    if not gm or not pm or gm.group() != pm.group():
        return "error position differs:\n  go: %s\n  py: %s" % (go["err"], py["err"])
    return None
