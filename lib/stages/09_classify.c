/*
 * 09_classify.c -- what each quantity means in its sentence: the action
 * (verb), the subject (indicator), the role (commitment, qualifier, bare
 * quantity) and the deadline. Its section and status are 06_status's.
 *
 * Chinese commitments follow a few shapes, and the rules follow them:
 *   [verb] [subject] [predicate] [bound] NUMBER UNIT [bound]
 *   新增   专业孵化器            不少于   8     家
 *          GDP       增长              20    %    以上
 *   实现   城镇新增就业                    2.4万 人
 * The predicate right before the number wins; else the nearest verb of the
 * clause (a clause runs from , ; 。 : to the number, across 、 lists, and
 * skipping parenthetical asides).
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "pipeline.h"

/* Where t[s, e) (two character starts) goes on after its last 、 (E3 80
 * 81); s if it has none. Found from its last byte with memrchr, not a
 * character at a time: the clauses it is asked of run to a hundred
 * characters. */
static size_t after_last_dun(const char *t, size_t s, size_t e) {
    while (e >= s + 3) {
        const char *hit = memrchr(t + s + 2, 0x81, e - s - 2);
        if (!hit)
            break;
        size_t q = (size_t)(hit - t); /* E3 only ever starts a character */
        if (t[q - 1] == '\x80' && t[q - 2] == '\xE3')
            return q + 1;
        e = q;
    }
    return s;
}

/* Words that may stand between a predicate and its number: 分别 均 各 为. */
static size_t skip_linkers(const char *t, size_t lo, size_t p) {
    for (int round = 0; round < 3; round++) {
        bool moved = false;
        while (p > lo && (t[p - 1] == ' ' || t[p - 1] == '\t')) { /* OCR spaces: 增长 8.6% */
            p--;
            moved = true;
        }
        for (const zci_word *w; (w = zci_lex_before(ZCI_LEX_LINKER, t, lo, p)) != NULL;) {
            p -= w->len;
            moved = true;
        }
        const zci_word *b = zci_lex_before(ZCI_LEX_BOUND_BEFORE, t, lo, p);
        if (b && !(b->len == 6 && memcmp(b->w, "突破", 6) == 0)) {
            p -= b->len;
            moved = true;
        }
        if (!moved)
            break;
    }
    return p;
}

/* Starts of the qualifier quantities of a document, in order (投资50亿元以上的). */
typedef struct qual_index {
    const size_t *start;
    size_t n;
} qual_index;

/* Is the verb ending at end the qualifier's own (总投资10-50亿元以上产业项目):
 * a qualifier starts within two characters after it. */
