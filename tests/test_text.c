/* test_text.c -- the text layer: UTF-8 validation with exact offsets,
 * folding that maps back to the caller's bytes, odd inputs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

/* Invalid UTF-8 at several positions: the error names the first bad byte. */
static void invalid_utf8_offsets(void **state) {
    (void)state;
    static const struct {
        const char *bytes;
        size_t len, offset;
        uint32_t line;
    } cases[] = {
        {"\xff", 1, 0, 1},
        {"abc\x80", 4, 3, 1},
        {"增长20%\xc3\x28", 11, 9, 1},            /* bad continuation */
        {"一\n二\n\xe4\xb8", 10, 8, 3},           /* truncated at the end */
        {"\xed\xa0\x80", 3, 0, 1},                /* a surrogate */
        {"ok\xc0\xaf", 4, 2, 1},                  /* overlong '/' */
        {"\xf4\x90\x80\x80", 4, 0, 1},            /* above U+10FFFF */
        {"GDP增长20%\r\n以上\xfe", 21, 20, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zc_error err;
        zc_document *doc = zc_extract(test_ex, cases[i].bytes, cases[i].len, &err);
        assert_null(doc);
        assert_int_equal(err.code, ZC_ERR_INVALID_UTF8);
        assert_int_equal(err.offset, cases[i].offset);
        assert_int_equal(err.line, cases[i].line);
        assert_non_null(strstr(err.message, "invalid UTF-8"));
    }
}

/* Lossy mode replaces bad bytes, records where, and still finds things. */
static void lossy_replaces_and_records(void **state) {
    (void)state;
    zc_options o;
    zc_options_init(&o);
    o.flags |= ZC_OPT_LOSSY;
    zc_extractor *ex = zc_extractor_new(&o, NULL);
    const char s[] = "\xff\xfe GDP增长20%以上";
    zc_document *doc = zc_extract(ex, s, sizeof s - 1, NULL);
    assert_non_null(doc);
    size_t first;
    assert_int_equal(zc_document_replacements(doc, &first), 2);
    assert_int_equal(first, 0);
    assert_int_equal(zc_document_finding_count(doc), 1);
    const zc_finding *f = zc_document_finding(doc, 0);
    assert_int_equal(f->text.start, strstr(s, "20%") - s);
    zc_document_free(doc);
    zc_extractor_free(ex);
}

/* Full-width digits and percent fold for matching but the span is the
 * caller's original bytes. */
static void fullwidth_maps_back(void **state) {
    (void)state;
    const char *s = "全年ＧＤＰ增长２０％以上，新增企业１，２００家。";
    zc_document *doc = extract(s);
    const zc_finding *f = finding(doc, "２０％");
    assert_int_equal(f->text.start, strstr(s, "２０％") - s);
    assert_int_equal(f->text.end, strstr(s, "２０％") - s + strlen("２０％"));
    assert_true(f->value == 20);
    assert_string_equal(f->unit, "%");
    assert_int_equal(f->bound, ZC_BOUND_AT_LEAST);
    const zc_finding *g = finding(doc, "１，２００家");
    assert_true(g->value == 1200);
    zc_document_free(doc);
}

/* Zero-width characters and a BOM are skipped but offsets still count them. */
static void zero_width_and_bom(void **state) {
    (void)state;
    const char *s = "\xef\xbb\xbf" "新增" "\xe2\x80\x8b" "孵化器2" "\xe2\x80\x8b" "0家";
    zc_document *doc = extract(s);
    assert_int_equal(zc_document_finding_count(doc), 1);
    const zc_finding *f = zc_document_finding(doc, 0);
    assert_true(f->value == 20);
    assert_int_equal(f->text.start, strstr(s, "2\xe2\x80\x8b") - s);
    assert_int_equal(f->text.end, strlen(s));
    zc_document_free(doc);
}

static void empty_and_tiny_inputs(void **state) {
    (void)state;
    zc_error err;
    zc_document *doc = zc_extract(test_ex, "", 0, &err);
    assert_non_null(doc);
    assert_int_equal(zc_document_section_count(doc), 1); /* the root */
    assert_int_equal(zc_document_finding_count(doc), 0);
    zc_document_free(doc);
    doc = zc_extract(test_ex, NULL, 0, &err);
    assert_non_null(doc);
    zc_document_free(doc);
    doc = zc_extract(test_ex, "7", 1, &err);
    assert_non_null(doc);
    assert_int_equal(zc_document_finding_count(doc), 0);
    zc_document_free(doc);
}

/* NUL bytes are data: text after them is still read, offsets still exact. */
static void nul_inside_input(void **state) {
    (void)state;
    const char s[] = "前言\0GDP增长8%左右";
    zc_document *doc = zc_extract(test_ex, s, sizeof s - 1, NULL);
    assert_non_null(doc);
    assert_int_equal(zc_document_finding_count(doc), 1);
    const zc_finding *f = zc_document_finding(doc, 0);
    assert_int_equal(f->text.start, strlen("前言") + 1 + strlen("GDP增长"));
    assert_int_equal(f->bound, ZC_BOUND_APPROX);
    size_t len;
    const char *copy = zc_document_text(doc, &len);
    assert_int_equal(len, sizeof s - 1);
    assert_memory_equal(copy, s, len);
    zc_document_free(doc);
}

/* CRLF ends lines like LF: headings at line starts are found, offsets are
 * the original ones (CR included). */
static void crlf_input(void **state) {
    (void)state;
    const char *s = "一、工作回顾\r\n新增企业20家。\r\n二、工作打算\r\n新增企业30家以上。\r\n";
    zc_document *doc = extract(s);
    assert_int_equal(zc_document_section_count(doc), 3);
    const zc_section *two = zc_document_section(doc, 2);
    assert_int_equal(two->marker.start, strstr(s, "二、") - s);
    assert_true(span_is(doc, two->title, "工作打算"));
    const zc_finding *f = finding(doc, "30家");
    assert_int_equal(f->text.start, strstr(s, "30家") - s);
    assert_int_equal(f->status, ZC_STAGE_TARGET);
    assert_int_equal(finding(doc, "20家")->status, ZC_STAGE_ACHIEVED);
    zc_document_free(doc);
}

/* The offset map keeps breakpoints in blocks of distances from the block's
 * first (16 bits each): breakpoints 70 KB apart (a block ends early, and a
 * finding between its last breakpoint and the next block's first maps
 * through it) and hundreds in a row (many blocks) map every finding back
 * exactly. */
static void far_and_dense_breakpoints_map_back(void **state) {
    (void)state;
    const char *item = "新增企业１，２００家，"; /* ， and full-width digits fold */
    const char *plain = "，增长20%"; /* nothing folds after its comma */
    const char *dense = "ＧＤＰ增长２０％，";
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (int i = 0; i < 6; i++) {
        int filler = i % 2 ? 10 : 12000; /* 36 KB of 中: no breakpoint */
        memcpy(s + n, item, strlen(item));
        n += strlen(item);
        for (int k = 0; k < filler; k++)
            n += (size_t)sprintf(s + n, "中");
        n += (size_t)sprintf(s + n, "%s", plain);
        for (int k = 0; k < filler; k++)
            n += (size_t)sprintf(s + n, "中");
        n += (size_t)sprintf(s + n, "\r\n");
    }
    for (int i = 0; i < 300; i++) {
        memcpy(s + n, dense, strlen(dense));
        n += strlen(dense);
    }
    s[n] = '\0';
    zc_document *doc = extract(s);
    size_t items = 0, plains = 0, percents = 0;
    for (size_t i = 0; i < zc_document_finding_count(doc); i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        /* each finding is exactly one of the three as written */
        if (span_is(doc, f->text, "１，２００家"))
            items += f->value == 1200;
        else if (span_is(doc, f->text, "20%"))
            plains += f->value == 20;
        else if (span_is(doc, f->text, "２０％"))
            percents += f->value == 20;
        else
            fail_msg("finding %zu maps to bytes %zu-%zu", i, f->text.start, f->text.end);
    }
    assert_int_equal(items, 6);
    assert_int_equal(plains, 6);
    assert_int_equal(percents, 300);
    /* and the last where the text has it */
    const zc_finding *last = zc_document_finding(doc, zc_document_finding_count(doc) - 1);
    assert_int_equal(last->text.start, n - strlen("２０％，"));
    zc_document_free(doc);
    free(s);
}

/* Line breaks cut out of the text (old page breaks inside sentences), with
 * runs of breakpoints between them of every length around a block's (64):
 * the figures after each cut still map to their own bytes. */
static void cuts_between_dense_breakpoints_map_back(void **state) {
    (void)state;
    static const int runs[] = {0, 1, 63, 64, 65, 127, 128, 129, 200, 3};
    const char *dense = "ＧＤＰ增长２０％，";
    size_t cap = 1 << 20, n = 0, want = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        n += (size_t)sprintf(s + n, "中国");
        for (int k = 0; k < runs[i]; k++)
            n += (size_t)sprintf(s + n, "%s", dense);
        want += (size_t)runs[i];
        for (int k = 0; k < 40; k++) /* a long line that stops mid-sentence */
            n += (size_t)sprintf(s + n, "中");
        n += (size_t)sprintf(s + n, i % 2 ? "\n" : "\r\n\r\n");
    }
    s[n] = '\0';
    zc_document *doc = extract(s);
    assert_int_equal(zc_document_finding_count(doc), want);
    for (size_t i = 0; i < want; i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        if (!span_is(doc, f->text, "２０％"))
            fail_msg("finding %zu maps to bytes %zu-%zu", i, f->text.start, f->text.end);
    }
    /* the line breaks were cut: the first subject runs on over one */
    const zc_finding *first = zc_document_finding(doc, 0);
    size_t len;
    const char *subject = zc_document_span_text(doc, first->subject, &len);
    assert_non_null(subject);
    assert_non_null(memchr(subject, '\n', len));
    assert_true(len > 9 && memcmp(subject + len - 9, "ＧＤＰ", 9) == 0);
    zc_document_free(doc);
    free(s);
}

