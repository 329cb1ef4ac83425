"""zhengce: Chinese government work plans and reports as data.

    >>> import zhengce
    >>> doc = zhengce.parse("力争GDP增长8%左右，新增企业20家以上。")
    >>> [(c.text, c.value, c.bound, c.action) for c in doc.commitments]
    [('8%', 8.0, 'approx', 'growth'), ('20家', 20.0, 'at_least', 'add')]

A ctypes binding over libzhengce: no compiled extension. The C document is
freed as soon as the Python objects are built; everything returned is plain
Python (dataclasses, str, float). Parsing is thread-safe: ctypes releases
the GIL during the call and the library shares one compiled extractor.

The library is looked up in $ZHENGCE_LIBRARY, then in the source tree's
build folders, then on the system library path.
"""
from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import glob
import os
import threading
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Union

__all__ = ["parse", "Document", "Finding", "Section", "Meta", "Error", "library_version"]

# ------------------------------------------------------------------ loading


def _candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    found = []
    for pattern in ("build/libzhengce.so", "build*/libzhengce.so", "builddir/libzhengce.so"):
        found += sorted(glob.glob(os.path.join(root, pattern)))
    return found


def _load() -> ctypes.CDLL:
    tried = []
    env = os.environ.get("ZHENGCE_LIBRARY")
    if env:
        tried.append(env)
        if os.path.exists(env):
            return ctypes.CDLL(env)
    for path in _candidates():
        tried.append(path)
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    name = ctypes.util.find_library("zhengce")
    tried.append("system library path (libzhengce.so)")
    if name:
        return ctypes.CDLL(name)
    raise ImportError("libzhengce not found; looked in: " + "; ".join(tried) +
                      ". Build it (meson setup build && ninja -C build) or set ZHENGCE_LIBRARY.")


_lib = _load()

# ------------------------------------------------------------- C mirrors
# In header order; enums are C ints. Checked against zc_struct_size() below.


class _Span(ctypes.Structure):
    _fields_ = [("start", ctypes.c_size_t), ("end", ctypes.c_size_t)]


class _Finding(ctypes.Structure):
    _fields_ = [
        ("text", _Span), ("number", _Span), ("unit_text", _Span),
        ("value", ctypes.c_double), ("value_max", ctypes.c_double), ("scale", ctypes.c_double),
        ("unit", ctypes.c_char_p), ("unit_class", ctypes.c_int), ("bound", ctypes.c_int),
        ("action", ctypes.c_int), ("status", ctypes.c_int), ("role", ctypes.c_int),
        ("flags", ctypes.c_uint32), ("subject", _Span), ("deadline", _Span),
        ("section", ctypes.c_size_t),
    ]


class _Section(ctypes.Structure):
    _fields_ = [
        ("kind", ctypes.c_int), ("number", ctypes.c_uint32), ("depth", ctypes.c_uint32),
        ("parent", ctypes.c_size_t), ("marker", _Span), ("title", _Span), ("body", _Span),
        ("status", ctypes.c_int),
    ]


class _Meta(ctypes.Structure):
    _fields_ = [("title", _Span), ("issuer", _Span), ("date", _Span), ("doc_number", _Span),
                ("year", ctypes.c_int32)]


class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("offset", ctypes.c_size_t), ("line", ctypes.c_uint32),
                ("message", ctypes.c_char * 128)]


class _Options(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("flags", ctypes.c_uint32),
                ("max_depth", ctypes.c_uint32), ("max_input_bytes", ctypes.c_size_t),
                ("allocator", ctypes.c_void_p)]


_P = ctypes.POINTER
# name: (restype, argtypes) -- every function the binding calls, declared once
_PROTOTYPES = {
    "zc_version": (ctypes.c_char_p, []),
    "zc_struct_size": (ctypes.c_size_t, [ctypes.c_int]),
    "zc_status_string": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_options_init": (None, [_P(_Options)]),
    "zc_extractor_new": (ctypes.c_void_p, [_P(_Options), _P(_Error)]),
    "zc_extractor_free": (None, [ctypes.c_void_p]),
    "zc_extract": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, _P(_Error)]),
    "zc_document_free": (None, [ctypes.c_void_p]),
    "zc_document_replacements": (ctypes.c_size_t, [ctypes.c_void_p, _P(ctypes.c_size_t)]),
    "zc_document_section_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "zc_document_section": (_P(_Section), [ctypes.c_void_p, ctypes.c_size_t]),
    "zc_document_finding_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "zc_document_finding": (_P(_Finding), [ctypes.c_void_p, ctypes.c_size_t]),
    "zc_document_meta": (_P(_Meta), [ctypes.c_void_p]),
    "zc_bound_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_action_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_stage_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_role_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_unit_class_name": (ctypes.c_char_p, [ctypes.c_int]),
    "zc_marker_kind_name": (ctypes.c_char_p, [ctypes.c_int]),
}
for _name, (_res, _args) in _PROTOTYPES.items():
    _fn = getattr(_lib, _name)
    _fn.restype = _res
    _fn.argtypes = _args

# A header change must never silently misread memory.
for _i, _cls in enumerate((_Finding, _Section, _Meta, _Error, _Options, _Span)):
    if _lib.zc_struct_size(_i) != ctypes.sizeof(_cls):
        raise ImportError(f"libzhengce {_lib.zc_version().decode()} does not match this binding: "
                          f"{_cls.__name__} is {_lib.zc_struct_size(_i)} bytes in C, "
                          f"{ctypes.sizeof(_cls)} here")


def _names(fn, count: int) -> List[str]:
    return [fn(i).decode() for i in range(count)]