static bool governs_qualifier(const qual_index *qi, size_t end) {
    size_t lo = 0, hi = qi->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (qi->start[mid] < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < qi->n && qi->start[lo] <= end + 6;
}

/* A window searched last that held nothing, so that the figures of one long
 * clause (a 分别 list of hundreds), asked about in text order, search what
 * is new in their window and not all of it. Zero-initialised; one per kind
 * of search. */
typedef struct window_memo {
    size_t lo, hi;
    bool empty;
} window_memo;

/* Does [lo, hi) follow the last window, found empty (it overlaps it and
 * reaches at least as far)? */
static bool follows_empty(const window_memo *m, size_t lo, size_t hi) {
    return ZCI_MEMOS && m && m->empty && lo >= m->lo && lo <= m->hi && hi >= m->hi;
}

/* Where a forward search of [lo, hi) for words no longer than longest
 * bytes must begin, given the last one of its kind: a word starting before
 * m->hi less the longest fit in that window too, and there was none. */
static size_t resume_at(const window_memo *m, const char *t, size_t lo, size_t hi,
                        size_t longest) {
    if (!follows_empty(m, lo, hi) || m->hi < lo + longest)
        return lo;
    size_t from = m->hi - longest;
    while (from > lo && (((unsigned char)t[from]) & 0xC0) == 0x80)
        from--; /* a character start */
    return from;
}

static void remember(window_memo *m, size_t lo, size_t hi, bool empty) {
    if (m)
        *m = (window_memo){lo, hi, empty};
}

/* Does a verb that ends at e describe a rate named after it (经济增长的贡献率,
 * 增长的贡献率保持在30%) rather than say what the figure does? Not 完成的投资
 * (the completed amount) nor 递增的速度 (the speed of growth). */
static bool attributive(const char *t, size_t n, size_t e) {
    if (!ZCI_HAS(t, n, e, "的"))
        return false;
    for (size_t p = e + 3, k = 0; k < 8 && zci_is_han(t, n, p); p += 3, k++)
        if (ZCI_HAS(t, n, p, "率"))
            return true;
    return false;
}

/* The leftmost (or rightmost) action word in [lo, hi) that is not a
 * qualifier's own verb nor an attributive one. m may be NULL. */
static const zci_word *verb_in(window_memo *m, const char *t, size_t n, const qual_index *qi,
                               size_t lo, size_t hi, bool leftmost) {
    const zci_word *found = NULL;
    size_t from = resume_at(m, t, lo, hi, ZCI_LEX_ACTION_MAX);
    for (size_t p = from; p < hi;) {
        const zci_word *w = zci_lex_at(ZCI_LEX_ACTION, t, hi, p);
        if (w && !governs_qualifier(qi, p + w->len) && !attributive(t, n, p + w->len)) {
            found = w;
            if (leftmost)
                return w;
            p += w->len;
            continue;
        }
        p += zci_char_len(t, n, p);
    }
    remember(m, lo, hi, found == NULL);
    return found;
}

/* The searches a figure's clause gets, kept from one figure to the next. */
typedef struct clause_searches {
    window_memo verbs, actions, scope_breaks, deadlines;
    bool avx2; /* search 32 bytes a step (zci_cpu_avx2) */
} clause_searches;

/* The rightmost 其中/同比 word in [lo, hi), the words ending by the last
 * empty window's end skipped. */
static bool scope_break(window_memo *m, const char *t, size_t n, size_t lo, size_t hi, bool avx2,
                        size_t *at) {
    const zci_word *w = zci_lex_rfind(ZCI_LEX_SCOPE_BREAK, t, n, lo,
                                      follows_empty(m, lo, hi) ? m->hi : lo, hi, avx2, at);
    remember(m, lo, hi, w == NULL);
    return w != NULL;
}

/* The action of quantity q, and where its subject ends if a predicate was
 * found right before the number (*pred_at, SIZE_MAX if none). */
static zc_action find_action(clause_searches *cs, const char *t, size_t n, const zci_quantity *q,
                             size_t lo, size_t clause_hi, const qual_index *quals,
                             size_t *pred_at) {
    size_t p = skip_linkers(t, lo, q->pre_bound_start);
    *pred_at = SIZE_MAX;
    if (p > lo && ZCI_HAS(t, n, zci_prev_char(t, p), "达")) {
        size_t at = zci_prev_char(t, p), d = at > lo ? zci_prev_char(t, at) : at;
        /* 高达 多达 长达 (as many as): the degree word goes with the verb (not
         * words of the action table: their first characters, common ones,
         * would stop every forward search for a verb) */
        if (d < at && (ZCI_HAS(t, n, d, "高") || ZCI_HAS(t, n, d, "多") || ZCI_HAS(t, n, d, "长")))
            at = d;
        *pred_at = at;
        return ZC_ACTION_REACH;
    }
    const zci_word *w = zci_lex_before(ZCI_LEX_ACTION, t, lo, p);
    if (!w && q->pre_bound_start < q->start) {
        /* 突破 is both a bound (at least) and a verb (reach) */
        if (ZCI_HAS(t, n, q->pre_bound_start, "突破")) {
            *pred_at = q->pre_bound_start;
            return ZC_ACTION_REACH;
        }
    }
    if (w) {
        *pred_at = p - w->len;
        return (zc_action)w->val;
    }
    size_t at;
    const zci_word *first = zci_lex_find(
        ZCI_LEX_ACTION, t, n, resume_at(&cs->actions, t, lo, q->pre_bound_start, ZCI_LEX_ACTION_MAX),
        q->pre_bound_start, cs->avx2, &at);
    remember(&cs->actions, lo, q->pre_bound_start, first == NULL);
    if (first && ZCI_HAS(t, n, at, "累计"))
        return ZC_ACTION_TOTAL;
    /* The verb that opens this list segment (after the last 、) governs it:
     * 实现城镇新增就业2.4万人 is reach, not add. With none there, the
     * nearest verb before it in the clause carries over: 新增A500家、B650家. */
    size_t seg = after_last_dun(t, lo, q->pre_bound_start);
    if (!first) /* no verb in the clause before the number */
        w = NULL;
    else if (at >= seg && !governs_qualifier(quals, at + first->len) &&
             !attributive(t, n, at + first->len))
        w = first; /* the first verb of the clause opens the segment: verb_in's answer */
    else if (!(w = verb_in(NULL, t, n, quals, seg, q->pre_bound_start, true)))
        w = verb_in(&cs->verbs, t, n, quals, lo, seg, false);
    /* Growth verbs away from the number take an object, not a rate:
     * 提升改造农村薄弱学校21所 is no growth of 21. Only a percentage can be
     * their amount from there. A decline verb's amount is what goes
     * (减少农村贫困人口1000万, 压减钢铁产能5000万吨). */
    if (w && w->val == ZC_ACTION_GROWTH &&
        !(q->unit && (q->unit->val == ZC_UNIT_PERCENT || q->unit->val == ZC_UNIT_PERCENT_POINT)))
        w = NULL;
    if (w)
        return (zc_action)w->val;
    /* 3所学校建成投用, 4个项目实现产业化: the counted things act */
    size_t k = 0;
    for (size_t s = q->after; s < clause_hi && k < 12; s += zci_char_len(t, n, s), k++) {
        const zci_word *v = zci_lex_at(ZCI_LEX_AFTER_VERB, t, n, s);
        if (v)
            return (zc_action)v->val;
    }
    return ZC_ACTION_NONE;
}

#if defined(ZCI_USE_AVX2)
/* Where the first 月 (E6 9C 88) of t[a, b) starts, or SIZE_MAX. Found by
 * its last byte. */
static size_t first_month(const char *t, size_t a, size_t b) {
    for (const char *x = b > a + 2 ? memchr(t + a + 2, 0x88, b - a - 2) : NULL; x;
         x = memchr(x + 1, 0x88, (size_t)(t + b - x - 1)))
        if (x[-1] == '\x9C' && x[-2] == '\xE6')
            return (size_t)(x - t) - 2;
    return SIZE_MAX;
}
#endif

/* Is a deadline word at the Han character t[p] (whole before n)? Then it
 * is q's deadline. */
static inline bool deadline_word_at(const char *t, size_t n, size_t p, zci_quantity *q) {
    const zci_word *w = zci_lex_may_start_han(ZCI_LEX_DEADLINE, (const unsigned char *)t + p, n - p)
                            ? zci_lex_at_bucket(ZCI_LEX_DEADLINE, t, n, p)
                            : NULL;
    if (w) {
        q->deadline.s = p;
        q->deadline.e = p + w->len;
    }
    return w != NULL;
}

/* Deadline cue in the clause: 一季度 上半年 年底前 年内 9月底前. Whether one
 * starts at p does not depend on the window (the words and the pattern read
 * on to the text's end), so a window after an empty one is searched from
 * where that one ended; only its first position is judged by lo (a digit run
 * starts at lo). */
static ZCI_ALWAYS_INLINE void find_deadline(window_memo *wm, zci_matcher *m, const char *t,
                                            size_t n, size_t lo, size_t hi, bool avx2,
                                            zci_quantity *q) {
    size_t from = follows_empty(wm, lo, hi) &&
                          (lo == wm->lo || lo == 0 || !zci_is_ascii_digit(t[lo - 1]))
                      ? wm->hi
                      : lo;
    while (from < hi && (((unsigned char)t[from]) & 0xC0) == 0x80)
        from++; /* the character holding the last end was looked at */
    *wm = (window_memo){lo, hi, false};
    _Static_assert(ZCI_LEX_DEADLINE_HAN_ONLY, "deadline words are looked for at Han only");
    const unsigned char *u = (const unsigned char *)t;
#if defined(ZCI_USE_AVX2)
    /* 32 bytes a step to the next Han character that may start a cue; the
     * text before it holds a month (9月底前) only if a 月 starts in it or
     * right after (a month's digits stand at most two bytes before its 月):
     * then, rarely, the walk below reads it. (The first 月 is looked for
     * once: the walk goes there before any later one counts.) */
    size_t month = avx2 && from < hi ? first_month(t, from, hi + 5 < n ? hi + 5 : n) : SIZE_MAX;
    while (avx2 && from < hi) {
        size_t h = zci_lex_next_han(ZCI_LEX_DEADLINE, t, n, from, hi);
        if (month <= h + 2)
            break;
        if (h >= hi) {
            wm->empty = true;
            return;
        }
        if (deadline_word_at(t, n, h, q))
            return;
        from = h + 3;
    }
#else
    (void)avx2;
#endif
    for (size_t p = from; p < hi; p += zci_char_len(t, n, p)) {
        if ((unsigned)(u[p] - 0xE4) < 6u && p + 3 <= n) {
            if (deadline_word_at(t, n, p, q))
                return;
            continue;
        }
        size_t ov[2];
        if (zci_is_ascii_digit(t[p]) && (p == lo || !zci_is_ascii_digit(t[p - 1])) &&
            (ZCI_HAS(t, n, p + 1, "月") || ZCI_HAS(t, n, p + 2, "月")) && /* 9月, 12月 only */
            zci_match(m, ZCI_PAT_DEADLINE_MONTH, t, n, p, ov, 1)) {
            q->deadline.s = ov[0];
            q->deadline.e = ov[1];
            return;
        }
    }
    wm->empty = true;
}

/* A quantity describes the noun after it (so it is a qualifier) when a
 * non-count amount runs straight into that noun: 投资50亿元以上的产业项目,
 * 公交500米站点, 10亿级以上项目. */
static ZCI_ALWAYS_INLINE bool modifies_noun(const char *t, size_t n, const zci_quantity *q) {
    if (!q->unit && !q->has_scale)
        return false;
    /* an amount with only a magnitude (收益50万以上的村) reads like money */
    zc_unit_class c = q->unit ? (zc_unit_class)q->unit->val : ZC_UNIT_MONEY;
    if (c == ZC_UNIT_COUNT || c == ZC_UNIT_PERCENT || c == ZC_UNIT_PERCENT_POINT ||
        c == ZC_UNIT_DURATION)
        return false;
    size_t p = q->after;
    if (ZCI_HAS(t, n, p, "的"))
        return zci_is_han(t, n, p + 3) && !zci_lex_at(ZCI_LEX_AMOUNT_NOUN, t, n, p + 3);
    /* with no 的, a bare magnitude counts the noun after it (6600多万纳税人) */
    if (!q->unit || !zci_is_han(t, n, p) || zci_lex_at(ZCI_LEX_AMOUNT_NOUN, t, n, p))
        return false;
    return !zci_lex_at(ZCI_LEX_NOT_NOUN, t, n, p) && !zci_lex_at(ZCI_LEX_ACTION, t, n, p) &&
           !zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, p);
}

