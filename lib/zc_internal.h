/*
 * zc_internal.h -- types and zci_ functions shared inside lib/. Never installed.
 *
 * The pipeline, one file a stage:
 *   noise.c     find web-viewer page-chunk markers (N、 at line starts)
 *   normalize.c validate UTF-8 and fold the text for matching, keeping an
 *               offset map back to the caller's bytes
 *   segment.c   numbered sections, their tree and status; metadata
 *   numeral.c   Arabic, Chinese and OCR-damaged numbers
 *   quantity.c  number + magnitude + unit + bounds and ranges
 *   classify.c  action, subject, status, role, deadline, distributive lists
 *   document.c  zc_extract(): runs the stages, maps spans back
 * Supporting: arena.c (memory), utf8.c, lexicon.c (+ lexicon.def, the word
 * tables), patterns.c (+ patterns.def, the only PCRE2 user), names.c.
 */
#ifndef ZC_INTERNAL_H
#define ZC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhengce.h"

/* ------------------------------------------------------------------ arena */

/* A bump allocator over zc_allocator: one per document, freed in one pass. */
typedef struct zci_block zci_block;
typedef struct zci_arena {
    zc_allocator a;
    zci_block *head;
    size_t used, cap; /* in head */
} zci_arena;

void zci_arena_init(zci_arena *ar, const zc_allocator *a);
void *zci_arena_alloc(zci_arena *ar, size_t size); /* NULL on failure */
void zci_arena_release(zci_arena *ar);

/* A growable array whose storage lives in an arena (old storage is left to
 * the arena: growth doubles, so the waste is bounded by the final size). */
typedef struct zci_vec {
    void *data;
    size_t len, cap, elem;
} zci_vec;

void zci_vec_init(zci_vec *v, size_t elem);
void *zci_vec_push(zci_arena *ar, zci_vec *v); /* zeroed slot, or NULL */
#define ZCI_AT(v, type, i) (((type *)(v)->data)[i])

extern const zc_allocator zci_default_allocator;

/* Fill *err (when not NULL): the one way errors are reported (names.c). */
void zci_error_set(zc_error *err, zc_status code, size_t offset, uint32_t line, const char *msg);

/* ------------------------------------------------------------------- utf8 */

/* Decode one UTF-8 character at s (n bytes available). Returns its length
 * (1..4) and sets *cp, or returns 0 when the sequence is invalid (overlong,
 * surrogate, > U+10FFFF, truncated) and sets *bad to the length of the
 * maximal invalid prefix (>= 1). */
int zci_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int *bad);
/* Offset of the first invalid sequence, or n when all is valid. */
size_t zci_utf8_first_invalid(const char *s, size_t n);
/* 1-based line number of byte offset off (LF, CR and CRLF end lines). */
uint32_t zci_line_of(const char *s, size_t n, size_t off);

/* -------------------------------------------------------------- fold, map */

/* What normalize.c does to one code point: keep it, drop it, or replace it
 * by one ASCII byte. Built once per extractor from utf8proc's compatibility
 * decomposition and category data (see normalize.c). */
enum { ZCI_FOLD_KEEP = 0, ZCI_FOLD_DROP = 1 }; /* else the ASCII byte */
typedef struct zci_fold_table {
    uint8_t latin1[0x80];  /* U+0080..U+00FF */
    uint8_t punct[0x70];   /* U+2000..U+206F */
    uint8_t cjk[0x40];     /* U+3000..U+303F */
    uint8_t wide[0xF0];    /* U+FF00..U+FFEF */
} zci_fold_table;

zc_status zci_fold_table_build(zci_fold_table *ft);

/* The folded text the stages read, and the way back to original offsets. */
typedef struct zci_text {
    const char *orig; /* the document's copy of the input */
    size_t olen;
    char *t; /* folded: full-width ASCII to ASCII, dashes to '-', CRLF to LF,
                zero-width characters, BOM and page-chunk markers removed */
    size_t n;
    size_t *bp_f, *bp_o; /* breakpoints: folded offset -> original offset */
    size_t nbp;
    size_t replacements, first_replacement; /* lossy mode */
} zci_text;

/* Fold orig into out. drop holds sorted, disjoint [start, end) pairs of
 * original bytes to leave out (page-chunk markers). Invalid UTF-8 fails with
 * ZC_ERR_INVALID_UTF8 unless lossy, which writes U+FFFD instead. */
zc_status zci_fold(const zci_fold_table *ft, zci_arena *ar, const char *orig, size_t olen,
                   const size_t *drop, size_t ndrop, bool lossy, zci_text *out, zc_error *err);
/* Original offset of folded offset f. */
size_t zci_text_orig(const zci_text *tx, size_t f);

