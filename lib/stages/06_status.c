/*
 * 06_status.c -- every rule that decides whether a figure is a target, an
 * achievement or an estimate, in one place:
 *   headings   a cue word of the heading (工作回顾, 工作打算...), else a year
 *              in it compared with the document's (2023年… in a 2024 plan
 *              looks back), else the parent's status;
 *   paragraphs a paragraph opened by 过去一年 / 一年来 reviews, even under a
 *              heading about the year ahead (PARA_CUE);
 *   clauses    预计 gives estimate; 力争 确保 争取 将 give target; 已 in the
 *              clause gives achieved (STAGE_CUE).
 * zci_status_sections() runs on the sections; zci_status_place() gives each
 * quantity its innermost section and its status.
 */
#define _GNU_SOURCE /* memmem */
#include "pipeline.h"

static int32_t report_year(const zci_work *w);

/* How much of a heading's title its status and year are read from. The
 * corpus's longest titles run to ~530 bytes; a marker before a line of a
 * megabyte with no sentence end makes a title of a megabyte, and its cues
 * are not the heading's. */
#define HEADING_WORDS_MAX 600

/* r cut to its first HEADING_WORDS_MAX bytes, on a character boundary. */
static zci_range heading_words(const char *t, zci_range r) {
    if (r.e - r.s > HEADING_WORDS_MAX)
        r.e = (uint32_t)zci_char_start(t, r.s + HEADING_WORDS_MAX);
    return r;
}

/* The first year (zci_year_before) that starts at or after from and ends
 * by e: its start, and the year in *y; e if none. Found from the 年
 * (E5 B9 B4) after it, by memchr for its last byte: B4 ends about one
 * character in sixty, and the counts below read whole documents. */
static size_t next_year(const char *t, size_t from, size_t e, int32_t *y) {
    for (size_t q = from + 6; q < e;) { /* q: the B4 of a 年 */
        const char *hit = memchr(t + q, 0xB4, e - q);
        if (!hit)
            break;
        size_t nian = (size_t)(hit - t) - 2, at;
        if (ZCI_HAS(t, e, nian, "年") && (*y = zci_year_before(t, from, nian, &at)) != 0)
            return at;
        q = nian + 3;
    }
    return e;
}

/* The first year named in [s, e), or 0. */
static int32_t year_in(const char *t, size_t s, size_t e) {
    int32_t y;
    return next_year(t, s, e, &y) < e ? y : 0;
}

/* Status from a span of heading text, or -1 when it says nothing. */
static int status_of(const char *t, size_t n, zci_range r, int32_t year, bool avx2) {
    size_t at;
    r = heading_words(t, r);
    /* a cue often opens the title (主要任务, 工作回顾): asked there first,
     * then searched for after it */
    const zci_word *w = zci_lex_at(ZCI_LEX_SECTION_CUE, t, r.e, r.s);
    if (w)
        at = r.s;
    else if (r.s < r.e)
        w = zci_lex_find(ZCI_LEX_SECTION_CUE, t, n, r.s + zci_char_len(t, r.e, r.s), r.e, avx2,
                         &at);
    /* a plan period's name yields to another cue after it */
    const zci_word *other;
    size_t at2;
    if (w && w->val2 == ZCI_CUE_PERIOD &&
        (other = zci_lex_find(ZCI_LEX_SECTION_CUE, t, n, at + w->len, r.e, avx2, &at2)) != NULL)
        w = other;
    if (w)
        return w->val;
    int32_t named = year > 0 ? year_in(t, r.s, r.e) : 0; /* the first year it names */
    if (named)
        return named < year ? ZC_STAGE_ACHIEVED : ZC_STAGE_TARGET;
    return -1;
}

/* The root's status: the genre's default, or for reports and work plans,
 * what the title says (2023年工作总结 looks back). */