/* p bytes of text that ends where a character may start: 中 and spaces. */
static size_t put_prefix(char *s, size_t p) {
    size_t n = 0;
    for (; n + 3 <= p; n += 3)
        memcpy(s + n, "中", 3);
    for (; n < p; n++)
        s[n] = ' ';
    return n;
}

/* The fold reads the text in blocks (32 bytes with AVX2): every character
 * it changes or must look at, at every offset of a block, folds as it does
 * anywhere, and what follows it maps back to its own bytes. A kept character
 * that runs over a block's end (、) must keep its bytes too. */
static void folds_at_every_block_position(void **state) {
    (void)state;
    static const struct {
        const char *text;
        double values[3];
        const char *spans[3];
    } cases[] = {
        {"分别不少于8家、5家、10家。", {8, 5, 10}, {"8家", "5家", "10家"}},
        {"增长２０％，新增企业８家。", {20, 8, 0}, {"２０％", "８家", NULL}},
        {"增长20%\r新增企业8家。", {20, 8, 0}, {"20%", "8家", NULL}},
        {"增长20%\r\n新增企业8家。", {20, 8, 0}, {"20%", "8家", NULL}},
        {"增长2~3%。", {2, 0, 0}, {"2~3%", NULL, NULL}},
        {"“增长\xe3\x80\x80" "20%”。", {20, 0, 0}, {"20%", NULL, NULL}},
        {"\xef\xbb\xbf增长\xc2\xa0" "20%，😀新增8家。", {20, 8, 0}, {"20%", "8家", NULL}},
    };
    char s[512];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t p = 0; p < 100; p++) {
            size_t n = put_prefix(s, p);
            n += (size_t)sprintf(s + n, "%s", cases[c].text);
            n += put_prefix(s + n, 120); /* the blocks reach past the case */
            s[n] = '\0';
            zc_document *doc = extract(s);
            size_t k = 0;
            for (; k < 3 && cases[c].spans[k]; k++) {
                if (k >= zc_document_finding_count(doc))
                    fail_msg("case %zu at %zu: %zu findings", c, p, zc_document_finding_count(doc));
                const zc_finding *f = zc_document_finding(doc, k);
                if (f->value != cases[c].values[k] || !span_is(doc, f->text, cases[c].spans[k]) ||
                    f->text.start != (size_t)(strstr(s + p, cases[c].spans[k]) - s))
                    fail_msg("case %zu at %zu: finding %zu is %g at %zu", c, p, k, f->value,
                             f->text.start);
            }
            assert_int_equal(zc_document_finding_count(doc), k);
            zc_document_free(doc);
        }
}

