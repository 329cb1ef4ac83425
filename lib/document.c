/*
 * document.c -- the public objects (options, extractor, document) and
 * zc_extract(), which only runs the stages of stages/ in order:
 *
 *   copy (or borrow) the input, convert it to UTF-8 if it is not ->
 *   01 text -> 02 noise -> 03 tables -> 04 sections ->
 *   05 meta -> 06 status of the sections -> 07 quantities -> 08 lists ->
 *   06 status of each quantity -> 09 classify -> 10 findings
 *
 * Everything before 10 works in folded-text offsets on scratch records
 * (the folded text among them) that are freed before zc_extract()
 * returns; the document keeps the input (its copy, or the caller's bytes),
 * its UTF-8 conversion if any, and the public records built by 10.
 * zc_extract_each runs 07 to 10 a window of the text at a time and hands
 * each window's findings out instead of keeping them (stream_figures).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

struct zc_extractor {
    zc_options opts;
    zc_allocator alloc;
    zci_fold_table fold;
    zci_patterns *patterns;
    bool avx2; /* the CPU runs the AVX2 paths (asked once, here) */
};

/* UTF-8 read with replacements (ZC_OPT_LOSSY) keeps its input with each
 * invalid sequence as U+FFFD, the text zc_document_span_text gives, and
 * marks where the two texts meet: for every REPAIR_BLOCK-th byte of the
 * input, the first character that starts there or after, and where it
 * starts in the repair. A span's ends are found by reading on from the
 * mark before them, at most a block: a record for each invalid sequence
 * could take eight bytes for each byte of the input. */
#define REPAIR_BLOCK 256
typedef struct repair {
    char *text; /* NULL: the input needs none */
    size_t *at;    /* at[k]: where mark k's character starts in text */
    uint8_t *skip; /* and how far after k * REPAIR_BLOCK it starts in the input */
} repair;

struct zc_document {
    zci_arena arena;
    zci_text text; /* over the UTF-8 text: the input, or its conversion */
    zci_results r;
    const char *input; /* a copy of the caller's bytes, or them (ZC_OPT_BORROW) */
    size_t input_len;
    const char *encoding;
    zci_encmap enc; /* UTF-8 -> input offsets when they differ */
    repair fix;     /* invalid UTF-8 read with ZC_OPT_LOSSY */
};

void zc_options_init(zc_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    opts->max_depth = 6;
    opts->max_input_bytes = (size_t)256 << 20;
}

static void fail(zc_error *err, zc_status code, size_t offset, const char *msg) {
    zci_error_set(err, code, offset, 0, msg);
}