_BOUND = _names(_lib.zc_bound_name, 5)
_ACTION = _names(_lib.zc_action_name, 7)
_STAGE = _names(_lib.zc_stage_name, 3)
_ROLE = _names(_lib.zc_role_name, 3)
_UNIT_CLASS = _names(_lib.zc_unit_class_name, 12)
_KIND = _names(_lib.zc_marker_kind_name, 8)
_FLAGS = [(1, "distributive"), (2, "ocr_repaired"), (4, "suspicious")]

ZC_OPT_LOSSY = 1
ZC_OPT_UNITLESS = 2
ZC_NO_SECTION = ctypes.c_size_t(-1).value


def library_version() -> str:
    """The version of the loaded libzhengce."""
    return _lib.zc_version().decode()


# ---------------------------------------------------------------- results


class Error(Exception):
    """A parse failure: .code (a name like 'invalid UTF-8'), .offset (byte
    offset into the input, or None), .line, and the library's message."""

    def __init__(self, code: int, offset: Optional[int], line: int, message: str):
        self.code = code
        self.code_name = _lib.zc_status_string(code).decode()
        self.offset = offset
        self.line = line
        self.message = message
        where = f" at byte {offset} (line {line})" if offset is not None else ""
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


@dataclass
class Document:
    text: Union[str, bytes]
    sections: List[Section]
    commitments: List[Finding]  # every finding; filter on .role for commitments only
    meta: Meta
    replacements: int = 0

    def records(self) -> List[Dict]:
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

_extractors: Dict[int, int] = {}
_extractors_lock = threading.Lock()


def _extractor(flags: int) -> int:
    with _extractors_lock:
        ex = _extractors.get(flags)
        if ex is None:
            opts = _Options()
            _lib.zc_options_init(ctypes.byref(opts))
            opts.flags = flags
            err = _Error()
            ex = _lib.zc_extractor_new(ctypes.byref(opts), ctypes.byref(err))
            if not ex:
                raise Error(err.code, None, 0, err.message.decode(errors="replace"))
            _extractors[flags] = ex
        return ex


class _Offsets:
    """Byte offset -> code-point index, for str input."""

    def __init__(self, data: bytes):
        self.starts = [i for i, b in enumerate(data) if b & 0xC0 != 0x80]
        self.n = len(data)

    def __call__(self, off: int) -> int:
        return bisect.bisect_left(self.starts, off) if off < self.n else len(self.starts)


def _span(data: bytes, sp: _Span) -> str:
    return data[sp.start:sp.end].decode("utf-8", errors="replace")


def parse(text: Union[str, bytes], lossy: bool = False, unitless: bool = False) -> Document:
    """Parse one document. str or bytes (UTF-8). For str input, start/end are
    code-point indices (text[f.start:f.end] == f.text); byte_start/byte_end
    are byte offsets into the UTF-8 encoding. Raises zhengce.Error on invalid
    UTF-8 (with the offset of the first bad byte) unless lossy."""
    is_str = isinstance(text, str)
    data = text.encode("utf-8", errors="surrogatepass") if is_str else bytes(text)
    ex = _extractor((ZC_OPT_LOSSY if lossy else 0) | (ZC_OPT_UNITLESS if unitless else 0))
    err = _Error()
    doc = _lib.zc_extract(ex, data, len(data), ctypes.byref(err))
    if not doc:
        off = None if err.offset == ctypes.c_size_t(-1).value else err.offset
        raise Error(err.code, off, err.line, err.message.decode(errors="replace"))
    try:
        return _build(doc, text, data, is_str)
    finally:
        _lib.zc_document_free(doc)


def _build(doc, text, data: bytes, is_str: bool) -> Document:
    cp = _Offsets(data) if is_str else (lambda o: o)
    sections = []
    for i in range(_lib.zc_document_section_count(doc)):
        s = _lib.zc_document_section(doc, i).contents
        start = s.title.start if _KIND[s.kind] == "unnumbered" else s.marker.start
        sections.append(Section(
            index=i, kind=_KIND[s.kind], number=s.number, depth=s.depth,
            parent=None if s.parent == ZC_NO_SECTION else s.parent,
            marker=_span(data, s.marker), title=_span(data, s.title), status=_STAGE[s.status],
            start=cp(start), end=cp(s.body.end), byte_start=start, byte_end=s.body.end))
    findings = []
    for i in range(_lib.zc_document_finding_count(doc)):
        f = _lib.zc_document_finding(doc, i).contents
        role = _ROLE[f.role]
        findings.append(Finding(
            type="commitment" if role == "commitment" else "quantity",
            text=_span(data, f.text), start=cp(f.text.start), end=cp(f.text.end),
            byte_start=f.text.start, byte_end=f.text.end,
            value=f.value, value_max=f.value_max if _BOUND[f.bound] == "range" else None,
            unit=f.unit.decode(), scale=f.scale, unit_class=_UNIT_CLASS[f.unit_class],
            bound=_BOUND[f.bound], action=_ACTION[f.action], subject=_span(data, f.subject),
            status=_STAGE[f.status], role=role,
            deadline=_span(data, f.deadline) if f.deadline.end > f.deadline.start else None,
            section=f.section, flags=[name for bit, name in _FLAGS if f.flags & bit]))
    m = _lib.zc_document_meta(doc).contents
    meta = Meta(title=_span(data, m.title), issuer=_span(data, m.issuer), date=_span(data, m.date),
                doc_number=_span(data, m.doc_number), year=m.year or None)
    first = ctypes.c_size_t()
    repl = _lib.zc_document_replacements(doc, ctypes.byref(first))
    return Document(text=text, sections=sections, commitments=findings, meta=meta,
                    replacements=repl)
