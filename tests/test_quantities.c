/* test_quantities.c -- numbers, units, bounds, ranges, lists, roles,
 * actions, status and deadlines, on sentences quoted from real plans. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

#define ASSERT_Q(f, v, vmax, unit_, scale_, bound_)                                                \
    do {                                                                                           \
        assert_true((f)->value == (v));                                                            \
        assert_true((f)->value_max == (vmax));                                                     \
        assert_string_equal((f)->unit, (unit_));                                                   \
        assert_true((f)->scale == (scale_));                                                       \
        assert_int_equal((f)->bound, (bound_));                                                    \
    } while (0)

static void arabic_numbers(void **state) {
    (void)state;
    zc_document *doc = extract("完成规上工业总产值3626亿元,增长3.9%;融资放款215.5亿元,"
                               "安排资金1,000万元,年度完成投资1657.34亿元。");
    ASSERT_Q(finding(doc, "3626亿元"), 3626, 3626, "元", 1e8, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "3.9%"), 3.9, 3.9, "%", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "1,000万元"), 1000, 1000, "元", 1e4, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "1657.34亿元"), 1657.34, 1657.34, "元", 1e8, ZC_BOUND_EXACT);
    zc_document_free(doc);
    /* groups of thousands and fractions after them; a comma or a point
     * that starts neither ends the number (8家,2025年; 增长5.) */
    doc = extract("收入1,234,567元,产量12,345.6吨,新增8家,2025年再增12,3456户,增长5.。");
    ASSERT_Q(finding(doc, "1,234,567元"), 1234567, 1234567, "元", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "12,345.6吨"), 12345.6, 12345.6, "吨", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "8家"), 8, 8, "家", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "3456户"), 3456, 3456, "户", 1, ZC_BOUND_EXACT);
    zc_document_free(doc);
}

/* A number reads as the double nearest to what is written (what strtod
 * gives), however many digits and decimals it has: the common ones are read
 * without strtod, the rest with it. */
static void numbers_read_exactly(void **state) {
    (void)state;
    static const char *const written[] = {
        "0.1",         "1657.34",          "0.000123",        "123,456.78", "4503599627370497",
        "900719925474099", "9007199254740993", "3.14159265358979323846", "0.30000000000000004",
        "12345678901234567890",
    };
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
        char text[128], want[64], digits[64];
        size_t k = 0;
        for (const char *c = written[i]; *c; c++)
            if (*c != ',')
                digits[k++] = *c;
        digits[k] = '\0';
        snprintf(text, sizeof text, "投资%s元。", written[i]);
        snprintf(want, sizeof want, "%s元", written[i]);
        zc_document *doc = extract(text);
        const zc_finding *f = finding(doc, want);
        if (f->value != strtod(digits, NULL))
            fail_msg("%s read as %.17g, not %.17g", written[i], f->value, strtod(digits, NULL));
        zc_document_free(doc);
    }
}

static void chinese_numerals(void **state) {
    (void)state;
    zc_document *doc = extract("建设保障房两千套,引进人才一万名,出台政策十五项,"
                               "比重达到百分之二十,增长百分之七点五。");
    ASSERT_Q(finding(doc, "两千套"), 2000, 2000, "套", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "一万名"), 1, 1, "名", 1e4, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "十五项"), 15, 15, "项", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "百分之二十"), 20, 20, "%", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "百分之七点五"), 7.5, 7.5, "%", 1, ZC_BOUND_EXACT);
    zc_document_free(doc);
    /* 四百十二 (older writing's 四百一十二); a numeral after the traditional
     * 萬, which is not read, is the tail of a larger number: no amount */
    doc = extract("钢产量增加到四百十二万吨。代表共五百六十六萬九千一百四十四名。");
    ASSERT_Q(finding(doc, "四百十二万吨"), 412, 412, "吨", 1e4, ZC_BOUND_EXACT);
    assert_int_equal(zc_document_finding_count(doc), 1);
    zc_document_free(doc);
}

