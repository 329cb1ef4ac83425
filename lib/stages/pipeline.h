/*
 * pipeline.h -- the records the stages pass along, and the stages.
 *
 * lib/document.c runs the stages in this order, each a file of stages/:
 *   01_text        validate UTF-8, fold (full-width to ASCII, CRLF to LF...),
 *                  the offset map back to the caller's bytes
 *   02_noise       page-chunk markers and page breaks, cut out of the text
 *   03_tables      tables written as rows: their cells and headers
 *   04_sections    section markers and their tree (no status)
 *   05_meta        title, issuer, date, document number, year, genre
 *   06_status      every status rule: headings, paragraphs, clauses
 *   07_quantities  number, magnitude, unit, bound, range (reading only);
 *                  the figures of table cells
 *   08_lists       ranges and lists that share a unit or bound; 分别/各/均
 *   09_classify    action, subject, role, deadline, indicator
 *   10_findings    the public records, built once, in original offsets
 * Every record before 10_findings is in folded-text offsets (zci_range).
 * A stage reads the records of the stages before it and never calls
 * another stage. Internal to lib/; stands on language.h and base.h.
 */
#ifndef ZC_PIPELINE_H
#define ZC_PIPELINE_H

#include "language.h"

/* ------------------------------------------------------------ 1: text */

/* What the fold does to one code point: keep it, drop it, or replace it by
 * one ASCII byte. Built once per extractor from utf8proc's compatibility
 * decomposition and category data (see 01_text.c). */
enum { ZCI_FOLD_KEEP = 0, ZCI_FOLD_DROP = 1 }; /* else the ASCII byte */
typedef struct zci_fold_table {
    uint8_t latin1[0x80]; /* U+0080..U+00FF */
    uint8_t punct[0x70];  /* U+2000..U+206F */
    uint8_t cjk[0x40];    /* U+3000..U+303F */
    uint8_t wide[0xF0];   /* U+FF00..U+FFEF */
    bool cjk_kept;        /* all of U+3001..U+303F keep their identity */
} zci_fold_table;

void zci_fold_table_build(zci_fold_table *ft);

/* The folded text the stages read, and the way back to original offsets. */
/* Internal offsets are 32-bit: a text (UTF-8, and folded) is shorter than
 * 4 GiB, or zc_extract fails with ZC_ERR_TOO_LARGE. */
#define ZCI_TEXT_MAX ((size_t)UINT32_MAX - 1)

/* From folded offset f on, the text maps to original offset o + (x - f). */
typedef struct zci_breakpoint {
    uint32_t f, o;
} zci_breakpoint;

/* The breakpoints are kept in blocks of ZCI_BP_BLOCK: each block's first in
 * full (8 bytes), every breakpoint as its distance from that one (2 x 16
 * bits): ~4.1 bytes a breakpoint instead of 8, and a text has one every
 * ~50 bytes. A breakpoint 64 KiB or more past its block's first (sparse
 * text, a long cut) starts a new block early; the slots left in the old
 * one repeat its last breakpoint, which maps nothing differently. */
#define ZCI_BP_BLOCK 64
typedef struct zci_bp_step {
    uint16_t f, o;
} zci_bp_step;

/* A growing breakpoint list (zci_text_fold, zci_text_cut): push in offset
 * order; the text then owns the two arrays. */
typedef struct zci_bp_list {
    zci_scratch block; /* zci_breakpoint, one a block */
    zci_scratch step;  /* zci_bp_step, one a breakpoint */
    zci_breakpoint base; /* the last block's first */
} zci_bp_list;

typedef struct zci_text {
    const char *orig; /* the document's copy of the input */
    size_t olen;
    char *t; /* folded: full-width ASCII to ASCII, dashes to '-', CR and CRLF
                to LF, zero-width characters, BOM and page-chunk markers gone */
    size_t n;
    /* where the lengths change (~1 per 50 bytes), in offset order: read
     * them with zci_text_bp and zci_text_bp_f */
    zci_breakpoint *bp_block;
    zci_bp_step *bp_step;
    size_t nbp;
    size_t replacements, first_replacement; /* lossy mode */
} zci_text;

/* Where each character of a UTF-8 conversion came from in the caller's
 * bytes (text in GB18030 or UTF-16): utf8[k] -> orig[k] at every
 * ZCI_ENCMAP_STEP-th character start and at the two ends; between them a
 * look walks the two texts a character at a time (each character of the
 * one is one of the other). Two words every 16 characters, where a pair
 * at every character took 16 bytes a character. n == 0: the text was
 * UTF-8 itself. */
