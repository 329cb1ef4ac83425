/* test_sections.c -- the section tree on real heading layouts and noise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Headings that run inline with the text (xixian-2023-plan.txt). */
static void inline_headings(void **state) {
    (void)state;
    const char *s = "主要预期目标是:GDP增长20%以上。一、坚持创新驱动发展,加快推进秦创原总窗口由势转能"
                    "1 .不断优化创新生态。抓好已规划的93个科创载体建设。2 .加速聚集创新资源。聚集研发机构。";
    zc_document *doc = extract(s);
    assert_int_equal(zc_document_section_count(doc), 4);
    const zc_section *one = zc_document_section(doc, 1);
    assert_int_equal(one->kind, ZC_MARKER_CN_DUN);
    assert_int_equal(one->depth, 1);
    assert_true(span_is(doc, one->title, "坚持创新驱动发展,加快推进秦创原总窗口由势转能"));
    const zc_section *sub = zc_document_section(doc, 2);
    assert_int_equal(sub->kind, ZC_MARKER_ARABIC_DOT);
    assert_int_equal(sub->number, 1);
    assert_int_equal(sub->depth, 2);
    assert_int_equal(sub->parent, 1);
    assert_true(span_is(doc, sub->marker, "1 ."));
    assert_true(span_is(doc, sub->title, "不断优化创新生态"));
    assert_int_equal(zc_document_section(doc, 3)->number, 2);
    assert_int_equal(finding(doc, "93个")->section, 2);
    zc_document_free(doc);
}

/* Depth follows the order kinds first appear: (一) first means (一) is top. */
static void depth_by_first_appearance(void **state) {
    (void)state;
    zc_document *doc = extract("（一）推动科技创新\n1.建设平台。\n2.培育企业。\n（二）推动产业升级\n1.招商。\n");
    assert_int_equal(zc_document_section_count(doc), 6);
    assert_int_equal(zc_document_section(doc, 1)->depth, 1);
    assert_int_equal(zc_document_section(doc, 1)->kind, ZC_MARKER_CN_PAREN);
    assert_int_equal(zc_document_section(doc, 2)->depth, 2);
    assert_int_equal(zc_document_section(doc, 4)->number, 2);
    assert_int_equal(zc_document_section(doc, 5)->parent, 4);
    zc_document_free(doc);
}

/* Enumerations inside a sentence and numbers out of sequence are no headings. */
static void false_markers_rejected(void **state) {
    (void)state;
    zc_document *doc = extract("一、优化营商环境\n确保营商环境进入全省前三、全国前列。\n"
                               "三、这不是第二章\n五、也不是\n二、加强队伍建设\n");
    assert_int_equal(zc_document_section_count(doc), 3);
    assert_int_equal(zc_document_section(doc, 2)->number, 2);
    zc_document_free(doc);
}

/* OCR-damaged marker I1 is item 11 between 10 and 12. */
static void ocr_marker(void **state) {
    (void)state;
    zc_document *doc = extract("一、坚持创新1 .甲。2 .乙。3 .丙。4 .丁。5 .戊。6 .己。7 .庚。8 .辛。"
                               "9 .壬。10 .切实增强保障能力。内容。二、紧扣壮大主导产业I1加大项目招引力度。"
                               "内容。12 .加快重点项目建设。");
    size_t n = zc_document_section_count(doc);
    assert_int_equal(n, 15);
    const zc_section *s = zc_document_section(doc, 13);
    assert_int_equal(s->number, 11);
    assert_true(span_is(doc, s->title, "加大项目招引力度"));
    assert_int_equal(s->parent, 12);
    assert_int_equal(zc_document_section(doc, 14)->number, 12);
    zc_document_free(doc);
}

/* Ordinals, unnumbered headings and status inheritance (xiamen layout). */
static void ordinals_unnumbered_status(void **state) {
    (void)state;
    zc_document *doc = extract("名称: | 2022年度工作总结和2023年度工作要点 |\n"
                               "一、坚持党建引领\n一是把牢政治方向。内容。二是落实主体责任。内容。\n"
                               "2023年主要工作思路\n"
                               "广告文字广告文字\n"
                               "一是坚定不移强化政治引领。内容。\n");
    assert_int_equal(zc_document_section(doc, 0)->status, ZC_STAGE_ACHIEVED);
    const zc_section *a = zc_document_section(doc, 1);
    assert_int_equal(a->status, ZC_STAGE_ACHIEVED);
    const zc_section *b = zc_document_section(doc, 3);
    assert_int_equal(b->kind, ZC_MARKER_ORDINAL);
    assert_int_equal(b->number, 2);
    assert_int_equal(b->depth, 2);
    assert_true(span_is(doc, b->title, "落实主体责任"));
    const zc_section *u = zc_document_section(doc, 4);
    assert_int_equal(u->kind, ZC_MARKER_UNNUMBERED);
    assert_int_equal(u->depth, 1);
    assert_int_equal(u->status, ZC_STAGE_TARGET);
    const zc_section *c = zc_document_section(doc, 5);
    assert_int_equal(c->parent, 4);
    assert_int_equal(c->status, ZC_STAGE_TARGET);
    assert_int_equal(zc_document_section_count(doc), 6);
    zc_document_free(doc);
}