/* Mixed forms, magnitude split from unit, and a unit that wins over 千. */
static void scale_and_units(void **state) {
    (void)state;
    zc_document *doc = extract("供地1.5万亩,建设5千套,建成330千伏变电站2座,"
                               "技术合同交易额突破180亿元,单位能耗降低0.5个百分点,"
                               "审批压缩到3个工作日,粮食产量1.3万亿斤以上。");
    ASSERT_Q(finding(doc, "1.5万亩"), 1.5, 1.5, "亩", 1e4, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "5千套"), 5, 5, "套", 1e3, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "330千伏"), 330, 330, "千伏", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "180亿元"), 180, 180, "元", 1e8, ZC_BOUND_AT_LEAST);
    const zc_finding *pp = finding(doc, "0.5个百分点");
    assert_int_equal(pp->unit_class, ZC_UNIT_PERCENT_POINT);
    assert_int_equal(finding(doc, "3个工作日")->unit_class, ZC_UNIT_DURATION);
    ASSERT_Q(finding(doc, "1.3万亿斤"), 1.3, 1.3, "斤", 1e12, ZC_BOUND_AT_LEAST);
    zc_document_free(doc);
}

/* OCR damage inside digit runs: IIOO万平米 is 1100 万 平米. */
static void ocr_digits(void **state) {
    (void)state;
    zc_document *doc = extract("累计建成投用IIOO万平米以上,发布企业技术需求IOO项以上,"
                               "引进年纳税额IOOO万元以上的总部企业。推进IOS开发。");
    const zc_finding *f = finding(doc, "IIOO万平米");
    ASSERT_Q(f, 1100, 1100, "平米", 1e4, ZC_BOUND_AT_LEAST);
    assert_true(f->flags & ZC_FLAG_OCR_REPAIRED);
    assert_int_equal(f->action, ZC_ACTION_TOTAL);
    ASSERT_Q(finding(doc, "IOO项"), 100, 100, "项", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "IOOO万元"), 1000, 1000, "元", 1e4, ZC_BOUND_AT_LEAST);
    assert_false(has_finding_in(doc, "IOS"));
    zc_document_free(doc);
}

static void bounds(void **state) {
    (void)state;
    zc_document *doc = extract(
        "GDP增长20%以上,新增不少于15家市级以上新型研发机构,已建成部分使用率超70%,"
        "失业率控制在4.5%以内,投资不超过3亿元,力争GDP增长8%左右,融资近7000万元,"
        "新增4600余名高校毕业生,全省60多个分中心,退减缓免税费约34亿元。");
    assert_int_equal(finding(doc, "20%")->bound, ZC_BOUND_AT_LEAST);
    assert_int_equal(finding(doc, "15家")->bound, ZC_BOUND_AT_LEAST);
    assert_int_equal(finding(doc, "70%")->bound, ZC_BOUND_AT_LEAST);
    assert_int_equal(finding(doc, "4.5%")->bound, ZC_BOUND_AT_MOST);
    assert_int_equal(finding(doc, "3亿元")->bound, ZC_BOUND_AT_MOST);
    assert_int_equal(finding(doc, "8%")->bound, ZC_BOUND_APPROX);
    assert_int_equal(finding(doc, "7000万元")->bound, ZC_BOUND_APPROX);
    ASSERT_Q(finding(doc, "4600余名"), 4600, 4600, "名", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "60多个"), 60, 60, "个", 1, ZC_BOUND_AT_LEAST);
    assert_int_equal(finding(doc, "34亿元")->bound, ZC_BOUND_APPROX);
    zc_document_free(doc);
}

/* A bound word after a comma belongs to the next quantity, never the last. */
static void bound_stays_in_its_clause(void **state) {
    (void)state;
    zc_document *doc = extract("全年营收586亿元，超过预期，出口增长12%。");
    assert_int_equal(finding(doc, "586亿元")->bound, ZC_BOUND_EXACT);
    zc_document_free(doc);
}

