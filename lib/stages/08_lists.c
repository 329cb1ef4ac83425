/*
 * 08_lists.c -- quantities that form one list (8家、5家、10家; 550和3000家)
 * share what is written once, and 分别/各/均 make a list distributive.
 */
#include "pipeline.h"

/* Do exactly the words of LIST_JOINT (、 和 及 与 以及) stand in [a, b)? */
static bool list_joint(const char *t, size_t n, size_t a, size_t b) {
    while (a < b && (t[a] == ' ' || t[a] == '\t')) /* OCR spaces: 16.3% 、 20.0% */
        a++;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    if (b <= a || b > n)
        return false;
    const zci_word *w = zci_lex_at(ZCI_LEX_LIST_JOINT, t, b, a);
    return w && a + w->len == b;
}

/*
 * Link list items (8家、5家、10家; 550和3000家) and share what is written
 * once: the unit and magnitude of the last item go to items without them
 * (分别压缩到60、30个工作日), a bound after the last item to items without
 * one (分别增长7%、8%以上), a bound before the first to the rest.
 */
static void link_lists(const char *t, size_t n, zci_quantity *q, size_t nq) {
    for (size_t i = 0; i < nq; i++) {
        q[i].list_head = i;
        q[i].list_next = ZCI_NO_ITEM;
    }
    for (size_t i = 0; i + 1 < nq;) {
        size_t j = i;
        while (j + 1 < nq && list_joint(t, n, q[j].after, q[j + 1].pre_bound_start)) {
            q[j].list_next = j + 1;
            q[j + 1].list_head = i;
            j++;
        }
        if (j > i) {
            const zci_quantity *last = &q[j];
            const zci_quantity *first = &q[i];
            for (size_t k = i; k < j; k++) {
                if (!q[k].unit && last->unit) {
                    q[k].unit = last->unit;
                    if (!q[k].has_scale && q[k].bare) {
                        q[k].scale = last->scale;
                        q[k].has_scale = last->has_scale;
                    }
                    q[k].bare = false;
                }
                if (q[k].bound == ZC_BOUND_EXACT && last->post_bound)
                    q[k].bound = last->bound;
            }
            for (size_t k = i + 1; k <= j; k++)
                if (q[k].bound == ZC_BOUND_EXACT && first->bound != ZC_BOUND_RANGE &&
                    !first->post_bound)
                    q[k].bound = first->bound;
        }
        i = j + 1;
    }
    for (size_t i = 0; i < nq; i++)
        if (q[i].bare)
            q[i].dropped = true;
}

/* Marks 分别/各/均 lists as distributive. 分别 stands before the first
 * item (分别不少于8家); 各 and 均 right before a value (各不少于10个). */
static void mark_distributive(const char *t, zci_quantity *q, size_t nq) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].from_table)
            continue;
        size_t p = q[i].pre_bound_start;
        size_t lo = p > 30 ? p - 30 : 0;
        while (p > lo && (t[p - 1] == ' ' || t[p - 1] == '\t')) /* 分别增长 16.3% */
            p--;
        const zci_word *verb = zci_lex_before(ZCI_LEX_ACTION, t, lo, p);
        if (verb)
            p -= verb->len;
        for (const zci_word *adv; (adv = zci_lex_before(ZCI_LEX_ADVERB, t, lo, p)) != NULL;)
            p -= adv->len;
        if (!zci_lex_before(ZCI_LEX_DISTRIBUTIVE, t, lo, p))
            continue;
        size_t k = q[i].list_head == i ? i : ZCI_NO_ITEM;
        for (; k != ZCI_NO_ITEM; k = q[k].list_next)
            q[k].flags |= ZC_FLAG_DISTRIBUTIVE;
    }
}

/* Can a and b be the two ends of one range (一万元以上十万元以下,
 * 不低于60%不高于80%)? Adjacent, at least then at most, one unit. */
static bool range_pair(const zci_quantity *a, const zci_quantity *b) {
    if (a->from_table || b->from_table || a->after != b->pre_bound_start ||
        a->bound != ZC_BOUND_AT_LEAST ||
        b->bound != ZC_BOUND_AT_MOST || !a->unit || !b->unit)
        return false;
    if (a->post_bound != b->post_bound)
        return false;
    return strcmp(a->unit->canon, b->unit->canon) == 0;
}

/* Penalty and size ranges written as two bounds are one finding, bound
 * range. Ends with different magnitudes are multiplied out (五千元以上五万元
 * 以下: 5000-50000, scale 1). One compacting pass: linear. */
static void merge_ranges(zci_scratch *qs) {
    zci_quantity *q = qs->data;
    size_t k = 0;
    for (size_t i = 0; i < qs->len; i++) {
        if (k > 0 && range_pair(&q[k - 1], &q[i]) &&
            q[i].value * q[i].scale >= q[k - 1].value * q[k - 1].scale) {
            zci_quantity *a = &q[k - 1];
            if (a->scale == q[i].scale) {
                a->value_max = q[i].value;
            } else {
                a->value *= a->scale;
                a->value_max = q[i].value * q[i].scale;
                a->scale = 1;
            }
            a->bound = ZC_BOUND_RANGE;
            a->end = q[i].end;
            a->after = q[i].after;
            a->unit_start = q[i].unit_start;
            a->unit_end = q[i].unit_end;
            a->post_bound = q[i].post_bound;
            continue;
        }
        if (k != i) /* (a copy only after a merge: most figures stay where they are) */
            q[k] = q[i];
        k++;
    }
    qs->len = k;
}

void zci_lists_link(zci_work *w) {
    merge_ranges(&w->quantities);
    link_lists(w->text.t, w->text.n, ZCI_Q(w), w->quantities.len);
    mark_distributive(w->text.t, ZCI_Q(w), w->quantities.len);
}
