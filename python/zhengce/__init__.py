"""zhengce: Chinese government documents as data.

    >>> import zhengce
    >>> doc = zhengce.parse("力争GDP增长8%左右，新增企业20家以上。")
    >>> [(c.text, c.value, c.bound, c.action) for c in doc.commitments]
    [('8%', 8.0, 'approx', 'growth'), ('20家', 20.0, 'at_least', 'add')]

A ctypes binding over libzhengce: no compiled extension. Records are read
from the library's own structs (copied as arrays and unpacked by the struct
module; code-point offsets computed in C; for text in another encoding the
spans' texts cut from the library's conversion; for bytes read lossy, each
invalid sequence of a span one U+FFFD), or, for a str whose lone surrogates
the library replaced, from its JSON Lines: every field means what it means in
the C API and the extractor. The C document is freed as soon as the
Python objects are built; everything returned is plain Python.
Parsing is thread-safe: ctypes releases the GIL during the call and the
library shares one compiled extractor per option set.

The library is loaded on first use: from $ZHENGCE_LIBRARY when set (and
only from there), else from the source tree's build folders, else from the
system library path.
"""
from __future__ import annotations

import array
import ctypes
import ctypes.util
import glob
import itertools
import json
import os
import struct
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

__all__ = ["parse", "jsonl", "panel", "indicators", "Document", "Finding", "Section", "Meta", "Error",
           "LibraryNotFound", "library_version"]

Text = Union[str, bytes, bytearray, memoryview]

# ------------------------------------------------------------------ loading


class LibraryNotFound(ImportError):
    """libzhengce could not be loaded; the message says where it was looked for."""


class _Span(ctypes.Structure):
    _fields_ = [("start", ctypes.c_size_t), ("end", ctypes.c_size_t)]


class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("offset", ctypes.c_size_t), ("line", ctypes.c_uint32),
                ("message", ctypes.c_char * 128)]


class _Options(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("flags", ctypes.c_uint32),
                ("max_depth", ctypes.c_uint32), ("max_input_bytes", ctypes.c_size_t),
                ("allocator", ctypes.c_void_p)]


_WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char),
                             ctypes.c_size_t)
_P = ctypes.POINTER
# name: (restype, argtypes) -- every function the binding calls, declared once
_PROTOTYPES: Dict[str, Any] = {
    "zc_version": (ctypes.c_char_p, []),
    "zc_struct_size": (ctypes.c_size_t, [ctypes.c_int]),
    "zc_status_string": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_options_init": (None, [_P(_Options)]),
    "zc_extractor_new": (ctypes.c_void_p, [_P(_Options), _P(_Error)]),
    "zc_extractor_free": (None, [ctypes.c_void_p]),
    "zc_extract": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, _P(_Error)]),
    "zc_extract_encoded": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                             ctypes.c_char_p, _P(_Error)]),
    "zc_document_encoding": (ctypes.c_char_p, [ctypes.c_void_p]),
    "zc_document_free": (None, [ctypes.c_void_p]),
    "zc_document_replacements": (ctypes.c_size_t, [ctypes.c_void_p, _P(ctypes.c_size_t)]),
    "zc_document_write_jsonl": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32,
                                               _WRITE_FN, ctypes.c_void_p]),
    "zc_panel_new": (ctypes.c_void_p, [ctypes.c_void_p, _P(_Error)]),
    "zc_panel_free": (None, [ctypes.c_void_p]),
    "zc_panel_add": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p]),
    "zc_panel_write": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int, _WRITE_FN, ctypes.c_void_p]),
    "zc_document_finding_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "zc_document_finding": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]),
    "zc_document_section_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "zc_document_section": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]),
    "zc_document_meta": (ctypes.c_void_p, [ctypes.c_void_p]),
    # the offsets by address: a ctypes array type per length costs ~25 us
    "zc_document_char_offsets": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p,
                                                ctypes.c_size_t]),
    "zc_document_span_text": (ctypes.c_void_p, [ctypes.c_void_p, _Span, _P(ctypes.c_size_t)]),
    "zc_bound_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_action_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_stage_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_role_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_unit_class_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_marker_kind_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_genre_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_flag_name": (ctypes.c_char_p, [ctypes.c_uint]),
    "zc_indicator_count": (ctypes.c_size_t, []),
    "zc_indicator_at": (ctypes.c_void_p, [ctypes.c_size_t]),
}