static void ranges(void **state) {
    (void)state;
    zc_document *doc = extract("新落户2-3家大学科技园,投资10—50亿元的产业项目,增速8%-10%,"
                               "目标6-6.5%,补贴1万-5万元,培育2至3个集群,设立1～2个试点。");
    ASSERT_Q(finding(doc, "2-3家"), 2, 3, "家", 1, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "10—50亿元"), 10, 50, "元", 1e8, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "8%-10%"), 8, 10, "%", 1, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "6-6.5%"), 6, 6.5, "%", 1, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "1万-5万元"), 1, 5, "元", 1e4, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "2至3个"), 2, 3, "个", 1, ZC_BOUND_RANGE);
    ASSERT_Q(finding(doc, "1～2个"), 1, 2, "个", 1, ZC_BOUND_RANGE);
    zc_document_free(doc);
}

/* 分别 lists: one finding per value; unit and bound written once apply to all. */
static void distributive_lists(void **state) {
    (void)state;
    zc_document *doc = extract(
        "新增专业孵化器、科技公共技术服务平台、众创空间分别不少于8家、5家、10家。"
        "审批时限分别压缩到60、30个工作日。城镇、农村居民人均可支配收入分别增长7%、8%以上。"
        "高企、科企分别增至550和3000家。产值分别突破50亿、70亿、20亿元。");
    const char *eight[] = {"8家", "5家", "10家"};
    for (int i = 0; i < 3; i++) {
        const zc_finding *f = finding(doc, eight[i]);
        assert_int_equal(f->bound, ZC_BOUND_AT_LEAST);
        assert_true(f->flags & ZC_FLAG_DISTRIBUTIVE);
        assert_int_equal(f->role, ZC_ROLE_COMMITMENT);
    }
    ASSERT_Q(finding(doc, "60"), 60, 60, "个工作日", 1, ZC_BOUND_EXACT);
    assert_int_equal(finding(doc, "60")->action, ZC_ACTION_DECLINE);
    ASSERT_Q(finding(doc, "7%"), 7, 7, "%", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "550"), 550, 550, "家", 1, ZC_BOUND_EXACT);
    assert_int_equal(finding(doc, "550")->action, ZC_ACTION_REACH);
    ASSERT_Q(finding(doc, "50亿"), 50, 50, "元", 1e8, ZC_BOUND_AT_LEAST);
    assert_true(finding(doc, "70亿")->flags & ZC_FLAG_DISTRIBUTIVE);
    zc_document_free(doc);
}

/* A list of Chinese numerals shares its last item's unit as an Arabic one
 * does: 八、五 stand alone as words would, and are items only after a
 * figure of the list. A lone 一 after an Arabic item number stays a word. */
static void chinese_numeral_lists(void **state) {
    (void)state;
    zc_document *doc = extract(
        "新增专业孵化器、科技公共技术服务平台、众创空间分别不少于八、五、十家。"
        "这是发展国民经济的2、一个重要关键。");
    static const struct {
        const char *text, *subject;
        double value;
    } items[] = {{"八", "专业孵化器", 8}, {"五", "科技公共技术服务平台", 5}, {"十家", "众创空间", 10}};
    for (int i = 0; i < 3; i++) {
        const zc_finding *f = finding(doc, items[i].text);
        ASSERT_Q(f, items[i].value, items[i].value, "家", 1, ZC_BOUND_AT_LEAST);
        assert_true(f->flags & ZC_FLAG_DISTRIBUTIVE);
        assert_int_equal(f->role, ZC_ROLE_COMMITMENT);
        assert_true(span_is(doc, f->subject, items[i].subject));
    }
    assert_int_equal(zc_document_finding_count(doc), 3); /* not 2 or 一个 */
    zc_document_free(doc);
}

/* 各/均: one value for several subjects. */
static void each_and_all(void **state) {
    (void)state;
    zc_document *doc = extract("经西部陆海新通道货运量、货运值均增长15%。"
                               "全年开工、完工道路里程各100公里以上。");
    const zc_finding *f = finding(doc, "15%");
    assert_true(f->flags & ZC_FLAG_DISTRIBUTIVE);
    assert_int_equal(f->action, ZC_ACTION_GROWTH);
    assert_true(finding(doc, "100公里")->flags & ZC_FLAG_DISTRIBUTIVE);
    zc_document_free(doc);
}

