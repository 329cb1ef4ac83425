/*
 * 02_noise.c -- what the copying of a document put into it: web-viewer
 * page-chunk markers and old page breaks inside sentences. Found in the
 * folded text (so CR line ends and full-width "１、" need nothing special)
 * and cut out of it by the text layer.
 *
 * Document-sharing sites cut a document into numbered chunks and print
 * "1、" "2、" ... at the start of each, wherever the cut fell:
 *     ...聚力实现城市品质、生态质量、乡村振
 *     2、兴、民生福祉...
 * Read as headings they would wreck the section tree; read as text they
 * split "乡村振兴" and even numbers from their units ("贷款10\n7、亿元").
 * They are told from real "1、" headings by two things together: they count
 * up by one from the first line to the last, and most of them cut a long
 * line in mid-sentence. Cutting them out of the folded text keeps the
 * offset map right, so every span still points into the caller's bytes.
 *
 * Some copies put a space after every digit, as letter-spaced type comes
 * out of a PDF ("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，…增长1 1 ％"):
 * those spaces are cut too, so the numbers read whole.
 */
#define _GNU_SOURCE /* memrchr */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

typedef struct chunk {
    size_t nl;    /* offset of the newline before the marker */
    size_t end;   /* offset just past 、 */
    uint32_t num; /* the marker's number */
    bool cuts;    /* the line before ends mid-sentence */
} chunk;

/* Does the line ending at byte end (exclusive) end in the middle of a
 * sentence? True when it is long and its last character is a Han ideograph
 * or a digit, not punctuation. */
static bool cuts_sentence(const char *s, size_t line_start, size_t end) {
    while (end > line_start && (s[end - 1] == ' ' || s[end - 1] == '\r' || s[end - 1] == '\t'))
        end--;
    if (end - line_start < 90) /* ~30 characters: a heading, not body text */
        return false;
    unsigned char c = (unsigned char)s[end - 1];
    if (c >= '0' && c <= '9')
        return true;
    if (end - line_start >= 3 && (unsigned char)s[end - 3] >= 0xE4 &&
        (unsigned char)s[end - 3] <= 0xE9)
        return true; /* U+4E00..U+9FFF: a Han character */
    return false;
}

/* Does a heading or table row start at s[p]? A marker (3、 (二) 第三章 ①),
 * a tab in the line, or a short line: those are not the rest of a sentence. */
static bool line_stands_alone(const char *s, size_t n, size_t p) {
    const char *nl = memchr(s + p, '\n', n - p);
    size_t e = nl ? (size_t)(nl - s) : n;
    if (memchr(s + p, '\t', e - p) || memchr(s + p, '|', e - p))
        return true;
    size_t q = p;
    while (q < e && (zci_is_ascii_digit(s[q]) || zci_cn_numeral(s, n, q)))
        q += zci_is_ascii_digit(s[q]) ? 1 : 3;
    if (q > p && (ZCI_HAS(s, n, q, "、") || s[q] == '.' || ZCI_HAS(s, n, q, "是")))
        return true;
    if (s[p] == '(' && p + 1 < e && (zci_is_ascii_digit(s[p + 1]) || zci_cn_numeral(s, n, p + 1)))
        return true;
    if (ZCI_HAS(s, n, p, "第") || ZCI_HAS(s, n, p, "附") || ZCI_HAS(s, n, p, "专栏") ||
        ZCI_HAS(s, n, p, "表") || ZCI_HAS(s, n, p, "图") || ZCI_HAS(s, n, p, "注"))
        return true;
    return false;
}

/* Has the line [p, e) a comma or a sentence end in it? */
static bool has_clause_mark(const char *s, size_t p, size_t e) {
    for (size_t q = p; q < e; q++)
        if (s[q] == ',' || s[q] == ';' || ZCI_HAS(s, e, q, "。"))
            return true;
    return false;
}

/* Does the line at p read as the rest of a sentence: long, with a comma
 * or sentence end in it, or a fragment the next line carries on from
 * (新建改建 / 高速公路 / 6700多公里、…)? A short titled line (行动三：智创
 * 和谐新境行动) is a heading and never continues the line before. */