#define ZCI_ENCMAP_STEP 16
typedef struct zci_encmap {
    size_t *utf8, *orig;
    size_t n;
    const unsigned char *u, *o; /* the UTF-8 text and the caller's bytes */
    int form;                   /* the caller's encoding: how long its characters are */
} zci_encmap;

/* Convert orig (olen bytes in encoding, a name zc_extract_encoded takes; not
 * "auto") to UTF-8 in the arena, filling *map. ZC_ERR_ENCODING (err names
 * the first bad byte), ZC_ERR_INVALID_ARG for an unknown name, ZC_ERR_NOMEM. */
zc_status zci_text_decode(zci_arena *ar, const char *orig, size_t olen, const char *encoding,
                          char **utf8, size_t *ulen, zci_encmap *map, zc_error *err);
/* The UTF-8 offset of original offset o (the character that starts at or
 * before it). */
size_t zci_encmap_utf8(const zci_encmap *map, size_t o);
/* Both ends of span (UTF-8 offsets, character boundaries) in the caller's
 * bytes, the end found on from the start; and the other way (as
 * zci_encmap_utf8 of each). */
zc_span zci_encmap_orig_span(const zci_encmap *map, zc_span span);
zc_span zci_encmap_utf8_span(const zci_encmap *map, zc_span span);

/* Fold orig into out (validating it). Invalid UTF-8 fails with
 * ZC_ERR_INVALID_UTF8 (err names the byte offset and line) unless lossy,
 * which writes U+FFFD instead. */
zc_status zci_text_fold(const zci_fold_table *ft, const zc_allocator *a, const char *orig,
                        size_t olen, bool lossy, bool avx2, zci_text *out, zc_error *err);
/* Free what zci_text_fold allocated (the folded text and the breakpoints):
 * the stages read them, the document keeps neither. */
void zci_text_free(const zc_allocator *a, zci_text *tx);
/* Remove the sorted, disjoint ranges cuts[0..ncuts) from the folded text,
 * keeping the offset map right. */
zc_status zci_text_cut(const zc_allocator *a, zci_text *tx, const zci_range *cuts, size_t ncuts);
/* Original offset of folded offset f. */
size_t zci_text_orig(const zci_text *tx, size_t f);
/* How many breakpoints are at or before folded offset f. */
size_t zci_text_breakpoints_upto(const zci_text *tx, size_t f);
/* Breakpoint k (k < tx->nbp), and its folded offset alone. */
static inline zci_breakpoint zci_text_bp(const zci_text *tx, size_t k) {
    zci_breakpoint b = tx->bp_block[k / ZCI_BP_BLOCK];
    zci_bp_step d = tx->bp_step[k];
    return (zci_breakpoint){b.f + d.f, b.o + d.o};
}
static inline uint32_t zci_text_bp_f(const zci_text *tx, size_t k) {
    return tx->bp_block[k / ZCI_BP_BLOCK].f + tx->bp_step[k].f;
}

/* ------------------------------------------------------ records */

/* A row of a table (03_tables): its line, its label (first cell), and the
 * column headers that say what its cells are. */
#define ZCI_MAX_COLS 12
typedef struct zci_row {
    zci_range line, label;
    uint32_t ncells;
    zci_range cells[ZCI_MAX_COLS];
    uint32_t figures; /* bit c: cell c is a figure (-2.6, 8.6%, <1, 19917.0) */
    size_t header; /* index of the table's header row, or SIZE_MAX */
    bool is_header;
    bool index_table; /* 上年=100: values are index numbers, not figures */
} zci_row;

/* A section (04_sections, status from 06_status). */
typedef struct zci_sec {
    zc_marker_kind kind;
    uint32_t number; /* (三) is 3 */
    uint32_t depth;  /* 0 for the root */
    size_t parent;   /* ZC_NO_SECTION for the root */
    zci_range marker, title, body;
    zc_stage status;
} zci_sec;

typedef struct zci_meta {
    zci_range title, issuer, date, doc_number;
    int32_t year;
    zc_genre genre;
    zci_range place;   /* the place's name as written; empty if none */
    bool national;     /* 全国: a national report or the State Council's */
    int32_t report_year; /* set by 06_status */
} zci_meta;

/* A quantity: read by 07_quantities, linked by 08_lists, placed by 06_status,
 * given its meaning by 09_classify. */
/* No next item of a list (zci_quantity.list_next). */
#define ZCI_NO_ITEM UINT32_MAX