/* ------------------------------------------------------------- subjects
 *
 * The subject is the shortest noun phrase that says what is measured
 * (spec §2 Subjects). The words between the clause start and the number are
 * taken, then trimmed: SUBJECT_TAIL words at the end (predicates, bounds,
 * 比上年), SUBJECT_LEAD words at the start (scope, time, effort), and, when
 * no predicate stands before the number, the leading verb that governs it
 * (新增高企184家 -> 高企). SUBJECT_KEEP words stay (城镇登记失业率). When
 * nothing measured is left, the noun after the measure word is the subject
 * (建成10个“农机服务+”新型组织), else the subject of the figure before it in
 * the same sentence carries over (…582.8亿元，增长4.8%).
 */

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* Is t[a, b) ASCII letters, digits and spaces only (an abbreviation: GDP)? */
static bool ascii_word(const char *t, size_t a, size_t b) {
    if (b <= a)
        return false;
    for (size_t p = a; p < b; p++)
        if (!zci_is_ascii_alpha(t[p]) && !zci_is_ascii_digit(t[p]) && !is_space(t[p]) &&
            t[p] != '&' && t[p] != '-')
            return false;
    return true;
}

/* Does an ordinal item's marker (四是) start at s, within e? */
static inline bool ordinal_marker(const char *t, size_t s, size_t e) {
    return zci_cn_numeral(t, e, s) && ZCI_HAS(t, e, s + 3, "是");
}

/* Drop SUBJECT_TAIL words, spaces and a trailing (GDP) from the end.
 * *settled (may be NULL): nothing more would go (no round limit was met),
 * so that the same start and the result give the result again. */
static size_t strip_tail(const char *t, size_t s, size_t e, bool *settled) {
    int round = 0;
    for (; round < 12 && e > s; round++) {
        while (e > s && is_space(t[e - 1]))
            e--;
        if (e == s + 6 && ordinal_marker(t, s, e)) {
            e = s; /* 三是(将18项): an ordinal item's marker, nothing measured */
            break;
        }
        if (zci_lex_before(ZCI_LEX_SUBJECT_KEEP, t, s, e))
            break;
        /* 增加到2007年(末)(的): the year a figure is of is no part of what it
         * measures (looked at before the tail words: 年底 alone is one) */
        size_t y = e;
        if (y >= s + 3 && ZCI_HAS(t, e, y - 3, "的"))
            y -= 3;
        if (y >= s + 3 && (ZCI_HAS(t, e, y - 3, "末") || ZCI_HAS(t, e, y - 3, "底")))
            y -= 3;
        size_t at; /* where 2007年 or 一九五三年 starts */
        if (y >= s + 7 && ZCI_HAS(t, e, y - 3, "年") && zci_year_before(t, s, y - 3, &at)) {
            e = at;
            continue;
        }
        const zci_word *w = zci_lex_before(ZCI_LEX_SUBJECT_TAIL, t, s, e);
        if (w) {
            e -= w->len;
            continue;
        }
        if (e > s && t[e - 1] == ')') {
            size_t o = e - 1;
            while (o > s && t[o] != '(')
                o--;
            if (t[o] == '(' && ascii_word(t, o + 1, e - 1)) {
                e = o;
                continue;
            }
        }
        break;
    }
    if (settled)
        *settled = round < 12;
    return e;
}

/* Drop SUBJECT_LEAD words (and, with verbs, the governing verb) from the
 * start; also a leading 的 and punctuation. */
static size_t strip_lead(const char *t, size_t n, size_t s, size_t e, bool verbs) {
    for (int round = 0; round < 12 && s < e; round++) {
        size_t l;
        if (is_space(t[s]) || ZCI_HAS(t, e, s, "的") ||
            (zci_is_clause_end(t, n, s, &l) && t[s] != '(')) {
            s += is_space(t[s]) ? 1 : ZCI_HAS(t, e, s, "的") ? 3 : l;
            continue;
        }
        /* 2007年产量, 一九五三年产量: a year is time, not what is measured */
        size_t y;
        if ((zci_is_ascii_digit(t[s]) || zci_cn_year_may_start(t + s)) &&
            zci_year_at(t, e, s, &y) && y < e) {
            s = y;
            continue;
        }
        /* 四是完成…: an ordinal item's marker */
        if (ordinal_marker(t, s, e)) {
            s += 6;
            continue;
        }
        /* 引进和培育…: a conjunction between two governing verbs */
        if (verbs && (ZCI_HAS(t, e, s, "和") || ZCI_HAS(t, e, s, "及") || ZCI_HAS(t, e, s, "并")) &&
            (zci_lex_at(ZCI_LEX_LEAD_VERB, t, e, s + 3) || zci_lex_at(ZCI_LEX_ACTION, t, e, s + 3))) {
            s += 3;
            continue;
        }
        const zci_word *w = zci_lex_at(ZCI_LEX_SUBJECT_LEAD, t, e, s);
        /* a leading verb goes unless it is part of an indicator's name
         * (新增市场主体) or an item of a list of actions (开工、完工道路) */
        if (!w && verbs) {
            w = zci_lex_at(ZCI_LEX_LEAD_VERB, t, e, s);
            const zci_word *a = zci_lex_at(ZCI_LEX_ACTION, t, e, s);
            if (a && (a->val == ZC_ACTION_ADD || a->val == ZC_ACTION_REACH) &&
                (!w || a->len > w->len))
                w = a;
            if (w && (ZCI_HAS(t, e, s + w->len, "、") || zc_indicator_find(t + s, e - s)))
                w = NULL; /* (the name looked up only when a verb would go) */
            /* 化解率: a verb before a rate word alone names the rate */
            const zci_word *k;
            if (w && (k = zci_lex_before(ZCI_LEX_SUBJECT_KEEP, t, s + w->len, e)) != NULL &&
                e - k->len == s + w->len)
                w = NULL;
        }
        if (!w || s + w->len > e)
            break;
        s += w->len;
    }
    return s;
}

/* Is t[s, e) a clause (a passive 被, a verb in it, or 已 before one: 已批复的
 * 规划), not a noun? */
static bool describes(const char *t, size_t n, size_t s, size_t e) {
    if (ZCI_HAS(t, e, s, "被") || (ZCI_HAS(t, e, s, "已") && !ZCI_HAS(t, e, s, "已有")))
        return true;
    for (size_t p = s; p < e; p += zci_char_len(t, n, p))
        if (zci_lex_at(ZCI_LEX_LEAD_VERB, t, e, p) || zci_lex_at(ZCI_LEX_ACTION, t, e, p) ||
            zci_lex_at(ZCI_LEX_MID_VERB, t, e, p))
            return true;
    return false;
}

