/* test_api.c -- the public contract: version, names, errors, allocator
 * failure, threads, limits and pathological inputs. */
#include <dirent.h>
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

static void version_matches(void **state) {
    (void)state;
    assert_string_equal(zc_version(), ZC_VERSION);
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", ZC_VERSION_MAJOR, ZC_VERSION_MINOR, ZC_VERSION_PATCH);
    assert_string_equal(v, ZC_VERSION);
}

static int refuse(void *ud, const char *bytes, size_t len) {
    (void)ud;
    (void)bytes;
    (void)len;
    return 1;
}

static void names_are_the_spec_strings(void **state) {
    (void)state;
    assert_string_equal(zc_bound_name(ZC_BOUND_AT_LEAST), "at_least");
    assert_string_equal(zc_action_name(ZC_ACTION_SHARE), "share");
    assert_string_equal(zc_stage_name(ZC_STAGE_ESTIMATE), "estimate");
    assert_string_equal(zc_role_name(ZC_ROLE_QUALIFIER), "qualifier");
    assert_string_equal(zc_unit_class_name(ZC_UNIT_PERCENT_POINT), "percent_point");
    assert_string_equal(zc_marker_kind_name(ZC_MARKER_CN_DUN), "cn_dun");
    assert_string_equal(zc_bound_name((zc_bound)99), "?");
    for (int c = 0; c <= ZC_ERR_WRITE; c++)
        assert_true(strlen(zc_status_string((zc_status)c)) > 0);
    /* every value of every enum and every flag bit has its name */
    for (int i = 0; i < ZC_BOUND_COUNT; i++)
        assert_string_not_equal(zc_bound_name((zc_bound)i), "?");
    for (int i = 0; i < ZC_ACTION_COUNT; i++)
        assert_string_not_equal(zc_action_name((zc_action)i), "?");
    for (int i = 0; i < ZC_STAGE_COUNT; i++)
        assert_string_not_equal(zc_stage_name((zc_stage)i), "?");
    for (int i = 0; i < ZC_ROLE_COUNT; i++)
        assert_string_not_equal(zc_role_name((zc_role)i), "?");
    for (int i = 0; i < ZC_UNIT_CLASS_COUNT; i++)
        assert_string_not_equal(zc_unit_class_name((zc_unit_class)i), "?");
    for (int i = 0; i < ZC_MARKER_KIND_COUNT; i++)
        assert_string_not_equal(zc_marker_kind_name((zc_marker_kind)i), "?");
    for (int i = 0; i < ZC_GENRE_COUNT; i++)
        assert_string_not_equal(zc_genre_name((zc_genre)i), "?");
    for (int i = 0; i < ZC_MET_COUNT; i++)
        assert_string_not_equal(zc_met_name((zc_met)i), "?");
    for (unsigned b = 0; b < ZC_FLAG_COUNT; b++)
        assert_string_not_equal(zc_flag_name(b), "?");
    assert_string_equal(zc_flag_name(ZC_FLAG_COUNT), "?");
    assert_string_equal(zc_stage_name(ZC_STAGE_RULE), "rule");
    assert_string_equal(zc_marker_kind_name(ZC_MARKER_ARTICLE), "article");
    assert_string_equal(zc_status_string((zc_status)1000), "unknown status");
}

static void struct_sizes_exported(void **state) {
    (void)state;
    assert_int_equal(zc_struct_size(0), sizeof(zc_finding));
    assert_int_equal(zc_struct_size(1), sizeof(zc_section));
    assert_int_equal(zc_struct_size(2), sizeof(zc_meta));
    assert_int_equal(zc_struct_size(3), sizeof(zc_error));
    assert_int_equal(zc_struct_size(4), sizeof(zc_options));
    assert_int_equal(zc_struct_size(5), sizeof(zc_span));
    assert_int_equal(zc_struct_size(6), 0);
}

static void bad_arguments(void **state) {
    (void)state;
    zc_error err;
    assert_null(zc_extract(NULL, "x", 1, &err));
    assert_int_equal(err.code, ZC_ERR_INVALID_ARG);
    assert_null(zc_extract(test_ex, NULL, 5, &err));
    assert_int_equal(err.code, ZC_ERR_INVALID_ARG);
    zc_options o;
    zc_options_init(&o);
    o.struct_size = 3;
    assert_null(zc_extractor_new(&o, &err));
    assert_int_equal(err.code, ZC_ERR_INVALID_ARG);
    zc_document_free(NULL);
    zc_extractor_free(NULL);
    assert_null(zc_document_section(NULL, 0));
    assert_int_equal(zc_document_finding_count(NULL), 0);
    zc_document *doc = extract("新增企业20家");
    assert_null(zc_document_finding(doc, 1));
    assert_null(zc_document_section(doc, 1));
    zc_document_free(doc);
    /* a length that cannot be copied is an error, not a wrapped size */
    zc_options big;
    zc_options_init(&big);
    big.max_input_bytes = SIZE_MAX;
    zc_extractor *ex = zc_extractor_new(&big, &err);
    assert_non_null(ex);
    assert_null(zc_extract(ex, "x", SIZE_MAX, &err));
    assert_int_equal(err.code, ZC_ERR_NOMEM);
    assert_null(zc_extract(ex, "x", SIZE_MAX - 1, &err));
    assert_int_equal(err.code, ZC_ERR_NOMEM);
    zc_extractor_free(ex);
    /* a borrowed text of 4 GiB or more is too large (offsets inside are
     * 32-bit), refused before a byte of it is read */
    if (SIZE_MAX > UINT32_MAX) {
        big.flags = ZC_OPT_BORROW;
        ex = zc_extractor_new(&big, &err);
        assert_non_null(ex);
        static const char small[16] = "GDP增长8%";
        assert_null(zc_extract(ex, small, (size_t)UINT32_MAX + 1, &err));
        assert_int_equal(err.code, ZC_ERR_TOO_LARGE);
        assert_non_null(strstr(err.message, "32-bit"));
        zc_extractor_free(ex);
    }
    /* a write callback that refuses stops the writer with ZC_ERR_WRITE */
    doc = extract("新增企业20家");
    assert_int_equal(zc_document_write_jsonl(doc, "x", 0, refuse, NULL), ZC_ERR_WRITE);
    assert_int_equal(zc_document_write_jsonl(doc, "x", 0, NULL, NULL), ZC_ERR_INVALID_ARG);
    zc_document_free(doc);
}

/* The indicator table: every id findable by itself and its name. */
static void indicator_table(void **state) {
    (void)state;
    size_t n = zc_indicator_count();
    assert_true(n >= 100);
    for (size_t i = 0; i < n; i++) {
        const zc_indicator *ind = zc_indicator_at(i);
        assert_ptr_equal(zc_indicator_find(ind->id, strlen(ind->id)), ind);
        assert_ptr_equal(zc_indicator_find(ind->name, strlen(ind->name)), ind);
        assert_string_equal(zc_indicator_name(ind->id), ind->name);
        assert_true((unsigned)ind->direction < ZC_DIRECTION_COUNT);
    }
    assert_null(zc_indicator_at(n));
    assert_string_equal(zc_indicator_find("GDP", 3)->id, "gdp");
    assert_string_equal(zc_indicator_find("国内生产总值", strlen("国内生产总值"))->id, "gdp");
    assert_null(zc_indicator_find("第一产业增加值", strlen("第一产业增加值")));
    /* a name is found whole: not by a part of it, nor inside a longer one */
    assert_null(zc_indicator_find("国内生产", strlen("国内生产")));
    assert_null(zc_indicator_find("国内生产总值率", strlen("国内生产总值率")));
    assert_null(zc_indicator_find("GD", 2));
    assert_null(zc_indicator_find("", 0));
    zc_document *doc = extract("全区地区生产总值增长8%，城镇调查失业率5.5%左右。");
    assert_int_equal(zc_document_finding_count(doc), 2);
    assert_string_equal(zc_document_finding(doc, 0)->indicator, "gdp");
    assert_string_equal(zc_document_finding(doc, 1)->indicator, "urban_surveyed_unemployment");
    zc_document_free(doc);
}

