"""Type-aware function options on source alone (no export data): the
package's own interfaces and types decide by method sets; the pre-test asks
only packages that import the interface's package or may know it otherwise
(PackageContext.knows)."""

from rulesupport import match

RULE = '''
[[aspects]]
id = "t"
join-point.function = [ {{ {opt} = "{iface}" }} ]
advice = {{ add-blank-import = "unsafe" }}
'''

SRC = '''
package p

type Writer interface{ Write(p []byte) (int, error) }

type Flusher interface {
    Writer
    Flush() error
}

type buf struct{}

func (*buf) Write(p []byte) (int, error) { return 0, nil }

type wrap struct{ *buf }

type both struct{ buf }

func (both) Flush() error { return nil }

type Gen[T any] struct{ v T }

func (g Gen[T]) Write(p []byte) (int, error) { return 0, nil }

func a(x *buf) {}
func b(x buf) {}
func c(x wrap) {}
func d(x *both) {}
func e(x both) {}
func f(x Gen[int]) {}
func g[W Writer](w W) {}
func h(n int) {}
func i() (int, *buf) { return 0, nil }
func j() error { return nil }
func k(x Nope) {}
'''


def names(found):
    import re
    return sorted(re.match(r"func (?:\([^)]*\) )?(\w+)", t).group(1) for _, _, t in found)


def test_argument_implements_by_method_sets():
    got = match(RULE.format(opt="argument-implements", iface="example.com/p.Writer"), SRC)
    assert names(got) == ["a", "c", "d", "f", "g"]


def test_embedded_interface_and_promotion():
    got = match(RULE.format(opt="argument-implements", iface="example.com/p.Flusher"), SRC)
    assert names(got) == ["d"]


def test_result_implements():
    got = match(RULE.format(opt="result-implements", iface="example.com/p.Writer"), SRC)
    assert names(got) == ["i"]
    got = match(RULE.format(opt="final-result-implements", iface="error"), SRC)
    assert names(got) == ["Flush", "Write", "Write", "j"]


def test_unknown_types_never_match():
    # an undeclared type: only a parameter written as that very type matches
    got = match(RULE.format(opt="argument-implements", iface="example.com/p.Nope"), SRC)
    assert names(got) == ["k"]
    got = match(RULE.format(opt="argument-implements", iface="example.com/q.Writer"), SRC)
    assert got == []


def test_only_packages_that_import_the_interfaces_package():
    rule = RULE.format(opt="argument-implements", iface="io.Writer")
    src = 'package p\n\nimport "bytes"\n\nfunc f(b *bytes.Buffer) {}\n'
    assert match(rule, src, imports={"bytes"}) == []


def test_knows(tmp_path):
    """The pre-test of a package that does not import the interface's
    package: MAYBE when an imported archive's export data may name it, or
    when it is a standard-library package (source in GOROOT)."""
    from orch.rules.context import PackageContext
    from orch.rules.prefilter import MAYBE, NO, package_may
    member = b"go object linux amd64 go1.24\n\n$$B\nu...example.com/q...\n$$\n"
    arch = tmp_path / "lib.a"
    arch.write_bytes(b"!<arch>\n" + b"__.PKGDEF".ljust(16) + b" " * 32
                     + str(len(member)).encode().ljust(10) + b"`\n" + member)
    cfg = tmp_path / "importcfg"
    cfg.write_text("packagefile example.com/lib=%s\n" % arch)
    pkg = PackageContext("example.com/p", [], importcfg=str(cfg))
    assert pkg.knows("example.com/q") is True
    assert pkg.knows("example.com/r") is False
    assert package_may(("pkgknows", "example.com/r"), pkg) == NO
    assert package_may(("pkgknows", "example.com/q"), pkg) == MAYBE
    root = tmp_path / "goroot"
    (root / "src" / "io").mkdir(parents=True)
    pkg = PackageContext("example.com/p", [], importcfg=str(cfg), goroot=str(root))
    assert pkg.knows("io") is True and pkg.knows("net/http") is False