/* Broken UTF-8 at every offset of a block, in text of Han and ASCII: the
 * error names the first bad byte, as the byte-at-a-time check would. */
static void invalid_utf8_at_every_block_position(void **state) {
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
    } bad[] = {
        {"\x80", 1},         {"\xff", 1},         {"\xe4\xb8" "a", 3}, {"\xe4" "中", 4},
        {"\xed\xa0\x80", 3}, {"\xc0\xaf", 2},     {"\xe3\x80", 2},     {"\xef\xbc", 2},
        {"\xf0\x9f\x98", 3}, {"\xbf\xbf\xbf", 3},
    };
    char s[512];
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
        for (size_t p = 0; p < 100; p++) {
            size_t n = put_prefix(s, p);
            memcpy(s + n, bad[b].bytes, bad[b].len);
            n += bad[b].len;
            n += put_prefix(s + n, 120);
            zc_error err;
            zc_document *doc = zc_extract(test_ex, s, n, &err);
            if (doc || err.code != ZC_ERR_INVALID_UTF8 || err.offset != p)
                fail_msg("bad %zu at %zu: %s at %zu", b, p, doc ? "accepted" : err.message,
                         doc ? 0 : err.offset);
        }
}

static void too_large_is_refused(void **state) {
    (void)state;
    zc_options o;
    zc_options_init(&o);
    o.max_input_bytes = 10;
    zc_extractor *ex = zc_extractor_new(&o, NULL);
    zc_error err;
    assert_null(zc_extract(ex, "GDP增长20%以上", strlen("GDP增长20%以上"), &err));
    assert_int_equal(err.code, ZC_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "limit"));
    zc_extractor_free(ex);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invalid_utf8_offsets), cmocka_unit_test(lossy_replaces_and_records),
        cmocka_unit_test(fullwidth_maps_back),  cmocka_unit_test(zero_width_and_bom),
        cmocka_unit_test(empty_and_tiny_inputs), cmocka_unit_test(nul_inside_input),
        cmocka_unit_test(crlf_input),           cmocka_unit_test(too_large_is_refused),
        cmocka_unit_test(far_and_dense_breakpoints_map_back),
        cmocka_unit_test(cuts_between_dense_breakpoints_map_back),
        cmocka_unit_test(folds_at_every_block_position),
        cmocka_unit_test(invalid_utf8_at_every_block_position),
    };
    return cmocka_run_group_tests(tests, setup_extractor, teardown_extractor);
}