static void roles(void **state) {
    (void)state;
    zc_document *doc = extract("引进落户投资50亿元以上的产业项目15个以上。"
                               "抓好已规划的93个科创载体建设。完成8个领域100项以上改革任务。"
                               "实现建成区公交500米站点全覆盖。新增外贸企业25家。");
    assert_int_equal(finding(doc, "50亿元")->role, ZC_ROLE_QUALIFIER);
    assert_int_equal(finding(doc, "15个")->role, ZC_ROLE_COMMITMENT);
    assert_int_equal(finding(doc, "93个")->role, ZC_ROLE_QUANTITY);
    assert_int_equal(finding(doc, "8个")->role, ZC_ROLE_QUALIFIER);
    assert_int_equal(finding(doc, "100项")->role, ZC_ROLE_COMMITMENT);
    assert_int_equal(finding(doc, "500米")->role, ZC_ROLE_QUALIFIER);
    assert_int_equal(finding(doc, "25家")->role, ZC_ROLE_COMMITMENT); /* exact, but add */
    zc_document_free(doc);
}

static void actions_and_subjects(void **state) {
    (void)state;
    zc_document *doc = extract("技术合同交易额突破180亿元,税收收入占比80%以上,运营成本降低24%,"
                               "新增高企184家、总量402家,实现城镇新增就业2.4万人,"
                               "川外科学城中学等3所学校建成投用。");
    const zc_finding *f = finding(doc, "180亿元");
    assert_int_equal(f->action, ZC_ACTION_REACH);
    assert_true(span_is(doc, f->subject, "技术合同交易额"));
    assert_int_equal(finding(doc, "80%")->action, ZC_ACTION_SHARE);
    assert_int_equal(finding(doc, "24%")->action, ZC_ACTION_DECLINE);
    assert_int_equal(finding(doc, "184家")->action, ZC_ACTION_ADD);
    assert_int_equal(finding(doc, "402家")->action, ZC_ACTION_TOTAL);
    assert_int_equal(finding(doc, "402家")->role, ZC_ROLE_QUANTITY);
    assert_int_equal(finding(doc, "2.4万人")->action, ZC_ACTION_REACH);
    assert_int_equal(finding(doc, "3所")->action, ZC_ACTION_REACH);
    zc_document_free(doc);
}

/* Clause cues override the section status; deadlines come from the clause. */
static void status_and_deadline(void **state) {
    (void)state;
    zc_document *doc = extract("一、2023年工作情况\n全年地区生产总值增长8.3%,投用后将新增床位4000张,"
                               "国家级高新技术企业预计突破1500家。\n二、2024年工作打算\n"
                               "力争GDP增长8%左右,9月底前新增企业20家,一季度出台政策3项。\n");
    assert_int_equal(finding(doc, "8.3%")->status, ZC_STAGE_ACHIEVED);
    assert_int_equal(finding(doc, "4000张")->status, ZC_STAGE_TARGET);
    assert_int_equal(finding(doc, "1500家")->status, ZC_STAGE_ESTIMATE);
    assert_int_equal(finding(doc, "8%")->status, ZC_STAGE_TARGET);
    assert_true(span_is(doc, finding(doc, "20家")->deadline, "9月底前"));
    assert_true(span_is(doc, finding(doc, "3项")->deadline, "一季度"));
    zc_document_free(doc);
}

/* Each kind of deadline cue in a clause is its figure's deadline, the
 * year's common characters around it (2025年, 一个) notwithstanding: the
 * cue words are looked for by their first two characters. */
static void deadline_cues(void **state) {
    (void)state;
    static const char *const cues[] = {"一季度", "第四季度", "上半年", "下半年", "年底前",
                                       "年内",   "年末",     "9月底前", "12月底"};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "2025年一个目标:%s新增企业20家。", cues[i]);
        zc_document *doc = extract(text);
        assert_true(span_is(doc, finding(doc, "20家")->deadline, cues[i]));
        zc_document_free(doc);
    }
}

/* 其中 and 同比 open a new scope for verbs inside a clause: the verb before
 * them is not the action of the figure after them, but a verb after them
 * is. Found however far the clause runs before them (the search takes 32
 * bytes a step with AVX2). */