zc_extractor *zc_extractor_new(const zc_options *opts, zc_error *err) {
    zc_options o;
    zc_options_init(&o);
    if (opts) {
        if (opts->struct_size < offsetof(zc_options, allocator) + sizeof(void *) ||
            opts->struct_size > sizeof o) {
            fail(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET,
                 "zc_options.struct_size is wrong: fill options with zc_options_init()");
            return NULL;
        }
        memcpy(&o, opts, opts->struct_size);
    }
    const zc_allocator *a = o.allocator ? o.allocator : &zci_default_allocator;
    if (!a->alloc || !a->dealloc) {
        fail(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET, "allocator without alloc or dealloc");
        return NULL;
    }
    zc_extractor *ex = a->alloc(sizeof *ex, a->ud);
    if (!ex) {
        fail(err, ZC_ERR_NOMEM, ZC_NO_OFFSET, "out of memory creating the extractor");
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    ex->opts = o;
    ex->alloc = *a;
    zci_fold_table_build(&ex->fold);
    ex->avx2 = zci_cpu_avx2();
    if (zci_patterns_new(&ex->alloc, &ex->patterns, err) != ZC_OK) {
        a->dealloc(ex, a->ud);
        return NULL;
    }
    return ex;
}

void zc_extractor_free(zc_extractor *ex) {
    if (!ex)
        return;
    zci_patterns_free(ex->patterns);
    zc_allocator a = ex->alloc;
    a.dealloc(ex, a.ud);
}

/* Run one stage; the first failure stops the run. */
#define RUN(expr)                                                                                  \
    do {                                                                                           \
        if (st == ZC_OK)                                                                           \
            st = (expr);                                                                           \
    } while (0)

/* Where zc_extract_each hands its findings, a window at a time. */
typedef struct findings_sink {
    zc_findings_fn each;
    void *ud;
} findings_sink;

/* The text a window of figures is read from when the findings are handed
 * out as they are made: about 256 KiB (its findings take up to ~3.5 MB, on
 * the densest text), ended after a line end or 。 from WINDOW bytes on;
 * failing one by 2 WINDOW, after the first clause end (, ;) from WINDOW on;
 * failing that, after the first end of either kind however far. 09 looks
 * back over a sentence end only for the whole of a 其中 part (zci_work's
 * before), and a list never runs over a clause end. */
#define WINDOW ((size_t)1 << 18)
static size_t window_end(const char *t, size_t n, size_t from) {
    if (n - from <= 2 * WINDOW)
        return n;
    size_t clause = 0;
    for (size_t p = from + WINDOW; p < n; p++) {
        bool sentence = t[p] == '\n' || ZCI_HAS(t, n, p, "。");
        if (sentence && (p < from + 2 * WINDOW || !clause))
            return p + (t[p] == '\n' ? 1 : 3);
        if (!clause && (t[p] == ',' || t[p] == ';'))
            clause = p + 1;
        if (clause && p >= from + 2 * WINDOW)
            return clause;
    }
    return clause ? clause : n;
}

/* The figures of a window that the next may look back to (zci_work's
 * before): those with a subject that end at most ZCI_LOOK_BACK bytes before
 * its end, copied before 10 settles them. (A window is longer than that:
 * the windows before have none; after the last one no window looks.) */
static zc_status keep_before(zci_work *w, size_t to) {
    const zci_quantity *q = ZCI_Q(w);
    w->before.len = 0;
    for (size_t i = 0; to < w->text.n && i < w->quantities.len; i++) {
        if (q[i].dropped || q[i].subject.e <= q[i].subject.s || q[i].after + ZCI_LOOK_BACK < to)
            continue;
        zci_quantity *b = zci_scratch_push(&w->before);
        if (!b)
            return ZC_ERR_NOMEM;
        *b = q[i];
    }
    return ZC_OK;
}

/* 07 to 10 over the figures that start before to (from where the last
 * window stopped): the figures end settled, their names in w->names. */
static zc_status read_figures(zci_work *w, size_t to) {
    w->quantities.len = 0;
    zc_status st = zci_quantities_read(w, to);
    if (st == ZC_OK) {
        zci_lists_link(w);
        st = zci_status_place(w);
    }
    if (st == ZC_OK)
        st = zci_classify(w);
    /* a pattern that failed (match limit, no memory) fails the document:
     * a silent "no match" would drop findings without a word */
    if (st == ZC_OK)
        st = zci_matcher_status(w->m);
    if (st == ZC_OK)
        st = keep_before(w, to);
    return st == ZC_OK ? zci_figures_settle(w) : st;
}

/* The figures window by window, each window's findings handed to the sink
 * and gone before the next is read. */
static zc_status stream_figures(const zc_extractor *ex, zc_document *doc, zci_work *w,
                                const findings_sink *sink) {
    zci_scratch batch;
    zci_scratch_init(&batch, &ex->alloc, sizeof(zc_finding));
    zc_status st = ZC_OK;
    /* the document's text, for the callback's zc_document_span_text() */
    doc->text.orig = w->text.orig;
    doc->text.olen = w->text.olen;
    while (st == ZC_OK && w->read.pos < w->text.n) {
        zci_arena names;
        zci_arena_init(&names, &ex->alloc);
        w->names = &names;
        st = read_figures(w, window_end(w->text.t, w->text.n, w->read.pos));
        if (st == ZC_OK)
            st = zci_findings_batch(w, &batch);
        if (st == ZC_OK && batch.len && sink->each(sink->ud, doc, batch.data, batch.len) != 0)
            st = ZC_ERR_WRITE;
        zci_arena_release(&names);
        w->names = NULL;
    }
    zci_scratch_free(&batch);
    return st;
}

/* The length of the character at input offset p, or of the invalid
 * sequence there (its maximal subpart, as the fold takes it: *bad set). */
static size_t char_at(const unsigned char *u, size_t n, size_t p, bool *bad) {
    uint32_t cp;
    int skip = 1, l = u[p] < 0x80 ? 1 : zci_utf8_decode(u + p, n - p, &cp, &skip);
    *bad = l == 0;
    return (size_t)(l ? l : skip);
}

/* doc->fix for UTF-8 input the fold read with `replacements` invalid
 * sequences: one decode of the input, paid only by such documents. */
static zc_status repair_input(zc_document *doc, size_t replacements) {
    const unsigned char *u = (const unsigned char *)doc->input;
    size_t n = doc->input_len, marks = n / REPAIR_BLOCK + 1;
    /* each sequence is a byte or more and becomes three; offsets into the
     * repair are 32-bit, as the folded text's (ZCI_TEXT_MAX) */
    if (replacements > (ZCI_TEXT_MAX - n) / 2)
        return ZC_ERR_TOO_LARGE;
    size_t cap = n + 2 * replacements + 1;
    char *out = zci_arena_alloc(&doc->arena, cap);
    size_t *at = zci_arena_alloc(&doc->arena, marks * sizeof *at);
    uint8_t *skip = zci_arena_alloc(&doc->arena, marks);
    if (!out || !at || !skip)
        return ZC_ERR_NOMEM;
    size_t o = 0, from = 0, mark = 0, seen = 0;
    for (size_t p = 0;;) {
        for (; mark < marks && mark * REPAIR_BLOCK <= p; mark++) {
            at[mark] = o + (p - from);
            skip[mark] = (uint8_t)(p - mark * REPAIR_BLOCK);
        }
        if (p >= n)
            break;
        bool bad;
        size_t l = char_at(u, n, p, &bad);
        /* (the fold counted the same sequences: seen never passes it) */
        if (bad && seen < replacements) {
            seen++;
            memcpy(out + o, u + from, p - from);
            o += p - from;
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            from = p + l;
        }
        p += l;
    }
    memcpy(out + o, u + from, n - from);
    out[o + (n - from)] = '\0';
    doc->fix = (repair){out, at, skip};
    return ZC_OK;
}

/* Where input offset off stands in the repair; inside a character (an
 * invalid sequence), at its start, or at its end for a span's end. */
static size_t repaired_offset(const zc_document *doc, size_t off, bool end) {
    const unsigned char *u = (const unsigned char *)doc->input;
    size_t k = off / REPAIR_BLOCK, p;
    while ((p = k * REPAIR_BLOCK + doc->fix.skip[k]) > off) /* in a character over the mark */
        k--;
    size_t o = doc->fix.at[k];
    while (p < off) {
        bool bad;
        size_t l = char_at(u, doc->input_len, p, &bad);
        size_t grown = bad ? 3 : l;
        if (p + l > off)
            return end ? o + grown : o;
        p += l;
        o += grown;
    }
    return o;
}

static zc_status run_stages(const zc_extractor *ex, zc_document *doc, const char *utf8, size_t len,
                            const findings_sink *sink, zc_error *err) {
    zci_work w;
    memset(&w, 0, sizeof w);
    w.arena = &doc->arena;
    w.alloc = ex->alloc;
    w.flags = ex->opts.flags;
    w.avx2 = ex->avx2;
    w.max_depth = ex->opts.max_depth;
    w.enc = &doc->enc;
    zci_scratch_init(&w.sections, &ex->alloc, sizeof(zci_sec));
    zci_scratch_init(&w.quantities, &ex->alloc, sizeof(zci_quantity));
    zci_scratch_init(&w.rows, &ex->alloc, sizeof(zci_row));
    zci_scratch_init(&w.before, &ex->alloc, sizeof(zci_quantity));
    zci_scratch cuts;
    zci_scratch_init(&cuts, &ex->alloc, sizeof(zci_range));

    bool lossy = (ex->opts.flags & ZC_OPT_LOSSY) != 0;
    zc_status st = zci_text_fold(&ex->fold, &ex->alloc, utf8, len, lossy, ex->avx2, &w.text, err);
    if (st == ZC_OK && w.text.replacements) /* (UTF-8 input: a conversion's text is valid) */
        st = repair_input(doc, w.text.replacements);
    w.m = st == ZC_OK ? zci_matcher_new(ex->patterns) : NULL;
    if (st == ZC_OK && !w.m)
        st = ZC_ERR_NOMEM;
    RUN(zci_noise_find(&w, &cuts));
    RUN(zci_text_cut(&ex->alloc, &w.text, cuts.data, cuts.len));
    /* the corpus has a figure every ~500 bytes: room for about twice that */
    size_t read_at_once = sink ? (w.text.n < 2 * WINDOW ? w.text.n : 2 * WINDOW) : w.text.n;
    if (st == ZC_OK && !zci_scratch_reserve(&w.quantities, read_at_once / 256 + 256))
        st = ZC_ERR_NOMEM;
    RUN(zci_tables_find(&w));
    RUN(zci_sections_scan(&w));
    if (st == ZC_OK) {
        zci_meta_read(&w);
        zci_status_sections(&w);
    }
    RUN(zci_results_build(&w, &doc->r));
    if (sink) {
        RUN(stream_figures(ex, doc, &w, sink));
    } else {
        w.names = w.arena;
        RUN(read_figures(&w, w.text.n));
    }
    /* the folded text and its offset map go before the findings are made:
     * a document never holds both */
    zci_text_free(&ex->alloc, &w.text);
    doc->text = w.text;
    if (!sink)
        RUN(zci_findings_build(&w, &doc->r));

    if (st != ZC_OK && err && err->code == ZC_OK)
        zci_error_set(err, st, ZC_NO_OFFSET, 0,
                      st == ZC_ERR_NOMEM   ? "out of memory while extracting"
                      : st == ZC_ERR_LIMIT ? "a pattern hit its match limit: the input is "
                                             "pathological"
                      : st == ZC_ERR_WRITE ? "the findings callback stopped the extraction"
                                           : zc_status_string(st));
    zci_status_place_free(&w);
    zci_matcher_free(w.m);
    zci_scratch_free(&cuts);
    zci_scratch_free(&w.sections);
    zci_scratch_free(&w.quantities);
    zci_scratch_free(&w.rows);
    zci_scratch_free(&w.before);
    return st;
}
#undef RUN

/* The encoding a byte-order mark names, or NULL. */
static const char *bom_encoding(const char *text, size_t len) {
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "utf-16le";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "utf-16be";
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return "utf-8";
    return NULL;
}

/* Read text in encoding (a name of zc_extract_encoded, "auto" resolved). */
static zc_document *extract(const zc_extractor *ex, const char *text, size_t len,
                            const char *encoding, const findings_sink *sink, zc_error *err) {
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = ZC_NO_OFFSET;
    }
    if (!ex || (!text && len)) {
        fail(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET, "NULL extractor or text");
        return NULL;
    }
    if (len > ex->opts.max_input_bytes) {
        char msg[128];
        snprintf(msg, sizeof msg, "input of %zu bytes is larger than the limit of %zu bytes", len,
                 ex->opts.max_input_bytes);
        fail(err, ZC_ERR_TOO_LARGE, ex->opts.max_input_bytes, msg);
        return NULL;
    }
    zc_document *doc = ex->alloc.alloc(sizeof *doc, ex->alloc.ud);
    if (!doc) {
        fail(err, ZC_ERR_NOMEM, ZC_NO_OFFSET, "out of memory");
        return NULL;
    }
    memset(doc, 0, sizeof *doc);
    zci_arena_init(&doc->arena, &ex->alloc);
    const char *input = text; /* ZC_OPT_BORROW: the caller's bytes as they are */
    if (!(ex->opts.flags & ZC_OPT_BORROW) || !text) {
        char *copy = len < SIZE_MAX ? zci_arena_alloc(&doc->arena, len + 1) : NULL;
        if (copy) {
            if (len)
                memcpy(copy, text, len);
            copy[len] = '\0';
        }
        input = copy;
    }
    zc_status st = ZC_ERR_NOMEM;
    if (input) {
        doc->input = input;
        doc->input_len = len;
        doc->encoding = "utf-8";
        const char *utf8 = input;
        size_t ulen = len;
        st = ZC_OK;
        if (strcmp(encoding, "utf-8") != 0) {
            char *converted = NULL;
            st = zci_text_decode(&doc->arena, input, len, encoding, &converted, &ulen, &doc->enc,
                                 err);
            utf8 = converted;
            doc->encoding = strcmp(encoding, "utf-16le") == 0   ? "utf-16le"
                            : strcmp(encoding, "utf-16be") == 0 ? "utf-16be"
                                                                : "gb18030";
        }
        if (st == ZC_OK)
            st = run_stages(ex, doc, utf8, ulen, sink, err);
    }
    if (st != ZC_OK) {
        if (err && err->code == ZC_OK)
            fail(err, st, ZC_NO_OFFSET, "out of memory copying the input");
        zc_document_free(doc);
        return NULL;
    }
    return doc;
}