/* One figure, from 07_quantities on. Offsets are 32-bit (ZCI_TEXT_MAX) and
 * the fields ordered by size: a dense document holds one every 20 bytes. */
typedef struct zci_quantity {
    double value, value_max, scale;
    const zci_word *unit; /* NULL: no unit */
    const char *indicator; /* canonical id, static; NULL if none */
    const char *name; /* the subject as a name (in the arena), set by
                         zci_findings_settle when it is built from pieces */
    uint32_t start, end;           /* number through unit (and 多/余) */
    uint32_t num_start, num_end;   /* the first number as written */
    uint32_t unit_start, unit_end; /* the unit as written; equal if none */
    uint32_t after;                /* end including a bound word after it */
    uint32_t pre_bound_start;      /* start of a bound word before it, or start */
    uint32_t list_head; /* index of the first item of its list (itself if none) */
    uint32_t list_next; /* index of the next item, or ZCI_NO_ITEM */
    uint32_t section;
    uint32_t clause_start; /* of the clause at pre_bound_start, when clause_known */
    zci_range subject, deadline;
    /* When the subject is not written as one span: subject_cut is left out
     * of it (an abbreviation: 地区生产总值（GDP）增长), subject_head is
     * appended (a 分别 list's shared head: 蔬菜、水果产量 -> 蔬菜产量). */
    zci_range subject_cut, subject_head;
    /* the sentence's topic, put before the subject when the subject only
     * names the measure: 粮食连续五年增产，总产量… -> 粮食 + 总产量 */
    zci_range subject_topic;
    int16_t year;  /* the year the figure is about (06_status), 0 if unknown */
    uint8_t flags; /* ZC_FLAG_* */
    /* the enums in a byte each: a record is paid for every figure */
    uint8_t bound;  /* zc_bound */
    uint8_t action; /* zc_action */
    uint8_t stage;  /* zc_stage */
    uint8_t role;   /* zc_role */
    bool post_bound : 1; /* the bound was written after the number */
    bool has_scale : 1;
    bool bare : 1;    /* no unit and no scale: kept only as a list item */
    bool dropped : 1; /* not a finding */
    bool from_table : 1; /* read from a table cell: action, subject, role are set */
    bool subject_carried : 1; /* the subject came from the figure before it */
    bool clause_known : 1;    /* 06_status found clause_start (09_classify reuses it) */
} zci_quantity;
_Static_assert(ZC_FLAG_COUNT <= 8, "zci_quantity.flags is a byte");
_Static_assert(ZC_BOUND_COUNT <= 256 && ZC_ACTION_COUNT <= 256 && ZC_STAGE_COUNT <= 256 &&
                  ZC_ROLE_COUNT <= 256,
              "zci_quantity holds its enums in a byte each");

/* Is q's subject a name built from pieces (not its span as written)? */
static inline bool zci_subject_built(const zci_quantity *q) {
    return q->subject_cut.e > q->subject_cut.s || q->subject_head.e > q->subject_head.s ||
           q->subject_topic.e > q->subject_topic.s;
}

/* Write q's subject as a name into buf (cap bytes, NUL-terminated): the
 * topic, the span without subject_cut, then subject_head; spaces and tabs
 * (OCR noise) left out. Returns its length, or 0 when it does not fit. */
static inline bool zci_name_append(char *buf, size_t *k, size_t cap, const char *t, size_t a,
                                   size_t b) {
    while (a < b) { /* runs between spaces and tabs, each copied at once */
        const char *sp = memchr(t + a, ' ', b - a), *tab = memchr(t + a, '\t', b - a);
        size_t r = sp ? (size_t)(sp - t) : b;
        if (tab && (size_t)(tab - t) < r)
            r = (size_t)(tab - t);
        if (r > a) {
            if (*k + (r - a) >= cap)
                return false;
            memcpy(buf + *k, t + a, r - a);
            *k += r - a;
        }
        a = r + 1;
    }
    return true;
}
static inline size_t zci_subject_name(const char *t, const zci_quantity *q, char *buf, size_t cap) {
    size_t k = 0;
    zci_range s = q->subject, cut = q->subject_cut;
    bool cuts = cut.e > cut.s && cut.e > s.s && cut.s < s.e;
    size_t cut_s = cuts ? (cut.s > s.s ? cut.s : s.s) : s.e;
    size_t cut_e = cuts ? (cut.e < s.e ? cut.e : s.e) : s.e;
    if (!zci_name_append(buf, &k, cap, t, q->subject_topic.s, q->subject_topic.e) ||
        !zci_name_append(buf, &k, cap, t, s.s, cut_s) ||
        !zci_name_append(buf, &k, cap, t, cut_e, s.e) ||
        !zci_name_append(buf, &k, cap, t, q->subject_head.s, q->subject_head.e))
        return 0;
    buf[k] = '\0';
    return k;
}