static zc_stage root_status(const zci_work *w) {
    switch (w->meta.genre) {
    case ZC_GENRE_COMMUNIQUE:
        return ZC_STAGE_ACHIEVED;
    case ZC_GENRE_REGULATION:
        return ZC_STAGE_RULE;
    case ZC_GENRE_PLAN_OUTLINE:
    case ZC_GENRE_OPINION:
        return ZC_STAGE_TARGET;
    default:;
    }
    const zci_range title = w->meta.title;
    int st = title.e > title.s ? status_of(w->text.t, w->text.n, title, 0, w->avx2) : -1;
    return st < 0 ? ZC_STAGE_TARGET : (zc_stage)st;
}

void zci_status_sections(zci_work *w) {
    ZCI_SEC(w, 0)->status = root_status(w);
    for (size_t i = 1; i < w->sections.len; i++) {
        zci_sec *s = ZCI_SEC(w, i);
        zc_stage parent = ZCI_SEC(w, s->parent)->status;
        /* a rule is a rule whatever its heading says */
        int st = parent == ZC_STAGE_RULE ? -1
                                          : status_of(w->text.t, w->text.n, s->title, w->meta.year, w->avx2);
        s->status = st >= 0 ? (zc_stage)st : parent;
    }
    w->meta.report_year = report_year(w);
}

/*
 * The year the document plans for: a year in a plan heading (2024年主要任务)
 * or one after the year of a review heading (2023年工作回顾), of the first
 * top heading with a year, or of a later one that gives the year after; else the
 * latest year its title names (2023年工作总结及2024年工作计划; not a vision's
 * 二〇三五年远景目标), or the first of the five-year plan it names; a
 * communiqué's is the year it reports on; else the year after the one its
 * review sections speak of; else the year most mentioned, or the one after
 * it when that is mentioned too (a report reviews last year and plans this
 * one); else the date's year.
 */
static int32_t report_year(const zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n;
    const zci_meta *mt = &w->meta;
    int32_t title = 0;
    int32_t named;
    for (size_t p = mt->title.s; (p = next_year(t, p, mt->title.e, &named)) < mt->title.e; p++) {
        /* 二〇三五年远景目标: a vision */
        if (named > title && !ZCI_HAS(t, n, zci_year_nian(t, p) + 3, "远景"))
            title = named;
    }
    if (!title) { /* the first year of the five-year plan it names */
        size_t at;
        const zci_word *plan =
            zci_lex_find(ZCI_LEX_PLAN_PERIOD, t, n, mt->title.s, mt->title.e, w->avx2, &at);
        title = plan ? (int32_t)plan->factor : 0;
    }
    if (mt->genre == ZC_GENRE_COMMUNIQUE && title)
        return title;
    /* the first top heading with a year says it, or a later one the year
     * after (一九五七年经济战线上的胜利, then 一九五八年…计划的安排: a
     * review its cue words do not mark) */
    int32_t headed = 0;
    for (size_t i = 1; i < w->sections.len; i++) {
        const zci_sec *sc = ZCI_SEC(w, i);
        if (sc->depth != 1)
            continue;
        zci_range words = heading_words(t, sc->title);
        int32_t y = year_in(t, words.s, words.e);
        y = y && sc->status == ZC_STAGE_ACHIEVED ? y + 1 : y;
        if (!headed)
            headed = y;
        else if (y == headed + 1)
            return y;
    }
    if (headed)
        return headed;
    if (title)
        return title;
    /* the years a review section speaks of, comparison bases (比2002年,
     * 从2002年) and deadlines (到2020年) not counted */
    enum { FIRST = 1900, SPAN = 300 };
    uint16_t count[SPAN] = {0};
    for (size_t i = 1; i < w->sections.len; i++) {
        const zci_sec *sc = ZCI_SEC(w, i);
        if (sc->depth != 1 || sc->status != ZC_STAGE_ACHIEVED)
            continue;
        int32_t year;
        for (size_t p = sc->body.s; (p = next_year(t, p, sc->body.e, &year)) < sc->body.e; p++) {
            if (p >= 3 && (ZCI_HAS(t, n, p - 3, "到") || ZCI_HAS(t, n, p - 3, "比") ||
                           ZCI_HAS(t, n, p - 3, "从") || ZCI_HAS(t, n, p - 3, "较") ||
                           ZCI_HAS(t, n, p - 3, "由")))
                continue;
            if (count[year - FIRST] < UINT16_MAX)
                count[year - FIRST]++;
        }
    }
    /* of those, the latest named at least half as often as the most named:
     * a review of five years names their first year most (1998 in 2003's) */
    unsigned most = 0;
    for (int y = 0; y < SPAN; y++)
        most = count[y] > most ? count[y] : most;
    int reviewed = -1;
    for (int y = 0; y < SPAN; y++)
        if (most && 2u * count[y] >= most)
            reviewed = y;
    if (reviewed >= 0)
        return FIRST + reviewed + 1;
    /* the year most mentioned (in the first 256 KiB) */
    memset(count, 0, sizeof count);
    size_t hi = n > ((size_t)256 << 10) ? (size_t)256 << 10 : n;
    int32_t year;
    for (size_t p = 0; (p = next_year(t, p, hi, &year)) < hi; p++)
        if (count[year - FIRST] < UINT16_MAX)
            count[year - FIRST]++;
    int best = -1;
    for (int y = 0; y < SPAN; y++)
        if (count[y] && (best < 0 || count[y] > count[best]))
            best = y;
    if (best >= 0)
        return FIRST + best + (best + 1 < SPAN && count[best + 1] ? 1 : 0);
    return mt->year;
}