zc_document *zc_extract(const zc_extractor *ex, const char *text, size_t len, zc_error *err) {
    return extract(ex, text, len, "utf-8", NULL, err);
}

/* zc_extract_encoded, with the findings handed to sink if it is not NULL.
 * (Text that is not UTF-8 fails before any finding is made: "auto" may
 * read it again.) */
static zc_document *extract_encoded(const zc_extractor *ex, const char *text, size_t len,
                                    const char *encoding, const findings_sink *sink,
                                    zc_error *err) {
    if (!encoding) {
        zci_error_set(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET, 0, "NULL encoding");
        return NULL;
    }
    if (strcmp(encoding, "utf-16") == 0) {
        const char *bom = bom_encoding(text, len);
        encoding = bom && strcmp(bom, "utf-16be") == 0 ? "utf-16be" : "utf-16le";
    }
    if (strcmp(encoding, "auto") != 0)
        return extract(ex, text, len, encoding, sink, err);
    const char *bom = bom_encoding(text, len);
    if (bom)
        return extract(ex, text, len, bom, sink, err);
    /* valid UTF-8 is UTF-8; else GB18030 if it is valid; else UTF-8's error */
    zc_document *doc = extract(ex, text, len, "utf-8", sink, err);
    if (doc || !err || err->code != ZC_ERR_INVALID_UTF8)
        return doc;
    zc_error utf8_err = *err, gb_err;
    doc = extract(ex, text, len, "gb18030", sink, &gb_err);
    if (doc)
        return doc;
    *err = utf8_err;
    return NULL;
}