/* The panel of one document, which must give one row: the row (p keeps it;
 * the caller frees p). */
static const zc_panel_row *one_row_panel(zc_panel **p, const char *text) {
    *p = zc_panel_new(NULL, NULL);
    assert_non_null(*p);
    zc_document *doc = extract(text);
    assert_int_equal(zc_panel_add(*p, doc, "doc.txt"), ZC_OK);
    zc_document_free(doc);
    assert_int_equal(zc_panel_row_count(*p), 1);
    return zc_panel_row_at(*p, 0);
}

/* A change over several years (比2019年增长30%) is no year's outcome: the
 * year's own (比上年增长5.2%) is, whichever is written first. */
static void panel_takes_one_year_changes(void **state) {
    (void)state;
    zc_panel *p;
    const zc_panel_row *gdp = one_row_panel(&p, "西咸新区2024年工作要点\n一、2023年工作回顾\n"
                                                "2023年，GDP比2019年增长30%，比上年增长5.2%。");
    assert_string_equal(gdp->indicator, "gdp");
    assert_int_equal(gdp->year, 2023);
    assert_true(gdp->has_achieved && gdp->achieved.value == 5.2);
    zc_panel_free(p);
}

/* A target is a level or a rate, not an amount to change by: the deficit
 * planned (of the central budget, the only level given) beats the cut. */
static void panel_target_is_a_level(void **state) {
    (void)state;
    zc_panel *p;
    const zc_panel_row *deficit =
        one_row_panel(&p, "2008年政府工作报告\n一、2008年工作总体要求\n"
                          "同时，削减财政赤字450亿元。今年，中央财政赤字预算拟安排1800亿元。");
    assert_string_equal(deficit->indicator, "fiscal_deficit");
    assert_true(deficit->has_target && deficit->target.value == 1800);
    zc_panel_free(p);
}

/* A target said to hold 届时 (by then) is the deadline's before it, not
 * the year's: the year's growth target is the row's, though said later. */
static void panel_target_by_then_is_no_years(void **state) {
    (void)state;
    zc_panel *p;
    const zc_panel_row *gdp = one_row_panel(
        &p, "2016年政府工作报告\n一、2016年工作总体部署\n到2020年，全面建成小康社会。"
            "届时，国内生产总值超过90万亿元。今年国内生产总值增长6.5%-7%。");
    assert_string_equal(gdp->indicator, "gdp");
    assert_int_equal(gdp->year, 2016);
    assert_true(gdp->has_target && gdp->target.value == 6.5 && gdp->target.value_max == 7);
    zc_panel_free(p);
}

/* A target under a heading that names a plan period (and no year) is the
 * period's: the year's own target is the row's, though said later; a
 * heading that names a year of the plan keeps its targets. */
static void panel_period_targets_are_no_years(void **state) {
    (void)state;
    zc_panel *p;
    const zc_panel_row *rate = one_row_panel(
        &p, "2021年政府工作报告\n一、“十四五”时期主要目标任务\n常住人口城镇化率提高到65%。\n"
            "二、2021年重点工作\n常住人口城镇化率达到64%左右。\n");
    assert_string_equal(rate->indicator, "urbanization_rate");
    assert_int_equal(rate->year, 2021);
    assert_true(rate->has_target && rate->target.value == 64);
    zc_panel_free(p);
    rate = one_row_panel(&p, "1959年政府工作报告\n一、第二个五年计划的第二年——一九五九年的任务\n"
                             "常住人口城镇化率提高到65%。\n");
    assert_int_equal(rate->year, 1959);
    assert_true(rate->has_target && rate->target.value == 65);
    zc_panel_free(p);
}

/* The panel from two documents: a plan's target, next year's outcome. */
static void panel_pairs_and_judges(void **state) {
    (void)state;
    zc_panel *p = zc_panel_new(NULL, NULL);
    assert_non_null(p);
    zc_document *plan = extract("西咸新区2023年工作要点\n一、主要目标\nGDP增长8%以上，城镇登记失业率控制在4%以内。");
    zc_document *review =
        extract("西咸新区2024年工作要点\n一、2023年工作回顾\nGDP增长9.1%，城镇登记失业率4.2%。");
    assert_int_equal(zc_panel_add(p, plan, "plan.txt"), ZC_OK);
    assert_int_equal(zc_panel_add(p, review, "review.txt"), ZC_OK);
    zc_document_free(plan);
    zc_document_free(review); /* the panel keeps its own copy */
    assert_int_equal(zc_panel_row_count(p), 2);
    const zc_panel_row *gdp = zc_panel_row_at(p, 0), *jobless = zc_panel_row_at(p, 1);
    assert_string_equal(gdp->indicator, "gdp");
    assert_string_equal(gdp->place, "西咸新区");
    assert_int_equal(gdp->year, 2023);
    assert_true(gdp->has_target && gdp->has_achieved);
    assert_true(gdp->target.value == 8 && gdp->achieved.value == 9.1);
    assert_int_equal(gdp->met, ZC_MET_YES);
    assert_string_equal(gdp->target.doc, "plan.txt");
    assert_string_equal(gdp->achieved.doc, "review.txt");
    assert_string_equal(jobless->indicator, "urban_registered_unemployment");
    assert_int_equal(jobless->met, ZC_MET_NO); /* 4.2% over a ceiling of 4% */
    assert_null(zc_panel_row_at(p, 2));
    assert_int_equal(zc_panel_write(p, ZC_PANEL_CSV, refuse, NULL), ZC_ERR_WRITE);
    zc_panel_free(p);
    zc_panel_free(NULL);
}

/* ------------------------------------------------ allocation failure */


typedef struct counting {
    long calls, fail_at, live;
} counting;

static void *failing_alloc(size_t size, void *ud) {
    counting *c = ud;
    if (++c->calls == c->fail_at)
        return NULL;
    void *p = malloc(size);
    if (p)
        c->live++;
    return p;
}
static void counted_free(void *p, void *ud) {
    counting *c = ud;
    if (p) {
        c->live--;
        free(p);
    }
}

/* An extractor whose allocator fails its c->fail_at-th allocation, or NULL
 * when that one was the extractor's own (ZC_ERR_NOMEM, nothing leaked). */
static zc_extractor *failing_extractor(counting *c, zc_allocator *a) {
    *a = (zc_allocator){failing_alloc, counted_free, c};
    zc_options o;
    zc_options_init(&o);
    o.allocator = a;
    zc_error err;
    zc_extractor *ex = zc_extractor_new(&o, &err);
    if (!ex) {
        assert_int_equal(err.code, ZC_ERR_NOMEM);
        assert_int_equal(c->live, 0);
    }
    return ex;
}

/* Fail the k-th allocation for k = 1, 2, ... until everything succeeds:
 * each failure must be ZC_ERR_NOMEM with nothing leaked. */