/* The stage cues and years of the sentence being read, found by one forward
 * scan as the figures are visited in text order: walking back from every
 * figure would read a sentence per figure, and a long list has hundreds of
 * figures in one sentence. */
typedef struct mention {
    size_t at;
    const zci_word *cue; /* a STAGE_CUE word starting at `at`, or NULL: a year */
    int32_t year;
} mention;

typedef struct sentence_scan {
    zci_scratch found; /* mentions in [floor, scanned), in text order, from index first */
    size_t first;
    size_t start;   /* the sentence read last starts here */
    size_t floor;   /* mentions before it are gone (not read, or dropped) */
    size_t scanned; /* the text before it is read */
    bool avx2;      /* read 32 bytes a step (zci_cpu_avx2) */
} sentence_scan;

/* The character start up to width bytes before pos (where a look back
 * from pos stops). */
static size_t back_from(const char *t, size_t pos, size_t width) {
    return zci_char_start(t, pos > width ? pos - width : 0);
}

/* Read on to pos, so that every mention of pos's sentence at or after lo is
 * in ss->found. A figure before the sentence read last (or before what was
 * dropped) starts the scan afresh at lo: correct for any order, linear for
 * figures in text order. Returns false when memory runs out. */
static bool scan_to(sentence_scan *ss, const char *t, size_t n, size_t pos, size_t lo) {
    bool afresh = !ZCI_MEMOS || pos < ss->start || (lo < ss->floor && ss->floor > ss->start) ||
                  lo > ss->scanned;
    if (!afresh && pos > ss->scanned) {
        /* A sentence that starts after the text read so far drops all that
         * reading would find: read from its start. Figures are ~600 bytes
         * apart, their sentences' openings ~50 bytes long. */
        size_t s = zci_sentence_start_back(t, ss->scanned, pos, false);
        if (s > ss->scanned) {
            ss->found.len = ss->first = 0;
            ss->start = ss->floor = ss->scanned = s;
        }
    }
    if (afresh) {
        /* afresh from the sentence start, looked for back to lo (the text
         * before lo is never asked about) */
        size_t s = zci_sentence_start_back(t, lo, pos, false);
        ss->found.len = ss->first = 0;
        ss->start = ss->floor = ss->scanned = s;
    }
    const unsigned char *u = (const unsigned char *)t;
    /* A year starting before pos ends by here (a figure never starts inside
     * a year; both ways of reading below take the years that end by e) */
    size_t e = pos + 6 < n ? pos + 6 : n;
#if defined(ZCI_USE_AVX2)
    if (ss->avx2 && pos > ss->scanned) {
        /* No sentence ends in [scanned, pos) (the starts above): its
         * mentions are the cues, found 32 bytes a step to each Han
         * character that may start one, and the years, found from the 年
         * after them, merged in text order. */
        int32_t y = 0;
        size_t h = zci_lex_next_han(ZCI_LEX_STAGE_CUE, t, n, ss->scanned, pos);
        size_t yp = next_year(t, ss->scanned, e, &y);
        while (h < pos || yp < pos) {
            mention m;
            if (yp < h) {
                m = (mention){yp, NULL, y};
                yp = next_year(t, yp + 1, e, &y);
            } else {
                const zci_word *cue = zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, h);
                m = (mention){h, cue, 0};
                h = zci_lex_next_han(ZCI_LEX_STAGE_CUE, t, n, h + 3, pos);
                if (!cue)
                    continue;
            }
            mention *slot = zci_scratch_push(&ss->found);
            if (!slot)
                return false;
            *slot = m;
        }
        ss->scanned = pos;
    }
