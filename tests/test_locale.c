/* test_locale.c -- numbers read and written the same under a locale whose
 * decimal point is a comma. A C program that calls setlocale(LC_ALL, "")
 * in Germany gets such an LC_NUMERIC; strtod and printf follow it. Run with
 * LOCPATH pointing at a generated de_DE.UTF-8 (tests/meson.build). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

static int enter_comma_locale(void **state) {
    (void)state;
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return -1;
    char b[16];
    snprintf(b, sizeof b, "%g", 1.5);
    if (strcmp(b, "1,5") != 0) /* the locale must really have a comma */
        return -1;
    return setup_extractor(state);
}

static int leave_comma_locale(void **state) {
    setlocale(LC_NUMERIC, "C");
    return teardown_extractor(state);
}

typedef struct text_buf {
    char b[8192];
    size_t n;
} text_buf;

static int append(void *ud, const char *bytes, size_t len) {
    text_buf *t = ud;
    if (t->n + len >= sizeof t->b)
        return 1;
    memcpy(t->b + t->n, bytes, len);
    t->n += len;
    t->b[t->n] = '\0';
    return 0;
}

/* Table cells and numbers too long for the exact fast path go through
 * strtod: in a comma locale it would stop at the '.' (8.6 -> 8). */
static void values_read_with_a_point(void **state) {
    (void)state;
    zc_document *doc = extract("指标\t2021年(亿元)\t比上年增长(%)\n"
                               "地区生产总值\t19917.5\t8.6\n"
                               "第一产业\t582.8\t4.8\n\n"
                               "研发投入增长0.12345678901234567890123%。\n");
    assert_true(finding(doc, "8.6")->value == 8.6);
    assert_true(finding(doc, "582.8")->value == 582.8);
    assert_true(finding(doc, "0.12345678901234567890123%")->value == 0.12345678901234567890123);
    zc_document_free(doc);
}

/* Values with more than four decimals are printed by printf: in a comma
 * locale 8,123456 would end the JSON number at the comma. */
static void json_numbers_written_with_a_point(void **state) {
    (void)state;
    zc_document *doc = extract("GDP增长8.123456%，投资增长0.12345678901234567890123%。\n");
    static text_buf out;
    out.n = 0;
    assert_int_equal(zc_document_write_jsonl(doc, "t", 0, append, &out), ZC_OK);
    assert_non_null(strstr(out.b, "\"value\":8.123456,"));
    assert_non_null(strstr(out.b, "\"value\":0.12345678901234568,"));
    assert_null(strstr(out.b, "8,123456"));
    zc_document_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_read_with_a_point),
        cmocka_unit_test(json_numbers_written_with_a_point),
    };
    return cmocka_run_group_tests(tests, enter_comma_locale, leave_comma_locale);
}
