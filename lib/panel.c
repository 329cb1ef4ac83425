/*
 * panel.c -- what each government promised, and whether it delivered
 * (spec §4): the targets and outcomes of many documents paired by place,
 * year and indicator, with the met rule of the indicators' direction.
 *
 * Built on the public API only, like output.c. zc_panel_add() keeps the
 * candidate figures of one document (copied: the document may go);
 * counting the rows picks the headline figure per key and pairs them.
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdlib.h>

#include "base.h"
#include "language.h" /* zci_year_at, zci_year_before */

/* A figure that may become a row's target or outcome. */
typedef struct candidate {
    const char *place, *indicator;
    int32_t year;
    bool target;      /* else an outcome */
    bool from_report; /* target: the document plans for this year; outcome:
                         the document reviews it (next year's report, a
                         communiqué of the year) */
    int rank;         /* lower is better among the same key */
    size_t seq;       /* order of adding, then of the figure in its document */
    zc_panel_figure fig;
} candidate;

struct zc_panel {
    zc_allocator a;
    zci_arena strings; /* place and document names */
    candidate *c;
    size_t nc, capc;
    zc_panel_row *rows;
    size_t nrows, caprows;
    bool dirty; /* candidates added since the rows were built */
};

zc_panel *zc_panel_new(const zc_allocator *allocator, zc_error *err) {
    const zc_allocator *a = allocator ? allocator : &zci_default_allocator;
    zc_panel *p = a->alloc(sizeof *p, a->ud);
    if (!p) {
        zci_error_set(err, ZC_ERR_NOMEM, ZC_NO_OFFSET, 0, "out of memory creating a panel");
        return NULL;
    }
    memset(p, 0, sizeof *p);
    p->a = *a;
    zci_arena_init(&p->strings, a);
    return p;
}

void zc_panel_free(zc_panel *p) {
    if (!p)
        return;
    zci_arena_release(&p->strings);
    if (p->c)
        p->a.dealloc(p->c, p->a.ud);
    if (p->rows)
        p->a.dealloc(p->rows, p->a.ud);
    p->a.dealloc(p, p->a.ud);
}