/* The noun after the measure word: 10个以上“农机服务+”新型组织. Runs to a
 * clause end (inside quotes too, but for 、), an after-verb or a 、 that
 * starts the next item (a number); at most 20 characters. A quote is read
 * as part of the name (20个新时代“美丽家园”特色小区), even where it says
 * what the counted do (1000家在孵企业“破茧成蝶”): the two look alike. */
static zci_range noun_after(const char *t, size_t n, const zci_quantity *q) {
    size_t s = q->after, l;
    if (ZCI_HAS(t, n, s, "的"))
        s += 3;
    size_t e = s, k = 0;
    bool quoted = false, count = q->unit ? q->unit->val == ZC_UNIT_COUNT : q->has_scale;
    while (e < n && k < 20) {
        const zci_word *end = e > s ? zci_lex_at(ZCI_LEX_NOUN_END, t, n, e) : NULL;
        /* 被上级推广的人才…案例: a clause with a verb before 的 describes the
         * noun after it; a noun before 的 is the noun (科创园区的提质增效) */
        if (end && !quoted && ZCI_HAS(t, n, e, "的") && describes(t, n, s, e)) {
            s = e + 3;
            e = s;
            continue;
        }
        if (end && !quoted && (count || end->val != ZCI_NOUN_END_WORKS))
            break;
        if (ZCI_HAS(t, n, e, "“")) {
            quoted = true;
        } else if (ZCI_HAS(t, n, e, "”")) {
            quoted = false;
        } else if (quoted) {
            if (zci_is_clause_end(t, n, e, &l) && !ZCI_HAS(t, n, e, "、"))
                break;
        } else {
            if (zci_is_clause_end(t, n, e, &l) || zci_lex_at(ZCI_LEX_AFTER_VERB, t, n, e) ||
                (e > s && (zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, e) ||
                           zci_lex_at(ZCI_LEX_MID_VERB, t, n, e))))
                break;
            if (!zci_is_han(t, n, e) && !zci_is_ascii_alpha(t[e]) && t[e] != '+')
                break;
        }
        e += zci_char_len(t, n, e);
        k++;
    }
    if (quoted) /* an unclosed quote: not a name */
        e = s;
    /* 1288亿元增加到…: a verb after the figure is its predicate, no noun;
     * 中 is "among" and 在 "at" unless they open a word (98个中央部门,
     * 14亿中国人, 1000家在孵企业) */
    if (e > s && ((zci_lex_at(ZCI_LEX_NOT_NOUN, t, n, s) &&
                   !zci_lex_at(ZCI_LEX_NOUN_OPENER, t, n, s)) ||
                  zci_lex_at(ZCI_LEX_ACTION, t, n, s)))
        e = s;
    return (zci_range){s, e};
}

/* Is the subject only a rate word (增速, 涨幅, 总量) with nothing it is a
 * rate of? */
static bool bare_rate(const char *t, size_t s, size_t e) {
    const zci_word *w = zci_lex_before(ZCI_LEX_SUBJECT_KEEP, t, s, e);
    return w && e - w->len == s && w->val == ZCI_KEEP_OF &&
           (zci_lex_at(ZCI_LEX_ACTION, t, e, s) != NULL);
}

/* A verb or a time between a subject's scope and its measure, to be cut
 * from its name: 创维电子形成年产值, 新开工项目前三季度开工率. Never its
 * first or last word. {0, 0} if none. */
static zci_range filler_in(const char *t, size_t n, zci_range r, bool avx2) {
    const zci_word *w;
    size_t at;
    /* a character before, a word of two (SUBJECT_CUT's are), Han after */
    _Static_assert((ZCI_LEX_PAIR_SET >> ZCI_LEX_SUBJECT_CUT) & 1, "subject cuts have two characters");
    if (r.e < r.s + 1 + 6 + 3)
        return (zci_range){0, 0};
    for (size_t p = r.s + zci_char_len(t, n, r.s);
         p < r.e && (w = zci_lex_find(ZCI_LEX_SUBJECT_CUT, t, n, p, r.e, avx2, &at)) != NULL;
         p = at + zci_char_len(t, n, at))
        if (at + w->len < r.e && zci_is_han(t, r.e, at + w->len))
            return (zci_range){at, at + w->len};
    return (zci_range){0, 0};
}

static const zci_quantity *carrier(const char *t, const zci_quantity *q, size_t i);

/* 全社会研发经费，从1288亿元增加到3664亿元: a clause that opens with 从 or
 * 由 (not 由于, 从而) and names nothing of its own measures the clause
 * before it, when that one is a noun phrase that names a measure: Han only,
 * ending in a measure word (比重 总额 经费 能耗) or an indicator's name. */
static zci_range topic_before_from(const char *t, size_t n, size_t lo) {
    zci_range none = {lo, lo};
    size_t p = lo;
    while (p < n && is_space(t[p]))
        p++;
    if (!(ZCI_HAS(t, n, p, "从") || ZCI_HAS(t, n, p, "由")) || ZCI_HAS(t, n, p + 3, "于") ||
        ZCI_HAS(t, n, p + 3, "而"))
        return none;
    size_t e = lo;
    while (e > 0 && is_space(t[e - 1]))
        e--;
    if (e == 0 || t[e - 1] != ',')
        return none;
    e--;
    size_t s = strip_lead(t, n, zci_clause_start(NULL, t, n, e), e, false);
    if (e <= s || e - s > 60)
        return none;
    for (size_t c = s; c < e; c += 3)
        if (!zci_is_han(t, n, c))
            return none;
    if (!zci_lex_before(ZCI_LEX_SUBJECT_KEEP, t, s, e) &&
        !zci_lex_before(ZCI_LEX_MEASURE_HEAD, t, s, e) && !zc_indicator_find(t + s, e - s))
        return none;
    return (zci_range){s, e};
}

/* 棉花：达到三千二百七十万担: a clause with nothing measured in it, right
 * after a colon whose line opens with a short label (Han only, at most 12
 * characters, no 的), measures what the label names, as a table row's
 * label does. */
static zci_range label_before(const char *t, size_t lo) {
    zci_range none = {lo, lo};
    size_t e = lo;
    while (e > 0 && is_space(t[e - 1]))
        e--;
    if (e == 0 || t[e - 1] != ':')
        return none;
    size_t s = --e, k = 0;
    while (s >= 3 && k < 12 && zci_is_han(t, e, s - 3)) {
        s -= 3;
        k++;
    }
    size_t b = s; /* the label opens its line (after an indent) */
    while (b > 0 && is_space(t[b - 1]))
        b--;
    /* (not a source: 据国家统计局的材料：…) */
    if (s == e || (b > 0 && t[b - 1] != '\n') || memmem(t + s, e - s, "的", 3))
        return none;
    /* 在工业农业总产值方面：… (in terms of) names what is inside */
    if (e - s > 15 && ZCI_HAS(t, e, s, "在") && ZCI_HAS(t, e, e - 6, "方面"))
        return (zci_range){s + 3, e - 6};
    return (zci_range){s, e};
}

/* The noun the amount q is (罚款 补贴 国债: AMOUNT_NOUN), right after it or
 * after 的, as its span; empty if none. Out of line: most figures are out
 * at the test before it. */
static ZCI_NOINLINE zci_range amount_noun_after(const char *t, size_t n, const zci_quantity *q) {
    size_t p = q->after;
    if (ZCI_HAS(t, n, p, "的"))
        p += 3;
    const zci_word *w = zci_lex_at(ZCI_LEX_AMOUNT_NOUN, t, n, p);
    return (zci_range){p, w ? p + w->len : p};
}