#endif
    for (size_t p = ss->scanned; p < pos;) {
        unsigned char c = u[p];
        const zci_word *cue = NULL;
        int32_t year = 0;
        size_t at = p, l;
        _Static_assert(ZCI_LEX_STAGE_CUE_HAN_ONLY, "stage cues are looked for at Han only");
        if (c >= 0xE4 && c <= 0xE9) { /* Han: a cue may start here */
            /* (pos starts a character: a Han character before it is whole) */
            while (!zci_lex_may_start3(ZCI_LEX_STAGE_CUE, u + p) && !zci_cn_year_may_start(t + p)) {
                p += 3;
                if (p >= pos || (unsigned)(u[p] - 0xE4) >= 6u)
                    break;
            }
            if (p >= pos || (unsigned)(u[p] - 0xE4) >= 6u)
                continue;
            at = p;
            cue = zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, p);
            size_t end; /* (no cue starts with 一 or 二) */
            year = cue ? 0 : zci_year_at(t, e, p, &end);
            p += 3;
        } else if (c >= 0x80 && c != 0xE3) {
            p += zci_char_len(t, n, p);
            continue;
        } else if (zci_is_sentence_end(t, n, p, &l)) {
            ss->found.len = ss->first = 0;
            ss->start = ss->floor = p += l;
            continue;
        } else {
            size_t end;
            if (zci_is_ascii_digit((char)c))
                year = zci_year_at(t, e, p, &end); /* 0 unless a digit run starts a year */
            p += zci_char_len(t, n, p);
        }
        if (!cue && !year)
            continue;
        mention *m = zci_scratch_push(&ss->found);
        if (!m)
            return false;
        *m = (mention){at, cue, year};
    }
    if (pos > ss->scanned)
        ss->scanned = pos;
    /* drop what no later figure in text order asks about */
    mention *m = ss->found.data;
    if (ss->found.len - ss->first > 1024 && m[ss->first].at < lo) {
        while (ss->first < ss->found.len && m[ss->first].at < lo)
            ss->first++;
        ss->floor = lo;
        if (ss->first > ss->found.len / 2) {
            memmove(m, m + ss->first, (ss->found.len - ss->first) * sizeof *m);
            ss->found.len -= ss->first;
            ss->first = 0;
        }
    }
    return true;
}

/* The year the column of table figure q names (指标 | 2020年 | 2025年), or 0:
 * its row found among the tables' rows (in text order) by a binary search. */
