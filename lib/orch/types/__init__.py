"""orch's type layer: Go types read lazily from the compiler's export data.

Modules, one concept each:
- archive: the __.PKGDEF member of a package archive and its unified payload;
- pkgbits: the element sections of unified export data (GOROOT/src/internal/pkgbits);
- model: Go types (basic, named, pointer, struct, interface, signature ...);
- exportdata: a package's objects decoded on demand (go/internal/gcimporter/ureader.go);
- importer: packages by import path, from the compile's importcfg;
- methodset: method lookup, method sets and implements();
- source: the package being compiled, from its syntax trees;
- exprs: the type of an expression where a rule asks;
- infer: type-argument inference for calls of generic functions;
- constants: the kinds of untyped constant expressions (inference's defaults).

A question whose answer needs a type orch cannot know gets "no" (None or
False), never a wrong "yes".
"""

from .errors import ExportDataError  # noqa: F401