static void allocation_failure_every_point(void **state) {
    (void)state;
    const char *s = "一、2023年工作情况\n新增高企184家、总量402家。\n二、工作打算\n"
                    "新增专业孵化器、众创空间分别不少于8家、10家。GDP增长20%以上。";
    for (long k = 1;; k++) {
        counting c = {0, k, 0};
        zc_allocator a;
        zc_extractor *ex = failing_extractor(&c, &a);
        if (!ex)
            continue;
        zc_error err;
        zc_document *doc = zc_extract(ex, s, strlen(s), &err);
        if (doc && c.calls >= k) {
            /* a failure the library may absorb: PCRE2's JIT is optional */
            zc_document_free(doc);
            zc_extractor_free(ex);
            assert_int_equal(c.live, 0);
            continue;
        }
        if (doc) {
            assert_int_equal(zc_document_finding_count(doc), 5);
            zc_document_free(doc);
            zc_extractor_free(ex);
            assert_int_equal(c.live, 0);
            break;
        }
        assert_int_equal(err.code, ZC_ERR_NOMEM);
        zc_extractor_free(ex);
        assert_int_equal(c.live, 0);
        assert_true(k < 100000);
    }
}


/* A document dense with figures has its findings made in the figures' own
 * array (dropped figures moved out first, then from the last): every
 * finding as written and where written, with the default allocator and a
 * caller's, whose count of live blocks returns to 0. */
static void dense_findings_made_in_place(void **state) {
    (void)state;
    const char *item = "一是新增企业8家，编号3，增长20%；"; /* 编号3: a figure, dropped */
    size_t len = strlen(item), reps = 3000, n = len * reps;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t r = 0; r < reps; r++)
        memcpy(s + r * len, item, len);
    s[n] = '\0';
    size_t at8 = (size_t)(strstr(item, "8家") - item), at20 = (size_t)(strstr(item, "20%") - item);
    counting c = {0, 0, 0};
    zc_allocator counted = {failing_alloc, counted_free, &c};
    for (int own = 0; own < 2; own++) {
        zc_options o;
        zc_options_init(&o);
        o.allocator = own ? &counted : NULL;
        zc_extractor *ex = zc_extractor_new(&o, NULL);
        zc_document *doc = zc_extract(ex, s, n, NULL);
        assert_non_null(doc);
        assert_int_equal(zc_document_finding_count(doc), 2 * reps);
        for (size_t i = 0; i < 2 * reps; i++) {
            const zc_finding *f = zc_document_finding(doc, i);
            size_t start = (i / 2) * len + (i % 2 ? at20 : at8);
            assert_int_equal(f->text.start, start);
            assert_int_equal(f->text.end, start + strlen(i % 2 ? "20%" : "8家"));
            assert_true(f->value == (i % 2 ? 20 : 8));
            assert_string_equal(f->unit, i % 2 ? "%" : "家");
        }
        zc_document_free(doc);
        zc_extractor_free(ex);
    }
    assert_int_equal(c.live, 0);
    free(s);
}

/* UTF-8 text s[0, n) in encoding `to` (iconv's name) into out, a
 * character at a time; returns its bytes, and sets at[i] to the encoded
 * offset of UTF-8 offset i at every character start and at n. */
static size_t encode_as(const char *to, const char *s, size_t n, char *out, size_t cap, size_t *at) {
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, inleft = l, outleft = cap - w;
        char *in = (char *)s + i, *dst = out + w;
        at[i] = w;
        assert_true(iconv(cd, &in, &inleft, &dst, &outleft) != (size_t)-1);
        w = (size_t)(dst - out);
        i += l;
    }
    at[n] = w;
    iconv_close(cd);
    return w;
}

/* Text in UTF-16 (both byte orders) and GB18030: the same findings and
 * headings as the UTF-8 text, every span in the caller's bytes, characters
 * outside the BMP (a surrogate pair; four bytes of GB18030) and far from
 * the start included, and read back as they were; a surrogate without its
 * pair or a last odd byte is an error at its offset. */
/* GB18030 is read by a table of its two-byte characters, built once the
 * process has read 128 KB of it, which then serves every text: it must read
 * what iconv reads. Every two-byte code iconv takes, three times over (144 KB),
 * with four-byte characters and ASCII among them; a bad byte and a cut
 * four-byte character deep in it, the errors at their offsets; a short text
 * read after it. */
static void gb18030_reads_as_iconv(void **state) {
    (void)state;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    assert_true(cd != (iconv_t)-1);
    size_t cap = 200000, n = 0, starts = 0;
    unsigned char *gb = malloc(cap);
    char *want = malloc(2 * cap), *out = malloc(8);
    size_t *start = malloc(cap * sizeof *start); /* character starts */
    assert_non_null(gb);
    assert_non_null(want);
    assert_non_null(out);
    assert_non_null(start);
    static const char *const four[] = {"\x81\x30\x81\x30", "\x84\x31\xa4\x39", "\x90\x30\x81\x30",
                                       "\x95\x32\x82\x36", "\xe3\x32\x9a\x35"};
    for (int round = 0; round < 3; round++)
        for (unsigned lead = 0x81, k = 0; lead <= 0xFE; lead++)
            for (unsigned trail = 0x40; trail <= 0xFE; trail++, k++) {
                char code[2] = {(char)lead, (char)trail}, *ip = code, *op = out;
                size_t il = 2, ol = 8;
                iconv(cd, NULL, NULL, NULL, NULL);
                if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
                    continue; /* not a character to iconv */
                start[starts++] = n;
                gb[n++] = (unsigned char)lead;
                gb[n++] = (unsigned char)trail;
                if (k % 97 == 0) {
                    start[starts++] = n;
                    memcpy(gb + n, four[k % 5], 4);
                    n += 4;
                    start[starts++] = n;
                    gb[n++] = (unsigned char)('A' + k % 26);
                }
            }
    assert_true(n >= 128 * 1024 && n + 8 < cap);
    char *ip = (char *)gb, *op = want;
    size_t il = n, ol = 2 * cap;
    iconv(cd, NULL, NULL, NULL, NULL);
    assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0);
    size_t wn = (size_t)(op - want), len;
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    zc_error err;
    zc_document *doc = zc_extract_encoded(ex, (const char *)gb, n, "gb18030", &err);
    assert_non_null(doc);
    const char *got = zc_document_span_text(doc, (zc_span){0, n}, &len);
    assert_int_equal(len, wn);
    assert_memory_equal(got, want, wn);
    zc_document_free(doc);
    /* a byte no character starts with, a four-byte character cut short,
     * each at a character start deep in the text, and a lead byte last */
    static const struct {
        const char *bytes;
        size_t len;
        const char *message;
    } bad[] = {{"\x80", 1, "bytes that are not GB18030 starting with 0x80"},
               {"\x81\x30\x41\x41", 4, "bytes that are not GB18030 starting with 0x81"},
               {"\xb0", 1, "bytes that are not GB18030 starting with 0xb0"}};
    zc_options borrow;
    zc_options_init(&borrow);
    borrow.flags = ZC_OPT_BORROW; /* the bytes read where they are */
    zc_extractor *in_place = zc_extractor_new(&borrow, NULL);
    for (size_t b = 0; b < 3; b++) {
        size_t at = b < 2 ? start[starts * (2 + b) / 4] : n;
        unsigned char *spoilt = malloc(n + bad[b].len); /* (exact: a read past it is ASan's) */
        assert_non_null(spoilt);
        memcpy(spoilt, gb, at);
        memcpy(spoilt + at, bad[b].bytes, bad[b].len);
        memcpy(spoilt + at + bad[b].len, gb + at, n - at);
        assert_null(zc_extract_encoded(in_place, (const char *)spoilt, n + bad[b].len, "gb18030", &err));
        assert_int_equal(err.code, ZC_ERR_ENCODING);
        assert_int_equal(err.offset, at);
        assert_string_equal(err.message, bad[b].message);
        free(spoilt);
    }
    /* texts of 1 to 40 Han characters (read 16 a step), each in a buffer
     * of its size, read in place: a look past the last is ASan's */
    for (size_t k = 1; k <= 40; k++) {
        unsigned char *han = malloc(2 * k);
        assert_non_null(han);
        for (size_t j = 0; j < 2 * k; j++)
            han[j] = (unsigned char)"\xd0\xc2\xd4\xf6\xc6\xf3\xd2\xb5"[j % 8]; /* 新增企业 */
        doc = zc_extract_encoded(in_place, (const char *)han, 2 * k, "gb18030", &err);
        assert_non_null(doc);
        got = zc_document_span_text(doc, (zc_span){0, 2 * k}, &len);
        assert_int_equal(len, 3 * k);
        assert_memory_equal(got, "新增企业新增企业新增企业新增企业新增企业新增企业新增企业新增企业新增企业新增企业",
                            len);
        zc_document_free(doc);
        free(han);
    }
    zc_extractor_free(in_place);
    /* a short text now: GDP增长8%，新增企业20家 */
    const char small[] = "GDP\xd4\xf6\xb3\xa4" "8%,\xd0\xc2\xd4\xf6\xc6\xf3\xd2\xb5" "20\xbc\xd2";
    doc = zc_extract_encoded(ex, small, sizeof small - 1, "gb18030", &err);
    assert_non_null(doc);
    got = zc_document_span_text(doc, (zc_span){0, sizeof small - 1}, &len);
    assert_int_equal(len, strlen("GDP增长8%,新增企业20家"));
    assert_memory_equal(got, "GDP增长8%,新增企业20家", len);
    assert_int_equal(zc_document_finding_count(doc), 2);
    zc_document_free(doc);
    zc_extractor_free(ex);
    iconv_close(cd);
    free(gb);
    free(want);
    free(out);
    free(start);
}