static const char *copy_string(zc_panel *p, const char *s) {
    size_t n = strlen(s);
    char *d = zci_arena_alloc(&p->strings, n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

static bool grow(zc_panel *p, void **data, size_t *cap, size_t len, size_t elem) {
    if (len < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    if (ncap > SIZE_MAX / elem)
        return false;
    void *d = p->a.alloc(ncap * elem, p->a.ud);
    if (!d)
        return false;
    if (len)
        memcpy(d, *data, len * elem);
    if (*data)
        p->a.dealloc(*data, p->a.ud);
    *data = d;
    *cap = ncap;
    return true;
}

/* Does word w stand at t[p] (within the n bytes of the text)? */
static bool word_at(const char *t, size_t n, size_t p, const char *w) {
    size_t l = strlen(w);
    return p <= n && l <= n - p && memcmp(t + p, w, l) == 0;
}

/* Where the part of the text that holds the figure at start begins: after
 * a sentence end or a line end, and for a clause (not a sentence) after a
 * comma too; at most ~40 characters back. */
static size_t part_begin(const char *t, size_t n, size_t start, bool sentence) {
    size_t lo = start > 120 ? start - 120 : 0;
    for (size_t p = start; p > lo;) {
        p = zci_prev_char(t, p);
        if (t[p] == '\n' || t[p] == ';' || t[p] == '!' || t[p] == '?' ||
            word_at(t, n, p, "\xE3\x80\x82") || /* 。 */
            word_at(t, n, p, "\xEF\xBC\x9B") || /* ； */
            (!sentence && (t[p] == ',' || word_at(t, n, p, "\xEF\xBC\x8C")))) /* ， */
            return p + 1;
    }
    return lo;
}

static size_t clause_begin(const char *t, size_t n, size_t start) {
    return part_begin(t, n, start, false);
}

/* Does one of the words stand in [from, start)? */
static bool said_in(const char *t, size_t n, size_t from, size_t start, const char *const *words) {
    for (size_t p = from; p < start; p += zci_char_len(t, n, p))
        for (const char *const *w = words; *w; w++)
            if (word_at(t, n, p, *w))
                return true;
    return false;
}

/* Does one of the words stand in the clause before the figure? */
static bool said_before(const char *t, size_t n, size_t start, const char *const *words) {
    return said_in(t, n, clause_begin(t, n, start), start, words);
}

/* Is the figure a change over more than a year: its clause compares with
 * a year before the one before its own (比2002年增长65.5% of 2007)? */
static bool over_years(const char *t, size_t n, size_t start, int32_t year) {
    for (size_t p = clause_begin(t, n, start), end; p < start; p += zci_char_len(t, n, p)) {
        int32_t base = word_at(t, n, p, "比") || word_at(t, n, p, "较")
                           ? zci_year_at(t, n, p + 3, &end)
                           : 0;
        if (base && base < year - 1)
            return true;
    }
    return false;
}

/* Figures that are not one year's: five-year averages and totals, parts of
 * a year, the years before (由前三年分别上升…), changes over several years;
 * for targets also multi-year ones (今后五年, 到2020年, 五年城镇新增就业,
 * 届时). */
static bool not_one_year(const char *t, size_t n, size_t start, int32_t year, bool target) {
    static const char *const words[] = {"年均", "平均每年", "五年累计", "累计", "前三季度", "上半年",
                                        "1-11月", "1—11月", "前11个月", "前两年", "前三年",
                                        "前四年", "前几年", NULL};
    static const char *const ahead[] = {"今后", "期间", "到20", "五年", NULL};
    /* 届时 (by then: 到2020年…。届时，经济总量超过90万亿元) looks back to a
     * deadline said before, often in the sentence before, after a comma */
    static const char *const by_then[] = {"届时", NULL};
    return said_before(t, n, start, words) || over_years(t, n, start, year) ||
           (target && (said_before(t, n, start, ahead) ||
                       said_in(t, n, part_begin(t, n, start, true), start, by_then)));
}

/* Is the figure the base of a change (由2476元增加到4140元, 比2002年)? The
 * word stands right before it, or before its year. */
static bool change_base(const char *t, size_t start) {
    size_t p = start, year_at;
    if (p >= 3 && memcmp(t + p - 3, "\xE5\xB9\xB4", 3) == 0 && /* 年 */
        zci_year_before(t, 0, p - 3, &year_at))
        p = year_at;
    static const char *const words[] = {"由", "从", "比", "较", NULL};
    for (const char *const *w = words; *w; w++)
        if (p >= strlen(*w) && memcmp(t + p - strlen(*w), *w, strlen(*w)) == 0)
            return true;
    return false;
}

/* Does t[from, to) name a plan period (十三五, 第十个五年: the lexicon's
 * PLAN_PERIOD) or five years (今后五年, 这五年)? */
static bool names_period(const char *t, size_t from, size_t to) {
    size_t at;
    return (to - from >= 6 && memmem(t + from, to - from, "五年", 6)) ||
           zci_lex_find(ZCI_LEX_PLAN_PERIOD, t, to, from, to, false, &at) != NULL;
}

/* Is the figure in a paragraph that opens by looking back over a plan
 * period (这五年, 过去五年, “十一五”时期, in its first clause)? Its figures
 * are five-year ones, or the period's end. A period named later in the
 * paragraph (2011年，是“十二五”开局之年) says nothing of its figures. */
static bool in_period_review(const char *t, size_t n, size_t start) {
    size_t lo = start > 3000 ? start - 3000 : 0, p = 0;
    const char *nl = start > lo ? memrchr(t + lo, '\n', start - lo) : NULL;
    if (nl)
        p = (size_t)(nl - t) + 1;
    else if (lo > 0)
        return false; /* no paragraph start within reach */
    size_t e = p; /* the end of its first clause */
    while (e < start && t[e] != ',' && t[e] != ';' && !word_at(t, n, e, "\xEF\xBC\x8C") && /* ， */
           !word_at(t, n, e, "\xE3\x80\x82") && !word_at(t, n, e, "\xEF\xBC\x9B"))  /* 。； */
        e += zci_char_len(t, n, e);
    return names_period(t, p, e);
}

/* Does the heading of the figure's section, or of one around it, name a
 * plan period and no year of its own (“十四五”时期主要目标任务, 今后五年的
 * 主要任务; not 第二个五年计划的第二年——一九五九年…的任务)? Its targets
 * are the period's, not one year's. */
static bool in_period_section(const zc_document *doc, size_t section) {
    for (size_t k = section; k != 0 && k != ZC_NO_SECTION;) {
        const zc_section *s = zc_document_section(doc, k);
        if (!s)
            break;
        size_t n;
        const char *t = zc_document_span_text(doc, s->title, &n);
        if (t && names_period(t, 0, n)) {
            size_t end;
            for (size_t p = 0; p < n; p += zci_char_len(t, n, p))
                if (zci_year_at(t, n, p, &end))
                    return false;
            return true;
        }
        k = s->parent;
    }
    return false;
}

/* How good a figure is as the headline of its indicator: flow indicators
 * (more is better, counted in money) are reported as growth rates, levels
 * (CPI, jobs, grain, unemployment) as levels, not as the amount they
 * changed by. Lower is better. */
static int rank_of(const zc_indicator *ind, const zc_finding *f) {
    bool percent = f->unit_class == ZC_UNIT_PERCENT || f->unit_class == ZC_UNIT_PERCENT_POINT;
    bool flow = ind->unit_class == ZC_UNIT_MONEY && ind->direction == ZC_DIRECTION_UP;
    if (flow)
        return percent && f->action == ZC_ACTION_GROWTH ? 0 : percent ? 2 : 1;
    if (ind->unit_class == ZC_UNIT_PERCENT)
        return percent ? 0 : 2;
    /* 又增产291亿斤，达到9680亿斤: an amount of change is no level */
    bool change = f->action == ZC_ACTION_GROWTH || f->action == ZC_ACTION_DECLINE;
    return f->unit_class == ind->unit_class ? (change ? 1 : 0) : percent ? 1 : 2;
}

/* How good a figure is as its indicator's target: a level or a rate, not
 * an amount it is to change by, even of the whole where a level is only
 * given for a part (削减财政赤字450亿元 beside 中央财政赤字预算拟安排1800亿元:
 * the part's +4 below stays under this). Lower is better. */
static int target_rank(const zc_finding *f) {
    bool percent = f->unit_class == ZC_UNIT_PERCENT || f->unit_class == ZC_UNIT_PERCENT_POINT;
    bool change = f->action == ZC_ACTION_GROWTH || f->action == ZC_ACTION_DECLINE;
    return change && !percent ? 8 : 0;
}

/* Where the caller's byte off stands in the document's text as UTF-8 (the
 * same offset for a document read as UTF-8). */
static size_t utf8_offset(const zc_document *doc, size_t off) {
    size_t len;
    zc_document_span_text(doc, (zc_span){0, off}, &len);
    return len;
}

zc_status zc_panel_add(zc_panel *p, const zc_document *doc, const char *name) {
    if (!p || !doc)
        return ZC_ERR_INVALID_ARG;
    const zc_meta *m = zc_document_meta(doc);
    if (!m->place || !m->place[0] || !m->report_year)
        return ZC_OK; /* a document that does not say where or when adds nothing */
    const char *place = copy_string(p, m->place);
    const char *docname = copy_string(p, name ? name : "");
    if (!place || !docname)
        return ZC_ERR_NOMEM;
    /* the rules below read UTF-8: for a document read from GB18030 or
     * UTF-16 that is the library's conversion, where a figure's place is
     * found from its span in the caller's bytes */
    size_t input_len, n;
    zc_document_text(doc, &input_len);
    const char *t = zc_document_span_text(doc, (zc_span){0, input_len}, &n);
    size_t nf = zc_document_finding_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        if (!f->indicator || !f->year || f->role == ZC_ROLE_QUALIFIER)
            continue;
        if (f->flags & ZC_FLAG_TABLE)
            continue; /* a table's figures repeat the prose's */
        bool target = f->status == ZC_STAGE_TARGET;
        if (!target && f->status != ZC_STAGE_ACHIEVED && f->status != ZC_STAGE_ESTIMATE)
            continue;
        size_t start = utf8_offset(doc, f->text.start);
        if (not_one_year(t, n, start, f->year, target) || change_base(t, start) ||
            (target && in_period_section(doc, f->section)))
            continue;
        const zc_indicator *ind = zc_indicator_find(f->indicator, strlen(f->indicator));
        if (!grow(p, (void **)&p->c, &p->capc, p->nc, sizeof *p->c))
            return ZC_ERR_NOMEM;
        candidate *c = &p->c[p->nc++];
        memset(c, 0, sizeof *c);
        c->place = place;
        c->indicator = f->indicator;
        c->year = f->year;
        c->target = target;
        c->from_report = target ? f->year == m->report_year
                                : f->year + 1 == m->report_year || m->genre == ZC_GENRE_COMMUNIQUE;
        c->rank = target ? target_rank(f)
                         : rank_of(ind, f) + (in_period_review(t, n, start) ? 3 : 0);
        /* 中央财政赤字 is a part of the whole: the national figure goes first */
        size_t subject_len;
        const char *subject = zc_document_span_text(doc, f->subject, &subject_len);
        if (subject && memmem(subject, subject_len, "中央", 6))
            c->rank += 4;
        c->seq = p->nc;
        c->fig = (zc_panel_figure){f->value, f->value_max, f->scale, f->bound, f->unit, docname,
                                   f->text, f->action};
    }
    p->dirty = true;
    return ZC_OK;
}

/* Is candidate a a better choice than b for the same key and kind? */
static bool better(const candidate *a, const candidate *b) {
    if (a->from_report != b->from_report)
        return a->from_report;
    if (a->rank != b->rank)
        return a->rank < b->rank;
    return a->seq < b->seq; /* the first: the main-targets paragraph, the headline */
}

static int by_key(const void *x, const void *y) {
    const candidate *a = x, *b = y;
    int c = strcmp(a->place, b->place);
    if (!c)
        c = strcmp(a->indicator, b->indicator);
    if (!c)
        c = a->year < b->year ? -1 : a->year > b->year;
    if (!c)
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

/* The amount of a figure in its unit, magnitude multiplied out. */
static double amount(const zc_panel_figure *f, double v) { return v * f->scale; }

/* The met rule of §4, with the indicator's direction. A decline rate
 * (能耗下降4%) is compared in the up sense: more decline is better. */
static zc_met met_of(const zc_panel_row *r) {
    if (!r->has_target || !r->has_achieved || strcmp(r->target.unit, r->achieved.unit) != 0)
        return ZC_MET_UNKNOWN;
    const zc_indicator *ind = zc_indicator_find(r->indicator, strlen(r->indicator));
    zc_direction dir = ind ? ind->direction : ZC_DIRECTION_NONE;
    if (dir == ZC_DIRECTION_DOWN && r->target.action == ZC_ACTION_DECLINE &&
        r->achieved.action == ZC_ACTION_DECLINE)
        dir = ZC_DIRECTION_UP; /* 能耗下降4%: a bigger decline is better */
    double v = amount(&r->target, r->target.value), vmax = amount(&r->target, r->target.value_max);
    double a = amount(&r->achieved, r->achieved.value);
    bool ok;
    switch (r->target.bound) {
    case ZC_BOUND_AT_LEAST:
        ok = a >= v;
        break;
    case ZC_BOUND_AT_MOST:
        ok = a <= v;
        break;
    case ZC_BOUND_RANGE:
        ok = (a >= v && a <= vmax) || (dir == ZC_DIRECTION_UP && a >= v) ||
             (dir == ZC_DIRECTION_DOWN && a <= vmax);
        break;
    default: /* exact, approx: at or beyond in the direction, or within 10 % */
        ok = fabs(a - v) <= 0.1 * fabs(v) * (1 + 1e-9) || (dir == ZC_DIRECTION_UP && a >= v) ||
             (dir == ZC_DIRECTION_DOWN && a <= v);
        break;
    }
    return ok ? ZC_MET_YES : ZC_MET_NO;
}

static zc_status build(zc_panel *p) {
    if (!p->dirty)
        return ZC_OK;
    if (p->nc) /* qsort must not see the NULL of an empty panel */
        qsort(p->c, p->nc, sizeof *p->c, by_key);
    p->nrows = 0;
    for (size_t i = 0; i < p->nc;) {
        size_t j = i;
        const candidate *t = NULL, *o = NULL;
        while (j < p->nc && strcmp(p->c[i].place, p->c[j].place) == 0 &&
               strcmp(p->c[i].indicator, p->c[j].indicator) == 0 && p->c[i].year == p->c[j].year) {
            const candidate *c = &p->c[j];
            if (c->target && (!t || better(c, t)))
                t = c;
            if (!c->target && (!o || better(c, o)))
                o = c;
            j++;
        }
        i = j;
        if (!grow(p, (void **)&p->rows, &p->caprows, p->nrows, sizeof *p->rows))
            return ZC_ERR_NOMEM;
        zc_panel_row *r = &p->rows[p->nrows++];
        memset(r, 0, sizeof *r);
        const candidate *any = t ? t : o;
        r->place = any->place;
        r->year = any->year;
        r->indicator = any->indicator;
        r->target_set = 1;
        if (t) {
            r->has_target = 1;
            r->target = t->fig;
        }
        if (o) {
            r->has_achieved = 1;
            r->achieved = o->fig;
        }
        r->met = met_of(r);
    }
    p->dirty = false;
    return ZC_OK;
}

size_t zc_panel_row_count(zc_panel *p) {
    if (!p || build(p) != ZC_OK)
        return 0;
    return p->nrows;
}

const zc_panel_row *zc_panel_row_at(zc_panel *p, size_t i) {
    return p && i < zc_panel_row_count(p) ? &p->rows[i] : NULL;
}