static void scope_breaks_in_long_clauses(void **state) {
    (void)state;
    for (int k = 0; k < 40; k++) {
        char text[512];
        int len = snprintf(text, sizeof text, "新增");
        for (int i = 0; i < k; i++)
            len += snprintf(text + len, sizeof text - (size_t)len, "企");
        snprintf(text + len, sizeof text - (size_t)len, "其中高企20家。新增企业其中高企新增30家。");
        zc_document *doc = extract(text);
        if (finding(doc, "20家")->action != ZC_ACTION_NONE)
            fail_msg("%d characters before 其中: 20家 takes the verb before it", k);
        assert_int_equal(finding(doc, "30家")->action, ZC_ACTION_ADD);
        zc_document_free(doc);
    }
}

/* A verb or a time between a subject's scope and its measure is cut from
 * its name (创维电子形成年产值 -> 创维电子年产值), and what comes before a
 * verb inside the phrase is dropped (…将新建国营农场 -> 国营农场), wherever
 * they stand in a long subject (the words are looked for 32 bytes a step
 * with AVX2). */
static void subject_fillers_cut(void **state) {
    (void)state;
    for (int k = 0; k < 24; k++) {
        char text[512], want[256];
        int len = snprintf(want, sizeof want, "创维");
        for (int i = 0; i < k; i++)
            len += snprintf(want + len, sizeof want - (size_t)len, "甲");
        snprintf(text, sizeof text, "%s形成年产值50亿元。", want);
        snprintf(want + len, sizeof want - (size_t)len, "年产值");
        zc_document *doc = extract(text);
        const zc_finding *f = finding(doc, "50亿元");
        if (!f->subject_name || strcmp(f->subject_name, want) != 0)
            fail_msg("%d characters: subject name %s, not %s", k, f->subject_name ? f->subject_name : "(none)", want);
        zc_document_free(doc);
        /* what stands before a verb inside the phrase is no part of it */
        snprintf(text, sizeof text, "%s将新建国营农场91个。", want);
        doc = extract(text);
        assert_true(span_is(doc, finding(doc, "91个")->subject, "国营农场"));
        zc_document_free(doc);
    }
}

/* The stage cues (预计 已 将) and the years (2022年) of a sentence reach its
 * figures however far into a long sentence they stand (with AVX2 they are
 * found 32 bytes a step, cues and years apart, then merged in text order):
 * the cue of the figure's clause decides, a year before it is its year. */
static void cues_and_years_far_into_sentences(void **state) {
    (void)state;
    for (int k = 0; k < 40; k++) {
        char text[1024], pad[256] = "";
        for (int i = 0; i < k; i++)
            strcat(pad, "甲");
        snprintf(text, sizeof text,
                 "%s预计2023年%s全区新增企业8家。\n%s2022年全区%s已新增企业9家，将新增企业7家。\n",
                 pad, pad, pad, pad);
        zc_document *doc = extract(text);
        const zc_finding *a = finding(doc, "8家"), *b = finding(doc, "9家"), *c = finding(doc, "7家");
        if (a->status != ZC_STAGE_ESTIMATE || a->year != 2023 || b->status != ZC_STAGE_ACHIEVED ||
            b->year != 2022 || c->status != ZC_STAGE_TARGET || c->year != 2022)
            fail_msg("%d characters: %d/%d %d/%d %d/%d", k, a->status, a->year, b->status, b->year,
                     c->status, c->year);
        zc_document_free(doc);
    }
}

/* A sentence's start is found wherever its end falls among the bytes
 * before a figure (the search back for it takes 16 bytes a step): 预计 of
 * the sentence before reaches 5家 only when a comma, not a sentence end,
 * stands between; a topic comes from the figure's own sentence. */