zc_document *zc_extract_encoded(const zc_extractor *ex, const char *text, size_t len,
                                const char *encoding, zc_error *err) {
    return extract_encoded(ex, text, len, encoding, NULL, err);
}

zc_document *zc_extract_each(const zc_extractor *ex, const char *text, size_t len,
                             const char *encoding, zc_findings_fn each, void *ud, zc_error *err) {
    if (!each) {
        zci_error_set(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET, 0, "NULL findings callback");
        return NULL;
    }
    findings_sink sink = {each, ud};
    return extract_encoded(ex, text, len, encoding ? encoding : "utf-8", &sink, err);
}

void zc_document_free(zc_document *doc) {
    if (!doc)
        return;
    zc_allocator a = doc->arena.a;
    if (doc->r.findings_block)
        a.dealloc(doc->r.findings_block, a.ud);
    zci_arena_release(&doc->arena);
    a.dealloc(doc, a.ud);
}

const char *zc_document_text(const zc_document *doc, size_t *len) {
    if (!doc) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = doc->input_len;
    return doc->input;
}

const char *zc_document_encoding(const zc_document *doc) { return doc ? doc->encoding : NULL; }

const char *zc_document_span_text(const zc_document *doc, zc_span span, size_t *len) {
    if (len)
        *len = 0;
    if (!doc || span.start > span.end || span.end > doc->input_len)
        return NULL;
    if (doc->fix.text) {
        size_t a = repaired_offset(doc, span.start, false);
        size_t b = span.end > span.start ? repaired_offset(doc, span.end, true) : a;
        if (len)
            *len = b - a;
        return doc->fix.text + a;
    }
    zc_span u = zci_encmap_utf8_span(&doc->enc, span);
    size_t a = u.start, b = u.end;
    if (len)
        *len = b - a;
    return doc->text.orig + a;
}