static int32_t column_year(const zci_work *w, const zci_quantity *q) {
    const zci_row *rows = w->rows.data;
    size_t lo = 0, hi = w->rows.len;
    while (lo < hi) { /* the first row that ends after the figure starts */
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].line.e <= q->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == w->rows.len || rows[lo].line.s > q->start || rows[lo].header == SIZE_MAX)
        return 0;
    const zci_row *row = &rows[lo], *head = &rows[row->header];
    for (uint32_t c = 0; c < row->ncells && c < head->ncells; c++)
        if (row->cells[c].s <= q->start && q->start < row->cells[c].e)
            return year_in(w->text.t, head->cells[c].s, head->cells[c].e);
    return 0;
}

/* The year figure q is about: one the sentence names before it (2023年全区
 * GDP增长8.3%), else the report year for a target, the year before for a
 * reviewed result (not in a communiqué, which reports on its own year). */
static int32_t figure_year(const zci_work *w, const sentence_scan *ss, const zci_quantity *q,
                           bool *named) {
    const char *t = w->text.t;
    size_t n = w->text.n, b = q->pre_bound_start;
    int32_t ry = w->meta.report_year;
    *named = false;
    int32_t column = q->from_table ? column_year(w, q) : 0;
    if (column) { /* a plan's table: the base year's value, the target year's */
        *named = true;
        return column;
    }
    /* 从2009年的2.8%降到去年的1.5%: a year word right before the figure
     * names its year, whatever year the sentence named before */
    if (b >= 3 && ZCI_HAS(t, n, b - 3, "的"))
        b -= 3;
    if (ry && b >= 6) {
        if (ZCI_HAS(t, n, b - 6, "去年") || ZCI_HAS(t, n, b - 6, "上年"))
            return ry - 1;
        if (ZCI_HAS(t, n, b - 6, "今年"))
            return ry;
        if (ZCI_HAS(t, n, b - 6, "明年"))
            return ry + 1;
    }
    size_t lo = back_from(t, q->start, ZCI_CLAUSE_MAX);
    const mention *m = ss->found.data;
    for (size_t k = ss->found.len; k-- > ss->first && m[k].at >= lo;) {
        if (m[k].at >= q->start || !m[k].year)
            continue;
        /* 到2025年 (a target's deadline, a result's 增加到2007年的) names
         * the year the figure is about, but a target's 1953年到1957年 is a
         * span read from its start, as a result's from its end (the status
         * rule below asks whether its years are past); 2013年以来 starts a
         * span; 比2012年(增长), 与2000年相比 and 在2020年(的)基础上 name the
         * base of a comparison, unless the figure is the base's value
         * (比2012年的73亿元) */
        size_t p = m[k].at, end = zci_year_nian(t, p) + 3; /* after its 年 */
        /* right before the figure (到1987年的110万人, 比2002年的1.5亿人) a
         * year is the figure's own */
        bool own = end == b;
        if (!own && (ZCI_HAS(t, n, end, "以来") || ZCI_HAS(t, n, end, "基础上") ||
                     ZCI_HAS(t, n, end, "的基础上") || ZCI_HAS(t, n, end, "相比") ||
                     (p >= 3 && (ZCI_HAS(t, n, p - 3, "比") || ZCI_HAS(t, n, p - 3, "较")))))
            continue;
        size_t from;
        if (own || !(q->stage == ZC_STAGE_TARGET && p >= 6 && ZCI_HAS(t, n, p - 3, "到") &&
                     ZCI_HAS(t, n, p - 6, "年") && zci_year_before(t, 0, p - 6, &from))) {
            *named = true;
            return m[k].year;
        }
    }
    if (!ry)
        return 0;
    if (q->stage == ZC_STAGE_TARGET || q->stage == ZC_STAGE_RULE ||
        w->meta.genre == ZC_GENRE_COMMUNIQUE)
        return ry;
    /* 预计全年退税减税约2.5万亿元 in the year's plan is of the year planned;
     * an estimate in the review, of the year reviewed */
    if (q->stage == ZC_STAGE_ESTIMATE && ZCI_SEC(w, q->section)->status == ZC_STAGE_TARGET)
        return ry;
    return ry - 1;
}

