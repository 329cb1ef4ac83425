/*
 * 05_meta.c -- what a document says about itself: the header table scraped
 * pages carry ([ 发布机构 ] | 重庆…), else its first line as title and a
 * 2023年2月2日 line near either end as date; the year from the date.
 */
#include "pipeline.h"

/* The year of a date span that starts with four ASCII digits (2024-03-01,
 * 2024年3月1日), or 0: OCR letters (2O24) give no year rather than a wrong one. */
static int32_t year_of(const char *t, zci_range d) {
    if (d.e < d.s + 4)
        return 0;
    int32_t y = 0;
    for (size_t i = d.s; i < d.s + 4; i++) {
        if (!zci_is_ascii_digit(t[i]))
            return 0;
        y = y * 10 + (t[i] - '0');
    }
    if (d.e > d.s + 4 && zci_is_ascii_digit(t[d.s + 4]))
        return 0; /* a longer number */
    return y >= 1900 && y <= 2199 ? y : 0;
}

/* Header-table fields in the first 4000 bytes. */
static void read_fields(zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n, head = n < 4000 ? n : 4000, ov[6];
    zci_meta *mt = &w->meta;
    for (size_t p = 0, step; p < head; p += step) {
        step = zci_char_len(t, n, p);
        bool field_start = p == 0 || t[p - 1] == '\n' || t[p - 1] == '|' || t[p - 1] == ' ';
        if (!field_start)
            continue;
        if (!zci_match(w->m, ZCI_PAT_META_FIELD, t, n, p, ov, 3)) {
            /* from a space or tab the pattern first takes the run of them:
             * from any later one of the run it fails the same way, so the
             * run is passed at once (a page of spaces would cost a match
             * per space, each reading the rest of the run) */
            if (t[p] == ' ' || t[p] == '\t')
                while (p + step < head && (t[p + step] == ' ' || t[p + step] == '\t'))
                    step++;
            continue;
        }
        zci_range val = {ov[4], ov[5]};
        const zci_word *key = zci_lex_at(ZCI_LEX_META_KEY, t, ov[3], ov[2]);
        zci_range *slot = NULL;
        switch (key ? key->val : -1) {
        case ZCI_META_TITLE:
            slot = &mt->title;
            break;
        case ZCI_META_ISSUER:
            slot = &mt->issuer;
            break;
        case ZCI_META_DATE:
            slot = &mt->date;
            break;
        case ZCI_META_DOC_NUMBER:
            slot = &mt->doc_number;
            break;
        default:
            break;
        }
        if (slot && slot->e == slot->s)
            *slot = val;
        step = ov[1] > p ? ov[1] - p : step; /* on after the field */
    }
}

/* The genre: the strongest GENRE_CUE of the title (or of the first 300
 * bytes, where a page without a title starts), else the structure: a text
 * of articles (第一条 …) is a regulation. */
static zc_genre genre_of(const zci_work *w) {
    const char *t = w->text.t;
    zci_range r = w->meta.title;
    size_t head_end = w->text.n < 300 ? w->text.n : 300;
    zc_genre best = ZC_GENRE_OTHER;
    double prio = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t lo = pass ? 0 : r.s, hi = pass ? head_end : r.e;
        for (size_t p = lo; p < hi; p += zci_char_len(t, hi, p)) {
            if (!zci_lex_may_start(ZCI_LEX_GENRE_CUE, t, hi, p))
                continue;
            const zci_word *c = zci_lex_at(ZCI_LEX_GENRE_CUE, t, hi, p);
            if (c && c->factor > prio) {
                prio = c->factor;
                best = (zc_genre)c->val;
            }
        }
        if (best != ZC_GENRE_OTHER)
            return best;
    }
    size_t articles = 0;
    for (size_t i = 1; i < w->sections.len; i++)
        articles += ZCI_SEC(w, i)->kind == ZC_MARKER_ARTICLE;
    return articles >= 3 ? ZC_GENRE_REGULATION : ZC_GENRE_OTHER;
}

/* Does a place's name stop before t[p] going left: a year (2021年), a
 * bracket, or the words that lead into a name (关于印发, 转发)? */
static bool place_stop(const char *t, size_t lo, size_t p) {
    size_t c = zci_prev_char(t, p);
    if (c < lo || !zci_is_han(t, p, c))
        return true;
    return ZCI_HAS(t, p, c, "年") || ZCI_HAS(t, p, c, "于") || ZCI_HAS(t, p, c, "发") ||
           ZCI_HAS(t, p, c, "的") || ZCI_HAS(t, p, c, "在");
}

/* A byte of a Latin letter, digit or underscore: what injected spam on
 * scraped pages is written in (厦门365bet…_365705_…高新区). */
static bool latin_junk(char c) {
    return zci_is_ascii_alpha(c) || zci_is_ascii_digit(c) || c == '_';
}

/* A name broken by Latin junk just before start: the Han words after the
 * junk may be the spam's own (…官方投注网址高新区), so only the Han run the
 * whole broken name starts with, its larger unit (厦门), is trusted: the
 * first run of the mixed stretch that the junk follows, from after a word
 * that leads into a name (年, 关于…). {0, 0} when it is under two characters. */