/* The subject of figure i of all: words in [lo, pre) where pre is the
 * predicate (or the bound word) before the number. after_quantity says
 * [lo, ...) starts right after an earlier figure of the clause (its noun, not
 * ours, may stand there). The figure whose subject may carry over (carrier)
 * is looked for only where it is wanted. */
static void find_subject(const char *t, size_t n, zci_quantity *all, size_t i, size_t lo,
                         size_t pred_at, bool pred_governs, bool after_quantity, bool avx2) {
    zci_quantity *q = &all[i];
    const zci_quantity *prev;
    /* 处…三倍以下的罚款, 处二百元罚款: the amount is the fine; 增发1万亿元国债
     * the bonds (the noun itself: what follows says what they are for) */
    if (zci_lex_may_start(ZCI_LEX_AMOUNT_NOUN, t, n, q->after) || ZCI_HAS(t, n, q->after, "的")) {
        zci_range noun = amount_noun_after(t, n, q);
        if (noun.e > noun.s) {
            q->subject = noun;
            return;
        }
    }
    size_t e = pred_at != SIZE_MAX ? pred_at : q->pre_bound_start;
    /* a predicate that defines the measure is part of it: 失业率控制在 */
    if (pred_at != SIZE_MAX) {
        const zci_word *k = zci_lex_at(ZCI_LEX_SUBJECT_KEEP, t, n, pred_at);
        if (k && pred_at + k->len <= q->pre_bound_start)
            e = pred_at + k->len;
    }
    size_t s = lo;
    /* 4月底前完成70公里…: a deadline that opens the clause is time, not
     * what is measured */
    if (q->deadline.s == s && q->deadline.e > s && q->deadline.e <= e)
        s = q->deadline.e;
    /* 广东(4411.9亿元): the entity before the parenthesis */
    if (s == e && s > 0 && t[s - 1] == '(') {
        e = s - 1;
        s = zci_clause_start(NULL, t, n, e);
        s = after_last_dun(t, s, e);
    }
    /* after an earlier figure, only what follows its last 、 can be ours */
    if (after_quantity)
        s = after_last_dun(t, s, e);
    /* X等Y: the examples are not the subject, what they are examples of is;
     * X等 right before the number: the noun after the measure word is */
    bool examples = false;
    while (e > s && is_space(t[e - 1]))
        e--;
    for (size_t p = s; e >= p + 3;) { /* 等 is E7 AD 89: found by its last byte */
        const char *hit = memchr(t + p + 2, 0x89, e - p - 2);
        if (!hit)
            break;
        size_t q3 = (size_t)(hit - t) + 1; /* the end of the 等 it may close */
        if (ZCI_HAS(t, e, q3 - 3, "等")) {
            if (q3 < e)
                s = q3;
            else
                examples = true;
        }
        p = q3 - 2;
    }
    if (examples)
        e = s;
    /* a predicate that adds or reaches (建成3个, 创建20个) governs what
     * follows the number: what stands before it is actor and adverbs */
    bool verbs = pred_at == SIZE_MAX || pred_governs;
    /* 较“十三五”翻一番, 比上年增长: a comparison says against what, not what;
     * so does a rate's 高于全市平均水平(2个百分点) (not 低于标准的项目占比) */
    if (ZCI_HAS(t, e, s, "较") ||
        (ZCI_HAS(t, e, s, "比") && !ZCI_HAS(t, e, s + 3, "重") && !ZCI_HAS(t, e, s + 3, "例")) ||
        (q->unit &&
         (q->unit->val == ZC_UNIT_PERCENT_POINT || q->unit->val == ZC_UNIT_PERCENT) &&
         (ZCI_HAS(t, e, s, "高于") || ZCI_HAS(t, e, s, "低于") || ZCI_HAS(t, e, s, "快于") ||
          ZCI_HAS(t, e, s, "慢于")) &&
         !memmem(t + s, e - s, "的", 3)))
        e = s;
    bool settled;
    size_t raw_e = strip_tail(t, s, e, &settled);
    /* without its verbs stripped, the phrase names the works (完成修缮30万
     * 平方米: 修缮): made here when no verb governs, else when wanted */
    size_t lead = s, works = verbs ? SIZE_MAX : strip_lead(t, n, s, raw_e, false);
    s = verbs ? strip_lead(t, n, s, raw_e, true) : works;
    e = s == lead && settled ? raw_e : strip_tail(t, s, raw_e, NULL);
    /* 向企业提供积分贷: the actor before a governing verb is no subject; a
     * verb right before a count governs what the count counts (国务院已取消
     * 1195个行政审批项目), before an amount it names it (税费减免1000亿元) */
    bool governed = false; /* a MID_VERB right before a count governs it */
    if (verbs && e > s) {
        size_t cut = s, at;
        const zci_word *v;
        for (size_t p = s; p < e && (v = zci_lex_find(ZCI_LEX_MID_VERB, t, n, p, e, avx2, &at)) != NULL;)
            p = at + v->len < e ? (cut = at + v->len) /* a verb may follow right after it */
                : q->unit && q->unit->val == ZC_UNIT_COUNT ? (cut = e)
                                                           : at + zci_char_len(t, n, at);
        if (cut > s && !zc_indicator_find(t + s, e - s)) { /* (looked up only when a cut would go) */
            s = strip_lead(t, n, cut, e, verbs);
            governed = cut == e;
        }
    }
    /* a phrase that ends in 的 or a joiner describes or lists what follows */
    size_t last = zci_prev_char(t, e);
    bool open_end = e > s && (ZCI_HAS(t, n, last, "的") || ZCI_HAS(t, n, last, "和") ||
                              ZCI_HAS(t, n, last, "或") || ZCI_HAS(t, n, last, "及") ||
                              ZCI_HAS(t, n, last, "与") || ZCI_HAS(t, n, last, "、"));
    /* …增长12.6%，占一般公共预算收入比重达75.0%: a share of what came before */
    if (e > s && ZCI_HAS(t, n, s, "占") && (prev = carrier(t, all, i)) != NULL) {
        q->subject = prev->subject;
        q->subject_cut = prev->subject_cut;
        q->subject_head = (zci_range){s, e};
        return;
    }
    if (e <= s || open_end || bare_rate(t, s, e)) {
        /* a magnitude with no unit counts the noun after it (2897万农村人口) */
        bool measured = q->unit ? q->unit->val != ZC_UNIT_PERCENT &&
                                      q->unit->val != ZC_UNIT_PERCENT_POINT
                                : q->has_scale;
        zci_range after = measured ? noun_after(t, n, q) : (zci_range){q->after, q->after};
        if (after.e > after.s) {
            q->subject = after;
            return;
        }
        if ((prev = carrier(t, all, i)) != NULL) {
            q->subject = prev->subject;
            q->subject_cut = prev->subject_cut;
            q->subject_head = prev->subject_head;
            q->subject_carried = true;
            return;
        }
        zci_range topic = after_quantity || e > s ? (zci_range){lo, lo} : topic_before_from(t, n, lo);
        if (topic.e <= topic.s && !after_quantity && e <= s)
            topic = label_before(t, lo);
        if (topic.e > topic.s) {
            q->subject = topic;
            return;
        }
        if (e <= s) {
            /* only verbs: the works are what is measured; not a verb that
             * governs the figure (惠及1100多万人 names nothing) */
            if (works == SIZE_MAX)
                works = governed ? raw_e : strip_lead(t, n, lead, raw_e, false);
            q->subject = works < raw_e && !zci_lex_before(ZCI_LEX_SUBJECT_TAIL, t, works, raw_e)
                             ? (zci_range){works, raw_e}
                             : (zci_range){e, e};
            return;
        }
    }
    /* keep the last 40 characters: the head of a Chinese noun phrase is last
     * (40 bytes or fewer are 40 characters or fewer: all kept, uncounted) */
    size_t c = s;
    if (e - s > 40)
        for (size_t k = (c = e, 0); c > s && k < 40; k++)
            c = zci_prev_char(t, c);
    q->subject = (zci_range){c, e};
    /* an abbreviation inside: 居民消费价格（CPI）涨幅 */
    for (const char *o = e > c ? memchr(t + c, '(', e - c) : NULL; o;
         o = memchr(o + 1, '(', (size_t)(t + e - o - 1))) {
        size_t p = (size_t)(o - t), r = p + 1;
        while (r < e && t[r] != ')')
            r++;
        if (r < e && ascii_word(t, p + 1, r)) {
            q->subject_cut = (zci_range){p, r + 1};
            return;
        }
    }
    q->subject_cut = filler_in(t, n, q->subject, avx2);
}