static bool carries_on(const char *s, size_t n, size_t p) {
    const char *nl = memchr(s + p, '\n', n - p);
    size_t e = nl ? (size_t)(nl - s) : n;
    if (e - p >= 90 || has_clause_mark(s, p, e))
        return true;
    if (memchr(s + p, ':', e - p))
        return false;
    size_t q = e;
    while (q < n && (s[q] == '\n' || s[q] == ' '))
        q++;
    if (q >= n)
        return false;
    const char *nl2 = memchr(s + q, '\n', n - q);
    return zci_is_ascii_digit(s[q]) || has_clause_mark(s, q, nl2 ? (size_t)(nl2 - s) : n);
}

/* Does s[0, n) hold a 。 (E3 80 82)? memchr for its first byte: glibc's
 * memmem costs more to set up than a short line takes to scan. */
static bool has_period(const char *s, size_t n) {
    for (const char *p = memchr(s, 0xE3, n); p; p = memchr(p + 1, 0xE3, (size_t)(s + n - p - 1)))
        if (s + n - p >= 3 && p[1] == '\x80' && p[2] == '\x82')
            return true;
    return false;
}

/* Does s[0, n) hold a tab? */
static bool has_tab(const char *s, size_t n) { return memchr(s, '\t', n) != NULL; }

/* One question asked of the logical line as it grows (joined lines count
 * as one): [line start, to) was read, and found held the answer. */
typedef struct line_seen {
    size_t to;
    bool found;
} line_seen;

/* Does the logical line up to end hold what in() looks for? Read on from
 * where the last asking stopped: a run of joined lines is read once, not
 * once a line. */
static bool line_has(const char *s, size_t end, line_seen *q, bool (*in)(const char *, size_t)) {
    if (q->to < end) {
        q->found = q->found || in(s + q->to, end - q->to);
        q->to = end;
    }
    return q->found;
}

/* What the soft-break walk knows of the lines before: where the logical
 * line starts, what was read of it for a 。 and a tab, and where the last
 * run of line ends and spaces after a line end ends, so that a run of
 * blank lines is skipped once. */
typedef struct soft_state {
    size_t line_start; /* of the logical line */
    line_seen period, tab;
    size_t blank_end; /* the end of the last run skipped */
} soft_state;

static void new_logical_line(soft_state *st, size_t start) {
    st->line_start = start;
    st->period = st->tab = (line_seen){start, false};
}

/*
 * Old page breaks inside a sentence: a long line that stops on a Han
 * character (no 。；：), blank lines, and a line that carries the sentence on
 * (商品房销售面积\n\n（含预售）3644.1万平方米). The line breaks between are cut,
 * so the sentence reads as one. Headings, table rows and short lines never
 * join. Asked at each newline e, in text order. False: no memory.
 */