/* The paragraph cue in force, kept by one forward pass over the text as
 * the quantities are visited in order. */
typedef struct para_state {
    size_t scanned; /* text before this was read */
    int cue;        /* -1 none in this paragraph, else a zc_stage */
    bool avx2;      /* look for cues 32 bytes a step (zci_lex_next_han) */
} para_state;

static void para_scan(const char *t, size_t n, para_state *ps, size_t pos) {
    size_t from = ps->scanned;
    const char *nl = pos > from ? memrchr(t + from, '\n', pos - from) : NULL;
    if (nl) { /* a new paragraph began: only its text before pos can hold the cue */
        ps->cue = -1;
        from = (size_t)(nl - t) + 1;
    }
    /* [from, pos) holds no line end: its cue words are all that count */
    _Static_assert(ZCI_LEX_PARA_CUE_HAN_ONLY, "paragraph cues are looked for at Han only");
    const unsigned char *u = (const unsigned char *)t;
    for (size_t p = from; p < pos;) {
#if defined(ZCI_USE_AVX2)
        if (ps->avx2 && (p = zci_lex_next_han(ZCI_LEX_PARA_CUE, t, n, p, pos)) >= pos)
            break;
#endif
        if ((unsigned)(u[p] - 0xE4) >= 6u || p + 3 > n) {
            p++;
            continue;
        }
        if (zci_lex_may_start3(ZCI_LEX_PARA_CUE, u + p)) {
            const zci_word *w = zci_lex_at_bucket(ZCI_LEX_PARA_CUE, t, n, p);
            if (w)
                ps->cue = w->val;
        }
        p += 3;
    }
    if (pos > ps->scanned)
        ps->scanned = pos;
}

/* Status of figure q, whose number (with its bound word) starts at pos =
 * q->pre_bound_start: the clause cues of its sentence, else the paragraph
 * cue under a target heading, else the section's. The cues are the
 * sentence's mentions before pos, nearest first, at most 3 clause lengths
 * back. The clause start found on the way is kept in q for 09_classify. */
static zc_stage stage_at(const char *t, size_t n, const sentence_scan *ss, zci_clause_memo *cm,
                         para_state *ps, zci_quantity *q, zc_stage section, bool *cued) {
    *cued = true;
    if (section == ZC_STAGE_RULE)
        return section; /* 将…列入 in a regulation is an obligation, not a plan */
    size_t pos = q->pre_bound_start, clause_lo = zci_clause_start(cm, t, n, pos);
    q->clause_start = (uint32_t)clause_lo;
    q->clause_known = true;
    size_t lo = back_from(t, pos, 3 * ZCI_CLAUSE_MAX);
    bool target = false, estimate = false;
    const mention *m = ss->found.data;
    for (size_t k = ss->found.len; k-- > ss->first && m[k].at >= lo;) {
        size_t p = m[k].at;
        const zci_word *w = m[k].cue;
        if (!w || p >= pos)
            continue;
        if (p + w->len > pos) /* a longer word ran past the figure: the word before it */
            w = zci_lex_at(ZCI_LEX_STAGE_CUE, t, pos, p);
        if (!w)
            continue;
        /* 已规划的93个: 已 in an attribute says nothing of the figure */
        if (w->val == ZC_STAGE_ACHIEVED && memchr(t + p, ',', pos - p) == NULL) {
            const char *de = memmem(t + p, pos - p < 15 ? pos - p : 15, "的", 3);
            if (de)
                continue;
        }
        if (p >= clause_lo)
            return (zc_stage)w->val; /* the nearest cue of the clause decides */
        estimate |= w->val == ZC_STAGE_ESTIMATE;
        target |= w->val == ZC_STAGE_TARGET;
    }
    if (estimate || target) /* else a cue of an earlier clause of the sentence */
        return estimate ? ZC_STAGE_ESTIMATE : ZC_STAGE_TARGET;
    *cued = false; /* the section's or the paragraph's */
    if (section != ZC_STAGE_TARGET) {
        ps->scanned = pos > ps->scanned ? pos : ps->scanned; /* nothing to learn here */
        ps->cue = -1;
        return section;
    }
    para_scan(t, n, ps, pos);
    return ps->cue == ZC_STAGE_ACHIEVED ? ZC_STAGE_ACHIEVED : section;
}

