"""Recompile the main package at link time, to make it import link-only packages.

Some injected code reaches a package only through `//go:linkname` (the
trace core finds its OTLP/HTTP exporter that way, because the exporter
imports net/http, which orch instruments with the core: a real import
would be a cycle). The linker loads only packages that something imports,
starting from main, so listing such a package in the link importcfg is not
enough: its symbols stay undefined. And only the main package can import
it without a cycle, or without changing a fingerprint that some other
package recorded: nobody imports main.

The link step is the first to know which of these packages the program
needs (each archive's orch.linkdeps record says), and by then main is
compiled, maybe in an earlier build (GOCACHE). So when main is compiled,
orch appends a recipe to its archive (member orch.recipe): the compiler's
argument list, its directory, and the content of every input that lived in
$WORK (rewritten sources, _testmain.go, cgo output, embed and coverage
configs), with the work directory replaced by a placeholder, so the recipe
is the same in every build. The recipe also carries the package's own
source files, since the archive may come from GOCACHE, compiled in another
directory (with -trimpath, the same sources anywhere share one entry) that
is gone or holds other code by now; files that go:embed names are checked
by their digest instead. At link time, if the program needs link-only
packages that nothing imports, relink() replays the recipe under
$WORK/orch/relink/ with one more file,

    package main
    import _ "orch.dev/runtime/otlphttp"

and an importcfg made from the link's, then copies the other members of
the old archive (assembly and cgo objects) after the new object code. The
linker gets the new archive in place of the old one. main's fingerprint
changes, which nothing checks, since nothing imports main.
"""

import hashlib
import json
import os
import subprocess

from ..errors import OrchError
from . import archive, flags, importcfg, workdir

RECIPE_MEMBER = "orch.recipe"
WORK_TOKEN = "$ORCH_WORK$"
GOFILE = "orch_linkdeps_main.go"

# Inputs a compile may read from $WORK besides its source files.
_INPUT_FLAGS = ("embedcfg", "coveragecfg", "symabis", "pgoprofile")


def _under(path: str, work: str) -> bool:
    return path.startswith(work + os.sep)


def recipe(argv: list[str], cwd: str) -> bytes:
    """The recipe of a main package's compile, as run in `cwd`."""
    args = flags.Args(argv, "compile")
    work = workdir.work_dir(args.get("o"))
    files = {}

    def keep(path):
        p = os.path.join(cwd, path)
        if _under(p, work) and os.path.isfile(p):
            with open(p, "rb") as f:
                data = f.read().decode("utf-8", "surrogateescape")
            if not p.endswith(".go"):
                data = data.replace(work, WORK_TOKEN)
            files[os.path.relpath(p, work)] = data

    sources = {}
    for path in args.positionals():
        p = os.path.join(cwd, path)
        if _under(p, work):
            keep(path)
        else:
            with open(p, "rb") as f:
                sources[path] = f.read().decode("utf-8", "surrogateescape")
    for name in _INPUT_FLAGS:
        value = args.get(name)
        if isinstance(value, str) and value:
            keep(value)
    cfg_path = args.get("importcfg")
    importmap = importcfg.read(cfg_path).importmap if isinstance(cfg_path, str) else {}
    doc = {
        "v": 2,
        "dir": cwd,
        "argv": [a.replace(work, WORK_TOKEN) for a in argv],
        "files": files,
        "sources": sources,
        "embeds": _embed_digests(args.get("embedcfg"), cwd),
        "importmap": importmap,
    }
    return json.dumps(doc, sort_keys=True).encode()


def _embed_digests(embedcfg, cwd: str) -> dict[str, str]:
    """{path: sha256} of every file the package embeds (go:embed)."""
    if not isinstance(embedcfg, str) or not embedcfg:
        return {}
    with open(os.path.join(cwd, embedcfg), "rb") as f:
        paths = json.load(f).get("Files") or {}
    return {p: _digest(p) for p in paths.values()}


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def relink(link_tool: str, main_archive: str, work: str, packages: dict[str, str],
           imports: list[str]) -> str:
    """A copy of main_archive whose package also imports `imports`.

    `packages` maps every import path of the program to its archive (the
    completed link importcfg). Returns the new archive's path, under
    $WORK/orch/relink/<digest>/ (made once per build, under a lock).
    """
    raw = archive.member(main_archive, RECIPE_MEMBER)
    if raw is None:
        raise OrchError(f"the program needs {', '.join(imports)}, which nothing imports, and "
                        f"{main_archive} has no orch recipe to recompile the main package with it "
                        "(was it compiled without orch? try go build -a)")
    doc = json.loads(raw)
    _check_inputs(doc, imports)
    h = hashlib.sha256(raw)
    h.update("\0".join(imports).encode() + b"\0" + json.dumps(packages, sort_keys=True).encode())
    root = workdir.orch_dir(work, "relink", h.hexdigest()[:16])
    with workdir.locked(root + ".lock"):
        done = os.path.join(root, "done")
        out = flags.Args([a.replace(WORK_TOKEN, root) for a in doc["argv"]], "compile").get("o")
        if not os.path.exists(done):
            _restore(doc, root)
            argv = _argv(doc, root, packages, imports)
            _compile(link_tool, argv, _source_dir(doc, root), imports)
            archive.copy_members(main_archive, out, skip={"__.PKGDEF", "_go_.o", RECIPE_MEMBER, "orch.linkdeps"})
            workdir.write_atomic(done, b"")
    return out