/* UTF-16 in runs of characters of three UTF-8 bytes, read 16 code units a
 * step, with what stops a step among them (U+07FF, ASCII, a surrogate pair,
 * the edges U+0800 U+D7FF U+E000 U+FFFF): read as iconv reads it, both byte
 * orders. */
static void utf16_reads_as_iconv(void **state) {
    (void)state;
    enum { UNITS = 60000 };
    static unsigned char le[2 * UNITS], be[2 * UNITS];
    static char want[4 * UNITS];
    static const uint32_t odd[] = {0x7FF, 0x41, 0x1F642, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x3002, 0xA};
    size_t n = 0;
    uint32_t r = 14;
    while (n + 4 <= 2 * UNITS - 64) {
        r = r * 1103515245u + 12345u;
        uint32_t cp = (r >> 16) % 23 == 0 ? odd[(r >> 8) % 9] : 0x4E00 + (r >> 12) % 0x5200;
        uint16_t u[2] = {(uint16_t)cp, 0};
        size_t m = 1;
        if (cp > 0xFFFF) {
            u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            m = 2;
        }
        for (size_t j = 0; j < m; j++, n += 2) {
            le[n] = be[n + 1] = (unsigned char)(u[j] & 0xFF);
            le[n + 1] = be[n] = (unsigned char)(u[j] >> 8);
        }
    }
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    static const char *const forms[][2] = {{"UTF-16LE", "utf-16le"}, {"UTF-16BE", "utf-16be"}};
    for (int f = 0; f < 2; f++) {
        iconv_t cd = iconv_open("UTF-8", forms[f][0]);
        assert_true(cd != (iconv_t)-1);
        char *ip = (char *)(f ? be : le), *op = want;
        size_t il = n, ol = sizeof want, len;
        assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0);
        iconv_close(cd);
        zc_document *doc = zc_extract_encoded(ex, f ? (const char *)be : (const char *)le, n,
                                              forms[f][1], NULL);
        assert_non_null(doc);
        const char *got = zc_document_span_text(doc, (zc_span){0, n}, &len);
        assert_int_equal(len, (size_t)(op - want));
        assert_memory_equal(got, want, len);
        zc_document_free(doc);
    }
    zc_extractor_free(ex);
}