/* ------------------------------------------------------------------ noise */

/* Find web-viewer page-chunk markers: a run of "1、" "2、" "3、"... at line
 * starts, most of them cutting a sentence in two. Appends [start, end) pairs
 * (the newline before the marker through 、) to *out. */
zc_status zci_find_page_chunks(zci_arena *ar, const char *s, size_t n, zci_vec *out);

/* ---------------------------------------------------------------- lexicon */

typedef enum zci_table_id {
    ZCI_LEX_UNIT,
    ZCI_LEX_SCALE,
    ZCI_LEX_BOUND_BEFORE,
    ZCI_LEX_BOUND_AFTER,
    ZCI_LEX_ACTION,
    ZCI_LEX_AFTER_VERB,
    ZCI_LEX_STAGE_CUE,
    ZCI_LEX_SECTION_CUE,
    ZCI_LEX_HEADING_END,
    ZCI_LEX_SCOPE_BREAK,
    ZCI_LEX_NOT_NOUN,
    ZCI_LEX_DEADLINE,
    ZCI_LEX_COUNT
} zci_table_id;

typedef struct zci_word {
    const char *w;
    uint16_t len;
    int16_t val;       /* enum value (bound, action, stage, unit class) */
    const char *canon; /* units: canonical form */
    double factor;     /* scales */
} zci_word;

/* Bit k set when some word of a table has first-character key k (the low
 * six bits of its second byte, or of its only byte if ASCII). */
extern const uint64_t zci_lex_first_mask[ZCI_LEX_COUNT];
/* Cheap test before zci_lex_at in loops over every character: false means
 * no word of the table starts at pos. */
static inline bool zci_lex_may_start(zci_table_id id, const char *s, size_t n, size_t pos) {
    unsigned char c = (unsigned char)s[pos];
    if (c >= 0x80 && pos + 1 >= n)
        return false;
    unsigned key = (c < 0x80 ? c : (unsigned char)s[pos + 1]) & 63;
    return (zci_lex_first_mask[id] >> key) & 1;
}
/* Longest word of table id starting at s[pos] (within n). NULL if none. */
const zci_word *zci_lex_at(zci_table_id id, const char *s, size_t n, size_t pos);
/* Longest word of table id ending exactly at s[pos] (not before lo). */
const zci_word *zci_lex_before(zci_table_id id, const char *s, size_t lo, size_t pos);
/* First (leftmost) word of table id inside [lo, hi); *at gets its offset. */
const zci_word *zci_lex_find(zci_table_id id, const char *s, size_t lo, size_t hi, size_t *at);
/* Last (rightmost) word of table id inside [lo, hi); *at gets its offset. */
const zci_word *zci_lex_rfind(zci_table_id id, const char *s, size_t lo, size_t hi, size_t *at);

/* --------------------------------------------------------------- patterns */

typedef enum zci_pattern_id {
#define ZC_PATTERN(id, regex) ZCI_PAT_##id,
#include "patterns.def"
#undef ZC_PATTERN
    ZCI_PAT_COUNT
} zci_pattern_id;

typedef struct zci_patterns zci_patterns;
typedef struct zci_matcher zci_matcher;

zc_status zci_patterns_new(const zc_allocator *a, zci_patterns **out, zc_error *err);
void zci_patterns_free(zci_patterns *p);
/* Per-document match state (PCRE2 match data). */
zci_matcher *zci_matcher_new(const zci_patterns *p);
void zci_matcher_free(zci_matcher *m);
/* Match pattern id anchored at s[pos]; on success returns true and fills
 * ovec[0..2*nvec) with group offsets (unset groups: SIZE_MAX). s must be
 * valid UTF-8 (it is checked once, on entry). */
bool zci_match(zci_matcher *m, zci_pattern_id id, const char *s, size_t n, size_t pos,
               size_t *ovec, int nvec);

/* ------------------------------------------------------------- extractor */

struct zc_extractor {
    zc_options opts;
    zc_allocator alloc;
    zci_fold_table fold;
    zci_patterns *patterns;
};

/* ---------------------------------------------------------------- numbers */

typedef struct zci_number {
    size_t start, end; /* folded offsets of the number as written */
    double value;
    bool chinese;      /* written in Chinese numerals */
    bool ocr;          /* read through OCR damage (IIOO) */
    bool has_fraction; /* 2.3 */
    bool percent_word; /* 百分之二十: a percentage written in words */
} zci_number;

/* Read a number starting at t[pos]: Arabic (1,000 / 1.5 / 1 000), Chinese
 * (两千 十五 一万 百分之二十) or OCR-damaged Arabic (IIOO). Returns false
 * if none starts there. */