/* The scan steps over runs of Han characters sixteen bytes at a time, or
 * by a bitmap of 64 bytes a word (AVX2): an ordinal after a sentence end or
 * a comma is found whatever the length of the run before it (so wherever
 * it falls in a step or a word, and wherever the text ends in one). */
static void markers_after_han_runs_of_every_length(void **state) {
    (void)state;
    for (int k = 0; k < 140; k++) {
        /* runs of Han, then of Han and the symbols stepped over with it */
        const char *unit = k < 70 ? "内" : k % 2 ? "内、" : "“内”";
        char text[2048];
        int len = snprintf(text, sizeof text, "一、总体要求\n");
        for (int i = 0; i < k % 70; i++)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s", unit);
        len += snprintf(text + len, sizeof text - (size_t)len, "。一是把牢政治方向。");
        for (int i = 0; i < k % 70; i++)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s", unit);
        snprintf(text + len, sizeof text - (size_t)len, "，二是落实主体责任。内容\n");
        zc_document *doc = extract(text);
        if (zc_document_section_count(doc) != 4)
            fail_msg("%d units of %s before: %zu sections, not 4", k % 70, unit,
                     zc_document_section_count(doc));
        for (size_t i = 2; i < 4; i++) {
            const zc_section *s = zc_document_section(doc, i);
            assert_int_equal(s->kind, ZC_MARKER_ORDINAL);
            assert_int_equal(s->number, i - 1);
            assert_int_equal(s->parent, 1);
        }
        zc_document_free(doc);
    }
}

/* A heading naming a year before the document's looks back, one naming its
 * year looks ahead, wherever the year stands in the heading; a number
 * running into the year (12023年) names none. */
static void heading_years_set_status(void **state) {
    (void)state;
    for (int k = 0; k < 30; k++) {
        char text[1024], pad[256] = "";
        for (int i = 0; i < k; i++)
            strcat(pad, "甲");
        snprintf(text, sizeof text,
                 "2024年政府工作报告\n2024年1月10日\n一、%s2023年的经济\n全市生产总值增长8%%。\n"
                 "二、%s2024年的经济\n全市生产总值增长9%%。\n三、%s12023年的经济\n内容。\n",
                 pad, pad, pad);
        zc_document *doc = extract(text);
        if (zc_document_section_count(doc) != 4 ||
            zc_document_section(doc, 1)->status != ZC_STAGE_ACHIEVED)
            fail_msg("%d characters before the year: no look back", k);
        assert_int_equal(zc_document_section(doc, 2)->status, ZC_STAGE_TARGET);
        assert_int_equal(zc_document_section(doc, 3)->status, zc_document_section(doc, 0)->status);
        zc_document_free(doc);
    }
}

/* A plan's and a regulation's markers at line starts (第一编 第一章 第一节
 * 专栏1 附件1), and what only looks like one: 第一个, 第三产业, 2.5% (a
 * decimal after a sentence end is no 2. heading). */
static void plan_markers_and_look_alikes(void **state) {
    (void)state;
    zc_document *doc = extract("规划纲要\n第一编 总体要求\n第一章 发展基础\n第一节 成就\n"
                               "第一个五年计划完成。第三产业增长8%。2.5%的增速。\n"
                               "专栏1 重大工程\n附件1 名单\n");
    static const zc_marker_kind kinds[] = {ZC_MARKER_PART, ZC_MARKER_CHAPTER, ZC_MARKER_SUBCHAPTER,
                                           ZC_MARKER_BOX, ZC_MARKER_ANNEX};
    assert_int_equal(zc_document_section_count(doc), 6);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(zc_document_section(doc, i + 1)->kind, kinds[i]);
        assert_int_equal(zc_document_section(doc, i + 1)->number, 1);
    }
    zc_document_free(doc);
}

/* The marker forms a line may open with, and their near misses: each
 * line is a document of its own after a title. The common forms are read
 * in C, not by their patterns (04_sections.c read_form): what they accept,
 * their numbers and their spans are the patterns' (一是否 is no item, four
 * digits no number, 1.5% no heading, ⑴ not a circled number). */