static void converted_spans_in_the_callers_bytes(void **state) {
    (void)state;
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    char s[8192];
    int n = snprintf(s, sizeof s, "标题\n");
    /* figures every few dozen characters, 𠀀 and 🙂 among them; before each
     * line's subject a run of Han that puts its start at place i of a
     * 16-character block (the map marks every 16th character): at 5 and on,
     * the block is Han alone and is read by division, not walked (but where
     * 㐀 is, three bytes of UTF-8 from four of GB18030) */
    static const char han[] = "全年推进产业转型升级加快建设现代化经济体系提高质量效益"
                              "㐀年推进产业转型升级加快建设现代化经济体系提高质量效益";
    for (int i = 0; i < 16; i++) {
        n += snprintf(s + n, sizeof s - (size_t)n, "%s、工作𠀀%d\n",
                      (const char *[]){"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                       "十一", "十二", "十三", "十四", "十五", "十六"}[i],
                      i);
        size_t chars = 0;
        for (int k = 0; k < n; k++)
            chars += ((unsigned char)s[k] & 0xC0) != 0x80;
        int run = 16 + (int)(((size_t)i + 32 - (chars + 3) % 16) % 16); /* ，全省, then it */
        n += snprintf(s + n, sizeof s - (size_t)n,
                      "%.*s，全省规模以上工业增加值增长%d.5%%，新增企业%d家🙂。\n", 3 * run, han,
                      i + 2, 10 * i + 3);
    }
    /* and a block of 15 Han and a · (two bytes of UTF-8 from two), looked
     * into by the sweep of every offset below */
    n += snprintf(s + n, sizeof s - (size_t)n, "%.48s·%.48s。\n", han, han + 48);
    static size_t at[8192];
    static char enc[16384];
    zc_document *ref = zc_extract(ex, s, (size_t)n, NULL);
    assert_non_null(ref);
    size_t count = zc_document_finding_count(ref), heads = zc_document_section_count(ref);
    assert_true(count >= 32);
    assert_int_equal(heads, 17);
    static const char *const names[][2] = {{"UTF-16LE", "utf-16le"}, {"UTF-16BE", "utf-16be"},
                                           {"GB18030", "gb18030"}};
    for (size_t e = 0; e < 3; e++) {
        size_t m = encode_as(names[e][0], s, (size_t)n, enc, sizeof enc, at);
        zc_document *doc = zc_extract_encoded(ex, enc, m, names[e][1], NULL);
        assert_non_null(doc);
        assert_int_equal(zc_document_finding_count(doc), count);
        assert_int_equal(zc_document_section_count(doc), heads);
        for (size_t i = 0; i < count; i++) {
            const zc_finding *a = zc_document_finding(ref, i), *b = zc_document_finding(doc, i);
            if (b->text.start != at[a->text.start] || b->text.end != at[a->text.end] ||
                b->subject.start != at[a->subject.start] || b->subject.end != at[a->subject.end] ||
                b->value != a->value)
                fail_msg("%s finding %zu: %zu-%zu, want %zu-%zu", names[e][0], i, b->text.start,
                         b->text.end, at[a->text.start], at[a->text.end]);
            /* code points, either way; the subject's text read back through the map */
            size_t cp[4] = {a->text.start, a->subject.start, b->text.start, b->subject.start};
            assert_int_equal(zc_document_char_offsets(ref, cp, 2), ZC_OK);
            assert_int_equal(zc_document_char_offsets(doc, cp + 2, 2), ZC_OK);
            assert_int_equal(cp[0], cp[2]);
            assert_int_equal(cp[1], cp[3]);
            size_t la, lb;
            const char *ta = zc_document_span_text(ref, a->subject, &la);
            const char *tb = zc_document_span_text(doc, b->subject, &lb);
            assert_true(ta && tb);
            assert_int_equal(la, lb);
            assert_memory_equal(ta, tb, la);
        }
        /* every character start of the caller's bytes: its code point, and
         * the text of a span of up to 40 characters from it */
        static size_t offs[8192];
        size_t chars = 0;
        for (size_t j = 0; j < (size_t)n; j++)
            if (((unsigned char)s[j] & 0xC0) != 0x80)
                offs[chars++] = at[j];
        assert_int_equal(zc_document_char_offsets(doc, offs, chars), ZC_OK);
        for (size_t j = 0, c = 0, k = 0; j < (size_t)n; j++) {
            if (((unsigned char)s[j] & 0xC0) == 0x80)
                continue;
            if (offs[c] != c)
                fail_msg("%s: code point %zu of byte %zu, want %zu", names[e][0], offs[c], at[j], c);
            size_t end = j;
            for (k = 0; end < (size_t)n && k < c % 41; k++) /* on c % 41 characters */
                while (++end < (size_t)n && ((unsigned char)s[end] & 0xC0) == 0x80)
                    ;
            size_t len;
            const char *got = zc_document_span_text(doc, (zc_span){at[j], at[end]}, &len);
            if (!got || len != end - j || memcmp(got, s + j, len) != 0)
                fail_msg("%s: the text of %zu-%zu", names[e][0], at[j], at[end]);
            c++;
        }
        for (size_t i = 1; i < heads; i++) { /* 工作𠀀3: the titles' text, as written */
            const zc_section *a = zc_document_section(ref, i), *b = zc_document_section(doc, i);
            assert_int_equal(b->title.start, at[a->title.start]);
            assert_int_equal(b->title.end, at[a->title.end]);
            size_t la, lb;
            const char *ta = zc_document_span_text(ref, a->title, &la);
            const char *tb = zc_document_span_text(doc, b->title, &lb);
            assert_true(ta && tb && la > 4);
            assert_int_equal(la, lb);
            assert_memory_equal(ta, tb, la);
        }
        zc_document_free(doc);
        if (e == 2)
            break;
        /* a low surrogate alone, then a last odd byte */
        size_t cut = at[strstr(s, "三、") - s], hi = e == 0;
        char keep[2] = {enc[cut], enc[cut + 1]};
        enc[cut + !hi] = 0x00;
        enc[cut + hi] = (char)0xDC;
        zc_error err;
        assert_null(zc_extract_encoded(ex, enc, m, names[e][1], &err));
        assert_int_equal(err.code, ZC_ERR_ENCODING);
        assert_int_equal(err.offset, cut);
        memcpy(enc + cut, keep, 2);
        assert_null(zc_extract_encoded(ex, enc, m - 1, names[e][1], &err));
        assert_int_equal(err.offset, m - 2);
    }
    zc_document_free(ref);
    zc_extractor_free(ex);
}

/* Code-point offsets for a binding: any order, each written back in its
 * place; a bad offset changes nothing; through a conversion too. */
static void char_offsets(void **state) {
    (void)state;
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    const char *s = "GDP增长8%，新增企业20家。"; /* 3 ASCII, then 增 at byte 3 */
    zc_document *doc = zc_extract(ex, s, strlen(s), NULL);
    assert_non_null(doc);
    size_t up[] = {0, 3, 6, 9, 10, strlen(s)};
    assert_int_equal(zc_document_char_offsets(doc, up, 6), ZC_OK);
    size_t want_up[] = {0, 3, 4, 5, 6, 16};
    assert_memory_equal(up, want_up, sizeof up);
    size_t any[] = {9, 0, strlen(s), 3};
    assert_int_equal(zc_document_char_offsets(doc, any, 4), ZC_OK);
    size_t want_any[] = {5, 0, 16, 3};
    assert_memory_equal(any, want_any, sizeof any);
    size_t bad[] = {3, strlen(s) + 1};
    assert_int_equal(zc_document_char_offsets(doc, bad, 2), ZC_ERR_INVALID_ARG);
    assert_int_equal(bad[0], 3);
    assert_int_equal(zc_document_char_offsets(NULL, up, 1), ZC_ERR_INVALID_ARG);
    assert_int_equal(zc_document_char_offsets(doc, NULL, 0), ZC_OK);
    zc_document_free(doc);
    /* GB18030: two bytes per Han character, spans into those bytes */
    const char gb[] = "GDP\xd4\xf6\xb3\xa4" "8%"; /* GDP增长8% */
    doc = zc_extract_encoded(ex, gb, sizeof gb - 1, "gb18030", NULL);
    assert_non_null(doc);
    size_t g[] = {sizeof gb - 1, 7, 5, 3};
    assert_int_equal(zc_document_char_offsets(doc, g, 4), ZC_OK);
    size_t want_g[] = {7, 5, 4, 3};
    assert_memory_equal(g, want_g, sizeof g);
    zc_document_free(doc);
    zc_extractor_free(ex);
    /* read lossy, an invalid sequence is one character, its U+FFFD: a lone
     * continuation byte, a surrogate's three bytes (three maximal subparts,
     * as the JSON text has them), a Han character cut short (one) */
    zc_options lo;
    zc_options_init(&lo);
    lo.flags = ZC_OPT_LOSSY;
    ex = zc_extractor_new(&lo, NULL);
    const char bad_utf8[] = "\x80GDP\xed\xa0\x80\xe5\xa2\x9e\xe9\x95\xbf\xe5\xa2" "8%"; /* GDP增长8% */
    doc = zc_extract(ex, bad_utf8, sizeof bad_utf8 - 1, NULL);
    assert_non_null(doc);
    assert_int_equal(zc_document_replacements(doc, NULL), 5);
    size_t r[] = {sizeof bad_utf8 - 1, 15, 1, 7, 4, 5, 0};
    assert_int_equal(zc_document_char_offsets(doc, r, 7), ZC_OK);
    size_t want_r[] = {12, 10, 1, 7, 4, 5, 0};
    assert_memory_equal(r, want_r, sizeof r);
    assert_int_equal(zc_document_finding_count(doc), 1);
    size_t f[] = {zc_document_finding(doc, 0)->text.start};
    assert_int_equal(zc_document_char_offsets(doc, f, 1), ZC_OK);
    assert_int_equal(f[0], 10);
    zc_document_free(doc);
    zc_extractor_free(ex);
    /* the sort's memory failing: an error, nothing changed, nothing leaked */
    counting c = {0, 0, 0};
    zc_allocator a = {failing_alloc, counted_free, &c};
    zc_options o;
    zc_options_init(&o);
    o.allocator = &a;
    ex = zc_extractor_new(&o, NULL);
    doc = zc_extract(ex, s, strlen(s), NULL);
    assert_non_null(doc);
    c.fail_at = c.calls + 1;
    size_t again[] = {9, 0};
    assert_int_equal(zc_document_char_offsets(doc, again, 2), ZC_ERR_NOMEM);
    assert_int_equal(again[0], 9);
    zc_document_free(doc);
    zc_extractor_free(ex);
    /* and the order's memory for lossy text */
    o.flags = ZC_OPT_LOSSY;
    ex = zc_extractor_new(&o, NULL);
    doc = zc_extract(ex, bad_utf8, sizeof bad_utf8 - 1, NULL);
    assert_non_null(doc);
    c.fail_at = c.calls + 1;
    assert_int_equal(zc_document_char_offsets(doc, again, 2), ZC_ERR_NOMEM);
    assert_int_equal(again[0], 9);
    zc_document_free(doc);
    zc_extractor_free(ex);
    assert_int_equal(c.live, 0);
}

/* Code points at every character boundary of a text long enough for the
 * wide counting steps (16 and 8 bytes) and the 256-byte running totals,
 * against a count a byte at a time: 1-, 2-, 3- and 4-byte characters in
 * every alignment. */
static void char_offsets_long(void **state) {
    (void)state;
    static const char *const chars[] = {"a", "\xc3\xa9", "\xe5\xa2\x9e", "\xf0\x9f\x98\x80",
                                        "G", "\xef\xbc\x8c", "\n"};
    char text[5000];
    size_t n = 0, bounds[5000], nb = 0;
    for (unsigned k = 1; n + 4 < sizeof text; k = k * 7 + 3) {
        const char *c = chars[k % 7];
        bounds[nb++] = n;
        memcpy(text + n, c, strlen(c));
        n += strlen(c);
    }
    bounds[nb++] = n;
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    zc_document *doc = zc_extract(ex, text, n, NULL);
    assert_non_null(doc);
    size_t *got = malloc(nb * sizeof *got);
    assert_non_null(got);
    for (size_t i = 0; i < nb; i++) /* backwards: any order is allowed */
        got[i] = bounds[nb - 1 - i];
    assert_int_equal(zc_document_char_offsets(doc, got, nb), ZC_OK);
    for (size_t i = 0; i < nb; i++) {
        size_t want = 0;
        for (size_t b = 0; b < bounds[nb - 1 - i]; b++)
            want += ((unsigned char)text[b] & 0xC0) != 0x80;
        assert_int_equal(got[i], want);
    }
    free(got);
    zc_document_free(doc);
    zc_extractor_free(ex);
}

/* Read lossy, a span's text is UTF-8: each invalid sequence of it one
 * U+FFFD, spans over, around and inside them, near and far from the
 * 256-byte marks, against the pieces the text was made of. */
static void span_text_lossy(void **state) {
    (void)state;
    /* a piece and its text as U+FFFD replaces it: a lone continuation, a
     * surrogate's three bytes (three sequences), a Han character cut short
     * before ASCII (one), an out-of-range lead, valid characters */
    static const char *const pieces[][2] = {
        {"\x80", "\xEF\xBF\xBD"},
        {"\xed\xa0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xe5\xa2" "8", "\xEF\xBF\xBD" "8"},
        {"\xff", "\xEF\xBF\xBD"},
        {"增长", "增长"},
        {"GDP", "GDP"},
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
        {"，", "，"},
    };
    enum { PIECES = 8, MAX = 6000 };
    char *text = malloc(MAX), *want = malloc(3 * MAX);
    size_t *bound = malloc(MAX * sizeof *bound), *wbound = malloc(MAX * sizeof *wbound);
    assert_true(text && want && bound && wbound);
    size_t n = 0, w = 0, nb = 0;
    for (unsigned k = 1; n + 8 < MAX; k = k * 7 + 3) {
        /* mostly valid text, with runs of invalid bytes now and then */
        unsigned which = k % 31 < 4 ? k % 31 : 4 + k % 4;
        bound[nb] = n;
        wbound[nb++] = w;
        memcpy(text + n, pieces[which][0], strlen(pieces[which][0]));
        n += strlen(pieces[which][0]);
        memcpy(want + w, pieces[which][1], strlen(pieces[which][1]));
        w += strlen(pieces[which][1]);
    }
    bound[nb] = n;
    wbound[nb++] = w;
    zc_options o;
    zc_options_init(&o);
    o.flags = ZC_OPT_LOSSY;
    zc_extractor *ex = zc_extractor_new(&o, NULL);
    zc_document *doc = zc_extract(ex, text, n, NULL);
    assert_non_null(doc);
    assert_true(zc_document_replacements(doc, NULL) > 0);
    size_t len;
    const char *got = zc_document_span_text(doc, (zc_span){0, n}, &len);
    assert_int_equal(len, w);
    assert_memory_equal(got, want, w);
    for (size_t i = 0; i < nb; i++)
        for (size_t j = i; j < nb && j < i + 40; j += 1 + j % 3) {
            got = zc_document_span_text(doc, (zc_span){bound[i], bound[j]}, &len);
            assert_int_equal(len, wbound[j] - wbound[i]);
            assert_memory_equal(got, want + wbound[i], len);
        }
    /* a span starting or ending inside the cut character (E5 A2): the whole
     * sequence, once */
    const char cut[] = "GDP\xe5\xa2" "8%";
    zc_document *small = zc_extract(ex, cut, sizeof cut - 1, NULL);
    assert_non_null(small);
    got = zc_document_span_text(small, (zc_span){4, 6}, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(got, "\xEF\xBF\xBD" "8", 4);
    got = zc_document_span_text(small, (zc_span){0, 4}, &len);
    assert_int_equal(len, 6);
    assert_memory_equal(got, "GDP\xEF\xBF\xBD", 6);
    got = zc_document_span_text(small, (zc_span){4, 4}, &len);
    assert_int_equal(len, 0);
    assert_null(zc_document_span_text(small, (zc_span){0, sizeof cut}, &len));
    zc_document_free(small);
    free(text);
    free(want);
    free(bound);
    free(wbound);
    zc_document_free(doc);
    zc_extractor_free(ex);
}

/* ZC_OPT_BORROW: the document refers to the caller's bytes, and reads them
 * exactly as a copy would be read. */
static void borrowed_text(void **state) {
    (void)state;
    const char *s = "一、目标\n力争GDP增长8%左右，新增企业20家以上。\n";
    zc_options o;
    zc_options_init(&o);
    o.flags = ZC_OPT_BORROW;
    zc_extractor *lend = zc_extractor_new(&o, NULL), *copy = zc_extractor_new(NULL, NULL);
    zc_document *a = zc_extract(lend, s, strlen(s), NULL), *b = zc_extract(copy, s, strlen(s), NULL);
    assert_non_null(a);
    assert_non_null(b);
    size_t la, lb;
    assert_ptr_equal(zc_document_text(a, &la), s);
    assert_ptr_not_equal(zc_document_text(b, &lb), s);
    assert_int_equal(la, lb);
    assert_int_equal(zc_document_finding_count(a), 2);
    assert_int_equal(zc_document_finding_count(a), zc_document_finding_count(b));
    for (size_t i = 0; i < zc_document_finding_count(a); i++)
        assert_memory_equal(&zc_document_finding(a, i)->text, &zc_document_finding(b, i)->text,
                            sizeof(zc_span));
    zc_document_free(a);
    zc_document_free(b);
    /* converted text too: spans into the caller's GB18030 bytes */
    const char gb[] = "GDP\xd4\xf6\xb3\xa4" "8%";
    a = zc_extract_encoded(lend, gb, sizeof gb - 1, "gb18030", NULL);
    assert_non_null(a);
    assert_ptr_equal(zc_document_text(a, &la), gb);
    assert_int_equal(zc_document_finding(a, 0)->text.start, 7);
    zc_document_free(a);
    zc_extractor_free(lend);
    zc_extractor_free(copy);
}

/* ------------------------------------------------------------ threads */

typedef struct corpus {
    char *text[128];
    size_t len[128];
    size_t n;
    char *serial[128]; /* a fingerprint of each result */
} corpus;

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

static void load_dir(corpus *c, const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && c->n < 128) {
        if (!strstr(e->d_name, ".txt"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        c->text[c->n] = read_file(path, &c->len[c->n]);
        if (c->text[c->n])
            c->n++;
    }
    closedir(d);
}

/* A fingerprint of everything a document holds. */
static char *fingerprint(const zc_document *doc) {
    size_t cap = 1 << 16, used = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < zc_document_finding_count(doc); i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        if (used + 200 > cap)
            out = realloc(out, cap *= 2);
        used += (size_t)snprintf(out + used, cap - used, "%zu-%zu:%g:%g:%g:%s:%d%d%d%d%u:%zu-%zu;",
                                 f->text.start, f->text.end, f->value, f->value_max, f->scale,
                                 f->unit, f->bound, f->action, f->status, f->role, f->flags,
                                 f->subject.start, f->section);
    }
    for (size_t i = 0; i < zc_document_section_count(doc); i++) {
        const zc_section *s = zc_document_section(doc, i);
        if (used + 100 > cap)
            out = realloc(out, cap *= 2);
        used += (size_t)snprintf(out + used, cap - used, "S%zu-%zu:%u:%u:%d;", s->body.start,
                                 s->body.end, s->number, s->depth, s->status);
    }
    return out;
}

static corpus the_corpus;

static void *parse_all(void *arg) {
    long bad = 0;
    (void)arg;
    for (size_t i = 0; i < the_corpus.n; i++) {
        zc_document *doc = zc_extract(test_ex, the_corpus.text[i], the_corpus.len[i], NULL);
        char *fp = fingerprint(doc);
        bad += strcmp(fp, the_corpus.serial[i]) != 0;
        free(fp);
        zc_document_free(doc);
    }
    return (void *)bad;
}

/* 8 threads share one extractor; every result equals the serial one. */
static void threads_match_serial(void **state) {
    (void)state;
    const char *root = getenv("ZC_CORPUS");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/seeds", root ? root : "corpus");
    load_dir(&the_corpus, dir);
    snprintf(dir, sizeof dir, "%s/national", root ? root : "corpus");
    load_dir(&the_corpus, dir);
    assert_true(the_corpus.n >= 50);
    for (size_t i = 0; i < the_corpus.n; i++) {
        zc_document *doc = zc_extract(test_ex, the_corpus.text[i], the_corpus.len[i], NULL);
        assert_non_null(doc);
        the_corpus.serial[i] = fingerprint(doc);
        zc_document_free(doc);
    }
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, parse_all, NULL);
    long bad = 0;
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long)r;
    }
    assert_int_equal(bad, 0);
    for (size_t i = 0; i < the_corpus.n; i++) {
        free(the_corpus.text[i]);
        free(the_corpus.serial[i]);
    }
}

