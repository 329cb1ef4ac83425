/*
 * zhengce.h -- read Chinese government work plans and reports into data.
 *
 * This header is the whole public API and its manual.
 *
 * A document is a length-delimited UTF-8 buffer (NUL bytes inside are data,
 * not terminators). zc_extract() turns it into a zc_document holding
 *   - a tree of numbered sections (一、 (一) 1. (1) ① 一是 and unnumbered
 *     headings), each with a status: target, achieved or estimate;
 *   - every quantity ("20%", "180亿元", "8家") typed as a zc_finding: value,
 *     range, scale, unit, bound, action, subject, status, role, deadline;
 *   - metadata (title, issuing body, date, document number) where present.
 * Every span is a half-open byte range [start, end) into the caller's
 * original bytes, whatever normalisation happened inside.
 *
 * Thread safety: there is no global mutable state and no init call. An
 * extractor is immutable after zc_extractor_new(): any number of threads may
 * call zc_extract() on the same extractor at once. A document is never
 * changed after zc_extract() returns; free it once its readers are done.
 *
 * Ownership: every object zc returns is freed with its own zc_*_free();
 * pointers a document returns live until zc_document_free(). Strings from
 * zc_*_name() and zc_status_string() are static and never freed.
 * The library never prints, exits, aborts or reads the environment.
 */
#ifndef ZHENGCE_H
#define ZHENGCE_H

#include <stddef.h>
#include <stdint.h>

#include "zhengce_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(ZC_STATIC) && defined(ZC_BUILDING)
#define ZC_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(ZC_STATIC)
#define ZC_API __declspec(dllimport)
#elif defined(__GNUC__)
#define ZC_API __attribute__((visibility("default")))
#else
#define ZC_API
#endif

/* ---------------------------------------------------------------- errors */

/* Result codes. Values are ABI: never renumbered, only appended. */
typedef enum zc_status {
    ZC_OK = 0,
    ZC_ERR_INVALID_ARG = 1,  /* a NULL pointer or a bad options struct */
    ZC_ERR_NOMEM = 2,        /* an allocation failed; nothing leaked */
    ZC_ERR_INVALID_UTF8 = 3, /* offset = first byte of the bad sequence */
    ZC_ERR_TOO_LARGE = 4,    /* input longer than zc_options.max_input_bytes, or a
                                text of 4 GiB or more (offsets inside are 32-bit) */
    ZC_ERR_LIMIT = 5,        /* an internal limit (match limit, count) was hit */
    ZC_ERR_INTERNAL = 6,     /* a bug: please report it with the input */
    ZC_ERR_WRITE = 7,        /* a zc_write_fn reported failure (disk full, closed pipe) */
    ZC_ERR_ENCODING = 8      /* not valid in the encoding named; offset = first bad byte */
} zc_status;

#define ZC_NO_OFFSET SIZE_MAX

/* Filled on failure. Caller-owned, usually on the stack. */
typedef struct zc_error {
    zc_status code;
    size_t offset;     /* byte offset into the input, or ZC_NO_OFFSET */
    uint32_t line;     /* 1-based line of offset; 0 if none */
    char message[128]; /* English, for people; never parse it */
} zc_error;

/* A static description of a status code; never NULL. */
ZC_API const char *zc_status_string(zc_status code);

/* The version this library was built as, e.g. "0.1.0" (== ZC_VERSION). */
ZC_API const char *zc_version(void);

/* --------------------------------------------------------------- options */

/* Allocation hooks. All memory zc uses goes through them, PCRE2's included.
 * alloc returns NULL on failure; dealloc accepts NULL. */
typedef struct zc_allocator {
    void *(*alloc)(size_t size, void *ud);
    void (*dealloc)(void *ptr, void *ud);
    void *ud;
} zc_allocator;

/* Replace invalid UTF-8 sequences by U+FFFD instead of failing; the
 * document records how many and where the first was. */
#define ZC_OPT_LOSSY (1u << 0)
/* Also report numbers that carry no known unit (as role quantity). */
#define ZC_OPT_UNITLESS (1u << 1)
/* Documents refer to the caller's text instead of copying it: the text must
 * stay unchanged until zc_document_free(). Saves a copy of the input (its
 * whole size in memory); zc_document_text() then returns the caller's bytes. */