#ifndef ZCI_USE_SSE2
/* The per-byte counts in acc (each at most 255), summed. */
static size_t byte_sum(uint64_t acc) {
    uint64_t pairs =
        (acc & UINT64_C(0x00FF00FF00FF00FF)) + ((acc >> 8) & UINT64_C(0x00FF00FF00FF00FF));
    return (size_t)((pairs * UINT64_C(0x0001000100010001)) >> 48);
}
#endif

/* Continuation bytes (10xxxxxx) in u[a, b): 16 bytes a step under SSE2,
 * else 8, counted per byte lane (no popcount instruction on baseline
 * x86-64). */
static size_t continuations(const unsigned char *u, size_t a, size_t b) {
    size_t c = 0;
#ifdef ZCI_USE_SSE2
    /* as signed bytes, continuations are exactly those below (char)0xC0 */
    const __m128i lead = _mm_set1_epi8((char)0xC0), zero = _mm_setzero_si128();
    while (b - a >= 16) {
        size_t steps = (b - a) / 16 < 255 ? (b - a) / 16 : 255; /* lanes hold 255 */
        __m128i acc = zero;
        for (size_t s = 0; s < steps; s++, a += 16) /* a hit is -1: subtract it */
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(u + a)), lead));
        __m128i sums = _mm_sad_epu8(acc, zero);
        c += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
    }