/* ------------------------------------------------------- streaming */

/* A growing byte buffer, a zc_write_fn's target. */
typedef struct bytes {
    char *p;
    size_t n, cap;
} bytes;

static int append_bytes(void *ud, const char *b, size_t n) {
    bytes *x = ud;
    if (x->n + n > x->cap) {
        x->cap = (x->n + n) * 2;
        x->p = realloc(x->p, x->cap);
    }
    memcpy(x->p + x->n, b, n);
    x->n += n;
    return 0;
}

/* What zc_extract_each handed out: the findings (their subject names
 * copied: they live only as long as the call), the JSON Lines and TSV its
 * part writers made of them, and how the calls went. */
typedef struct handed {
    zc_finding *f;
    char **names;
    size_t n, calls, stop_after;
    bytes json, tsv;
    size_t json_at, tsv_at;
} handed;

enum { PART_FLAGS = ZC_WRITE_SECTIONS | ZC_WRITE_META };

static int take_batch(void *ud, const zc_document *doc, const zc_finding *f, size_t n) {
    handed *h = ud;
    assert_true(n > 0);
    assert_int_equal(zc_document_finding_count(doc), 0);
    h->f = realloc(h->f, (h->n + n) * sizeof *f);
    h->names = realloc(h->names, (h->n + n) * sizeof *h->names);
    for (size_t i = 0; i < n; i++) {
        h->f[h->n + i] = f[i];
        h->names[h->n + i] = f[i].subject_name ? strdup(f[i].subject_name) : NULL;
    }
    h->n += n;
    assert_int_equal(zc_document_write_jsonl_part(doc, "d", PART_FLAGS, f, n, &h->json_at,
                                                  append_bytes, &h->json), ZC_OK);
    assert_int_equal(zc_document_write_tsv_part(doc, "d", PART_FLAGS | ZC_WRITE_HEADER, f, n,
                                                &h->tsv_at, append_bytes, &h->tsv), ZC_OK);
    return ++h->calls == h->stop_after;
}