ZC_OPT_LOSSY = 1
ZC_OPT_UNITLESS = 2
ZC_OPT_BORROW = 4  # parse() frees the document before the bytes can go
ZC_WRITE_SECTIONS = 1
ZC_WRITE_META = 2
_NO_OFFSET = ctypes.c_size_t(-1).value

_lib: Optional[ctypes.CDLL] = None
_lib_lock = threading.Lock()


def _candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    found: List[str] = []
    for pattern in ("build/libzhengce.so", "build*/libzhengce.so", "builddir/libzhengce.so"):
        found += sorted(glob.glob(os.path.join(root, pattern)))
    return found


def _open() -> ctypes.CDLL:
    env = os.environ.get("ZHENGCE_LIBRARY")
    if env:  # an explicit choice is never silently replaced by another build
        try:
            return ctypes.CDLL(env)
        except OSError as e:
            raise LibraryNotFound(f"ZHENGCE_LIBRARY={env!r} cannot be loaded: {e}") from None
    tried = []
    for path in _candidates():
        tried.append(path)
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    name = ctypes.util.find_library("zhengce")
    tried.append("the system library path (libzhengce.so)")
    if name:
        return ctypes.CDLL(name)
    raise LibraryNotFound("libzhengce not found; looked in: " + "; ".join(tried) +
                          ". Build it (meson setup build && ninja -C build), install it, "
                          "or set ZHENGCE_LIBRARY to the .so file.")


def _library() -> ctypes.CDLL:
    global _lib
    if _lib is None:
        with _lib_lock:
            if _lib is None:
                lib = _open()
                for name, (res, args) in _PROTOTYPES.items():
                    fn = getattr(lib, name)
                    fn.restype = res
                    fn.argtypes = args
                # a header change must never silently misread memory
                for i, cls in ((3, _Error), (4, _Options), (5, _Span)):
                    if lib.zc_struct_size(i) != ctypes.sizeof(cls):
                        raise LibraryNotFound(
                            f"libzhengce {lib.zc_version().decode()} does not match this "
                            f"binding: {cls.__name__} is {lib.zc_struct_size(i)} bytes in C, "
                            f"{ctypes.sizeof(cls)} here")
                _lib = lib
    return _lib


def library_version() -> str:
    """The version of the loaded libzhengce."""
    return _library().zc_version().decode()


# ---------------------------------------------------------------- results


class Error(Exception):
    """A parse failure: .code (the C status), .code_name ('invalid UTF-8' ...),
    .offset (into the input as given: code points for str, bytes for bytes;
    None when the error has no place), .line, and the library's message."""

    def __init__(self, code: int, offset: Optional[int], line: int, message: str):
        self.code = code
        self.code_name = _library().zc_status_string(code).decode()
        self.offset = offset
        self.line = line
        self.message = message
        where = f" at offset {offset} (line {line})" if offset is not None else ""
        super().__init__(f"{self.code_name}{where}: {message}")


@dataclass
class Finding:
    """One quantity, with the fields of the commitment spec."""
    type: str
    text: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    value: float
    value_max: Optional[float]
    unit: str
    scale: float
    unit_class: str
    bound: str
    action: str
    subject: str
    status: str
    role: str
    deadline: Optional[str]
    section: int
    flags: List[str] = field(default_factory=list)
    indicator: Optional[str] = None  # canonical id ("gdp"), see indicators()
    year: Optional[int] = None  # the year the figure is about
    # where the subject is written (code points; byte_ forms in the input's
    # bytes); subject itself may be a name built around it (粮食 + 总产量)
    subject_start: Optional[int] = None
    subject_end: Optional[int] = None
    subject_byte_start: Optional[int] = None
    subject_byte_end: Optional[int] = None


@dataclass
class Section:
    """One numbered section; index 0 is the root (text before the first heading)."""
    index: int
    kind: str
    number: int
    depth: int
    parent: Optional[int]
    marker: str
    title: str
    status: str
    start: int
    end: int
    byte_start: int
    byte_end: int