static void sentence_cues_at_every_alignment(void **state) {
    (void)state;
    static const char *const ends[] = {"。", ";", "，"};
    for (size_t e = 0; e < 3; e++)
        for (int spaces = 0; spaces < 18; spaces++)
            for (int words = 0; words < 4; words++) {
                char text[256];
                int len = snprintf(text, sizeof text, "总体向好。预计投资8亿元%s%*s新增", ends[e],
                                   spaces, "");
                for (int w = 0; w < words; w++)
                    len += snprintf(text + len, sizeof text - (size_t)len, "大型");
                snprintf(text + len, sizeof text - (size_t)len, "工厂5家。\n");
                zc_document *doc = extract(text);
                const zc_finding *f = finding(doc, "5家");
                assert_non_null(f);
                assert_int_equal(f->status, e < 2 ? ZC_STAGE_TARGET : ZC_STAGE_ESTIMATE);
                assert_int_equal(finding(doc, "8亿元")->status, ZC_STAGE_ESTIMATE);
                zc_document_free(doc);
            }
    /* the topic of 总产量 is the first clause of its own sentence, whatever
     * short sentences end just before it */
    for (int spaces = 0; spaces < 18; spaces++) {
        char text[256];
        snprintf(text, sizeof text, "好。好。%*s粮食连续五年增产，总产量10570亿斤。\n", spaces, "");
        zc_document *doc = extract(text);
        const zc_finding *f = finding(doc, "10570亿斤");
        assert_non_null(f);
        assert_non_null(f->indicator);
        assert_string_equal(f->indicator, "grain_output");
        zc_document_free(doc);
    }
}

/* A paragraph opened by 过去一年 reviews, even under a heading about the
 * year ahead (2011 government work report). */
static void review_paragraph_in_plan_section(void **state) {
    (void)state;
    zc_document *doc = extract("三、2011年的工作\n2011年是开局之年。过去一年，我们的各项工作取得了很大成绩。"
                               "国内生产总值增长10.3%。\n今年的主要预期目标是：国内生产总值增长8%左右。\n");
    assert_int_equal(finding(doc, "10.3%")->status, ZC_STAGE_ACHIEVED);
    assert_int_equal(finding(doc, "8%")->status, ZC_STAGE_TARGET);
    zc_document_free(doc);
}

/* Years, dates, rankings and names are not quantities. */
static void not_quantities(void **state) {
    (void)state;
    zc_document *doc = extract("2023年是开局之年,截至2023年底,3月底前完成,位居全国第14位,"
                               "推进5G建设,轨道16号线开通,“十四五”规划,“6+1”主导产业,"
                               "天马8.6代线,三个年活动,四大行动,2024—2026年滚动计划,"
                               "特区建设40周年,近10年来,5年以来。");
    assert_int_equal(zc_document_finding_count(doc), 0);
    zc_document_free(doc);
}

/* A single Chinese digit is a word (进一步, 统一, 一批) unless a bound word,
 * a scale or a verb with its unit makes it an amount; each way in which it
 * can be one is asked here, as 07 turns most lone digits away before
 * reading what follows them. */
static void lone_chinese_digits(void **state) {
    (void)state;
    zc_document *doc = extract("培训时间不少于三年,经济总量翻一番,收入增长一倍以上,提高两成,"
                               "约三万人,进一步统一规划,一批项目,三、四个月。");
    ASSERT_Q(finding(doc, "三年"), 3, 3, "年", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "一番"), 1, 1, "番", 1, ZC_BOUND_EXACT);
    assert_int_equal(finding(doc, "一番")->action, ZC_ACTION_GROWTH);
    ASSERT_Q(finding(doc, "一倍"), 1, 1, "倍", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "两成"), 2, 2, "成", 1, ZC_BOUND_EXACT);
    ASSERT_Q(finding(doc, "三万人"), 3, 3, "人", 1e4, ZC_BOUND_APPROX);
    assert_int_equal(zc_document_finding_count(doc), 5);
    zc_document_free(doc);
    /* with no unit at all, only a bound word before or after keeps one */
    zc_options opts;
    zc_options_init(&opts);
    opts.flags |= ZC_OPT_UNITLESS;
    zc_error err;
    zc_extractor *ex = zc_extractor_new(&opts, &err);
    assert_non_null(ex);
    const char *text = "高于三,约五,超过一、二,四成以上,总数三万,进一步统一。";
    doc = zc_extract(ex, text, strlen(text), &err);
    assert_non_null(doc);
    ASSERT_Q(finding(doc, "三"), 3, 3, "", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "五"), 5, 5, "", 1, ZC_BOUND_APPROX);
    ASSERT_Q(finding(doc, "一"), 1, 1, "", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "四成"), 4, 4, "成", 1, ZC_BOUND_AT_LEAST);
    ASSERT_Q(finding(doc, "三万"), 3, 3, "", 1e4, ZC_BOUND_EXACT);
    assert_int_equal(zc_document_finding_count(doc), 5);
    zc_document_free(doc);
    zc_extractor_free(ex);
}