#define ZC_OPT_BORROW (1u << 2)

typedef struct zc_options {
    size_t struct_size;      /* set by zc_options_init(); lets the struct grow */
    uint32_t flags;          /* ZC_OPT_* */
    uint32_t max_depth;      /* deepest section level kept; default 6 */
    size_t max_input_bytes;  /* default 256 MiB; longer input: ZC_ERR_TOO_LARGE (a
                                text, as UTF-8, is read up to 4 GiB - 2 bytes
                                whatever this says) */
    const zc_allocator *allocator; /* NULL: malloc/free. Must outlive the extractor */
} zc_options;

/* Fill *opts with the defaults. */
ZC_API void zc_options_init(zc_options *opts);

/* ------------------------------------------------------- extractor, document */

typedef struct zc_extractor zc_extractor;
typedef struct zc_document zc_document;

/* Compile the pattern tables once. opts may be NULL (defaults); it is copied.
 * Returns NULL and fills err (if not NULL) on failure.
 * Free with zc_extractor_free(). */
ZC_API zc_extractor *zc_extractor_new(const zc_options *opts, zc_error *err);
ZC_API void zc_extractor_free(zc_extractor *ex); /* NULL is a no-op */

/* Read len bytes of UTF-8 (no NUL needed; NUL is data) and extract sections
 * and findings. The bytes are copied: text may be freed after the call.
 * Returns NULL and fills err (if not NULL) on failure: invalid UTF-8 gives
 * ZC_ERR_INVALID_UTF8 with the offset and line of the first bad byte.
 * Free the result with zc_document_free(). */
ZC_API zc_document *zc_extract(const zc_extractor *ex, const char *text, size_t len,
                               zc_error *err);
ZC_API void zc_document_free(zc_document *doc); /* NULL is a no-op */

/* zc_extract() for text in another encoding, converted with the C library's
 * iconv: "utf-8"; "gb18030" (also "gbk" and "gb2312", its subsets);
 * "utf-16" (the BOM says the byte order, little-endian without one),
 * "utf-16le", "utf-16be"; or "auto": a BOM says the encoding, else valid
 * UTF-8 is UTF-8, else valid GB18030 is GB18030, else the error is the
 * invalid UTF-8 one. Every span is still a byte range into text as given;
 * zc_document_span_text() gives the text of a span in UTF-8 and
 * zc_document_encoding() the encoding read. A byte sequence that is not
 * valid in the encoding named gives ZC_ERR_ENCODING with its offset; an
 * unknown name ZC_ERR_INVALID_ARG. Free the result with zc_document_free(). */
ZC_API zc_document *zc_extract_encoded(const zc_extractor *ex, const char *text, size_t len,
                                       const char *encoding, zc_error *err);

/* The document's copy of the input, byte-identical to what was passed
 * (never NUL-terminated for you: use the length); with ZC_OPT_BORROW the
 * caller's own bytes. */
ZC_API const char *zc_document_text(const zc_document *doc, size_t *len);
/* The encoding the document was read in: "utf-8", "gb18030", "utf-16le" or
 * "utf-16be". Static. */
ZC_API const char *zc_document_encoding(const zc_document *doc);

/* With ZC_OPT_LOSSY: how many invalid sequences were replaced, and the byte
 * offset of the first (ZC_NO_OFFSET if none). */
ZC_API size_t zc_document_replacements(const zc_document *doc, size_t *first_offset);

/* ------------------------------------------------------------ result types */

typedef struct zc_span {
    size_t start, end; /* bytes, [start, end); start == end means absent */
} zc_span;

/* The text of span (byte offsets into the input) in UTF-8, *len bytes (not
 * NUL-terminated). For UTF-8 input it points into zc_document_text(); for
 * another encoding into the document's UTF-8 conversion; for UTF-8 read
 * with ZC_OPT_LOSSY that had invalid sequences, into the document's copy of
 * the input with each one as U+FFFD (a span's end inside one takes it
 * whole). NULL when the span is out of range. */
ZC_API const char *zc_document_span_text(const zc_document *doc, zc_span span, size_t *len);
/* Character offsets, for bindings whose strings count code points (Python):
 * offsets[0..n), byte offsets into the input in any order, are each
 * replaced by the number of characters before them in the document's text
 * (read with ZC_OPT_LOSSY, an invalid sequence is one character: the
 * U+FFFD that replaced it).
 * One pass over the text up to the last offset asked for, in any order.
 * Returns ZC_ERR_INVALID_ARG when one is past the end, ZC_ERR_NOMEM when its
 * table of running counts has no memory; nothing is changed then. */