def _check_inputs(doc: dict, imports: list[str]) -> None:
    """Refuse a recipe whose inputs outside the archive are gone or changed."""
    why = None
    if "sources" not in doc and not os.path.isdir(doc["dir"]):     # a recipe of orch before v2
        why = f"{doc['dir']} is gone"
    for path, digest in doc.get("embeds", {}).items():
        if _digest(path) != digest:
            why = f"{path} (embedded) changed or is gone"
    if why:
        raise OrchError(f"cannot recompile the main package to link {', '.join(imports)}: "
                        f"{why} (rebuild with go build -a)")


def _source_dir(doc: dict, root: str) -> str:
    """Where the recompile runs: beside the restored sources, else (a recipe
    without them) in the package's directory."""
    if "sources" not in doc:
        return doc["dir"]
    src = os.path.join(root, "src")
    os.makedirs(src, exist_ok=True)
    return src


def _restore(doc: dict, root: str) -> None:
    """Write the recipe's $WORK inputs under `root`, which stands for $WORK,
    and its source files under root/src (see _sources_argv)."""
    for rel, text in doc["files"].items():
        path = os.path.join(root, rel)
        if not rel.endswith(".go"):
            text = text.replace(WORK_TOKEN, root)
        _write(path, text)
    for name, text in doc.get("sources", {}).items():
        _write(_restored(name, root), text)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))


def _restored(name: str, root: str) -> str:
    """Where source `name` (as the compile named it) is restored."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return os.path.join(root, "src", digest, os.path.basename(name))


def _sources_argv(doc: dict, root: str, args: flags.Args) -> list[str]:
    """argv naming the restored sources, with -trimpath rules that give each
    the name the original compile recorded (its positions, in panics and
    debuggers, must not name orch's copy)."""
    rules = args.get("trimpath")
    rules = rules if isinstance(rules, str) else ""
    names, extra = [], []
    for name in args.positionals():
        if name in doc["sources"]:
            restored = _restored(name, root)
            names.append(restored)
            extra.append(f"{restored}=>{_apply_rewrites(os.path.join(doc['dir'], name), rules)}")
        else:
            names.append(name)
    argv = flags.Args(args.with_value("trimpath", ";".join(extra + ([rules] if rules else []))), "compile")
    return argv.with_positionals(names)


def _apply_rewrites(path: str, rules: str) -> str:
    """What the compiler's -trimpath rules make of path: a port of
    cmd/internal/objabi.ApplyRewrites (first match wins)."""
    path = os.path.normpath(path)       # filepath.Join cleans
    for rule in rules.split(";"):
        prefix, replace = rule, ""
        if "=>" in rule:
            prefix, _, replace = rule.rpartition("=>")
        if not prefix or not _has_path_prefix(path, prefix):
            continue
        if len(path) == len(prefix):
            return replace
        return path[len(prefix) + 1:] if not replace else replace + path[len(prefix):]
    return path


def _has_path_prefix(s: str, t: str) -> bool:
    """objabi.hasPathPrefix: t is s or a directory above it (ASCII case and
    slashes folded)."""
    if len(t) > len(s):
        return False
    fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\\", "abcdefghijklmnopqrstuvwxyz/")
    if s[:len(t)].translate(fold) != t.translate(fold):
        return False
    return len(s) == len(t) or s[len(t)] in "/\\"


def _argv(doc: dict, root: str, packages: dict[str, str], imports: list[str]) -> list[str]:
    """The recipe's arguments, with the blank imports and a new importcfg."""
    args = flags.Args([a.replace(WORK_TOKEN, root) for a in doc["argv"]], "compile")
    if "sources" in doc:
        args = flags.Args(_sources_argv(doc, root, args), "compile")
    objdir = os.path.dirname(args.get("o"))
    os.makedirs(objdir, exist_ok=True)
    gofile = os.path.join(objdir, GOFILE)
    body = "".join(f'\t_ "{p}"\n' for p in sorted(imports))
    with open(gofile, "w", encoding="utf-8") as f:
        f.write(f"// Code generated by orch. DO NOT EDIT.\n\npackage main\n\nimport (\n{body})\n")
    cfg_text = "".join(f"importmap {k}={v}\n" for k, v in sorted(doc["importmap"].items()))
    cfg_text += "".join(f"packagefile {p}={a}\n" for p, a in sorted(packages.items()))
    cfg_path = os.path.join(objdir, "importcfg.relink")
    workdir.write_atomic(cfg_path, cfg_text.encode("utf-8", "surrogateescape"))
    args = flags.Args(args.with_value("importcfg", cfg_path), "compile")
    return args.with_positionals(args.positionals() + [gofile])


def _compile(link_tool: str, argv: list[str], cwd: str, imports: list[str]) -> None:
    exe = ".exe" if link_tool.endswith(".exe") else ""
    compiler = os.path.join(os.path.dirname(link_tool), "compile" + exe)
    proc = subprocess.run([compiler] + argv, cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        raise OrchError(f"cannot recompile the main package to link {', '.join(imports)}:\n"
                        + proc.stdout.decode(errors="replace") + proc.stderr.decode(errors="replace"))
