"""Stress: instrument every function of some standard-library packages and
run their own tests through orch.

A statement is prepended to every function body (declarations and
literals, test files included) of the packages below, plus a package
counter it increments, so that the code really changes; then `go test`
runs the packages' own tests, compiled through orch. They must pass,
including those that check file names and line numbers (log's tests match
`log_test.go:67` in its output) and stack traces.
"""

PACKAGES = ["strings", "strconv", "encoding/json", "net/url", "text/template/parse", "log"]

RULES = """
[[aspects]]
id = "stress.enter"
join-point.all-of = [
  { one-of = [ %s ] },
  { function-body = { function = [] } },
]
[[aspects.advice]]
prepend-statements = { template = '__orch_stress_calls++; _ = {{printf "%%q" .Function.Name}}' }
[[aspects.advice]]
inject-declarations = { template = "var __orch_stress_calls int" }
""" % ", ".join('{ import-path = "%s" }' % p for p in PACKAGES)


def test_std_packages_pass_their_tests_instrumented(gorun, tmp_path):
    rules = tmp_path / "stress.toml"
    rules.write_text(RULES)
    env = {"ORCH_RULES": str(rules), "ORCH_NO_BUILTIN": "1"}
    proc = gorun(["test", "-count=1", *PACKAGES], tmp_path, env=env, check=False, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    for p in PACKAGES:
        assert f"ok  \t{p}" in proc.stdout, proc.stdout
    # The rewrite really happened, whether this run compiled the packages or
    # GOCACHE had them: every test binary has each package's injected counter.
    bins = tmp_path / "bin"
    gorun(["test", "-c", "-o", f"{bins}/", *PACKAGES], tmp_path, env=env, timeout=1800)
    for p in PACKAGES:
        exe = bins / (p.rsplit("/", 1)[-1] + ".test")
        nm = gorun(["tool", "nm", str(exe)], tmp_path, orch=False).stdout
        assert f"{p}.__orch_stress_calls" in nm, p