ZC_API zc_status zc_document_char_offsets(const zc_document *doc, size_t *offsets, size_t n);

/* All enum values are ABI: explicit, never renumbered, only appended.
 * zc_*_name() gives the spec's JSON string for each. */
typedef enum zc_bound {
    ZC_BOUND_EXACT = 0,
    ZC_BOUND_AT_LEAST = 1, /* 以上 不少于 不低于 至少 超过 突破 多 余 */
    ZC_BOUND_AT_MOST = 2,  /* 以内 以下 低于 不超过 控制在 */
    ZC_BOUND_APPROX = 3,   /* 左右 约 近 */
    ZC_BOUND_RANGE = 4     /* 2-3家 8%-10% 2至3个 */
} zc_bound;
#define ZC_BOUND_COUNT 5 /* values are 0 .. ZC_BOUND_COUNT - 1 */

typedef enum zc_action {
    ZC_ACTION_NONE = 0,
    ZC_ACTION_GROWTH = 1,  /* 增长 提高 提升 */
    ZC_ACTION_DECLINE = 2, /* 下降 降低 减少 压缩到 */
    ZC_ACTION_ADD = 3,     /* 新增 新建 引进 培育 落户 新开工 */
    ZC_ACTION_REACH = 4,   /* 达到 增至 实现 建成 完成 突破 */
    ZC_ACTION_TOTAL = 5,   /* 累计 总量 总计 */
    ZC_ACTION_SHARE = 6    /* 占比 占…比重 …率 */
} zc_action;
#define ZC_ACTION_COUNT 7

typedef enum zc_stage {
    ZC_STAGE_TARGET = 0,   /* a plan or promise */
    ZC_STAGE_ACHIEVED = 1, /* a result already reached */
    ZC_STAGE_ESTIMATE = 2, /* 预计: an estimate of a result */
    ZC_STAGE_RULE = 3      /* a norm in force: an obligation, a penalty range, a standard */
} zc_stage;
#define ZC_STAGE_COUNT 4

/* What kind of document it is (zc_meta.genre), from its title and structure.
 * It sets the default status: communiqué -> achieved, regulation -> rule,
 * plan outline / opinion / work plan -> target, work report -> from its
 * headings. */
typedef enum zc_genre {
    ZC_GENRE_OTHER = 0,
    ZC_GENRE_WORK_REPORT = 1,  /* 政府工作报告 */
    ZC_GENRE_WORK_PLAN = 2,    /* 工作要点 工作计划 工作总结 */
    ZC_GENRE_PLAN_OUTLINE = 3, /* 规划 纲要 */
    ZC_GENRE_REGULATION = 4,   /* 条例 办法 规定 细则 准则 */
    ZC_GENRE_OPINION = 5,      /* 意见 通知 方案 措施 */
    ZC_GENRE_COMMUNIQUE = 6    /* 统计公报 公报 */
} zc_genre;
#define ZC_GENRE_COUNT 7

typedef enum zc_role {
    ZC_ROLE_COMMITMENT = 0, /* bound not exact, or action growth/decline/add/reach */
    ZC_ROLE_QUALIFIER = 1,  /* only describes what is counted: 投资50亿元以上的项目 */
    ZC_ROLE_QUANTITY = 2    /* a bare count or amount */
} zc_role;
#define ZC_ROLE_COUNT 3

typedef enum zc_unit_class {
    ZC_UNIT_OTHER = 0,
    ZC_UNIT_PERCENT = 1,
    ZC_UNIT_PERCENT_POINT = 2,
    ZC_UNIT_MONEY = 3,
    ZC_UNIT_COUNT = 4,
    ZC_UNIT_AREA = 5,
    ZC_UNIT_LENGTH = 6,
    ZC_UNIT_MASS = 7,
    ZC_UNIT_ENERGY = 8,
    ZC_UNIT_POWER = 9,
    ZC_UNIT_DURATION = 10,
    ZC_UNIT_VOLUME = 11
} zc_unit_class;
#define ZC_UNIT_CLASS_COUNT 12