static bool is_commitment(const zci_quantity *q) {
    return q->bound != ZC_BOUND_EXACT || q->action == ZC_ACTION_GROWTH ||
           q->action == ZC_ACTION_DECLINE || q->action == ZC_ACTION_ADD ||
           q->action == ZC_ACTION_REACH;
}

/* Items of a list without a verb of their own share the first item's:
 * 分别压缩到60、30个工作日 are both declines. */
static void inherit_list_actions(zci_quantity *q, size_t nq) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].list_head == i)
            continue;
        const zci_quantity *head = &q[q[i].list_head];
        if (q[i].action == ZC_ACTION_NONE && head->action != ZC_ACTION_NONE) {
            q[i].action = head->action;
            if (q[i].role == ZC_ROLE_QUANTITY && is_commitment(&q[i]))
                q[i].role = ZC_ROLE_COMMITMENT;
        }
    }
}

/* Mark every item of q's list (q is its head) as a qualifier. */
static void list_to_qualifier(zci_quantity *q, size_t head) {
    for (size_t k = head; k != ZCI_NO_ITEM; k = q[k].list_next)
        q[k].role = ZC_ROLE_QUALIFIER;
}

/*
 * Counts that only say how many kinds there are of what a later commitment
 * counts are qualifiers: 完成8个领域100项以上改革任务, 3条主导产业链和7个
 * 特色产业集群…项目各不少于10个. A count is one when the next quantity
 * of its clause (after its own list) is a commitment.
 */
static void count_qualifiers(const char *t, size_t n, zci_quantity *q, size_t nq) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].from_table || q[i].list_head != i || !q[i].unit ||
            q[i].unit->val != ZC_UNIT_COUNT || q[i].role == ZC_ROLE_QUALIFIER ||
            q[i].bound != ZC_BOUND_EXACT)
            continue;
        size_t last = i;
        while (q[last].list_next != ZCI_NO_ITEM)
            last = q[last].list_next;
        size_t j = last + 1;
        while (j < nq && q[j].dropped)
            j++;
        if (j >= nq)
            continue;
        bool same_clause = true, noun = false;
        size_t l;
        for (size_t p = q[last].after; p < q[j].pre_bound_start; p += zci_char_len(t, n, p)) {
            if (zci_is_clause_end(t, n, p, &l)) {
                same_clause = false;
                break;
            }
            noun |= zci_is_han(t, n, p);
        }
        /* 8个领域100项: a count of kinds, then what is counted. Not 61条60公里,
         * two measures of the same roads. */
        if (same_clause && noun && q[j].role == ZC_ROLE_COMMITMENT) {
            list_to_qualifier(q, i);
            /* 8个领域100项改革任务: what 100项 counts follows it, not 领域 */
            zci_range after = noun_after(t, n, &q[j]);
            if (after.e > after.s && q[j].subject.s >= q[last].after)
                q[j].subject = after;
        }
    }
}

/* Split [s, e) into list items at 、 (and 和 when with_and), outside
 * parentheses; at most 32. Returns how many. */
static size_t split_items(const char *t, size_t n, size_t s, size_t e, bool with_and,
                          zci_range *parts) {
    size_t np = 0, a = s;
    int depth = 0;
    for (size_t p = s; p <= e && np < 32; p += p < e ? zci_char_len(t, n, p) : 1) {
        if (p < e && t[p] == '(')
            depth++;
        else if (p < e && t[p] == ')' && depth > 0)
            depth--;
        if (p == e || (depth == 0 && (ZCI_HAS(t, n, p, "、") ||
                                      (with_and && ZCI_HAS(t, n, p, "和"))))) {
            parts[np++] = (zci_range){a, p};
            a = p + (p < e ? 3 : 0);
        }
    }
    return np;
}

/* Is there a sentence end in t[a, b) (two character boundaries)? The
 * backward search finds the last one, 16 bytes a step. */
static bool sentence_between(const char *t, size_t a, size_t b) {
    return zci_sentence_start_back(t, a, b, false) > a;
}

/* Give the items of the list headed by q[i] the subjects of the `count`
 * figures before it in the same sentence, in order. False when there are
 * not that many with subjects. */
static bool pair_with_figures_before(const char *t, zci_quantity *q, size_t i, size_t count) {
    size_t idx[32], k = 0;
    for (size_t j = i; j-- > 0 && k < count && k < 32;) {
        if (q[j].dropped || q[j].role == ZC_ROLE_QUALIFIER)
            continue;
        if (q[j].subject.e <= q[j].subject.s ||
            sentence_between(t, q[j].after, q[i].pre_bound_start))
            return false;
        idx[k++] = j;
    }
    if (k != count)
        return false;
    size_t item = i;
    for (size_t m = k; m-- > 0 && item != ZCI_NO_ITEM; item = q[item].list_next) {
        q[item].subject = q[idx[m]].subject;
        q[item].subject_cut = q[idx[m]].subject_cut;
        q[item].subject_head = q[idx[m]].subject_head;
    }
    return true;
}

/* Items of a list share the subject phrase written before the first one;
 * a 分别 list pairs its subjects with its values in order when the counts
 * agree (专业孵化器、众创空间分别不少于8家、10家). When the last subject ends
 * in a measure (产量, 收入) and earlier ones do not, they share it:
 * 城镇、农村居民人均可支配收入 -> 城镇居民人均可支配收入. */
