"""ORCH_REPORT (lib/orch/report.py): the build's summary of what orch did,
with the real toolchain: what applied where, the //orch: directives
honoured or not and why, the user's rules that matched nothing, the
packages added to the link; the same from a warm GOCACHE; one section per
program that go links."""

import json
import os

from support import run_go, write_module

MAIN = '''package main

import (
	"context"
	"fmt"
	"net/http"
)

//orch:span span.name:work team:x
func work(ctx context.Context) error {
	fmt.Println("work")
	return nil
}

//orch:spam
func typo() {}

//orch:span
var notAFunc = 3

func main() {
	//orch:ignore
	http.Get("http://127.0.0.1:1/")
	_ = work(context.Background())
	typo()
	_ = notAFunc
}
'''

# One rule that applies (in the main package only) and one that cannot
# (the program never calls os.Chdir).
USER_RULES = '''
[[aspects]]
id = "user.wrap-work"
join-point.all-of = [ { import-path = "example.com/m" }, { function-call = "example.com/m.work" } ]
advice.wrap-expression.template = "{{.}}"

[[aspects]]
id = "user.never"
join-point.function-call = "os.Chdir"
advice.wrap-expression.template = "{{.}}"
'''


def test_report_says_what_applied_where_and_what_did_not(tmp_path, goenv):
    src = write_module(tmp_path / "src", {"main.go": MAIN, "rules.toml": USER_RULES})
    env = {"ORCH_RULES": os.path.join(src, "rules.toml"), "ORCH_REPORT": "report.txt"}
    run_go(["build", "-o", str(tmp_path / "app"), "."], src, base_env=goenv, env=env)
    text = open(os.path.join(src, "report.txt")).read()    # relative: to go's directory
    assert text.startswith("orch report: example.com/m\n"), text
    assert "  example.com/m\n    orch.span.directive: 1\n    user.wrap-work: 1\n" in text, text
    assert "  net/http\n" in text and "    orch.nethttp.client: 1\n" in text, text
    assert "main.go:10:1 //orch:span span.name:work team:x: honoured by orch.span.directive" in text
    assert "main.go:16:1 //orch:spam: NOT honoured: no rule in force uses //orch:spam" in text
    assert ("main.go:19:1 //orch:span: NOT honoured: no rule using it (orch.span.directive) "
            "matched the code it annotates") in text
    assert "main.go:23:2 //orch:ignore: honoured by orch:ignore" in text
    assert "your rules that matched nothing:\n  user.never (" in text, text
    assert "user.wrap-work (" not in text
    assert "packages orch added to the link:\n" in text and "  orch.dev/runtime/span\n" in text, text

    # A warm build (every compile from GOCACHE, only the link runs) reports
    # as much, from the archives' own members; JSON for tools.
    os.unlink(tmp_path / "app")
    env["ORCH_REPORT"] = str(tmp_path / "report.json")
    run_go(["build", "-o", str(tmp_path / "app"), "."], src, base_env=goenv, env=env)
    (prog,) = json.load(open(tmp_path / "report.json"))["programs"]
    assert prog["program"] == "example.com/m"
    assert prog["packages"]["example.com/m"]["applied"] == {"orch.span.directive": 1, "user.wrap-work": 1}
    assert [u["rule"] for u in prog["unmatched"]] == ["user.never"]
    assert prog["unmatched"][0]["where"].endswith("rules.toml:8")
    assert {d["text"]: ("by" in d) for d in prog["directives"]} == {
        "//orch:span span.name:work team:x": True, "//orch:spam": False,
        "//orch:span": False, "//orch:ignore": True}
    builtin = [f for f in prog["rule_files"] if f["builtin"]]
    assert builtin and all(f["file"].endswith(".toml") for f in builtin)
    assert not os.path.exists(os.path.join(src, "report.json"))


TEST_A = '''package a

import "testing"

func TestA(t *testing.T) {}
'''

TEST_B = '''package b

import (
	"net/http"
	"testing"
)

func TestB(t *testing.T) { _ = http.DefaultClient }
'''


def test_every_program_of_a_go_command_has_its_section(tmp_path, goenv):
    src = write_module(tmp_path / "src", {"a/a_test.go": TEST_A, "b/b_test.go": TEST_B})
    report = tmp_path / "report.json"
    run_go(["test", "./..."], src, base_env=goenv, env={"ORCH_REPORT": str(report)})
    programs = {p["program"]: p for p in json.load(open(report))["programs"]}
    assert set(programs) == {"example.com/m/a.test", "example.com/m/b.test"}
    assert "net/http" in programs["example.com/m/b.test"]["packages"]
    assert programs["example.com/m/a.test"]["unmatched"] == []
    # Linking one again replaces its own section and keeps the other's.
    run_go(["test", "-count=1", "./a"], src, base_env=goenv, env={"ORCH_REPORT": str(report)})
    assert {p["program"] for p in json.load(open(report))["programs"]} == set(programs)


def test_no_report_without_orch_report(tmp_path, goenv):
    src = write_module(tmp_path / "src", {"a/a_test.go": TEST_A})
    run_go(["test", "./..."], src, base_env=goenv)
    assert not [f for f in os.listdir(src) if "report" in f]