static void handed_free(handed *h) {
    for (size_t i = 0; i < h->n; i++)
        free(h->names[i]);
    free(h->f);
    free(h->names);
    free(h->json.p);
    free(h->tsv.p);
}

/* text read whole and read by zc_extract_each give the same findings, field
 * for field, and the part writers the same bytes as the whole ones. */
static void assert_each_matches(const char *text, size_t len, size_t min_calls) {
    zc_error err;
    zc_document *doc = zc_extract(test_ex, text, len, &err);
    assert_non_null(doc);
    handed h = {0};
    zc_document *each = zc_extract_each(test_ex, text, len, "utf-8", take_batch, &h, &err);
    assert_non_null(each);
    assert_true(h.calls >= min_calls);
    assert_int_equal(zc_document_finding_count(each), 0);
    assert_int_equal(zc_document_section_count(each), zc_document_section_count(doc));
    assert_int_equal(h.n, zc_document_finding_count(doc));
    for (size_t i = 0; i < h.n; i++) {
        zc_finding a = *zc_document_finding(doc, i), b = h.f[i];
        const char *an = a.subject_name;
        if ((an == NULL) != (h.names[i] == NULL) || (an && strcmp(an, h.names[i]) != 0))
            fail_msg("finding %zu: subject name %s, handed out %s", i, an ? an : "-",
                     h.names[i] ? h.names[i] : "-");
        a.subject_name = b.subject_name = NULL;
        if (memcmp(&a, &b, sizeof a) != 0)
            fail_msg("finding %zu at %zu differs when handed out", i, a.text.start);
    }
    assert_int_equal(zc_document_write_jsonl_part(each, "d", PART_FLAGS, NULL, 0, &h.json_at,
                                                  append_bytes, &h.json), ZC_OK);
    assert_int_equal(zc_document_write_tsv_part(each, "d", PART_FLAGS | ZC_WRITE_HEADER, NULL, 0,
                                                &h.tsv_at, append_bytes, &h.tsv), ZC_OK);
    bytes json = {0}, tsv = {0};
    assert_int_equal(zc_document_write_jsonl(doc, "d", PART_FLAGS, append_bytes, &json), ZC_OK);
    assert_int_equal(zc_document_write_tsv(doc, "d", PART_FLAGS | ZC_WRITE_HEADER, append_bytes,
                                           &tsv), ZC_OK);
    assert_true(json.n == h.json.n && memcmp(json.p, h.json.p, json.n) == 0);
    assert_true(tsv.n == h.tsv.n && memcmp(tsv.p, h.tsv.p, tsv.n) == 0);
    free(json.p);
    free(tsv.p);
    handed_free(&h);
    zc_document_free(doc);
    zc_document_free(each);
}

/* Repeat unit to len bytes (whole units). */
static size_t fill(char *b, size_t at, const char *unit, size_t len) {
    size_t ul = strlen(unit);
    for (size_t end = at + len; at + ul <= end; at += ul)
        memcpy(b + at, unit, ul);
    return at;
}

static int count_findings(void *ud, const zc_document *doc, const zc_finding *f, size_t n) {
    (void)doc;
    (void)f;
    *(size_t *)ud += n;
    return 0;
}