static void share_subjects(const char *t, size_t n, zci_quantity *q, size_t nq, bool avx2) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].list_head != i || q[i].list_next == ZCI_NO_ITEM)
            continue;
        size_t count = 0;
        for (size_t k = i; k != ZCI_NO_ITEM; k = q[k].list_next)
            count++;
        zci_range parts[32];
        size_t s = q[i].subject.s, e = q[i].subject.e;
        size_t np = split_items(t, n, s, e, false, parts);
        if (np != count)
            np = split_items(t, n, s, e, true, parts); /* 食品和生物医药、… stays one */
        /* items and values pair in order when their counts agree, with or
         * without 分别 (商品零售额、餐饮收入增长22.7%、48.1%) */
        bool paired = np == count && np > 1;
        /* 经济作物中蔬菜、水果产量: what the list is among is no part of its first item */
        if (paired)
            for (size_t p = parts[0].s + 6; p + 6 <= parts[0].e; p += zci_char_len(t, n, p))
                if (ZCI_HAS(t, n, p, "中") && !zci_lex_at(ZCI_LEX_NOUN_OPENER, t, parts[0].e, p)) {
                    parts[0].s = p + 3;
                    break;
                }
        /* 城镇居民…9422元，农村居民…2936元，分别实际增长7.7%和6.8%: a 分别 list
         * with no subject of its own pairs with the figures just before it */
        if (!paired && (e <= s || q[i].subject_carried) &&
            pair_with_figures_before(t, q, i, count)) {
            for (size_t k = i; k != ZCI_NO_ITEM; k = q[k].list_next)
                q[k].flags |= ZC_FLAG_DISTRIBUTIVE;
            continue;
        }
        zci_range head = {0, 0};
        if (paired) {
            const zci_range last = parts[np - 1], before = parts[np - 2];
            /* the shared head is the longest measure the last item ends in */
            const zci_word *m = zci_lex_before(ZCI_LEX_MEASURE_HEAD, t, last.s, last.e);
            if (m && m->len < last.e - last.s &&
                !zci_lex_before(ZCI_LEX_MEASURE_HEAD, t, before.s, before.e))
                head = (zci_range){last.e - m->len, last.e};
        }
        size_t idx = 0;
        for (size_t k = i; k != ZCI_NO_ITEM; k = q[k].list_next, idx++) {
            if (paired)
                q[k].flags |= ZC_FLAG_DISTRIBUTIVE;
            q[k].subject = paired ? parts[idx] : (zci_range){s, e};
            q[k].subject_cut = paired ? filler_in(t, n, parts[idx], avx2) : q[i].subject_cut;
            bool needs = paired && idx + 1 < np && head.e > head.s &&
                         !zci_lex_before(ZCI_LEX_MEASURE_HEAD, t, parts[idx].s, parts[idx].e);
            q[k].subject_head = needs ? head : (zci_range){0, 0};
            /* 对东盟、欧盟进出口总额: the 对 of the first item is every item's */
            if (paired && idx > 0 && ZCI_HAS(t, parts[0].e, parts[0].s, "对") &&
                !ZCI_HAS(t, parts[idx].e, parts[idx].s, "对"))
                q[k].subject_topic = (zci_range){parts[0].s, parts[0].s + 3};
        }
    }
}

/* The figure whose subject carries over to q[i]: the one before it in the
 * same sentence (…19917.0亿元，按可比价格计算，比上年增长8.6%). */
static const zci_quantity *carrier(const char *t, const zci_quantity *q, size_t i) {
    for (size_t k = i; k-- > 0;) {
        if (q[k].dropped || q[k].role == ZC_ROLE_QUALIFIER)
            continue;
        if (q[k].after > q[i].pre_bound_start || q[i].pre_bound_start - q[k].after > 600 ||
            sentence_between(t, q[k].after, q[i].pre_bound_start))
            return NULL;
        return q[k].subject.e > q[k].subject.s ? &q[k] : NULL;
    }
    return NULL;
}

/* The indicator q's subject names, if any: the name with a trailing rate
 * word (增速, 涨幅, 增长) dropped, looked up whole among the aliases. A rate
 * indicator (失业率) never goes with an amount that is no percentage. */
static const char *indicator_of(const char *t, const zci_quantity *q, char buf[256],
                                size_t *name_len) {
    size_t len = *name_len = zci_subject_name(t, q, buf, 256);
    if (len == 0)
        return NULL;
    const zci_word *rate;
    while ((rate = zci_lex_before(ZCI_LEX_INDICATOR_RATE, buf, 0, len)) != NULL && rate->len < len)
        len -= rate->len;
    const zc_indicator *ind = zc_indicator_find(buf, len);
    /* 全社会 (society-wide) scopes a measure the table may name without it */
    if (!ind && len > 9 && memcmp(buf, "全社会", 9) == 0)
        ind = zc_indicator_find(buf + 9, len - 9);
    if (!ind)
        return NULL;
    bool percent = q->unit && (q->unit->val == ZC_UNIT_PERCENT || q->unit->val == ZC_UNIT_PERCENT_POINT);
    if (ind->unit_class == ZC_UNIT_PERCENT && !percent)
        return NULL;
    /* 粮食总产量连续6年稳定在…: a span of years is how long, never the
     * amount of an indicator that is not itself one (人均预期寿命); nor is
     * a count (经济建设的十条方针) of one that is not counted */
    if (q->unit && (q->unit->val == ZC_UNIT_DURATION || q->unit->val == ZC_UNIT_COUNT) &&
        ind->unit_class != (zc_unit_class)q->unit->val)
        return NULL;
    return ind->id;
}

/* Start of the sentence holding pos, its indent skipped, looked for at
 * most 600 bytes back. With period_only a sentence ends only at 。 or a line
 * end (its ；-clauses are one sentence: 其中工资性收入…；经营净收入…). m keeps
 * the last walk, so figures asked about in text order walk only the text
 * between them (zero-initialised; one per period_only). */
typedef struct sentence_memo {
    size_t pos, raw; /* asked at pos, the walk stopped at raw */
    bool found, ok;  /* found: at a sentence end (or the text start), not the bound */
} sentence_memo;

static size_t sentence_start(sentence_memo *m, const char *t, size_t pos, bool period_only) {
    /* The walk back from pos goes no further than where the last one started
     * when that was on the way: with no sentence end between, the answer is
     * the last walk's (or the bound, when that found none). */
    bool reuse = ZCI_MEMOS && m->ok && m->pos <= pos && pos - m->pos < 600;
    size_t lo = reuse ? m->pos : pos > 600 ? pos - 600 : 0;
    size_t p = zci_sentence_start_back(t, lo, pos, period_only);
    if (reuse && p == lo)
        p = m->found && pos - m->raw < 600 ? m->raw : pos - 600;
    m->pos = pos;
    m->found = pos - p < 600;
    m->ok = true;
    p = zci_char_start(t, p); /* stopped by the 600-byte bound inside a character */
    m->raw = p;
    while (p < pos && is_space(t[p]))
        p++;
    return p;
}

/* A figure whose subject is empty or only names the measure (产量, 总产量)
 * takes the topic of its sentence's first clause when the two make an
 * indicator's name: 粮食连续五年增产，总产量10570亿斤 -> 粮食总产量;
 * 粮食产量屡创历史新高，去年达到1.09万亿斤 -> 粮食产量. The topic is the
 * longest run of up to 8 Han characters, starting within the clause's first
 * 3 (a scope word: 全国), that completes a name the table knows, so no name
 * is built that nothing could join on. */
