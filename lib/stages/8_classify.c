/*
 * 8_classify.c -- what each quantity means in its sentence: the action
 * (verb), the subject (indicator), the role (commitment, qualifier, bare
 * quantity) and the deadline. Its section and status are 5_status's.
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
#include <string.h>

#include "pipeline.h"

/* Words that may stand between a predicate and its number: 分别 均 各 为. */
static size_t skip_linkers(const char *t, size_t lo, size_t p) {
    for (int round = 0; round < 3; round++) {
        bool moved = false;
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

/* Leading words of a clause that are not part of its subject. */
static size_t skip_lead(const char *t, size_t n, size_t lo, size_t hi) {
    for (int round = 0; round < 6 && lo < hi; round++) {
        const zci_word *w = zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, lo);
        if (!w)
            w = zci_lex_at(ZCI_LEX_ACTION, t, n, lo);
        if (!w)
            w = zci_lex_at(ZCI_LEX_LEAD, t, n, lo);
        size_t l = w ? w->len : 0;
        if (!l || lo + l > hi)
            break;
        lo += l;
    }
    return lo;
}

/* The action of quantity q, and where its subject ends if a predicate was
 * found right before the number. */
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

/* The leftmost (or rightmost) action word in [lo, hi) that is not a
 * qualifier's own verb. */
static const zci_word *verb_in(const char *t, size_t n, const qual_index *qi, size_t lo, size_t hi,
                               bool leftmost) {
    const zci_word *found = NULL;
    for (size_t p = lo; p < hi;) {
        const zci_word *w = zci_lex_at(ZCI_LEX_ACTION, t, hi, p);
        if (w && !governs_qualifier(qi, p + w->len)) {
            found = w;
            if (leftmost)
                return w;
            p += w->len;
            continue;
        }
        p += zci_char_len(t, n, p);
    }
    return found;
}

static zc_action find_action(const char *t, size_t n, const zci_quantity *q, size_t lo,
                             const qual_index *quals, size_t *pred_at) {
    size_t p = skip_linkers(t, lo, q->pre_bound_start);
    *pred_at = SIZE_MAX;
    if (p > lo && ZCI_HAS(t, n, zci_prev_char(t, p), "达")) {
        *pred_at = zci_prev_char(t, p);
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
    if (zci_lex_find(ZCI_LEX_ACTION, t, lo, q->pre_bound_start, &at) &&
        ZCI_HAS(t, n, at, "累计"))
        return ZC_ACTION_TOTAL;
    /* The verb that opens this list segment (after the last 、) governs it:
     * 实现城镇新增就业2.4万人 is reach, not add. With none there, the
     * nearest verb before it in the clause carries over: 新增A500家、B650家. */
    size_t seg = lo;
    for (size_t s = q->pre_bound_start; s > lo;) {
        s = zci_prev_char(t, s);
        if (ZCI_HAS(t, n, s, "、")) {
            seg = s + 3;
            break;
        }
    }
    w = verb_in(t, n, quals, seg, q->pre_bound_start, true);
    if (!w)
        w = verb_in(t, n, quals, lo, seg, false);
    /* Growth and decline verbs away from the number take an object, not a
     * rate: 提升改造农村薄弱学校21所 is no growth of 21. Only a percentage
     * can be their amount from there. */
    if (w && (w->val == ZC_ACTION_GROWTH || w->val == ZC_ACTION_DECLINE) &&
        !(q->unit && (q->unit->val == ZC_UNIT_PERCENT || q->unit->val == ZC_UNIT_PERCENT_POINT)))
        w = NULL;
    if (w)
        return (zc_action)w->val;
    /* 3所学校建成投用, 4个项目实现产业化: the counted things act */
    size_t hi = zci_clause_end(t, n, q->after), k = 0;
    for (size_t s = q->after; s < hi && k < 12; s += zci_char_len(t, n, s), k++) {
        const zci_word *v = zci_lex_at(ZCI_LEX_AFTER_VERB, t, n, s);
        if (v)
            return (zc_action)v->val;
    }
    return ZC_ACTION_NONE;
}

/* Deadline cue in the clause: 一季度 上半年 年底前 年内 9月底前. */
static void find_deadline(zci_matcher *m, const char *t, size_t n, size_t lo, size_t hi,
                          zci_quantity *q) {
    for (size_t p = lo; p < hi; p += zci_char_len(t, n, p)) {
        const zci_word *w = zci_lex_may_start(ZCI_LEX_DEADLINE, t, n, p)
                                ? zci_lex_at(ZCI_LEX_DEADLINE, t, n, p)
                                : NULL;
        if (w) {
            q->deadline.s = p;
            q->deadline.e = p + w->len;
            return;
        }
        size_t ov[2];
        if (zci_is_ascii_digit(t[p]) && (p == lo || !zci_is_ascii_digit(t[p - 1])) &&
            zci_match(m, ZCI_PAT_DEADLINE_MONTH, t, n, p, ov, 1)) {
            q->deadline.s = ov[0];
            q->deadline.e = ov[1];
            return;
        }
    }
}

/* A quantity describes the noun after it (so it is a qualifier) when a
 * non-count amount runs straight into that noun: 投资50亿元以上的产业项目,
 * 公交500米站点, 10亿级以上项目. */
static bool modifies_noun(const char *t, size_t n, const zci_quantity *q) {
    if (!q->unit && !q->has_scale)
        return false;
    /* an amount with only a magnitude (收益50万以上的村) reads like money */
    zc_unit_class c = q->unit ? (zc_unit_class)q->unit->val : ZC_UNIT_MONEY;
    if (c == ZC_UNIT_COUNT || c == ZC_UNIT_PERCENT || c == ZC_UNIT_PERCENT_POINT ||
        c == ZC_UNIT_DURATION)
        return false;
    size_t p = q->after;
    if (ZCI_HAS(t, n, p, "的"))
        return zci_is_han(t, n, p + 3);
    if (!zci_is_han(t, n, p))
        return false;
    return !zci_lex_at(ZCI_LEX_NOT_NOUN, t, n, p) && !zci_lex_at(ZCI_LEX_ACTION, t, n, p) &&
           !zci_lex_at(ZCI_LEX_STAGE_CUE, t, n, p);
}

/* The subject: the words between the clause's verb and the predicate, or
 * the noun a count is about (93个科创载体). Capped at 40 characters. */
static void find_subject(const char *t, size_t n, zci_quantity *q, size_t lo, size_t pred_at) {
    size_t s, e;
    if (pred_at != SIZE_MAX) {
        s = skip_lead(t, n, lo, pred_at), e = pred_at;
    } else {
        s = skip_lead(t, n, lo, q->pre_bound_start);
        e = skip_linkers(t, s, q->pre_bound_start);
        if (e <= s && q->unit && q->unit->val == ZC_UNIT_COUNT) {
            /* the noun after the count: up to a verb, a list mark or the clause end */
            s = q->after;
            if (ZCI_HAS(t, n, s, "的"))
                s += 3;
            e = s;
            size_t hi = zci_clause_end(t, n, s), k = 0, l;
            while (e < hi && k < 16 && zci_is_han(t, n, e) &&
                   !zci_lex_at(ZCI_LEX_AFTER_VERB, t, n, e) && !zci_is_clause_end(t, n, e, &l)) {
                e += 3;
                k++;
            }
        }
    }
    /* keep the last 40 characters: the head of a Chinese noun phrase is last */
    size_t k = 0, c = e;
    while (c > s && k < 40) {
        c = zci_prev_char(t, c);
        k++;
    }
    while (c < e) {
        size_t l = 1;
        if (!zci_is_clause_end(t, n, c, &l) && t[c] != ' ' && t[c] != '\t')
            break;
        c += l;
    }
    q->subject.s = c < e ? c : e;
    q->subject.e = e;
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
    for (size_t k = head; k != SIZE_MAX; k = q[k].list_next)
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
        if (q[i].dropped || q[i].list_head != i || !q[i].unit ||
            q[i].unit->val != ZC_UNIT_COUNT || q[i].role == ZC_ROLE_QUALIFIER ||
            q[i].bound != ZC_BOUND_EXACT)
            continue;
        size_t last = i;
        while (q[last].list_next != SIZE_MAX)
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
        if (same_clause && noun && q[j].role == ZC_ROLE_COMMITMENT)
            list_to_qualifier(q, i);
    }
}

/* Items of a list share the subject phrase written before the first one;
 * a 分别 list pairs its subjects with its values in order when the counts
 * agree (专业孵化器、众创空间分别不少于8家、10家). */
static void share_subjects(const char *t, size_t n, zci_quantity *q, size_t nq) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped || q[i].list_head != i || q[i].list_next == SIZE_MAX)
            continue;
        size_t count = 0;
        for (size_t k = i; k != SIZE_MAX; k = q[k].list_next)
            count++;
        size_t parts[32][2], np = 0, s = q[i].subject.s, e = q[i].subject.e;
        while (e >= s + 6 && memcmp(t + e - 6, "分别", 6) == 0)
            e -= 6;
        size_t a = s;
        int depth = 0;
        for (size_t p = s; p <= e && np < 32; p += p < e ? zci_char_len(t, n, p) : 1) {
            if (p < e && t[p] == '(')
                depth++;
            else if (p < e && t[p] == ')' && depth > 0)
                depth--;
            if (p == e || (depth == 0 && (ZCI_HAS(t, n, p, "、") || ZCI_HAS(t, n, p, "和")))) {
                parts[np][0] = a;
                parts[np][1] = p;
                np++;
                a = p + (p < e ? 3 : 0);
            }
        }
        size_t idx = 0;
        for (size_t k = i; k != SIZE_MAX; k = q[k].list_next, idx++) {
            bool paired = np == count && (q[i].flags & ZC_FLAG_DISTRIBUTIVE);
            q[k].subject.s = paired ? parts[idx][0] : s;
            q[k].subject.e = paired ? parts[idx][1] : e;
        }
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
    for (size_t i = 0; i < nq; i++) {
        if (!q[i].dropped && modifies_noun(t, n, &q[i]))
            list_to_qualifier(q, q[i].list_head);
    }
    for (size_t i = 0; i < nq; i++)
        if (!q[i].dropped && q[i].role == ZC_ROLE_QUALIFIER)
            qstarts[quals.n++] = q[i].pre_bound_start;
    for (size_t i = 0; i < nq; i++) {
        if (q[i].dropped)
            continue;
        size_t clo = zci_clause_start(t, n, q[i].pre_bound_start), lo = clo, at;
        /* 其中 and 同比 start a new scope for verbs */
        if (zci_lex_rfind(ZCI_LEX_SCOPE_BREAK, t, lo, q[i].pre_bound_start, &at) &&
            !memchr(t + at, ')', q[i].pre_bound_start - at)) /* not inside a closed aside */
            lo = at + zci_lex_at(ZCI_LEX_SCOPE_BREAK, t, n, at)->len;
        size_t pred_at;
        q[i].action = find_action(t, n, &q[i], lo, &quals, &pred_at);
        if (q[i].action == ZC_ACTION_NONE && q[i].unit && q[i].unit->val == ZC_UNIT_PERCENT)
            q[i].action = ZC_ACTION_SHARE; /* 水质100%达标: a bare percentage is a share */
        find_deadline(w->m, t, n, clo, zci_clause_end(t, n, q[i].after), &q[i]);
        /* the subject never reaches back over an earlier quantity of the clause */
        size_t subj_lo = lo;
        for (size_t k = i; k-- > 0;) {
            if (q[k].after <= q[i].pre_bound_start) {
                if (q[k].after > subj_lo)
                    subj_lo = q[k].after;
                break;
            }
        }
        find_subject(t, n, &q[i], subj_lo, pred_at);
        if (q[i].role != ZC_ROLE_QUALIFIER) /* qualifiers were marked before the loop */
            q[i].role = is_commitment(&q[i]) ? ZC_ROLE_COMMITMENT : ZC_ROLE_QUANTITY;
    }
    inherit_list_actions(q, nq);
    count_qualifiers(t, n, q, nq);
    share_subjects(t, n, q, nq);
    w->alloc.dealloc(qstarts, w->alloc.ud);
    return ZC_OK;
}