/* A run of OCR-damaged digits too long for a double to mean anything is no
 * amount (found by fuzzing: 300 digits read as 1e309 gave a value of null),
 * as an Arabic one that long is not; a short one still reads. */
static void overlong_ocr_number(void **state) {
    (void)state;
    char text[512] = "产值2011111111";
    size_t k = strlen(text);
    while (k < 310)
        text[k++] = 'o';
    strcpy(text + k, "元，投资1O0亿元。");
    zc_document *doc = extract(text);
    for (size_t i = 0; i < zc_document_finding_count(doc); i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        assert_true(f->text.end - f->text.start < 64);
        assert_true(isfinite(f->value) && isfinite(f->value_max));
    }
    assert_true(finding(doc, "1O0亿元")->value == 100);
    zc_document_free(doc);
}

/* Suspicious readings are flagged, not dropped. */
static void suspicious_kept(void **state) {
    (void)state;
    zc_document *doc = extract("争取省级部门在总窗口新设立2.3个各类科创平台。");
    const zc_finding *f = finding(doc, "2.3个");
    assert_true(f->flags & ZC_FLAG_SUSPICIOUS);
    assert_int_equal(f->action, ZC_ACTION_ADD);
    zc_document_free(doc);
}

/* A page-chunk marker between a number and its unit does not split them. */
static void page_chunk_inside_quantity(void **state) {
    (void)state;
    const char *s = "1、第一段文字内容足够长足够长足够长足够长足够长足够长足够长足够长向科技企业提供贷款10\n"
                    "2、亿元以上。还有很多的文字内容足够长足够长足够长足够长足够长足够长足够长足够长足够长\n"
                    "3、新增企业20家以上。\n";
    zc_document *doc = extract(s);
    const zc_finding *f = zc_document_finding(doc, 0);
    assert_non_null(f);
    assert_true(f->value == 10);
    assert_string_equal(f->unit, "元");
    assert_true(f->scale == 1e8);
    assert_int_equal(f->bound, ZC_BOUND_AT_LEAST);
    assert_int_equal(f->text.start, strstr(s, "10\n") - s);
    assert_int_equal(zc_document_section_count(doc), 1); /* the 1、2、3、 are no headings */
    zc_document_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arabic_numbers),       cmocka_unit_test(numbers_read_exactly),
        cmocka_unit_test(chinese_numerals),
        cmocka_unit_test(scale_and_units),      cmocka_unit_test(ocr_digits),
        cmocka_unit_test(bounds),               cmocka_unit_test(bound_stays_in_its_clause),
        cmocka_unit_test(ranges),               cmocka_unit_test(distributive_lists),
        cmocka_unit_test(chinese_numeral_lists),
        cmocka_unit_test(each_and_all),         cmocka_unit_test(roles),
        cmocka_unit_test(actions_and_subjects), cmocka_unit_test(status_and_deadline),
        cmocka_unit_test(deadline_cues),
        cmocka_unit_test(scope_breaks_in_long_clauses),
        cmocka_unit_test(subject_fillers_cut),
        cmocka_unit_test(not_quantities),       cmocka_unit_test(lone_chinese_digits),
        cmocka_unit_test(suspicious_kept),
        cmocka_unit_test(page_chunk_inside_quantity), cmocka_unit_test(overlong_ocr_number),
        cmocka_unit_test(review_paragraph_in_plan_section),
        cmocka_unit_test(sentence_cues_at_every_alignment),
        cmocka_unit_test(cues_and_years_far_into_sentences),
    };
    return cmocka_run_group_tests(tests, setup_extractor, teardown_extractor);
}