@dataclass
class Meta:
    title: str
    issuer: str
    date: str
    doc_number: str
    year: Optional[int]
    genre: str = "other"
    place: Optional[str] = None  # the place the document is about (西咸新区, 全国)
    report_year: Optional[int] = None  # the year it reports in (a review's figures are the year before)


@dataclass
class Document:
    text: Union[str, bytes]
    sections: List[Section]
    commitments: List[Finding]  # every finding; filter on .role for commitments only
    meta: Meta
    replacements: int = 0

    @property
    def findings(self) -> List[Finding]:
        """Every finding (the same list as .commitments)."""
        return self.commitments

    def records(self) -> List[Dict[str, Any]]:
        """One dict per finding, with its section's title and status, ready
        for pandas.DataFrame(...) or csv.DictWriter."""
        rows = []
        for f in self.commitments:
            row = asdict(f)
            row["flags"] = ",".join(f.flags)
            sec = self.sections[f.section] if f.section < len(self.sections) else None
            row["section_title"] = sec.title if sec else ""
            rows.append(row)
        return rows


# ----------------------------------------------------------------- parsing


def _text_bytes(text: Text) -> "tuple[bool, bytes]":
    if isinstance(text, str):
        return True, text.encode("utf-8", errors="surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return False, bytes(text)
    raise TypeError(f"expected str or bytes, not {type(text).__name__}")


def _collect(write_call) -> bytes:
    """Run a zc_*_write call with a callback that gathers the bytes."""
    chunks: List[bytes] = []

    def sink(_ud, buf, n):
        chunks.append(ctypes.string_at(buf, n))
        return 0

    st = write_call(_WRITE_FN(sink))
    if st != 0:
        raise Error(st, None, 0, "could not write the records")
    return b"".join(chunks)

_extractors: Dict[int, int] = {}
_extractors_lock = threading.Lock()


def _extractor(flags: int) -> int:
    lib = _library()
    with _extractors_lock:
        ex = _extractors.get(flags)
        if ex is None:
            opts = _Options()
            lib.zc_options_init(ctypes.byref(opts))
            opts.flags = flags
            err = _Error()
            ex = lib.zc_extractor_new(ctypes.byref(opts), ctypes.byref(err))
            if not ex:
                raise Error(err.code, None, 0, err.message.decode(errors="replace"))
            _extractors[flags] = ex
        return ex


def _code_points(data: bytes, offsets: Sequence[int]) -> Dict[int, int]:
    """Byte offset -> code-point index for the given offsets of UTF-8 data.
    The offsets are visited in order and each step decodes only the bytes
    since the last one, so the cost is one decode of the text, in C."""
    out: Dict[int, int] = {}
    last_b, last_c = 0, 0
    for off in sorted(set(offsets)):
        off = min(off, len(data))
        last_c += len(data[last_b:off].decode("utf-8", errors="surrogatepass"))
        last_b = off
        out[off] = last_c
    return out


def _check_flag(name: str, v: object) -> bool:
    if not isinstance(v, bool):
        raise TypeError(f"{name} must be True or False, not {type(v).__name__}")
    return v


# The records read straight from the C structs: the findings and sections
# are each one array (zhengce.h), copied in one call and unpacked by the
# struct module, so no per-byte or per-field work is done in Python. The
# formats are the leading fields of zc_finding and zc_section as this
# binding knows them ('@': C's own alignment); a newer library only appends
# fields, so each record is read with the library's own size as its stride.
# the array module's code for size_t (the offsets passed to C in place)
_SIZE_T_CODE = next(c for c in "LQI" if array.array(c).itemsize == ctypes.sizeof(ctypes.c_size_t))
_FINDING_FMT = "@2Q32x3dP5iI2Q16xQ8xPi0P"  # text (number unit_text) value value_max
#   scale unit unit_class bound action status role flags subject (deadline) section
#   (subject_name) indicator year; the fields in parentheses are read as
#   columns below, not unpacked (an object per field per record costs)
_SECTION_FMT = "@iIIQ6Qi0P"  # kind number depth parent marker title body status
# the size_t words of each record that hold byte offsets (text, subject and
# deadline of a finding; marker, title, body of a section)
_FINDING_OFFSET_WORDS = (0, 1) + tuple(struct.calcsize("@6Q3dP5iI") // 8 + i for i in range(4))
_SECTION_OFFSET_WORDS = tuple(struct.calcsize("@iIIQ") // 8 + i for i in range(6))
# the word of a finding that points to its subject as a built name, or is 0
_NAME_WORD = struct.calcsize("@6Q3dP5iI4QQ") // 8


def _words(raw: bytes, size: int, word: int) -> memoryview:
    """Word `word` (size_t) of every record of `size` bytes in raw, as a
    strided view (nothing copied)."""
    words = memoryview(raw).cast("B").cast(_SIZE_T_CODE)
    return words[word::size // ctypes.sizeof(ctypes.c_size_t)]


class _Meta(ctypes.Structure):
    _fields_ = [("title", _Span), ("issuer", _Span), ("date", _Span), ("doc_number", _Span),
                ("year", ctypes.c_int32), ("genre", ctypes.c_int), ("place", ctypes.c_char_p),
                ("place_span", _Span), ("report_year", ctypes.c_int32)]


class _Names:
    """The library's names for its enum values and flags, read once."""

    def __init__(self, lib: ctypes.CDLL):
        def table(fn: Callable[[int], bytes]) -> List[str]:
            out: List[str] = []
            while len(out) < 64:
                name = fn(len(out)).decode()
                if name == "?":
                    break
                out.append(name)
            return out
        self.bound = table(lib.zc_bound_name)
        self.action = table(lib.zc_action_name)
        self.stage = table(lib.zc_stage_name)
        self.role = table(lib.zc_role_name)
        self.unit_class = table(lib.zc_unit_class_name)
        self.kind = table(lib.zc_marker_kind_name)
        self.genre = table(lib.zc_genre_name)
        self.flag_names = [lib.zc_flag_name(b).decode() for b in range(32)]
        self.flags: Dict[int, List[str]] = {}
        self.static: Dict[int, str] = {}  # unit and indicator strings: static in C
        fsize, ssize = lib.zc_struct_size(0), lib.zc_struct_size(1)
        for fmt, size, what in ((_FINDING_FMT, fsize, "zc_finding"),
                                (_SECTION_FMT, ssize, "zc_section")):
            if struct.calcsize(fmt) > size:
                raise LibraryNotFound(f"libzhengce's {what} is {size} bytes, shorter than the "
                                      f"{struct.calcsize(fmt)} this binding reads")
        self.finding = struct.Struct(_FINDING_FMT + "%dx" % (fsize - struct.calcsize(_FINDING_FMT)))
        self.section = struct.Struct(_SECTION_FMT + "%dx" % (ssize - struct.calcsize(_SECTION_FMT)))
        if lib.zc_struct_size(2) < ctypes.sizeof(_Meta):
            raise LibraryNotFound("libzhengce's zc_meta is shorter than this binding's")

    def flag_list(self, flags: int) -> List[str]:
        got = self.flags.get(flags)
        if got is None:
            got = self.flags[flags] = [self.flag_names[b] for b in range(32) if flags >> b & 1]
        return list(got)

    def static_str(self, ptr: int) -> str:
        got = self.static.get(ptr)
        if got is None:
            got = self.static[ptr] = ctypes.string_at(ptr).decode()
        return got


_names_cache: Optional[_Names] = None


def _names() -> _Names:
    global _names_cache
    if _names_cache is None:
        _names_cache = _Names(_library())
    return _names_cache


def _read_records(lib: ctypes.CDLL, doc: int, text: Union[str, bytes], data: bytes,
                  is_str: bool, replacements: int, converted: bool = False) -> Document:
    """The Document from the C structs of a document read from UTF-8 (every
    span's text is the input's own; bytes read with `replacements` have
    each invalid sequence of a span's bytes read as one U+FFFD, as the
    library's JSON writer does, their offsets left in the caller's bytes),
    or `converted` from another encoding (the spans' texts are cut from the
    library's UTF-8 conversion by code points; their offsets stay the
    caller's bytes)."""
    nm = _names()
    nf, ns = lib.zc_document_finding_count(doc), lib.zc_document_section_count(doc)
    raw_f = ctypes.string_at(lib.zc_document_finding(doc, 0), nf * nm.finding.size) if nf else b""
    raw_s = ctypes.string_at(lib.zc_document_section(doc, 0), ns * nm.section.size) if ns else b""
    # records unpacked one at a time as the loops below take them: a tuple
    # is freed as soon as it is used (none piles up for the GC to walk)
    frows = nm.finding.iter_unpack(raw_f)
    srows = nm.section.iter_unpack(raw_s)
    meta = ctypes.cast(lib.zc_document_meta(doc), ctypes.POINTER(_Meta)).contents
    n = len(data)
    # the byte offsets the records hold, as columns read strided from the
    # raw arrays (ts te ss se ds de of the findings; ms me ts te bs be of
    # the sections; then the meta spans and the end)
    fviews = [_words(raw_f, nm.finding.size, w) for w in _FINDING_OFFSET_WORDS]
    sviews = [_words(raw_s, nm.section.size, w) for w in _SECTION_OFFSET_WORDS]
    spans = (meta.title, meta.issuer, meta.date, meta.doc_number)
    mcol = [x for sp in spans for x in (sp.start, sp.end)] + [n]
    if converted:  # the byte offsets as given, for the records' positions
        fpos, spos, mpos = [v.tolist() for v in fviews], [v.tolist() for v in sviews], mcol
    if is_str or converted:  # into code points, all in one C call on one array
        flat = array.array(_SIZE_T_CODE, b"".join([v.tobytes() for v in fviews + sviews]))
        flat.extend(mcol)
        address, k = flat.buffer_info()
        if lib.zc_document_char_offsets(doc, address, k) != 0:
            raise Error(2, None, 0, "no memory for the record offsets")
        cps = memoryview(flat)
        fcp = [cps[i * nf:(i + 1) * nf].tolist() for i in range(6)]
        scp = [cps[6 * nf + i * ns:6 * nf + (i + 1) * ns].tolist() for i in range(6)]
        mcp = cps[6 * nf + 6 * ns:].tolist()
        src = text
        if converted:  # the document's text as the library read it, as a str
            got = ctypes.c_size_t()
            at = lib.zc_document_span_text(doc, _Span(0, n), ctypes.byref(got))
            src = ctypes.string_at(at, got.value).decode("utf-8") if at else ""

        def piece(a: int, b: int) -> str:
            return src[a:b]  # type: ignore[return-value]
    else:
        fcp, scp, mcp = [v.tolist() for v in fviews], [v.tolist() for v in sviews], mcol
        # Python's "replace" takes Unicode's maximal subparts, as the library does
        errors = "replace" if replacements else "strict"

        def piece(a: int, b: int) -> str:
            return data[a:b].decode("utf-8", errors)
    if not converted:  # positions and pieces are one: code points, or the UTF-8's bytes
        fpos, spos, mpos = fcp, scp, mcp
    stage, kind_names = nm.stage, nm.kind
    unnumbered = kind_names.index("unnumbered")
    sections: List[Section] = []
    root_end, root_end_pos = n, mpos[-1]
    for i, r, ms, me, ts, te, at_m, at_t, be in zip(range(ns), srows, *scp[:4], spos[0], spos[2],
                                                    spos[5]):
        if i == 0:
            continue
        kind, number, depth, parent = r[0], r[1], r[2], r[3]
        unnum = kind == unnumbered
        start, start_pos = (r[6], at_t) if unnum else (r[4], at_m)
        if start < root_end:
            root_end, root_end_pos = start, start_pos
        sections.append(Section(i, kind_names[kind], number, depth,
                                None if parent == _NO_OFFSET else parent, piece(ms, me),
                                piece(ts, te), stage[r[10]], start_pos, be, start, r[9]))
    root_status = stage[nm.section.unpack_from(raw_s)[10]] if ns else "target"
    sections.insert(0, Section(0, "root", 0, 0, None, "", "", root_status, 0, root_end_pos, 0,
                               root_end))
    bound, action, role, ucls = nm.bound, nm.action, nm.role, nm.unit_class
    range_bound = bound.index("range")
    commitment = role.index("commitment")
    static, static_str = nm.static, nm.static_str
    flag_lists, flag_list = nm.flags, nm.flag_list
    # the texts of the spans, a column at a time (no call per span)
    if is_str or converted:
        texts = [src[a:b] for a, b in zip(fcp[0], fcp[1])]  # type: ignore[index]
        subjects = [src[a:b] for a, b in zip(fcp[2], fcp[3])]  # type: ignore[index]
    else:
        texts = [data[a:b].decode("utf-8", errors) for a, b in zip(fcp[0], fcp[1])]
        subjects = [data[a:b].decode("utf-8", errors) for a, b in zip(fcp[2], fcp[3])]
    # a subject built from pieces is a string of the document's: read now
    if nf:
        name_ptrs = _words(raw_f, nm.finding.size, _NAME_WORD)
        for i in itertools.compress(range(nf), name_ptrs):
            subjects[i] = ctypes.string_at(name_ptrs[i]).decode()
    findings: List[Finding] = []
    append = findings.append
    for r, text_, subject, ts, te, ss, se, ds, de in zip(frows, texts, subjects, *fpos[:4], fcp[4],
                                                         fcp[5]):
        (bts, bte, value, vmax, scale, unit_p, ucl, bnd, act, st, rl, flags, bss, bse, section,
         ind_p, year) = r
        fl = flag_lists.get(flags)
        append(Finding(
            "commitment" if rl == commitment else "quantity", text_, ts, te, bts, bte,
            value, vmax if bnd == range_bound else None,
            (static.get(unit_p) or static_str(unit_p)) if unit_p else "", scale, ucls[ucl],
            bound[bnd], action[act], subject, stage[st], role[rl],
            piece(ds, de) if de > ds else None, section,
            [*fl] if fl is not None else flag_list(flags),
            (static.get(ind_p) or static_str(ind_p)) if ind_p else None, year or None, ss, se,
            bss, bse))
    m = Meta(piece(mcp[0], mcp[1]), piece(mcp[2], mcp[3]), piece(mcp[4], mcp[5]),
             piece(mcp[6], mcp[7]), meta.year or None, nm.genre[meta.genre],
             meta.place.decode() if meta.place else None, meta.report_year or None)
    return Document(text=text, sections=sections, commitments=findings, meta=m,
                    replacements=replacements)


def parse(text: Text, lossy: bool = False, unitless: bool = False,
          encoding: str = "utf-8") -> Document:
    """Parse one document: str, or bytes. For str input, start/end are
    code-point indices (text[f.start:f.end] == f.text); byte_start and
    byte_end are byte offsets into the UTF-8 encoding. Bytes are read in
    `encoding` ("utf-8", "gb18030", "utf-16", "utf-16le", "utf-16be" or
    "auto": a BOM, else UTF-8, else GB18030); all offsets are then into the
    bytes as given. Raises zhengce.Error on bytes invalid in their encoding
    (with the offset of the first bad byte) unless lossy (UTF-8), and
    TypeError for anything that is not text."""
    if isinstance(text, str):
        is_str = True
        data = text.encode("utf-8", errors="surrogatepass")
    elif isinstance(text, (bytes, bytearray, memoryview)):
        is_str = False
        data = bytes(text)
    else:
        raise TypeError(f"parse() takes str or bytes, not {type(text).__name__}")
    flags = (ZC_OPT_LOSSY if _check_flag("lossy", lossy) else 0) | \
            (ZC_OPT_UNITLESS if _check_flag("unitless", unitless) else 0)
    if not isinstance(encoding, str):
        raise TypeError("encoding must be a str")
    lib = _library()
    ex = _extractor(flags | ZC_OPT_BORROW)
    err = _Error()
    enc = "utf-8" if is_str else encoding.lower()
    doc = lib.zc_extract(ex, data, len(data), ctypes.byref(err)) if enc == "utf-8" else \
        lib.zc_extract_encoded(ex, data, len(data), enc.encode(), ctypes.byref(err))
    if not doc:
        off: Optional[int] = None if err.offset == _NO_OFFSET else err.offset
        if off is not None and is_str:
            off = len(data[:off].decode("utf-8", errors="surrogatepass"))
        raise Error(err.code, off, err.line, err.message.decode(errors="replace"))
    try:
        replacements = lib.zc_document_replacements(doc, None)
        read_utf8 = enc == "utf-8" or lib.zc_document_encoding(doc) == b"utf-8"  # ("auto")
        if (replacements == 0 or (read_utf8 and not is_str)) and not _json_path:
            return _read_records(lib, doc, text if is_str else data, data, is_str, replacements,
                                 converted=not read_utf8)
        # a str whose lone surrogates were replaced: the JSON records carry
        # its text as the library writes it
        out = _collect(lambda fn: lib.zc_document_write_jsonl(
            doc, None, ZC_WRITE_SECTIONS | ZC_WRITE_META, fn, None))
    finally:
        lib.zc_document_free(doc)
    records = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    return _build(records, text if is_str else data, data, is_str, replacements)


_json_path = False  # tests set it to check the struct path against the JSON one


def _build(records: List[Dict[str, Any]], text: Union[str, bytes], data: bytes, is_str: bool,
           replacements: int) -> Document:
    offsets = [r[k] for r in records if r["type"] != "meta"
               for k in ("start", "end", "subject_start", "subject_end") if r.get(k) is not None]
    offsets.append(len(data))
    table = _code_points(data, offsets) if is_str else None
    cp: Callable[[int], int] = (lambda o: table[min(o, len(data))]) if table is not None \
        else (lambda o: o)
    meta = Meta("", "", "", "", None)
    root_end = min([r["start"] for r in records if r["type"] == "section"] + [len(data)])
    sections: List[Section] = [Section(0, "root", 0, 0, None, "", "", "target", 0, cp(root_end),
                                       0, root_end)]
    findings: List[Finding] = []
    for r in records:
        t = r["type"]
        if t == "meta":
            meta = Meta(r["title"], r["issuer"], r["date"], r["doc_number"], r["year"], r["genre"],
                        r["place"] or None, r["report_year"])
            sections[0].status = r["status"]
        elif t == "section":
            sections.append(Section(
                index=r["index"], kind=r["kind"], number=r["number"], depth=r["depth"],
                parent=r["parent"], marker=r["marker"], title=r["title"], status=r["status"],
                start=cp(r["start"]), end=cp(r["end"]), byte_start=r["start"], byte_end=r["end"]))
        else:
            findings.append(Finding(
                type=t, text=r["text"], start=cp(r["start"]), end=cp(r["end"]),
                byte_start=r["start"], byte_end=r["end"], value=float(r["value"]),
                value_max=None if r["value_max"] is None else float(r["value_max"]),
                unit=r["unit"], scale=float(r["scale"]), unit_class=r["unit_class"],
                bound=r["bound"], action=r["action"], subject=r["subject"], status=r["status"],
                role=r["role"], deadline=r["deadline"], section=r["section"], flags=r["flags"],
                indicator=r["indicator"], year=r["year"],
                subject_start=None if r["subject_start"] is None else cp(r["subject_start"]),
                subject_end=None if r["subject_end"] is None else cp(r["subject_end"]),
                subject_byte_start=r["subject_start"], subject_byte_end=r["subject_end"]))
    return Document(text=text, sections=sections, commitments=findings, meta=meta,
                    replacements=replacements)


def jsonl(source: "PathOrText", name: Optional[str] = None, sections: bool = False,
          encoding: str = "auto") -> bytes:
    """The library's JSON Lines for one document, byte for byte what
    `zc-extract [--sections] FILE` prints: source is a path or the text
    itself; name goes into each record's "doc" (default: the file's name)."""
    src_name, data, encoding = _source(source, 0, encoding)
    lib = _library()
    ex = _extractor(0)
    err = _Error()
    doc = lib.zc_extract_encoded(ex, data, len(data), encoding.encode(), ctypes.byref(err))
    if not doc:
        off = None if err.offset == _NO_OFFSET else err.offset
        raise Error(err.code, off, err.line, err.message.decode(errors="replace"))
    try:
        flags = ZC_WRITE_SECTIONS if _check_flag("sections", sections) else 0
        label = (name if name is not None else src_name).encode()
        return _collect(lambda fn: lib.zc_document_write_jsonl(doc, label, flags, fn, None))
    finally:
        lib.zc_document_free(doc)


# ------------------------------------------------------------------- panel

PathOrText = Union[str, bytes, "os.PathLike[str]"]


def _txt_files(folder: str) -> List["tuple[str, str]"]:
    """(path, name) of the .txt files under folder, as zc-extract walks a
    directory: byte order of names, subdirectories where they stand, hidden
    names and links to directories passed over; named by the path below it."""
    out: List["tuple[str, str]"] = []

    def walk(d: str) -> None:
        with os.scandir(d) as it:
            entries = sorted(it, key=lambda e: os.fsencode(e.name))
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                walk(e.path)
            elif e.name.lower().endswith(".txt") and not e.is_dir():
                out.append((e.path, os.path.relpath(e.path, folder)))

    walk(folder)
    return out


def _expand(item: PathOrText) -> "List[tuple[PathOrText, Optional[str]]]":
    """The item with the name it goes by (None: its own), or for a
    directory its .txt files."""
    if isinstance(item, (str, os.PathLike)) and not (isinstance(item, str) and "\n" in item) \
            and os.path.isdir(item):
        found = _txt_files(os.fspath(item))
        if not found:
            raise Error(1, None, 0, f"{os.fspath(item)}: no .txt files in the directory")
        return list(found)
    return [(item, None)]


def _source(item: PathOrText, k: int, encoding: str) -> "tuple[str, bytes, str]":
    """(name, bytes) of a panel input: a path (os.PathLike, or a str naming an
    existing file) or the text itself (str with a line break, or bytes)."""
    if isinstance(item, os.PathLike) or (isinstance(item, str) and "\n" not in item and
                                        len(item) < 4096 and os.path.isfile(item)):
        path = os.fspath(item)
        with open(path, "rb") as fh:
            return os.path.basename(path), fh.read(), encoding
    if isinstance(item, (str, bytes, bytearray, memoryview)):
        is_str, data = _text_bytes(item)
        return f"text{k}", data, "utf-8" if is_str else encoding  # a str's bytes are UTF-8
    raise TypeError(f"panel() takes paths or texts, not {type(item).__name__}")


def panel(paths_or_texts, lossy: bool = False, encoding: str = "auto") -> List[Dict[str, Any]]:
    """The panel (spec §4) of the given documents: one dict per (place, year,
    indicator) with the target, the outcome and met, sorted by place,
    indicator and year; pandas.DataFrame(zhengce.panel(paths)) makes the
    table. Items are paths (str or os.PathLike) or document texts; a text's
    "doc" is text0, text1 ... by position. A directory stands for the .txt
    files under it, named by their path below it, as zc-extract reads one.
    Files and bytes are read in `encoding` as parse() reads them ("auto", the
    default as in zc-extract: a BOM, else UTF-8, else GB18030); offsets are
    into each one's bytes as given. Raises zhengce.Error naming the document
    that cannot be read."""
    if not isinstance(encoding, str):
        raise TypeError("encoding must be a str")
    lib = _library()
    ex = _extractor(ZC_OPT_LOSSY if _check_flag("lossy", lossy) else 0)
    err = _Error()
    p = lib.zc_panel_new(None, ctypes.byref(err))
    if not p:
        raise Error(err.code, None, 0, err.message.decode(errors="replace"))
    try:
        for k, (item, as_name) in ((k, x) for k, it in enumerate(paths_or_texts)
                                   for x in _expand(it)):
            name, data, enc = _source(item, k, encoding)
            name = as_name or name
            doc = lib.zc_extract_encoded(ex, data, len(data), enc.lower().encode(),
                                         ctypes.byref(err))
            if not doc:
                off = None if err.offset == _NO_OFFSET else err.offset
                raise Error(err.code, off, err.line,
                            f"{name}: " + err.message.decode(errors="replace"))
            try:
                st = lib.zc_panel_add(p, doc, name.encode())
            finally:
                lib.zc_document_free(doc)
            if st != 0:
                raise Error(st, None, 0, f"{name}: could not add it to the panel")
        out = _collect(lambda fn: lib.zc_panel_write(p, 0, fn, None))
    finally:
        lib.zc_panel_free(p)
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


class _Indicator(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("name", ctypes.c_char_p), ("unit_class", ctypes.c_int),
                ("direction", ctypes.c_int)]


def indicators() -> List[Dict[str, Any]]:
    """The library's table of canonical indicators: id, name, unit class,
    direction ("up", "down", "none")."""
    lib = _library()
    out = []
    for i in range(lib.zc_indicator_count()):
        r = ctypes.cast(lib.zc_indicator_at(i), ctypes.POINTER(_Indicator)).contents
        out.append({"id": r.id.decode(), "name": r.name.decode(), "unit_class_code": r.unit_class,
                    "direction": ("none", "up", "down")[r.direction]})
    return out