#else
    for (; a < b && (a & 7); a++)
        c += (u[a] & 0xC0) == 0x80;
    uint64_t acc = 0;
    unsigned words = 0;
    for (; a + 8 <= b; a += 8) {
        uint64_t x;
        memcpy(&x, u + a, 8);
        /* 1 in each byte whose bit 7 is set and bit 6 clear (any byte order) */
        acc += (x & ~(x << 1) & UINT64_C(0x8080808080808080)) >> 7;
        if (++words == 255) { /* before a lane can overflow */
            c += byte_sum(acc);
            acc = 0;
            words = 0;
        }
    }
    c += byte_sum(acc);
#endif
    for (; a < b; a++)
        c += (u[a] & 0xC0) == 0x80;
    return c;
}

/* Block size of the continuation counts zc_document_char_offsets keeps: an
 * offset then counts at most 63 bytes of its own (the totals are 1/16 of
 * the text, freed on return). */
#define CHAR_BLOCK 64

/* Where input offset off stands in the UTF-8 text the document's spans
 * are read from (zc_document_span_text): the input, its conversion, or its
 * repair; inside a character, after it. */
static size_t text_offset(const zc_document *doc, size_t off) {
    return doc->fix.text ? repaired_offset(doc, off, true) : zci_encmap_utf8(&doc->enc, off);
}

zc_status zc_document_char_offsets(const zc_document *doc, size_t *offsets, size_t n) {
    if (!doc || (n && !offsets))
        return ZC_ERR_INVALID_ARG;
    if (n == 0)
        return ZC_OK;
    size_t top = 0;
    for (size_t i = 0; i < n; i++) { /* all checked before any is changed */
        if (offsets[i] > doc->input_len)
            return ZC_ERR_INVALID_ARG;
        size_t to = text_offset(doc, offsets[i]);
        top = to > top ? to : top;
    }
    /* characters before an offset: it less the continuation bytes before it
     * in the UTF-8 text (read with replacements, the repair: an invalid
     * sequence is one character, its U+FFFD), from running totals at every
     * CHAR_BLOCK bytes up to the last offset asked for, then at most a
     * block's bytes: any order costs the same */
    const unsigned char *u =
        (const unsigned char *)(doc->fix.text ? doc->fix.text : doc->text.orig);
    const zc_allocator *a = &doc->arena.a;
    size_t nb = top / CHAR_BLOCK + 1;
    uint32_t *before = a->alloc(nb * sizeof *before, a->ud);
    if (!before)
        return ZC_ERR_NOMEM;
    /* before[k]: continuations in u[0, k * CHAR_BLOCK); 32-bit, as texts are
     * shorter than 4 GiB (ZCI_TEXT_MAX) */
    for (size_t k = 0, c = 0; k < nb; k++) {
        before[k] = (uint32_t)c;
        if (k + 1 < nb)
            c += continuations(u, k * CHAR_BLOCK, (k + 1) * CHAR_BLOCK);
    }
    for (size_t i = 0; i < n; i++) {
        size_t to = text_offset(doc, offsets[i]), k = to / CHAR_BLOCK;
        offsets[i] = to - before[k] - continuations(u, k * CHAR_BLOCK, to);
    }
    a->dealloc(before, a->ud);
    return ZC_OK;
}

size_t zc_document_replacements(const zc_document *doc, size_t *first_offset) {
    if (first_offset)
        *first_offset = doc ? doc->text.first_replacement : ZC_NO_OFFSET;
    return doc ? doc->text.replacements : 0;
}

size_t zc_document_section_count(const zc_document *doc) { return doc ? doc->r.nsections : 0; }

const zc_section *zc_document_section(const zc_document *doc, size_t i) {
    return doc && i < doc->r.nsections ? &doc->r.sections[i] : NULL;
}

size_t zc_document_finding_count(const zc_document *doc) { return doc ? doc->r.nfindings : 0; }

const zc_finding *zc_document_finding(const zc_document *doc, size_t i) {
    return doc && i < doc->r.nfindings ? &doc->r.findings[i] : NULL;
}

const zc_meta *zc_document_meta(const zc_document *doc) { return doc ? &doc->r.meta : NULL; }
