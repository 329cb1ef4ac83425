/*
 * document.c -- the public objects: options, extractor, zc_extract() and
 * the document accessors.
 *
 * zc_extract() runs the stages in order, all on one arena:
 *   copy input -> page-chunk markers -> fold (validates UTF-8) ->
 *   sections and metadata -> quantities -> map every span back to the
 *   caller's bytes.
 */
#include <stdio.h>
#include <string.h>

#include "zc_internal.h"

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

/* Original end of a span ending at folded offset f: the end of the original
 * character behind the last folded one, so that text dropped between two
 * characters (a CR before LF, a zero-width space) stays outside the span. */
static size_t map_end(const zci_text *tx, size_t start, size_t f) {
    if (f <= start)
        return zci_text_orig(tx, f);
    size_t last = zci_prev_char(tx->t, f);
    if (last < start)
        last = start;
    size_t o = zci_text_orig(tx, last), limit = zci_text_orig(tx, f);
    if (o >= tx->olen)
        return limit;
    uint32_t cp;
    int bad = 1;
    int l = zci_utf8_decode((const unsigned char *)tx->orig + o, tx->olen - o, &cp, &bad);
    size_t end = o + (size_t)(l ? l : bad);
    return end < limit ? end : limit;
}

/* Original offset of f, searching forward from *hint first: spans are
 * mapped in text order, so the next breakpoint is usually a few steps on. */
static size_t map_start(const zci_text *tx, size_t f, size_t *hint) {
    size_t k = *hint;
    if (k < tx->nbp && tx->bp_f[k] <= f) {
        for (int steps = 0; steps < 16 && k + 1 < tx->nbp && tx->bp_f[k + 1] <= f; steps++)
            k++;
        if (k + 1 >= tx->nbp || tx->bp_f[k + 1] > f) {
            *hint = k;
            size_t o = f - tx->bp_f[k] + tx->bp_o[k];
            return o > tx->olen ? tx->olen : o;
        }
    }
    size_t o = zci_text_orig(tx, f);
    return o;
}

/* Map every span the stages produced (folded offsets) to original offsets. */
static void map_back(zc_document *doc) {
    const zci_text *tx = &doc->text;
    size_t hint = 0;
#define MAP(sp)                                                                                    \
    do {                                                                                           \
        size_t fs_ = (sp).start;                                                                   \
        (sp).start = map_start(tx, fs_, &hint);                                                    \
        (sp).end = map_end(tx, fs_, (sp).end);                                                     \
        if ((sp).end < (sp).start)                                                                 \
            (sp).end = (sp).start;                                                                 \
    } while (0)
    for (size_t i = 0; i < doc->sections.len; i++) {
        zc_section *s = &ZCI_AT(&doc->sections, zc_section, i);
        MAP(s->marker);
        MAP(s->title);
        MAP(s->body);
    }
    for (size_t i = 0; i < doc->findings.len; i++) {
        zc_finding *f = &ZCI_AT(&doc->findings, zc_finding, i);
        MAP(f->text);
        MAP(f->number);
        MAP(f->unit_text);
        MAP(f->subject);
        MAP(f->deadline);
    }
    MAP(doc->meta.title);
    MAP(doc->meta.issuer);
    MAP(doc->meta.date);
    MAP(doc->meta.doc_number);
#undef MAP
}

static zc_status run_stages(const zc_extractor *ex, zc_document *doc, const char *copy, size_t len,
                            zc_error *err) {
    zci_vec drops;
    zci_vec_init(&drops, 2 * sizeof(size_t));
    if (zci_find_page_chunks(&doc->arena, copy, len, &drops) != ZC_OK)
        return ZC_ERR_NOMEM;
    bool lossy = (ex->opts.flags & ZC_OPT_LOSSY) != 0;
    zc_status st = zci_fold(&ex->fold, &doc->arena, copy, len, drops.data, drops.len, lossy,
                            &doc->text, err);
    if (st)
        return st;
    zci_matcher *m = zci_matcher_new(ex->patterns);
    if (!m)
        return ZC_ERR_NOMEM;
    st = zci_segment(doc, m, ex->opts.max_depth);
    if (!st)
        st = zci_find_quantities(doc, m, ex->opts.flags);
    zci_matcher_free(m);
    if (st)
        return st;
    map_back(doc);
    return ZC_OK;
}

zc_document *zc_extract(const zc_extractor *ex, const char *text, size_t len, zc_error *err) {
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
    zci_vec_init(&doc->sections, sizeof(zc_section));
    zci_vec_init(&doc->findings, sizeof(zc_finding));
    char *copy = zci_arena_alloc(&doc->arena, len + 1);
    zc_status st = ZC_ERR_NOMEM;
    if (copy) {
        if (len)
            memcpy(copy, text, len);
        copy[len] = '\0';
        st = run_stages(ex, doc, copy, len, err);
    }
    if (st != ZC_OK) {
        if (err && err->code == ZC_OK) {
            fail(err, st, ZC_NO_OFFSET,
                 st == ZC_ERR_NOMEM ? "out of memory while extracting" : zc_status_string(st));
        }
        zc_document_free(doc);
        return NULL;
    }
    return doc;
}

void zc_document_free(zc_document *doc) {
    if (!doc)
        return;
    zc_allocator a = doc->arena.a;
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
        *len = doc->text.olen;
    return doc->text.orig;
}

size_t zc_document_replacements(const zc_document *doc, size_t *first_offset) {
    if (first_offset)
        *first_offset = doc ? doc->text.first_replacement : ZC_NO_OFFSET;
    return doc ? doc->text.replacements : 0;
}

size_t zc_document_section_count(const zc_document *doc) { return doc ? doc->sections.len : 0; }

const zc_section *zc_document_section(const zc_document *doc, size_t i) {
    return doc && i < doc->sections.len ? &ZCI_AT(&doc->sections, zc_section, i) : NULL;
}

size_t zc_document_finding_count(const zc_document *doc) { return doc ? doc->findings.len : 0; }

const zc_finding *zc_document_finding(const zc_document *doc, size_t i) {
    return doc && i < doc->findings.len ? &ZCI_AT(&doc->findings, zc_finding, i) : NULL;
}

const zc_meta *zc_document_meta(const zc_document *doc) { return doc ? &doc->meta : NULL; }
