"""End-to-end: type-aware join points with a real `go build` through orch.

argument-implements, result-implements and final-result-implements, and
.Function.ArgumentThatImplements / ResultThatImplements /
FinalResultImplements, decide by method sets (orch.types), as go/types
would: *CustomContext embedding context.Context, a pointer receiver
implementing io.Reader (the value type does not), *bytes.Buffer as an
io.Writer, a named interface type, a generic type, a type parameter by its
constraint, a result that implements error.
"""

import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "implements", "app")
ENV = {"ORCH_RULES": os.path.join(HERE, "implements", "rules.toml"), "ORCH_NO_BUILTIN": "1"}

WANT = """\
context withCustom c
context withCustomValue c
writer buf b
writer named w
writer generic w
writer box b
writer file f
error mkErr true
reader mkReader __result__1
method-call
method-call
method-call pointer-only
method-call
"""


def test_implements_end_to_end(gorun, tmp_path):
    src = tmp_path / "app"
    shutil.copytree(APP, src)
    out = tmp_path / "app.bin"
    gorun(["build", "-o", str(out), "."], src, env=ENV)
    got = subprocess.run([str(out)], capture_output=True, text=True, timeout=60).stderr
    assert got == WANT