bool zci_number_at(zci_matcher *m, const char *t, size_t n, size_t pos, zci_number *out);
/* Value of a Chinese numeral in t[start,end): 二十三 -> 23, 两千 -> 2000.
 * Returns false when the run is not one well-formed number (十四五). */
bool zci_chinese_value(const char *t, size_t start, size_t end, double *value);
int zci_cn_digit_slow(const char *t, size_t pos);
/* Length of a Chinese numeral character at t[pos] (3), or 0. Called for
 * every Han character of the text, so the common "no" is decided inline on
 * the second UTF-8 byte (the numerals' are 80 85 8D 99 9B B8 B9 BA). */
static inline int zci_is_cn_digit(const char *t, size_t n, size_t pos) {
    if (pos + 3 > n)
        return 0;
    unsigned char b = (unsigned char)t[pos + 1];
    if (!((b == 0x80 || b == 0x85 || b == 0x8D || b == 0x99 || b == 0x9B) ||
          (b >= 0xB8 && b <= 0xBA)))
        return 0;
    return zci_cn_digit_slow(t, pos);
}

/* --------------------------------------------------------------- document */

/* A section while it is being built (folded offsets). */
typedef struct zci_section {
    zc_section s;
    size_t heading_end; /* end of the heading text in folded offsets */
} zci_section;

/* A quantity while it is being read and classified (folded offsets). */
typedef struct zci_quantity {
    size_t start, end;           /* number through unit (and 多/余) */
    size_t num_start, num_end;   /* the first number as written */
    size_t unit_start, unit_end; /* the unit as written; equal if none */
    size_t after;                /* end including a bound word after it */
    size_t pre_bound_start;      /* start of a bound word before it, or start */
    double value, value_max, scale;
    const zci_word *unit; /* NULL: no unit */
    zc_bound bound;
    bool post_bound;  /* the bound was written after the number */
    bool has_scale;
    bool bare;        /* no unit and no scale: kept only as a list item */
    bool dropped;
    size_t list_head; /* index of the first item of its list (itself if none) */
    size_t list_next; /* index of the next item, or SIZE_MAX */
    zc_action action;
    zc_stage stage;
    zc_role role;
    uint32_t flags;
    size_t subj_s, subj_e, dl_s, dl_e;
    size_t section;
} zci_quantity;

/* classify.c: action, subject, status, role and deadline of each quantity. */
zc_status zci_classify(zc_document *doc, zci_matcher *m, zci_quantity *q, size_t nq);

struct zc_document {
    zci_arena arena;
    zci_text text;
    zci_vec sections; /* zc_section, original offsets once done */
    zci_vec findings; /* zc_finding */
    zc_meta meta;
};

/* segment.c: sections (folded offsets) and metadata. */
zc_status zci_segment(zc_document *doc, zci_matcher *m, uint32_t max_depth);
/* Index of the innermost section containing folded offset f. */
size_t zci_section_at(const zc_document *doc, size_t f);

/* quantity.c + classify.c: findings (folded offsets). */
zc_status zci_find_quantities(zc_document *doc, zci_matcher *m, uint32_t flags);

/* Character helpers on folded UTF-8. */
static inline bool zci_is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool zci_is_ascii_alpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/* Start of the UTF-8 character that ends right before pos. */
static inline size_t zci_prev_char(const char *t, size_t pos) {
    if (pos == 0)
        return 0;
    size_t p = pos - 1;
    while (p > 0 && (((unsigned char)t[p]) & 0xC0) == 0x80)
        p--;
    return p;
}
/* Length of the UTF-8 character at pos (1 for continuation bytes). */
static inline size_t zci_char_len(const char *t, size_t n, size_t pos) {
    unsigned char c = (unsigned char)t[pos];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return pos + l <= n ? l : n - pos;
}
static inline bool zci_has(const char *t, size_t n, size_t pos, const char *w, size_t wl) {
    return pos + wl <= n && __builtin_memcmp(t + pos, w, wl) == 0;
}
#define ZCI_HAS(t, n, pos, lit) zci_has((t), (n), (pos), (lit), sizeof(lit) - 1)
/* Ends a sentence: 。 ! ? ; and their ASCII folds, or a line end. */
bool zci_is_sentence_end(const char *t, size_t n, size_t pos, size_t *len);
/* Ends a clause: a sentence end, or , : ( ) 、 and similar. */
bool zci_is_clause_end(const char *t, size_t n, size_t pos, size_t *len);
/* A CJK ideograph (U+4E00..U+9FFF) at pos. */
bool zci_is_han(const char *t, size_t n, size_t pos);

#endif
