/*
 * fuzz_extract.c -- libFuzzer target over the public parse call.
 *
 * The first byte of the input chooses the options (lossy, unitless, section
 * depth); the rest is the document. Every result is checked against the
 * invariants users rely on; a violation traps, so the fuzzer reports it.
 * Built with clang -fsanitize=fuzzer,address,undefined (meson -Dfuzz=true),
 * and with replay.c as a plain program that meson test runs over the seeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <zhengce.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            __builtin_trap();                                                                      \
    } while (0)

static int on_boundary(const uint8_t *s, size_t n, size_t off) {
    return off == n || off == 0 || (s[off] & 0xC0) != 0x80;
}

static void check_span(const uint8_t *s, size_t n, zc_span sp, int valid) {
    CHECK(sp.start <= sp.end);
    CHECK(sp.end <= n);
    if (valid) {
        CHECK(on_boundary(s, n, sp.start));
        CHECK(on_boundary(s, n, sp.end));
    }
}

static void check(const zc_document *doc, const uint8_t *s, size_t n, int valid) {
    size_t ns = zc_document_section_count(doc), nf = zc_document_finding_count(doc);
    CHECK(ns >= 1);
    CHECK(zc_document_section(doc, 0)->parent == ZC_NO_SECTION);
    for (size_t i = 0; i < ns; i++) {
        const zc_section *sec = zc_document_section(doc, i);
        check_span(s, n, sec->marker, valid);
        check_span(s, n, sec->title, valid);
        check_span(s, n, sec->body, valid);
        CHECK(zc_marker_kind_name(sec->kind)[0] != '?');
        CHECK(zc_stage_name(sec->status)[0] != '?');
        if (i > 0) {
            CHECK(sec->parent < i); /* parents come first: a tree */
            const zc_section *p = zc_document_section(doc, sec->parent);
            CHECK(sec->depth > p->depth);
            CHECK(sec->body.start >= zc_document_section(doc, i - 1)->body.start); /* ordered */
        }
    }
    for (size_t i = 0; i < nf; i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        check_span(s, n, f->text, valid);
        check_span(s, n, f->subject, valid);
        check_span(s, n, f->deadline, valid);
        CHECK(f->text.end > f->text.start);
        CHECK(f->section < ns);
        CHECK(f->unit != NULL);
        CHECK(zc_bound_name(f->bound)[0] != '?' && zc_action_name(f->action)[0] != '?');
        CHECK(zc_role_name(f->role)[0] != '?' && zc_unit_class_name(f->unit_class)[0] != '?');
        if (f->bound == ZC_BOUND_RANGE)
            CHECK(f->value_max >= f->value);
        if (i > 0)
            CHECK(zc_document_finding(doc, i - 1)->text.start <= f->text.start); /* sorted */
    }
}

static zc_extractor *extractors[8];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    unsigned which = data[0] & 7;
    if (!extractors[which]) {
        zc_options o;
        zc_options_init(&o);
        o.flags = (which & 1 ? ZC_OPT_LOSSY : 0) | (which & 2 ? ZC_OPT_UNITLESS : 0);
        o.max_depth = which & 4 ? 2 : 6;
        extractors[which] = zc_extractor_new(&o, NULL);
        CHECK(extractors[which] != NULL);
    }
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    zc_error err;
    zc_document *doc = zc_extract(extractors[which], text, n, &err);
    if (!doc) {
        CHECK(err.code != ZC_OK);
        CHECK(strlen(err.message) > 0);
        if (err.code == ZC_ERR_INVALID_UTF8)
            CHECK(err.offset < n && !(which & 1));
        return 0;
    }
    size_t len;
    const char *copy = zc_document_text(doc, &len);
    CHECK(len == n && (n == 0 || memcmp(copy, text, n) == 0));
    check(doc, (const uint8_t *)text, n, zc_document_replacements(doc, NULL) == 0);
    zc_document_free(doc);
    return 0;
}