static void take_topic(sentence_memo *sm, zci_clause_memo *cm, const char *t, size_t n,
                       zci_quantity *q, const char *name, size_t name_len) {
    char buf[128];
    size_t len = name_len < 64 ? name_len : 0; /* a name of 64 bytes or more is no bare measure */
    bool bare = q->subject.e <= q->subject.s;
    const zci_word *head = len ? zci_lex_before(ZCI_LEX_MEASURE_HEAD, name, 0, len) : NULL;
    if (!bare && !(head && len <= (size_t)head->len + 3)) /* 产量, 总产量 */
        return;
    size_t at = bare ? q->pre_bound_start : q->subject.s;
    size_t s = sentence_start(sm, t, at, false);
    size_t ce = zci_clause_end(cm, t, n, s);
    if (ce >= at)
        return; /* the topic is a clause of its own before the figure's */
    size_t a = s;
    for (int i = 0; i < 3 && a < ce && zci_is_han(t, n, a); i++, a += 3) {
        size_t b = a;
        for (int j = 0; j < 8 && b < ce && zci_is_han(t, n, b); j++)
            b += 3;
        for (; b > a; b -= 3) {
            if (b - a + len >= sizeof buf)
                continue;
            memcpy(buf, t + a, b - a);
            memcpy(buf + (b - a), name, len);
            if (zc_indicator_find(buf, b - a + len)) {
                q->subject_topic = (zci_range){a, b};
                return;
            }
        }
    }
}

/* The parts listed after 其中 are parts of the per-capita whole named in
 * the sentence before: 城镇居民人均可支配收入48016元。其中工资性收入30974元；
 * 经营净收入5209元 -> 城镇居民人均工资性收入, 城镇居民人均经营净收入. Only a
 * whole with 人均 lends its group: the parts of a total (其中中央收入) are
 * named in full already. before[0..nbefore) are the figures with a subject
 * that end just before q's window, when the text is read a window at a
 * time (zci_work.before). */
static void take_whole(const char *t, size_t n, zci_quantity *q, size_t nq,
                       const zci_quantity *before, size_t nbefore) {
    sentence_memo sentences = {0};
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].from_table || q[i].role == ZC_ROLE_QUALIFIER ||
            q[i].subject.e <= q[i].subject.s || zci_subject_built(&q[i]) ||
            !zci_lex_before(ZCI_LEX_MEASURE_HEAD, t, q[i].subject.s, q[i].subject.e))
            continue;
        size_t s = sentence_start(&sentences, t, q[i].subject.s, true);
        if (!ZCI_HAS(t, n, s, "其中"))
            continue;
        const zci_quantity *whole = NULL;
        size_t k = i;
        while (k-- > 0 && !(!q[k].dropped && q[k].after <= s && q[k].subject.e > q[k].subject.s))
            ;
        const zci_quantity *last = k < i ? &q[k] : NULL;
        for (size_t b = nbefore; !last && b-- > 0;)
            last = before[b].after <= s ? &before[b] : NULL;
        if (last)
            whole = s - last->after < 200 ? last : NULL;
        if (!whole)
            continue;
        const char *per = memmem(t + whole->subject.s, whole->subject.e - whole->subject.s, "人均", 6);
        if (!per)
            continue;
        size_t e = (size_t)(per - t) + 6;
        if (memmem(t + q[i].subject.s, q[i].subject.e - q[i].subject.s, "人均", 6))
            continue; /* 人均消费性支出: a group of its own */
        q[i].subject_topic = (zci_range){whole->subject.s, e};
    }
}

zc_status zci_classify(zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n, nq = w->quantities.len;
    zci_quantity *q = ZCI_Q(w);
    /* Qualifiers first: the verbs that govern them are not the action of
     * the count that follows (引进总投资50亿元以上产业项目10个). */
    size_t *qstarts = w->alloc.alloc(nq ? nq * sizeof(size_t) : 1, w->alloc.ud);
    if (!qstarts)
        return ZC_ERR_NOMEM;
    qual_index quals = {qstarts, 0};
    /* the figures are visited in text order: the clause walks are kept */
    zci_clause_memo clauses = {0}, topic_clauses = {0};
    sentence_memo topic_sentences = {0};
    clause_searches searches = {.avx2 = w->avx2};
    for (size_t i = 0; i < nq; i++) {
        if (!q[i].dropped && !q[i].from_table && modifies_noun(t, n, &q[i]))
            list_to_qualifier(q, q[i].list_head);
    }
    for (size_t i = 0; i < nq; i++)
        if (!q[i].dropped && q[i].role == ZC_ROLE_QUALIFIER)
            qstarts[quals.n++] = q[i].pre_bound_start;
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].from_table) /* a table cell was read whole */
            continue;
        size_t clo = q[i].clause_known ? q[i].clause_start
                                       : zci_clause_start(&clauses, t, n, q[i].pre_bound_start);
        size_t lo = clo, at;
        size_t chi = zci_clause_end(&clauses, t, n, q[i].after);
        /* 其中 and 同比 start a new scope for verbs */
        if (scope_break(&searches.scope_breaks, t, n, lo, q[i].pre_bound_start, searches.avx2, &at) &&
            !memchr(t + at, ')', q[i].pre_bound_start - at)) /* not inside a closed aside */
            lo = at + zci_lex_at(ZCI_LEX_SCOPE_BREAK, t, n, at)->len;
        size_t pred_at;
        q[i].action = find_action(&searches, t, n, &q[i], lo, chi, &quals, &pred_at);
        if (q[i].action == ZC_ACTION_NONE && q[i].unit && q[i].unit->val == ZC_UNIT_PERCENT)
            q[i].action = ZC_ACTION_SHARE; /* 水质100%达标: a bare percentage is a share */
        find_deadline(&searches.deadlines, w->m, t, n, clo, chi, w->avx2, &q[i]);
        /* the subject never reaches back over an earlier figure of the
         * clause, but takes in a qualifier: 投资50亿元以上的产业项目15个 */
        size_t subj_lo = clo; /* 同比 cuts the verb's scope, not the subject's */
        bool after_quantity = false;
        for (size_t k = i; k-- > 0 && q[k].after > subj_lo;) {
            /* (a qualifier is taken in: the figure before it bounds) */
            if (q[k].dropped || q[k].role == ZC_ROLE_QUALIFIER)
                continue;
            if (q[k].after <= q[i].pre_bound_start) {
                subj_lo = q[k].after;
                after_quantity = true;
                break;
            }
        }
        bool pred_governs = pred_at != SIZE_MAX && (q[i].action == ZC_ACTION_ADD ||
                                                    q[i].action == ZC_ACTION_REACH);
        find_subject(t, n, q, i, subj_lo, pred_at, pred_governs, after_quantity, w->avx2);
        if (q[i].role != ZC_ROLE_QUALIFIER) /* qualifiers were marked before the loop */
            q[i].role = is_commitment(&q[i]) ? ZC_ROLE_COMMITMENT : ZC_ROLE_QUANTITY;
    }
    inherit_list_actions(q, nq);
    count_qualifiers(t, n, q, nq);
    share_subjects(t, n, q, nq, w->avx2);
    take_whole(t, n, q, nq, w->before.data, w->before.len);
    for (size_t i = 0; i < nq; i++)
        if (!q[i].dropped) {
            char name[256]; /* q's subject as a name, built once for both looks */
            size_t len;
            q[i].indicator = indicator_of(t, &q[i], name, &len);
            if (!q[i].indicator && !q[i].from_table && q[i].role != ZC_ROLE_QUALIFIER &&
                q[i].subject_topic.e <= q[i].subject_topic.s) {
                take_topic(&topic_sentences, &topic_clauses, t, n, &q[i], name, len);
                if (q[i].subject_topic.e > q[i].subject_topic.s) /* else the same name */
                    q[i].indicator = indicator_of(t, &q[i], name, &len);
                if (!q[i].indicator) /* a unit the indicator cannot have */
                    q[i].subject_topic = (zci_range){0, 0};
            }
        }
    w->alloc.dealloc(qstarts, w->alloc.ud);
    return ZC_OK;
}