/* Innermost section containing folded offset f: sections are in text
 * order, so the last one starting at or before f whose body covers f. */
static size_t section_at(const zci_work *w, size_t f, size_t *after) {
    /* *after: the first section starting after f, for the figure before;
     * figures come in text order, so it moves on a section or two at a time */
    size_t lo = *after, hi = w->sections.len;
    if (lo < 1 || lo > hi || (lo > 1 && ZCI_SEC(w, lo - 1)->body.s > f)) {
        for (lo = 1; lo < hi;) { /* out of order: the last i with start <= f */
            size_t mid = lo + (hi - lo) / 2;
            if (ZCI_SEC(w, mid)->body.s <= f)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    while (lo < w->sections.len && ZCI_SEC(w, lo)->body.s <= f)
        lo++;
    *after = lo;
    for (size_t i = lo; i-- > 1;) {
        const zci_sec *s = ZCI_SEC(w, i);
        if (s->body.s <= f && f < s->body.e)
            return i;
        if (s->depth == 1 && s->body.e <= f)
            break; /* a closed top-level section: nothing before it covers f */
    }
    return 0;
}

/* What the visits of the figures carry from one to the next, and from one
 * window of the text to the next. */
typedef struct place_state {
    para_state para;
    sentence_scan ss;
    zci_clause_memo clauses;
    size_t section_after; /* section_at's place */
} place_state;

zc_status zci_status_place(zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n;
    zci_quantity *q = ZCI_Q(w);
    place_state *ps = w->place;
    if (!ps) {
        if (!(ps = w->place = w->alloc.alloc(sizeof *ps, w->alloc.ud)))
            return ZC_ERR_NOMEM;
        *ps = (place_state){.para = {0, -1, w->avx2}, .ss = {.avx2 = w->avx2}, .section_after = 1};
        zci_scratch_init(&ps->ss.found, &w->alloc, sizeof(mention));
    }
    for (size_t i = 0; i < w->quantities.len; i++) {
        if (q[i].dropped)
            continue;
        q[i].section = section_at(w, q[i].start, &ps->section_after);
        size_t pos = q[i].pre_bound_start;
        if (!scan_to(&ps->ss, t, n, pos, back_from(t, pos, 3 * ZCI_CLAUSE_MAX)))
            return ZC_ERR_NOMEM;
        bool cued;
        q[i].stage = stage_at(t, n, &ps->ss, &ps->clauses, &ps->para, &q[i],
                              ZCI_SEC(w, q[i].section)->status, &cued);
        pos = q[i].start;
        if (!scan_to(&ps->ss, t, n, pos, back_from(t, pos, ZCI_CLAUSE_MAX)))
            return ZC_ERR_NOMEM;
        bool named;
        q[i].year = figure_year(w, &ps->ss, &q[i], &named);
        /* 2023年国内生产总值增长5.2% under a 2024 plan's heading: a figure
         * its sentence puts in a year before the report's is a result,
         * unless a cue of its clause says otherwise (将 力争 预计) */
        if (named && !cued && q[i].stage == ZC_STAGE_TARGET && w->meta.report_year &&
            q[i].year < w->meta.report_year)
            q[i].stage = ZC_STAGE_ACHIEVED;
    }
    return ZC_OK;
}

void zci_status_place_free(zci_work *w) {
    place_state *ps = w->place;
    if (ps) {
        zci_scratch_free(&ps->ss.found);
        w->alloc.dealloc(ps, w->alloc.ud);
        w->place = NULL;
    }
}