typedef enum zc_marker_kind {
    ZC_MARKER_ROOT = 0,         /* the text before the first heading */
    ZC_MARKER_CN_DUN = 1,       /* 一、 (or 一 in newspaper layouts) */
    ZC_MARKER_CN_PAREN = 2,     /* (一) （一） */
    ZC_MARKER_ARABIC_DOT = 3,   /* 1. 1． 1、 1 . */
    ZC_MARKER_ARABIC_PAREN = 4, /* (1) （1） */
    ZC_MARKER_CIRCLED = 5,      /* ① */
    ZC_MARKER_ORDINAL = 6,      /* 一是 二是 */
    ZC_MARKER_UNNUMBERED = 7,   /* a short standalone heading line; 注： 附注： */
    ZC_MARKER_PART = 8,         /* 第一编 第一篇 */
    ZC_MARKER_CHAPTER = 9,      /* 第一章 */
    ZC_MARKER_SUBCHAPTER = 10,  /* 第一节 */
    ZC_MARKER_ARTICLE = 11,     /* 第一条 (a regulation's article; its title is empty) */
    ZC_MARKER_BOX = 12,         /* 专栏1: a plan's framed box */
    ZC_MARKER_ANNEX = 13        /* 附件1： 附件： 附表2 (number 0 when none) */
} zc_marker_kind;
#define ZC_MARKER_KIND_COUNT 14

/* zc_finding.flags */
#define ZC_FLAG_DISTRIBUTIVE (1u << 0) /* value came from a 分别/各/均 list */
#define ZC_FLAG_OCR_REPAIRED (1u << 1) /* IIOO read as 1100 */
#define ZC_FLAG_SUSPICIOUS (1u << 2)   /* e.g. a fractional count: 2.3个 */
#define ZC_FLAG_TABLE (1u << 3)        /* read from a table row */
#define ZC_FLAG_EXPECTED (1u << 4)     /* 预期性: an expected indicator of a plan table */
#define ZC_FLAG_BINDING (1u << 5)      /* 约束性: a binding indicator of a plan table */
#define ZC_FLAG_COUNT 6                /* flags are bits 0 .. ZC_FLAG_COUNT - 1 */

#define ZC_NO_SECTION SIZE_MAX

/* Which way an indicator is better (for the panel's met rule). */
typedef enum zc_direction {
    ZC_DIRECTION_NONE = 0, /* neither: M2, bonds, population */
    ZC_DIRECTION_UP = 1,   /* more is better: GDP, jobs, income, revenue, grain */
    ZC_DIRECTION_DOWN = 2  /* less is better: CPI, unemployment, energy intensity, deficit */
} zc_direction;
#define ZC_DIRECTION_COUNT 3

/* A canonical indicator of the table the library ships (spec §4). */
typedef struct zc_indicator {
    const char *id;           /* "gdp", "cpi", "urban_new_jobs" ...: stable, for joins */
    const char *name;         /* canonical Chinese name: 地区生产总值 */
    zc_unit_class unit_class; /* its usual unit class (a level; growth is percent) */
    zc_direction direction;
} zc_indicator;