/* The same for zc_extract_each over two windows (a window's arena, the
 * batch, the figures carried over the cut): ZC_ERR_NOMEM, nothing leaked,
 * then every finding. */
static void allocation_failure_every_point_each(void **state) {
    (void)state;
    char *s = malloc(520 * 1024);
    size_t n = fill(s, 0, "新增企业8家，城镇居民人均可支配收入48016元。其中工资性收入30974元。",
                    520 * 1024);
    zc_document *whole = zc_extract(test_ex, s, n, NULL);
    assert_non_null(whole);
    size_t want = zc_document_finding_count(whole);
    zc_document_free(whole);
    /* (the extractor's own allocations come first, about 130, each failed by
     * allocation_failure_every_point: here one in three of the first 64,
     * then every one, the document's among them) */
    for (long k = 1;; k += k < 64 ? 3 : 1) {
        counting c = {0, k, 0};
        zc_allocator a;
        zc_extractor *ex = failing_extractor(&c, &a);
        if (!ex)
            continue;
        zc_error err;
        size_t got = 0;
        zc_document *doc = zc_extract_each(ex, s, n, NULL, count_findings, &got, &err);
        bool failed_before_end = c.calls >= k;
        if (doc) {
            if (!failed_before_end)
                assert_int_equal(got, want);
            zc_document_free(doc);
        } else {
            assert_int_equal(err.code, ZC_ERR_NOMEM);
        }
        zc_extractor_free(ex);
        assert_int_equal(c.live, 0);
        if (doc && !failed_before_end)
            break;
        assert_true(k < 1000000);
    }
    free(s);
}

/*
 * zc_extract_each hands out, window by window, exactly the findings
 * zc_extract's document holds: on the corpus joined (windows end at line
 * ends), on a line of commitments with no sentence end (at clause ends), on
 * a 分别 list of megabytes with no clause end (never cut inside), and where
 * windows end right before a 其中 sentence whose whole is the figure before
 * it (城镇居民人均…。其中工资性收入: the whole is carried over the cut).
 */
static void each_hands_out_the_findings_of_the_document(void **state) {
    (void)state;
    const char *root = getenv("ZC_CORPUS");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/national", root ? root : "corpus");
    corpus c = {0};
    load_dir(&c, dir);
    assert_true(c.n >= 50);
    size_t total = 0;
    for (size_t i = 0; i < c.n; i++)
        total += c.len[i];
    char *all = malloc(total), *b = malloc(8u << 20);
    for (size_t i = 0, at = 0; i < c.n; i++) {
        memcpy(all + at, c.text[i], c.len[i]);
        at += c.len[i];
        free(c.text[i]);
    }
    assert_each_matches(all, total, 3);
    free(all);
    size_t n = fill(b, 0, "GDP增长20%以上，新增企业8家，", 3u << 18);
    assert_each_matches(b, n, 2);
    n = fill(b, 0, "新增企业", 12);
    n = fill(b, n, "分别8家、", 3u << 18);
    n = fill(b, n, "。\n其中工资性收入30974元。\n", 60);
    assert_each_matches(b, n, 1);
    /* a text of 其中 sentences after their wholes, on one line: a window
     * ends at the first 。 past its length, so with each of these shifts
     * some window ends right after a whole */
    const char *unit = "城镇居民人均可支配收入48016元。其中工资性收入30974元；经营净收入5209元。";
    for (size_t shift = 0; shift < strlen(unit); shift += 23) {
        n = fill(b, 0, " ", shift);
        n = fill(b, n, unit, 3u << 19);
        assert_each_matches(b, n, 2);
    }
    free(b);
}

/* The callback stops the reading (ZC_ERR_WRITE, no call after); a NULL
 * callback and invalid UTF-8 fail before any call. */
static void each_stops_and_fails_cleanly(void **state) {
    (void)state;
    char *b = malloc(2u << 20);
    size_t n = fill(b, 0, "GDP增长20%以上，新增企业8家，", 2u << 20);
    handed h = {.stop_after = 2};
    zc_error err;
    assert_null(zc_extract_each(test_ex, b, n, NULL, take_batch, &h, &err));
    assert_int_equal(err.code, ZC_ERR_WRITE);
    assert_int_equal(h.calls, 2);
    handed_free(&h);
    assert_null(zc_extract_each(test_ex, b, n, NULL, NULL, NULL, &err));
    assert_int_equal(err.code, ZC_ERR_INVALID_ARG);
    b[1u << 20] = (char)0xFF;
    handed none = {0};
    assert_null(zc_extract_each(test_ex, b, n, "utf-8", take_batch, &none, &err));
    assert_int_equal(err.code, ZC_ERR_INVALID_UTF8);
    assert_int_equal(none.calls, 0);
    free(b);
}

/* ------------------------------------------------------- pathological */

/* Inputs built to hurt a parser finish, in time linear in their size
 * (measured by zc-bench, not timed here). */
static void pathological_inputs_complete(void **state) {
    (void)state;
    const char *units[] = {"一、", "（", "9", "、", "1.", "①", "一是", "分别8家、"};
    size_t sizes[] = {1 << 20, 100000 * 3, 100000, 1 << 20, 1 << 20, 300000, 600000, 1 << 20};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), n = sizes[u] / ul * ul;
        char *buf = malloc(n);
        for (size_t i = 0; i < n; i += ul)
            memcpy(buf + i, units[u], ul);
        zc_error err;
        zc_document *doc = zc_extract(test_ex, buf, n, &err);
        assert_non_null(doc);
        zc_document_free(doc);
        free(buf);
    }
}

/* Table rows are found by a scan for runs of two spaces: a single space
 * at a line's or the text's end must not send it past the end (ASan). */
static void spaces_at_line_and_text_end(void **state) {
    (void)state;
    const char *texts[] = {"甲  乙  丙 ", "甲  乙 \n丙", "甲  乙  丙 \n", " ", "  ", "甲 ",
                           "指标  2023年  目标 \n产值  10亿元  12亿元 "};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = strlen(texts[i]);
        char *copy = malloc(n); /* no terminator past n: an overread is caught */
        memcpy(copy, texts[i], n);
        zc_error err;
        zc_document *doc = zc_extract(test_ex, copy, n, &err);
        assert_non_null(doc);
        zc_document_free(doc);
        free(copy);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_matches),
        cmocka_unit_test(names_are_the_spec_strings),
        cmocka_unit_test(struct_sizes_exported),
        cmocka_unit_test(dense_findings_made_in_place),
        cmocka_unit_test(char_offsets),
        cmocka_unit_test(gb18030_reads_as_iconv),
        cmocka_unit_test(utf16_reads_as_iconv),
        cmocka_unit_test(converted_spans_in_the_callers_bytes),
        cmocka_unit_test(char_offsets_long),
        cmocka_unit_test(span_text_lossy),
        cmocka_unit_test(borrowed_text),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(indicator_table),
        cmocka_unit_test(panel_pairs_and_judges),
        cmocka_unit_test(panel_takes_one_year_changes),
        cmocka_unit_test(panel_target_is_a_level),
        cmocka_unit_test(panel_target_by_then_is_no_years),
        cmocka_unit_test(panel_period_targets_are_no_years),
        cmocka_unit_test(allocation_failure_every_point),
        cmocka_unit_test(allocation_failure_every_point_each),
        cmocka_unit_test(threads_match_serial),
        cmocka_unit_test(pathological_inputs_complete),
        cmocka_unit_test(spaces_at_line_and_text_end),
        cmocka_unit_test(each_hands_out_the_findings_of_the_document),
        cmocka_unit_test(each_stops_and_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, setup_extractor, teardown_extractor);
}