static zci_range name_before_junk(const char *t, size_t lo, size_t start) {
    size_t s = start, c;
    while (s > lo && (c = zci_prev_char(t, s)) >= lo && (latin_junk(t[c]) || zci_is_han(t, s, c)))
        s = c;
    for (size_t p = s; p < start;) {
        if (!zci_is_han(t, start, p)) {
            p++;
            continue;
        }
        size_t e = p;
        while (e < start && zci_is_han(t, start, e))
            e += 3;
        if (e < start && latin_junk(t[e])) {
            size_t a = e;
            while (!place_stop(t, p, a))
                a = zci_prev_char(t, a);
            return e - a >= 6 ? (zci_range){a, e} : (zci_range){0, 0};
        }
        p = e;
    }
    return (zci_range){0, 0};
}

/* The place a span names: the last run of Han characters ending in a
 * PLACE_END word (上海市静安区, 西咸新区, 航天基地) before the first word that
 * follows a name (a year, 人民政府, 工作, 关于…); at most 12 characters. */
static zci_range place_in(const char *t, zci_range r) {
    zci_range best = {0, 0};
    for (size_t p = r.s, step; p < r.e; p += step) {
        step = zci_char_len(t, r.e, p);
        if (!zci_is_han(t, r.e, p) || !zci_lex_may_start(ZCI_LEX_PLACE_END, t, r.e, p))
            continue;
        const zci_word *w = zci_lex_at(ZCI_LEX_PLACE_END, t, r.e, p);
        if (!w || zci_lex_at(ZCI_LEX_PLACE_END, t, r.e, p + w->len))
            continue; /* 新区 in 高新区: the longer ending is tried where it starts */
        size_t end = p + w->len, start = p, k = 0;
        while (k < 12 && !place_stop(t, r.s, start)) {
            start = zci_prev_char(t, start);
            k++;
        }
        if (k == 0)
            continue; /* 区 alone is no name */
        if (start > r.s && latin_junk(t[start - 1]))
            return best.e > best.s ? best : name_before_junk(t, r.s, start);
        /* a second name: the first one stands, unless this one runs on from
         * it within three characters (上海市静安区) */
        if (best.e > best.s && (start > best.e || p - best.e > 9))
            break;
        /* 上海市静安区: a name that runs on through the one before grows */
        best = (zci_range){best.e > best.s ? best.s : start, end};
        step = end - p; /* on after the ending: 上海市静安区 */
    }
    return best;
}

static void read_place(zci_work *w) {
    const char *t = w->text.t;
    zci_meta *mt = &w->meta;
    size_t at;
    zci_range head = {0, w->text.n < 300 ? w->text.n : 300};
    if (zci_lex_find(ZCI_LEX_NATIONAL, t, w->text.n, mt->issuer.s, mt->issuer.e, w->avx2, &at) ||
        zci_lex_find(ZCI_LEX_NATIONAL, t, w->text.n, mt->title.s, mt->title.e, w->avx2, &at)) {
        mt->national = true;
        return;
    }
    mt->place = place_in(t, mt->title);
    if (mt->place.e == mt->place.s)
        mt->place = place_in(t, mt->issuer);
    if (mt->place.e == mt->place.s && mt->genre != ZC_GENRE_WORK_REPORT)
        mt->place = place_in(t, head);
    /* a work report with no place of its own is the State Council's */
    if (mt->place.e == mt->place.s && mt->genre == ZC_GENRE_WORK_REPORT)
        mt->national = true;
}

void zci_meta_read(zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n, ov[2];
    zci_meta *mt = &w->meta;
    read_fields(w);
    /* the first non-empty line is the title when no table named one */
    size_t s = 0;
    while (s < n && (t[s] == '\n' || t[s] == ' ' || t[s] == '\t'))
        s++;
    const char *nl = memchr(t + s, '\n', n - s);
    size_t e = nl ? (size_t)(nl - t) : n;
    if (mt->title.e == mt->title.s && e > s && !memchr(t + s, '|', e - s) && e - s < 600)
        mt->title = (zci_range){s, e};
    /* the date: a table field, else the first 2023年2月2日 near either end */
    size_t tail = n > 1500 ? n - 1500 : 0;
    for (int pass = 0; pass < 2 && mt->date.e == mt->date.s; pass++) {
        size_t from = pass ? tail : 0, to = pass ? n : (n < 1500 ? n : 1500);
        for (size_t p = from; p < to; p += zci_char_len(t, n, p))
            if (zci_is_ascii_digit(t[p]) && (p == 0 || !zci_is_ascii_digit(t[p - 1])) &&
                zci_match(w->m, ZCI_PAT_DATE_CN, t, n, p, ov, 1)) {
                mt->date = (zci_range){ov[0], ov[1]};
                break;
            }
    }
    mt->year = year_of(t, mt->date);
    mt->genre = genre_of(w);
    read_place(w);
}