/* One quantity. Fields are only ever appended. */
typedef struct zc_finding {
    zc_span text;      /* number with unit, and an attached bound word: 20%以上 */
    zc_span number;    /* the number as written: 20, IIOO, 两千 */
    zc_span unit_text; /* the unit as written: 亿元 -> 元, ％ */
    double value;      /* as written, magnitude split off: 1.5万亩 -> 1.5 */
    double value_max;  /* upper end when bound == ZC_BOUND_RANGE, else == value */
    double scale;      /* 1, 1e3 千, 1e4 万, 1e8 亿, 1e12 万亿 */
    const char *unit;  /* canonical, static UTF-8: "%", "元", "个百分点"; "" if none */
    zc_unit_class unit_class;
    zc_bound bound;
    zc_action action;
    zc_stage status;
    zc_role role;
    uint32_t flags;   /* ZC_FLAG_* */
    zc_span subject;  /* the indicator measured, as written; may be empty */
    zc_span deadline; /* 一季度 上半年 9月底前 年底前 年内; may be empty */
    size_t section;   /* innermost section index (0 is the root) */
    /* The subject as a name, NUL-terminated, when it is not written as one
     * span: an abbreviation left out (地区生产总值（GDP）增长 -> 地区生产总值),
     * a verb or time between scope and measure left out (新开工项目前三季度
     * 开工率 -> 新开工项目开工率), a 分别 list's shared head appended (城镇、
     * 农村居民人均可支配收入分别增长 -> 城镇居民人均可支配收入 for the first
     * item), or the sentence's topic put before a subject that only names
     * the measure, when the two name an indicator (粮食连续五年增产，总产量
     * 10570亿斤 -> 粮食总产量; the span stays 总产量), or a group put before
     * it: the per-capita whole's for a part after 其中 (…人均可支配收入…。
     * 其中工资性收入 -> …人均工资性收入), the first item's 对 for the other
     * items of a list (对东盟、欧盟 -> 对欧盟…). NULL when the name is
     * exactly the subject span. JSON "subject" prints the name. */
    const char *subject_name;
    /* The canonical indicator id the subject names ("gdp"), or NULL: see
     * zc_indicator_find(). Static; never freed. */
    const char *indicator;
    /* The year the figure is about, 0 if unknown: a target is about the
     * report year, a reviewed result about the year before, unless the
     * sentence names its own year (2023年, a target's deadline 到2025年). */
    int32_t year;
} zc_finding;

/* One section. Index 0 is always the root (text before the first heading). */
typedef struct zc_section {
    zc_marker_kind kind;
    uint32_t number; /* (三) is 3; 0 for root and unnumbered */
    uint32_t depth;  /* nesting depth: 0 for the root, 1 for the top headings */
    size_t parent;   /* ZC_NO_SECTION for the root */
    zc_span marker;  /* 一、 ; empty for root and unnumbered */
    zc_span title;   /* text after the marker up to 。 : ; line end or the next marker */
    zc_span body;    /* marker start up to the next section of the same or higher level */
    zc_stage status; /* from the heading and its ancestors */
} zc_section;

/* Metadata from the header tables real pages carry, and the first line. */
typedef struct zc_meta {
    zc_span title;      /* 名称 or the first line */
    zc_span issuer;     /* 发布机构 */
    zc_span date;       /* 发文日期 / 成文日期 / a 2023年2月2日 line */
    zc_span doc_number; /* 文号 / 发文字号 */
    int32_t year;       /* the document's year, 0 if unknown */
    zc_genre genre;
    /* Where and when it speaks for (spec §4): the place it is about, as
     * written in its title (西咸新区) or "全国" for national reports and the
     * State Council, NUL-terminated, "" if unknown; place_span is where the
     * name stands (empty for 全国). report_year is the year the document
     * plans for: its targets are about it, its review about the year before
     * (a communiqué's about the year it reports on); 0 if unknown. */
    const char *place;
    zc_span place_span;
    int32_t report_year;
} zc_meta;

ZC_API size_t zc_document_section_count(const zc_document *doc);
/* NULL when i is out of range. */
ZC_API const zc_section *zc_document_section(const zc_document *doc, size_t i);
ZC_API size_t zc_document_finding_count(const zc_document *doc);
/* Findings are sorted by text.start. NULL when i is out of range. The
 * sections and the findings are each one array: zc_document_finding(doc, i)
 * == zc_document_finding(doc, 0) + i (a binding copies them in one go,
 * stepping by zc_struct_size()). */
ZC_API const zc_finding *zc_document_finding(const zc_document *doc, size_t i);
ZC_API const zc_meta *zc_document_meta(const zc_document *doc);

/*
 * Findings handed out as they are made, for a text too large to hold them
 * all (a zc_finding is 168 bytes: a 100 MB line of commitments, one every 19
 * bytes, makes 900 MB of them). each is called with the findings of each
 * window of about 256 KiB of text, n > 0 of them in text order: the
 * findings zc_extract_encoded's document holds, field for field (subject
 * names equal as strings). Windows end at a line end or 。, in a longer
 * sentence at a clause end, never inside a clause. The findings and the
 * subject names they point to live until each returns; doc has its text,
 * sections and metadata (not the findings) throughout. each returns 0 to go on, anything else to stop:
 * zc_extract_each then fails with ZC_ERR_WRITE. encoding as for
 * zc_extract_encoded (NULL: "utf-8"); text that is not valid in it fails
 * before each is called. Returns the document without findings
 * (zc_document_finding_count() is 0), or NULL with err filled (any
 * findings handed out before a failure are then all there is).
 */