/* Where 07_quantities reads on from: the text offset and its next section
 * marker and table row (kept from one window of the text to the next). */
typedef struct zci_read_at {
    size_t pos, marker, row;
} zci_read_at;

/* Everything one zc_extract() call works on. */
typedef struct zci_work {
    zci_arena *arena;    /* the document's: what the results keep */
    const zci_encmap *enc; /* the input was converted to UTF-8: spans map on through it */
    zc_allocator alloc;  /* for scratch freed before zc_extract returns */
    zci_matcher *m;
    uint32_t flags;      /* ZC_OPT_* */
    uint32_t max_depth;
    bool avx2;           /* take the AVX2 paths (zci_cpu_avx2) */
    zci_text text;
    zci_scratch sections;   /* zci_sec; [0] is the root */
    zci_meta meta;
    zci_scratch quantities; /* zci_quantity, in text order: of the window read */
    zci_scratch rows;       /* zci_row of every table, in text order */
    /* The figures are read a window of the text at a time (one window, the
     * whole text, unless the findings are handed out as they are made):
     * what 07 and 06 carry from one window to the next, and the arena 10
     * puts built subject names in (the document's, or the window's). */
    zci_read_at read;
    void *place; /* 06_status's (zci_status_place; freed by zci_status_place_free) */
    zci_arena *names;
    /* The figures with a subject that end in the last ZCI_LOOK_BACK bytes
     * of the windows before, as 09 left them: 09 looks back from a 其中
     * sentence (at most 600 bytes before its figure's subject, which starts
     * at most a clause before the figure) to a whole ending at most 200
     * bytes before it. */
    zci_scratch before; /* zci_quantity, in text order */
} zci_work;
#define ZCI_LOOK_BACK (600 + ZCI_CLAUSE_MAX + 200)

#define ZCI_SEC(w, i) (&((zci_sec *)(w)->sections.data)[i])
#define ZCI_Q(w) ((zci_quantity *)(w)->quantities.data)

/* Append a zeroed figure record; NULL when memory runs out. The array grows
 * before the findings (168 bytes each) would no longer fit in it, so that
 * zci_findings_build can make them in place (untouched room costs no
 * resident memory). */
static inline zci_quantity *zci_figure_push(zci_work *w) {
    zci_scratch *v = &w->quantities;
    if ((v->len + 1) * sizeof(zc_finding) > v->cap * sizeof(zci_quantity) &&
        !zci_scratch_grow(v))
        return NULL;
    return zci_scratch_push(v);
}

/* The public records a document hands out, built once by 10_findings. */
typedef struct zci_results {
    zc_section *sections;
    size_t nsections;
    zc_finding *findings;
    size_t nfindings;
    void *findings_block; /* when the findings were made in the figures'
                             array (zci_findings_build): freed with the document */
    zc_meta meta;
} zci_results;

/* ------------------------------------------------------------- stages */

zc_status zci_noise_find(zci_work *w, zci_scratch *cuts);         /* 2: zci_range cuts */
zc_status zci_tables_find(zci_work *w);                           /* 3 */
zc_status zci_sections_scan(zci_work *w);                         /* 4 */
void zci_meta_read(zci_work *w);                                  /* 5: needs the sections */
void zci_status_sections(zci_work *w);                            /* 6: headings */
zc_status zci_quantities_read(zci_work *w, size_t to);            /* 7: from w->read to to */
void zci_lists_link(zci_work *w);                                 /* 8 */
zc_status zci_status_place(zci_work *w);                          /* 6: each quantity */
void zci_status_place_free(zci_work *w);
zc_status zci_classify(zci_work *w);                              /* 9 */
/* 10: the sections and metadata (made before the figures: nothing after
 * 06 changes them); each figure's spans (then in the UTF-8 text) and
 * subject name, all that needs the folded text, which can go after it;
 * then the findings from the settled figures: the document's, or a
 * window's into batch (zc_finding, its old ones replaced). */
zc_status zci_results_build(zci_work *w, zci_results *out);
zc_status zci_figures_settle(zci_work *w);
zc_status zci_findings_build(zci_work *w, zci_results *out);
zc_status zci_findings_batch(zci_work *w, zci_scratch *batch);

#endif
