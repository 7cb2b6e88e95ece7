"""Unified export data's element sections (GOROOT/src/internal/pkgbits).

Layout: uint32 version; (version >= 1) uint32 flags; numRelocs uint32 ends
of each section; the end of each element; element data; 8 bytes of
fingerprint. Each element starts with a reference table (section kind,
relative index) through which it names other elements.
"""

import struct

from .errors import ExportDataError

# Section kinds (reloc.go).
STRING, META, POSBASE, PKG, NAME, TYPE, OBJ, OBJEXT, OBJDICT, BODY = range(10)
NUM_SECTIONS = 10

# Type codes (codes.go).
(T_BASIC, T_NAMED, T_POINTER, T_SLICE, T_ARRAY, T_CHAN, T_MAP, T_SIGNATURE,
 T_STRUCT, T_INTERFACE, T_UNION, T_TYPEPARAM) = range(12)
# Object codes.
O_ALIAS, O_CONST, O_TYPE, O_FUNC, O_VAR, O_STUB = range(6)
# Constant value codes.
V_BOOL, V_STRING, V_INT64, V_BIGINT, V_BIGRAT, V_BIGFLOAT = range(6)

MAX_VERSION = 5
_FLAG_SYNC = 1


class PkgDecoder:
    def __init__(self, data: bytes, where: str = "export data"):
        self.where = where
        try:
            self._init(data)
        except (struct.error, IndexError) as e:
            raise ExportDataError(f"{where}: damaged export data ({e})") from None

    def _init(self, data):
        (self.version,) = struct.unpack_from("<I", data, 0)
        if self.version > MAX_VERSION:
            raise ExportDataError(
                f"{self.where}: export data version {self.version} is newer than "
                f"orch reads (up to {MAX_VERSION})")
        off = 4
        self.sync = False
        if self.version >= 1:
            (flags,) = struct.unpack_from("<I", data, off)
            off += 4
            self.sync = bool(flags & _FLAG_SYNC)
        self.ends_ends = struct.unpack_from("<%dI" % NUM_SECTIONS, data, off)
        off += 4 * NUM_SECTIONS
        n = self.ends_ends[-1]
        self.elem_ends = struct.unpack_from("<%dI" % n, data, off)
        off += 4 * n
        self.data = memoryview(data)[off:]
        if n and len(self.data) - 8 != self.elem_ends[-1]:
            raise ExportDataError(f"{self.where}: damaged export data (sizes disagree)")
        self._strings = {}

    # go 1.22/1.23 write V1 (HasInit, DerivedFuncInstance, DerivedInfoNeeded);
    # V2 (go 1.24+) drops them and adds AliasTypeParamNames; V3 compact
    # composite literals (bodies only); V4 generic methods; V5 (go 1.27)
    # the declaration order of methods.
    @property
    def has_init(self):
        return self.version < 2

    has_derived_func_instance = has_init
    has_derived_info_needed = has_init

    @property
    def has_alias_tparams(self):
        return self.version >= 2

    @property
    def has_generic_methods(self):
        return self.version >= 4

    @property
    def has_method_order(self):
        return self.version >= 5

    def num_elems(self, k):
        return self.ends_ends[k] - (self.ends_ends[k - 1] if k else 0)

    def abs_idx(self, k, idx):
        a = idx + (self.ends_ends[k - 1] if k else 0)
        if idx < 0 or a >= self.ends_ends[k]:
            raise ExportDataError(f"{self.where}: element {k}:{idx} out of bounds")
        return a

    def elem(self, k, idx):
        a = self.abs_idx(k, idx)
        start = self.elem_ends[a - 1] if a else 0
        return self.data[start:self.elem_ends[a]]

    def string(self, idx):
        s = self._strings.get(idx)
        if s is None:
            s = self._strings[idx] = bytes(self.elem(STRING, idx)).decode("utf-8", "surrogateescape")
        return s

    def decoder(self, k, idx, sync=True):
        return Decoder(self, k, idx, sync)


class Decoder:
    __slots__ = ("pr", "buf", "pos", "relocs", "k", "idx")

    def __init__(self, pr, k, idx, sync=True):
        self.pr = pr
        self.k = k
        self.idx = idx
        self.buf = pr.elem(k, idx)
        self.pos = 0
        self.sync()  # SyncRelocs
        n = self.len()
        rel = []
        for _ in range(n):
            self.sync()  # SyncReloc
            rel.append((self.len(), self.len()))
        self.relocs = rel
        if sync:
            self.sync()

    def _uv(self):
        x = 0
        s = 0
        buf = self.buf
        pos = self.pos
        while True:
            b = buf[pos]
            pos += 1
            if b < 0x80:
                self.pos = pos
                return x | (b << s)
            x |= (b & 0x7F) << s
            s += 7
            if s > 63:
                raise ExportDataError(f"{self.pr.where}: varint overflows")

    def sync(self):
        if self.pr.sync:
            self._uv()
            for _ in range(self._uv()):
                self._uv()

    def bool(self):
        self.sync()
        b = self.buf[self.pos]
        self.pos += 1
        if b > 1:
            raise ExportDataError(f"{self.pr.where}: bad bool")
        return b == 1

    def int64(self):
        self.sync()
        ux = self._uv()
        x = ux >> 1
        return ~x if ux & 1 else x

    def uint64(self):
        self.sync()
        return self._uv()

    len = uint64
    uint = uint64
    int = int64

    def code(self):
        self.sync()
        return self.len()

    def reloc(self, k):
        self.sync()
        kind, idx = self.relocs[self.len()]
        if kind != k:
            raise ExportDataError(
                f"{self.pr.where}: reference to section {kind} where {k} was expected")
        return idx

    def string(self):
        self.sync()
        return self.pr.string(self.reloc(STRING))

    def value(self):
        """A constant: (kind, python value); complex as a (re, im) pair."""
        self.sync()
        is_complex = self.bool()
        v = self._scalar()
        if is_complex:
            return ("complex", (v[1], self._scalar()[1]))
        return v

    def _scalar(self):
        tag = self.code()
        if tag == V_BOOL:
            return ("bool", self.bool())
        if tag == V_STRING:
            return ("string", self.string())
        if tag == V_INT64:
            return ("int", self.int64())
        if tag == V_BIGINT:
            return ("int", self._bigint())
        if tag == V_BIGRAT:
            from fractions import Fraction
            return ("float", Fraction(self._bigint(), self._bigint()))
        if tag == V_BIGFLOAT:
            return ("float", self.string())
        raise ExportDataError(f"{self.pr.where}: unknown constant tag {tag}")

    def _bigint(self):
        v = int.from_bytes(self.string().encode("utf-8", "surrogateescape"), "big")
        return -v if self.bool() else v