typedef int (*zc_findings_fn)(void *ud, const zc_document *doc, const zc_finding *findings,
                              size_t n);
ZC_API zc_document *zc_extract_each(const zc_extractor *ex, const char *text, size_t len,
                                    const char *encoding, zc_findings_fn each, void *ud,
                                    zc_error *err);

/* The spec's strings ("at_least", "growth", "target", "commitment", "percent",
 * "cn_dun" ...); "?" for a value out of range. */
ZC_API const char *zc_bound_name(zc_bound b);
ZC_API const char *zc_action_name(zc_action a);
ZC_API const char *zc_stage_name(zc_stage s);
ZC_API const char *zc_role_name(zc_role r);
ZC_API const char *zc_unit_class_name(zc_unit_class c);
ZC_API const char *zc_marker_kind_name(zc_marker_kind k);
ZC_API const char *zc_genre_name(zc_genre g); /* "work_report", "regulation" ... */
/* The name of flag bit (1u << bit): "distributive", "ocr_repaired" ...;
 * "?" for a bit out of range. */
ZC_API const char *zc_flag_name(unsigned bit);

/* ------------------------------------------------------------ indicators */

/* The indicator table: zc_indicator_count() records, 0 .. count - 1. */
ZC_API size_t zc_indicator_count(void);
/* NULL when i is out of range. Static; never freed. */
ZC_API const zc_indicator *zc_indicator_at(size_t i);
/* The indicator with id s ("gdp"), or named s by its canonical name or an
 * alias (国内生产总值, GDP, 经济增长); len bytes of UTF-8. NULL if none. */
ZC_API const zc_indicator *zc_indicator_find(const char *s, size_t len);
/* The canonical name of indicator id ("gdp" -> 地区生产总值), or NULL. */
ZC_API const char *zc_indicator_name(const char *id);

/* ---------------------------------------------------------------- output */

/* Receives output bytes (UTF-8, not NUL-terminated). Returns 0 to go on,
 * anything else to stop: the writer then returns ZC_ERR_WRITE. */
typedef int (*zc_write_fn)(void *ud, const char *bytes, size_t len);

/* What the writers print (flags; at most one ZC_WRITE_ONLY_*). */
#define ZC_WRITE_SECTIONS (1u << 0)        /* a record per section too, in text order */
#define ZC_WRITE_META (1u << 1)            /* a first record with the document's metadata */
#define ZC_WRITE_HEADER (1u << 2)          /* TSV: the column names first */
#define ZC_WRITE_ONLY_COMMITMENTS (1u << 3) /* findings with role commitment */
#define ZC_WRITE_ONLY_QUANTITIES (1u << 4)  /* findings with another role */
#define ZC_WRITE_ONLY_TARGETS (1u << 5)     /* commitments with status target */
#define ZC_WRITE_ONLY_ACHIEVED (1u << 6)    /* commitments with status achieved */

/*
 * Write the document as JSON Lines, the format of the spec: one object a
 * line, "type" "section" | "commitment" | "quantity" (| "meta"), every
 * field, spans as byte offsets into the original input, value_max null
 * unless a range, deadline null when absent. name goes into each record's
 * "doc" (NULL: ""). Strings are valid UTF-8 whatever the input held (lossy
 * documents: invalid bytes become U+FFFD) and escape every control
 * character, quote, backslash, U+0085, U+2028 and U+2029, so a line never
 * splits. Output is buffered: write is called with chunks of up to 8 KiB.
 * Returns ZC_OK, ZC_ERR_INVALID_ARG or ZC_ERR_WRITE.
 */
ZC_API zc_status zc_document_write_jsonl(const zc_document *doc, const char *name, uint32_t flags,
                                         zc_write_fn write, void *ud);
/* The same records as tab-separated values, one column per field (see
 * zc_tsv_columns), flags joined by ','. A field holding a tab, a line end
 * or '"' is quoted ("…", '"' doubled) as CSV readers expect. */
ZC_API zc_status zc_document_write_tsv(const zc_document *doc, const char *name, uint32_t flags,
                                       zc_write_fn write, void *ud);