static void marker_forms_and_near_misses(void **state) {
    (void)state;
    static const struct {
        const char *line, *marker; /* marker NULL: no heading */
        zc_marker_kind kind;
        uint32_t number;
    } cases[] = {
        {"一、总体要求", "一、", ZC_MARKER_CN_DUN, 1},
        {"十 、总体要求", "十 、", ZC_MARKER_CN_DUN, 10},
        {"十一\t、总体要求", "十一\t、", ZC_MARKER_CN_DUN, 11},
        {"一二三四、总体要求", NULL, 0, 0},
        {"（一）坚持创新", "（一）", ZC_MARKER_CN_PAREN, 1},
        {"( 一 )坚持创新", "( 一 )", ZC_MARKER_CN_PAREN, 1},
        {"(一二三四)坚持创新", NULL, 0, 0},
        {"（1）坚持创新", "（1）", ZC_MARKER_ARABIC_PAREN, 1},
        {"(0001)坚持创新", NULL, 0, 0},
        {"一是坚持创新", "一是", ZC_MARKER_ORDINAL, 1},
        {"一是否坚持创新", NULL, 0, 0},
        {"一是的坚持", NULL, 0, 0},
        {"1.坚持创新", "1.", ZC_MARKER_ARABIC_DOT, 1},
        {"1 .坚持创新", "1 .", ZC_MARKER_ARABIC_DOT, 1},
        {"1、坚持创新", "1、", ZC_MARKER_ARABIC_DOT, 1},
        {"1.5%坚持创新", NULL, 0, 0},
        {"0001.坚持创新", NULL, 0, 0},
        {"001.坚持创新", "001.", ZC_MARKER_ARABIC_DOT, 1},
        {"①坚持创新", "①", ZC_MARKER_CIRCLED, 1},
        {"⑳坚持创新", NULL, 0, 0}, /* a circled 20 opens no list */
        {"⑴坚持创新", NULL, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char s[128];
        snprintf(s, sizeof s, "标题\n%s\n", cases[i].line);
        zc_document *doc = extract(s);
        size_t count = zc_document_section_count(doc);
        if (!cases[i].marker) {
            if (count != 1)
                fail_msg("%s: %zu sections", cases[i].line, count);
        } else {
            const zc_section *h = count == 2 ? zc_document_section(doc, 1) : NULL;
            size_t at = strlen("标题\n");
            if (!h || h->kind != cases[i].kind || h->number != cases[i].number ||
                h->marker.start != at || h->marker.end != at + strlen(cases[i].marker))
                fail_msg("%s: %zu sections, the first %d %u at %zu-%zu", cases[i].line, count,
                         h ? (int)h->kind : -1, h ? h->number : 0, h ? h->marker.start : 0,
                         h ? h->marker.end : 0);
        }
        zc_document_free(doc);
    }
}

/* Runs of blank lines (and lines of spaces) of any length: headings after
 * them are read, and a sentence a page break cut across them still reads as
 * one (商品房销售面积 / blank lines / （含预售）: the subject spans both, in
 * the caller's bytes). Blank lines are passed a run at a time. */
static void blank_line_runs_between_headings_and_broken_sentences(void **state) {
    (void)state;
    for (int k = 1; k <= 6; k++) {
        char s[1024];
        int n = snprintf(s, sizeof s, "一、总体要求\n");
        for (int i = 0; i < k; i++)
            n += snprintf(s + n, sizeof s - (size_t)n, "%s", i % 2 ? "  \n" : "\n");
        n += snprintf(s + n, sizeof s - (size_t)n,
                      "二、主要目标\n全年地区生产总值增长6.2%%，固定资产投资增长10.4%%。商品房销售面积\n");
        const char *subject = s + n - strlen("商品房销售面积\n");
        for (int i = 0; i < k; i++)
            n += snprintf(s + n, sizeof s - (size_t)n, "\n");
        n += snprintf(s + n, sizeof s - (size_t)n, "（含预售）3644.1万平方米，下降1.0%%。\n");
        zc_document *doc = extract(s);
        assert_int_equal(zc_document_section_count(doc), 3);
        const zc_section *second = zc_document_section(doc, 2);
        assert_int_equal(second->kind, ZC_MARKER_CN_DUN);
        assert_int_equal(second->number, 2);
        assert_int_equal(second->parent, 0);
        const zc_finding *f = finding(doc, "3644.1万平方米");
        if (f->subject.start != (size_t)(subject - s) ||
            f->subject.end != (size_t)(strstr(s, "）3644") - s) + strlen("）"))
            fail_msg("%d blank lines: subject at %zu-%zu", k, f->subject.start, f->subject.end);
        zc_document_free(doc);
    }
}

/* Page-chunk markers of web viewers continue the sentence: no headings. */
static void page_chunks_are_not_headings(void **state) {
    (void)state;
    zc_document *doc = extract(
        "1、西咸新区2023年工作要点。聚力实现城市品质、生态质量、乡村振兴、民生福祉、治理效能五个新突破,乡村振\n"
        "2、兴、民生福祉、治理效能五个新突破,切实统筹好疫情防控和经济社会发展,一、坚持创新驱动发展,加快推\n"
        "3、进秦创原总窗口由势转能,推动中国式现代化西咸实践迈出坚实步伐和更多的内容文字内容\n");
    size_t n = zc_document_section_count(doc);
    for (size_t i = 1; i < n; i++)
        assert_int_not_equal(zc_document_section(doc, i)->kind, ZC_MARKER_ARABIC_DOT);
    zc_document_free(doc);
}

/* Years in headings against the document's year; metadata from tables. */
static void metadata_and_year_status(void **state) {
    (void)state;
    const char *s = "[ 发文字号 ] | 无 |\n[ 发布机构 ] | 重庆高新区管委会办公室 |\n"
                    "[ 成文日期 ] | 2024-03-01 |\n一、2023年经济运行\n增长8.3%。\n"
                    "二、2024年经济社会发展总体要求\n增长8%左右。\n";
    zc_document *doc = extract(s);
    const zc_meta *m = zc_document_meta(doc);
    assert_true(span_is(doc, m->issuer, "重庆高新区管委会办公室"));
    assert_true(span_is(doc, m->date, "2024-03-01"));
    assert_true(span_is(doc, m->doc_number, "无"));
    assert_int_equal(m->year, 2024);
    assert_int_equal(zc_document_section(doc, 1)->status, ZC_STAGE_ACHIEVED);
    assert_int_equal(zc_document_section(doc, 2)->status, ZC_STAGE_TARGET);
    zc_document_free(doc);
}

/* A header field beside a page of spaces (a scanned form's wide gaps) is
 * read, and a key with spaces and no value after it is no field: neither
 * may make the field pattern backtrack through the run until it hits its
 * match limit, which failed the whole document (ZC_ERR_LIMIT). */
static void header_fields_beside_long_space_runs(void **state) {
    (void)state;
    size_t run = 200000;
    char *s = malloc(2 * run + 512);
    assert_non_null(s);
    int k = snprintf(s, 256, "发布机构：厦门市人民政府");
    memset(s + k, ' ', run);
    snprintf(s + k + run, 256, "\n[ 发文字号 ]");
    size_t len = strlen(s);
    memset(s + len, ' ', run / 2);
    snprintf(s + len + run / 2, 64, "\n新增企业8家。\n");
    zc_document *doc = extract(s);
    const zc_meta *m = zc_document_meta(doc);
    assert_true(span_is(doc, m->issuer, "厦门市人民政府"));
    assert_int_equal(m->doc_number.start, m->doc_number.end);
    assert_int_equal(zc_document_finding_count(doc), 1);
    zc_document_free(doc);
    free(s);
}

/* Section bodies nest and cover the text after their heading. */
static void bodies_nest(void **state) {
    (void)state;
    const char *s = "一、甲\n(一)乙\n内容。\n(二)丙\n内容。\n二、丁\n内容。";
    zc_document *doc = extract(s);
    size_t n = zc_document_section_count(doc);
    assert_int_equal(n, 5);
    for (size_t i = 1; i < n; i++) {
        const zc_section *c = zc_document_section(doc, i);
        const zc_section *p = zc_document_section(doc, c->parent);
        assert_true(c->body.start >= p->body.start || c->parent == 0);
        assert_true(c->body.end <= p->body.end || c->parent == 0);
    }
    assert_int_equal(zc_document_section(doc, 1)->body.end, strstr(s, "二、") - s);
    zc_document_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inline_headings),
        cmocka_unit_test(depth_by_first_appearance),
        cmocka_unit_test(false_markers_rejected),
        cmocka_unit_test(ocr_marker),
        cmocka_unit_test(ordinals_unnumbered_status),
        cmocka_unit_test(markers_after_han_runs_of_every_length),
        cmocka_unit_test(heading_years_set_status),
        cmocka_unit_test(plan_markers_and_look_alikes),
        cmocka_unit_test(marker_forms_and_near_misses),
        cmocka_unit_test(page_chunks_are_not_headings),
        cmocka_unit_test(blank_line_runs_between_headings_and_broken_sentences),
        cmocka_unit_test(metadata_and_year_status),
        cmocka_unit_test(header_fields_beside_long_space_runs),
        cmocka_unit_test(bodies_nest),
    };
    return cmocka_run_group_tests(tests, setup_extractor, teardown_extractor);
}