static bool soft_break_after(const char *s, size_t n, size_t e, soft_state *st,
                             zci_scratch *out) {
    size_t end = e;
    while (end > st->line_start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    /* the line ends and spaces from e on (those of a run begun before e
     * were skipped then) */
    size_t next = e < st->blank_end ? st->blank_end : e;
    while (next < n && (s[next] == '\n' || s[next] == ' '))
        next++;
    st->blank_end = next;
    /* it stops on a Han character or mid-name (广义货币M / 2 / 预期增长) */
    bool open_end = end >= 3 && (zci_is_han(s, n, end - 3) ||
                                 zci_is_ascii_alpha(s[end - 1]) || zci_is_ascii_digit(s[end - 1]));
    /* long, or prose whose last sentence the break cuts (…10.4%。商品房销售面积) */
    bool joins = open_end &&
                 (end - st->line_start >= 90 || line_has(s, end, &st->period, has_period)) &&
                 !line_has(s, end, &st->tab, has_tab) && next < n &&
                 (zci_is_han(s, n, next) || s[next] == '(' || zci_is_ascii_digit(s[next])) &&
                 !line_stands_alone(s, n, next) &&
                 (!zci_is_han(s, n, next) || carries_on(s, n, next));
    if (!joins) {
        new_logical_line(st, e + 1);
        return true;
    }
    zci_range *r = zci_scratch_push(out);
    if (!r)
        return false;
    *r = (zci_range){end, next};
    return true;
}

static int by_start(const void *a, const void *b) {
    const zci_range *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* The page-chunk marker ("12、") the line at p starts with, if any, onto
 * found; nl is the newline before it (SIZE_MAX for the first line) and
 * prev_start where the line before began. */
static bool chunk_at(const char *s, size_t n, size_t p, size_t nl, size_t prev_start,
                     zci_scratch *found) {
    size_t q = p;
    uint32_t num = 0;
    while (q < n && q - p < 4 && s[q] >= '0' && s[q] <= '9')
        num = num * 10 + (uint32_t)(s[q++] - '0');
    if (!(q > p && q + 3 <= n && memcmp(s + q, "\xE3\x80\x81", 3) == 0))
        return true;
    chunk *c = zci_scratch_push(found);
    if (!c)
        return false;
    c->nl = nl == SIZE_MAX ? 0 : nl;
    c->end = q + 3;
    c->num = num;
    c->cuts = nl != SIZE_MAX && cuts_sentence(s, prev_start, nl);
    return true;
}

/* The ranges of the page-chunk markers onto out, when the chunks found make
 * a run: the longest run counting up by one, at least three long, at least
 * half of it cutting sentences. */
static bool chunk_ranges(const zci_scratch *found, zci_scratch *out) {
    size_t best_at = 0, best_len = 0;
    for (size_t k = 0; k < found->len;) {
        size_t j = k + 1;
        while (j < found->len &&
               ZCI_AT(found, chunk, j).num == ZCI_AT(found, chunk, j - 1).num + 1)
            j++;
        if (j - k > best_len)
            best_at = k, best_len = j - k;
        k = j;
    }
    size_t cutting = 0;
    for (size_t k = best_at; k < best_at + best_len; k++)
        cutting += ZCI_AT(found, chunk, k).cuts;
    if (best_len < 3 || cutting * 2 < best_len)
        return true;
    for (size_t k = best_at; k < best_at + best_len; k++) {
        zci_range *r = zci_scratch_push(out);
        if (!r)
            return false;
        r->s = ZCI_AT(found, chunk, k).nl;
        r->e = ZCI_AT(found, chunk, k).end;
    }
    return true;
}

/* Is a space at q after a digit and before more of its line? */
static bool space_after_digit(const char *s, size_t n, size_t q) {
    return q > 0 && zci_is_ascii_digit(s[q - 1]) && q + 1 < n && s[q + 1] != ' ' &&
           s[q + 1] != '\n' && s[q + 1] != '\t';
}

/* Is the text at base set so? Six spaces after digits in its first 4 KiB
 * say it is (a text of plain digits has none or one there). */
static bool spaced_here(const char *s, size_t n, size_t base) {
    size_t hi = n - base < 4096 ? n : base + 4096, k = 0;
    for (const char *sp = memchr(s + base, ' ', hi - base); sp && k < 6;
         sp = memchr(sp + 1, ' ', (size_t)(s + hi - sp - 1)))
        k += space_after_digit(s, n, (size_t)(sp - s));
    return k >= 6;
}

/*
 * The spaces of the lines of s[from, to) set in spaced digits: a line of
 * three digits or more whose digits (four in five at least) are each
 * followed by one space and then by more of the line, one of them by a
 * character that is no ASCII (年 亿 ％ after the space: a number, not a row
 * of single-digit cells). Found from the spaces, so a line is looked at only
 * when three of them follow digits. A line is taken within [from, to) only:
 * one that runs on for megabytes is judged a part at a time, each part
 * read once.
 */
static bool spaced_digits(const char *s, size_t n, size_t from, size_t to, zci_scratch *out) {
    /* the line [line, line_end) of the spaces after digits counted so far */
    size_t line = 0, line_end = 0, count = 0;
    bool unit = false;
    for (const char *sp = memchr(s + from, ' ', to - from);;
         sp = memchr(sp + 1, ' ', (size_t)(s + to - sp - 1))) {
        size_t q = sp ? (size_t)(sp - s) : n;
        if (count && q >= line_end) { /* that line is over: cut its spaces, if it is set so */
            /* one pass: its digits counted, the spaces after them cut, the
             * cuts taken back if too few digits have one */
            size_t mark = out->len, digits = 0, cuts = 0;
            for (size_t p = line; count >= 3 && unit && p + 1 < line_end; p++) {
                if ((unsigned char)s[p] >= 0xE0) {
                    p += 2; /* a character of three bytes or more: no digit */
                    continue;
                }
                if (!zci_is_ascii_digit(s[p]))
                    continue;
                digits++;
                if (s[p + 1] == ' ' && space_after_digit(s, line_end, p + 1)) {
                    zci_range *r = zci_scratch_push(out);
                    if (!r)
                        return false;
                    *r = (zci_range){p + 1, p + 2};
                    cuts++;
                }
            }
            if (5 * cuts < 4 * digits)
                out->len = mark;
            count = 0;
            unit = false;
        }
        if (!sp)
            return true;
        if (!space_after_digit(s, n, q))
            continue;
        if (!count) { /* the first on its line */
            const char *before = memrchr(s + from, '\n', q - from),
                       *after = memchr(s + q, '\n', to - q);
            line = before ? (size_t)(before - s) + 1 : from;
            line_end = after ? (size_t)(after - s) : to;
        }
        count++;
        unit |= (unsigned char)s[q + 1] >= 0x80;
    }
}

/* The spaced digits of the text: each 32 KiB whose first 4 KiB show them is
 * read line by line (the rest costs a look at an eighth of it, not a search
 * of all its spaces: paragraphs open with two, and there are thousands). */
static bool find_spaced_digits(const char *s, size_t n, zci_scratch *out) {
    enum { STEP = 32768 };
    for (size_t base = 0; base < n; base += STEP)
        if (spaced_here(s, n, base) &&
            !spaced_digits(s, n, base, n - base < STEP ? n : base + STEP, out))
            return false;
    return true;
}

/* One walk over the lines for both kinds: the page chunks' ranges go to out
 * first, then the soft breaks', as each kind is read in text order. */
static zc_status walk_lines(const char *s, size_t n, zci_scratch *found, zci_scratch *breaks) {
    size_t prev_start = 0;
    soft_state soft = {0};
    for (size_t p = 0, nl = SIZE_MAX;;) { /* p: a line start, after the newline nl */
        if (p < n && s[p] == '\n') {
            /* an empty line: it starts no chunk and never joins the next,
             * and neither would any of a run of them */
            while (p + 1 < n && s[p + 1] == '\n')
                p++;
            new_logical_line(&soft, p + 1);
            prev_start = p;
            nl = p++;
            continue;
        }
        if (!chunk_at(s, n, p, nl, prev_start, found))
            return ZC_ERR_NOMEM;
        const char *hit = memchr(s + p, '\n', n - p);
        if (!hit)
            return ZC_OK;
        nl = (size_t)(hit - s);
        if (!soft_break_after(s, n, nl, &soft, breaks))
            return ZC_ERR_NOMEM;
        prev_start = p;
        p = nl + 1;
    }
}

zc_status zci_noise_find(zci_work *w, zci_scratch *out) {
    zci_scratch found, breaks;
    zci_scratch_init(&found, &w->alloc, sizeof(chunk));
    zci_scratch_init(&breaks, &w->alloc, sizeof(zci_range));
    zc_status st = walk_lines(w->text.t, w->text.n, &found, &breaks);
    if (st == ZC_OK && !chunk_ranges(&found, out))
        st = ZC_ERR_NOMEM;
    if (st == ZC_OK && !find_spaced_digits(w->text.t, w->text.n, &breaks))
        st = ZC_ERR_NOMEM;
    size_t chunks = out->len;
    for (size_t i = 0; st == ZC_OK && i < breaks.len; i++) {
        zci_range *r = zci_scratch_push(out);
        if (!r)
            st = ZC_ERR_NOMEM;
        else
            *r = ZCI_AT(&breaks, zci_range, i);
    }
    zci_scratch_free(&found);
    zci_scratch_free(&breaks);
    if (st != ZC_OK || out->len == chunks)
        return st;
    /* both kinds, in text order; a soft break that touches a chunk goes */
    zci_range *r = out->data;
    qsort(r, out->len, sizeof *r, by_start);
    size_t k = 0;
    for (size_t i = 0; i < out->len; i++) {
        if (k && r[i].s < r[k - 1].e)
            continue;
        r[k++] = r[i];
    }
    out->len = k;
    return ZC_OK;
}