/* The TSV header line alone (for output that joins several documents). */
ZC_API zc_status zc_write_tsv_header(zc_write_fn write, void *ud);
/* The writers for a document read by zc_extract_each, a batch at a time:
 * called from its callback with each batch of findings, then once more
 * after it returns with findings NULL and n 0 (the sections after the last
 * finding); *at is 0 before the first call and is kept by the writer in
 * between. Together the calls write byte for byte what
 * zc_document_write_jsonl (tsv) writes for zc_extract's document. */
ZC_API zc_status zc_document_write_jsonl_part(const zc_document *doc, const char *name,
                                              uint32_t flags, const zc_finding *findings,
                                              size_t n, size_t *at, zc_write_fn write, void *ud);
ZC_API zc_status zc_document_write_tsv_part(const zc_document *doc, const char *name,
                                            uint32_t flags, const zc_finding *findings, size_t n,
                                            size_t *at, zc_write_fn write, void *ud);

/* Sizes of the public structs as built, so bindings can check their mirrors:
 * 0 zc_finding, 1 zc_section, 2 zc_meta, 3 zc_error, 4 zc_options, 5 zc_span;
 * 0 for anything else. */
ZC_API size_t zc_struct_size(int which);

/* ----------------------------------------------------------------- panel */

/* The panel (spec §4): for documents of one or more places over years, one
 * row per (place, year, indicator) with the target set for that year, the
 * figure achieved, and whether the target was met. Targets come from the
 * document whose report year is the row's year (its main-targets paragraph:
 * the first target of the indicator), outcomes from the review of the next
 * year's report or a communiqué of that year (the headline figure: a growth
 * rate for flow indicators, a level for levels; no five-year average, no
 * 11-month or half-year figure). A panel copies what it needs: documents
 * may be freed after zc_panel_add(). Not thread-safe; one panel per thread. */
typedef struct zc_panel zc_panel;

typedef enum zc_met {
    ZC_MET_UNKNOWN = 0, /* no target, no outcome, or units that differ */
    ZC_MET_YES = 1,
    ZC_MET_NO = 2
} zc_met;
#define ZC_MET_COUNT 3

typedef struct zc_panel_figure {
    double value, value_max; /* value_max == value unless bound is a range */
    double scale;            /* value x scale is the amount */
    zc_bound bound;
    const char *unit;        /* canonical unit ("%", "元"); static */
    const char *doc;         /* the name given to zc_panel_add(); the panel's copy */
    zc_span span;            /* byte offsets of the figure in that document */
    zc_action action;        /* growth, decline ... as in the finding */
} zc_panel_figure;

typedef struct zc_panel_row {
    const char *place;    /* 全国, 西咸新区 ... */
    int32_t year;         /* the year the figures are about */
    const char *indicator; /* canonical id (zc_indicator_find) */
    int has_target;       /* 1 when target holds a figure */
    int target_set;       /* 0 when the document says no target was set */
    int has_achieved;     /* 1 when achieved holds a figure */
    zc_panel_figure target, achieved;
    zc_met met;
} zc_panel_row;

/* allocator NULL: malloc/free. Free with zc_panel_free(). NULL on failure. */
ZC_API zc_panel *zc_panel_new(const zc_allocator *allocator, zc_error *err);
ZC_API void zc_panel_free(zc_panel *p); /* NULL is a no-op */
/* Add a document's figures under name (its file name, say; copied). */
ZC_API zc_status zc_panel_add(zc_panel *p, const zc_document *doc, const char *name);
/* The rows, sorted by place, indicator, year. Counting pairs the figures
 * added so far; rows are valid until the next zc_panel_add(). */
ZC_API size_t zc_panel_row_count(zc_panel *p);
ZC_API const zc_panel_row *zc_panel_row_at(zc_panel *p, size_t i); /* NULL if out of range */
ZC_API const char *zc_met_name(zc_met m); /* "yes" "no" "unknown" */

typedef enum zc_panel_format {
    ZC_PANEL_JSONL = 0, /* keys: place year indicator target_set target_value ... met */
    ZC_PANEL_TSV = 1,   /* the same columns under a header line */
    ZC_PANEL_CSV = 2
} zc_panel_format;
ZC_API zc_status zc_panel_write(zc_panel *p, zc_panel_format format, zc_write_fn write, void *ud);

#ifdef __cplusplus
}
#endif

#endif /* ZHENGCE_H */
