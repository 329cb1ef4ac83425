/* helpers.h -- shared by the cmocka tests: one extractor, lookups by text. */
#ifndef ZC_TEST_HELPERS_H
#define ZC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <zhengce.h>

static zc_extractor *test_ex;

static int setup_extractor(void **state) {
    (void)state;
    zc_error err;
    test_ex = zc_extractor_new(NULL, &err);
    return test_ex ? 0 : -1;
}

static int teardown_extractor(void **state) {
    (void)state;
    zc_extractor_free(test_ex);
    test_ex = NULL;
    return 0;
}

/* Extract a NUL-terminated test string; fails the test on error. */
static zc_document *extract(const char *s) {
    zc_error err;
    zc_document *doc = zc_extract(test_ex, s, strlen(s), &err);
    if (!doc)
        fail_msg("zc_extract failed: %s", err.message);
    return doc;
}

/* The nth finding whose text (original bytes) equals want. */
static inline const zc_finding *finding_nth(const zc_document *doc, const char *want, int nth) {
    size_t len;
    const char *text = zc_document_text(doc, &len);
    for (size_t i = 0; i < zc_document_finding_count(doc); i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        size_t l = f->text.end - f->text.start;
        if (l == strlen(want) && memcmp(text + f->text.start, want, l) == 0 && nth-- == 0)
            return f;
    }
    fail_msg("no finding with text %s", want);
    return NULL;
}
#define finding(doc, want) finding_nth((doc), (want), 0)

/* Does any finding start inside the given substring of the document? */
static inline int has_finding_in(const zc_document *doc, const char *needle) {
    size_t len;
    const char *text = zc_document_text(doc, &len);
    const char *at = strstr(text, needle);
    if (!at)
        fail_msg("needle %s not in text", needle);
    size_t s = (size_t)(at - text), e = s + strlen(needle);
    for (size_t i = 0; i < zc_document_finding_count(doc); i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        if (f->text.start >= s && f->text.start < e)
            return 1;
    }
    return 0;
}

/* Compare a span of the document with a string. */
static inline int span_is(const zc_document *doc, zc_span sp, const char *want) {
    size_t len;
    const char *text = zc_document_text(doc, &len);
    return sp.end - sp.start == strlen(want) && memcmp(text + sp.start, want, strlen(want)) == 0;
}

#endif
