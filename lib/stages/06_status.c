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

/* Status from a span of heading text, or -1 when it says nothing. */
static int status_of(const char *t, size_t n, zci_range r, int32_t year) {
    size_t at;
    const zci_word *w = zci_lex_find(ZCI_LEX_SECTION_CUE, t, r.s, r.e, &at);
    if (w)
        return w->val;
    if (year > 0) {
        for (size_t p = r.s; p + 7 <= r.e; p++) {
            if (zci_is_ascii_digit(t[p]) && zci_is_ascii_digit(t[p + 1]) &&
                zci_is_ascii_digit(t[p + 2]) && zci_is_ascii_digit(t[p + 3]) &&
                ZCI_HAS(t, n, p + 4, "年") && (p == r.s || !zci_is_ascii_digit(t[p - 1]))) {
                int y = (t[p] - '0') * 1000 + (t[p + 1] - '0') * 100 + (t[p + 2] - '0') * 10 +
                        (t[p + 3] - '0');
                return y < year ? ZC_STAGE_ACHIEVED : ZC_STAGE_TARGET;
            }
        }
    }
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
    int st = title.e > title.s ? status_of(w->text.t, w->text.n, title, 0) : -1;
    return st < 0 ? ZC_STAGE_TARGET : (zc_stage)st;
}

void zci_status_sections(zci_work *w) {
    ZCI_SEC(w, 0)->status = root_status(w);
    for (size_t i = 1; i < w->sections.len; i++) {
        zci_sec *s = ZCI_SEC(w, i);
        zc_stage parent = ZCI_SEC(w, s->parent)->status;
        /* a rule is a rule whatever its heading says */
        int st = parent == ZC_STAGE_RULE ? -1 : status_of(w->text.t, w->text.n, s->title, w->meta.year);
        s->status = st >= 0 ? (zc_stage)st : parent;
    }
}

/* The paragraph cue in force, kept by one forward pass over the text as
 * the quantities are visited in order. */
typedef struct para_state {
    size_t scanned; /* text before this was read */
    int cue;        /* -1 none in this paragraph, else a zc_stage */
} para_state;

static void para_scan(const char *t, size_t n, para_state *ps, size_t pos) {
    for (size_t p = ps->scanned; p < pos; p++) {
        if (t[p] == '\n') {
            ps->cue = -1;
            continue;
        }
        if (!zci_is_han(t, n, p))
            continue;
        if (zci_lex_may_start(ZCI_LEX_PARA_CUE, t, n, p)) {
            const zci_word *w = zci_lex_at(ZCI_LEX_PARA_CUE, t, n, p);
            if (w)
                ps->cue = w->val;
        }
        p += 2;
    }
    if (pos > ps->scanned)
        ps->scanned = pos;
}

/* Status of the figure whose number (with its bound word) starts at pos:
 * the clause cues of its sentence, else the paragraph cue under a target
 * heading, else the section's. One backward walk from the number to the
 * sentence start: quantities are sparse, so this costs less than a pass. */
static zc_stage stage_at(const char *t, size_t n, para_state *ps, size_t pos, zc_stage section) {
    if (section == ZC_STAGE_RULE)
        return section; /* 将…列入 in a regulation is an obligation, not a plan */
    size_t clause_lo = zci_clause_start(t, n, pos);
    size_t lo = pos > 3 * ZCI_CLAUSE_MAX ? pos - 3 * ZCI_CLAUSE_MAX : 0, l;
    bool target = false, estimate = false;
    for (size_t p = pos; p > lo;) {
        p = zci_prev_char(t, p);
        if (zci_is_sentence_end(t, n, p, &l))
            break;
        if (!zci_lex_may_start(ZCI_LEX_STAGE_CUE, t, n, p))
            continue;
        const zci_word *w = zci_lex_at(ZCI_LEX_STAGE_CUE, t, pos, p);
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
static size_t section_at(const zci_work *w, size_t f) {
    size_t lo = 1, hi = w->sections.len; /* last i with start <= f */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ZCI_SEC(w, mid)->body.s <= f)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 1;) {
        const zci_sec *s = ZCI_SEC(w, i);
        if (s->body.s <= f && f < s->body.e)
            return i;
        if (s->depth == 1 && s->body.e <= f)
            break; /* a closed top-level section: nothing before it covers f */
    }
    return 0;
}

void zci_status_place(zci_work *w) {
    zci_quantity *q = ZCI_Q(w);
    para_state para = {0, -1};
    for (size_t i = 0; i < w->quantities.len; i++) {
        if (q[i].dropped)
            continue;
        q[i].section = section_at(w, q[i].start);
        q[i].stage = stage_at(w->text.t, w->text.n, &para, q[i].pre_bound_start,
                              ZCI_SEC(w, q[i].section)->status);
    }
}
