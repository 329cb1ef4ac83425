/*
 * 04_sections.c -- the document as a tree of numbered sections (markers
 * and spans only: their status is 06_status's).
 *
 * Markers are tried at line starts and after sentence ends (headings often
 * run inline: "…8%以上。一、坚持创新驱动发展…由势转能1 .不断优化"), and
 * the stray-space and OCR forms of Arabic markers ("1 ." "I1") also right
 * after text. A marker is kept only when its number continues its sequence
 * (the next sibling, or 1 under a new parent): that rejects enumerations
 * inside sentences (前三、全国前列) and numbers that break the sequence.
 * Levels come from the order in which marker kinds first appear; ordinal
 * items (一是 二是) always nest under the heading they follow.
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#if defined(ZCI_USE_AVX2)
#include <immintrin.h>
#endif

#define MAX_STACK 16

/*
 * The scan stops at ASCII, at 。 and at the two symbols that start markers
 * (〇, ①-⑳); it steps over CJK ideographs and the other symbols (、“”《》…),
 * which only end what came before. With AVX2 the starts of the characters
 * it stops at are marked first, a bit a byte, 32 bytes a step, and the text
 * between is passed by the next set bit: a few instructions, where a search
 * from each run's start (zci_han_run_end) costs vector loads and their setup
 * for a run of some ten characters.
 */
#if defined(ZCI_USE_AVX2)
/* Is the character starting at u[i] one the scan stops at? */
static bool scan_stops_at(const unsigned char *u, size_t n, size_t i) {
    if (u[i] < 0x80)
        return true;
    if (u[i] == 0xE2)
        return i + 1 < n && u[i + 1] == 0x91;
    return u[i] == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0x82 || u[i + 2] == 0x87);
}

/* marks[i / 64] bit i % 64: the scan stops at byte i (marks has n / 64 + 1
 * words). */
__attribute__((target("avx2"))) static void mark_starts(uint64_t *marks, const unsigned char *u,
                                                       size_t n) {
    _Static_assert(ZCI_CN_NUMERAL_OUTSIDE_HAN == 0x8780E3u, "〇 is E3 80 87");
    size_t i = 0;
    marks[n / 64] = 0; /* the word the 32-byte steps stop in (or short of) */
    const __m256i e2 = _mm256_set1_epi8((char)0xE2), e3 = _mm256_set1_epi8((char)0xE3),
                  x80 = _mm256_set1_epi8((char)0x80), x82 = _mm256_set1_epi8((char)0x82),
                  x87 = _mm256_set1_epi8((char)0x87), x91 = _mm256_set1_epi8((char)0x91);
    for (; i + 34 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
        __m256i b1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 1));
        __m256i b2 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 2));
        __m256i ascii = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(-1));
        __m256i circled = _mm256_and_si256(_mm256_cmpeq_epi8(v, e2), _mm256_cmpeq_epi8(b1, x91));
        __m256i e380 = _mm256_and_si256(_mm256_cmpeq_epi8(v, e3), _mm256_cmpeq_epi8(b1, x80));
        __m256i period_or_zero =
            _mm256_and_si256(e380, _mm256_or_si256(_mm256_cmpeq_epi8(b2, x82), _mm256_cmpeq_epi8(b2, x87)));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(ascii, _mm256_or_si256(circled, period_or_zero)));
        memcpy((char *)marks + i / 8, &m, 4); /* (x86: little-endian words) */
    }
    /* the rest of the word the steps stopped in is cleared (the next one,
     * n / 64 when fewer than 34 bytes reach into it, was above), then set
     * a byte at a time */
    marks[i / 64] &= i % 64 ? UINT32_MAX : 0;
    for (; i < n; i++)
        if (scan_stops_at(u, n, i))
            marks[i / 64] |= UINT64_C(1) << (i % 64);
}

/* The first place at or after p where the scan stops, or n. */
static inline size_t next_mark(const uint64_t *marks, size_t n, size_t p) {
    if (p >= n)
        return n;
    size_t k = p / 64;
    uint64_t x = marks[k] & (~UINT64_C(0) << (p % 64));
    while (!x && k < n / 64)
        x = marks[++k];
    size_t r = x ? k * 64 + (size_t)__builtin_ctzll(x) : n;
    return r < n ? r : n;
}
#endif

typedef struct candidate {
    zc_marker_kind kind;
    uint32_t number;
    size_t start, end; /* the marker */
} candidate;

/* What a marker must start with for its form to be tried: a line-start
 * word (第 专 附), '(', an Arabic digit (or OCR I/l), a circled number, or
 * a Chinese numeral. */
enum { START_WORD, START_PAREN, START_DIGIT, START_CIRCLED, START_NUMERAL, START_COUNT };
/* Kinds that stand only at a line start: regulations', plans' and annexes'. */
#define LINE_START_KIND(kind) ((kind) >= ZC_MARKER_PART && (kind) <= ZC_MARKER_ANNEX)
#define START_OF(kind)                                                                   \
    (LINE_START_KIND(kind)                                                ? START_WORD    \
     : (kind) == ZC_MARKER_CN_PAREN || (kind) == ZC_MARKER_ARABIC_PAREN ? START_PAREN   \
     : (kind) == ZC_MARKER_ARABIC_DOT                                    ? START_DIGIT   \
     : (kind) == ZC_MARKER_CIRCLED                                       ? START_CIRCLED \
                                                                         : START_NUMERAL)

/* The marker forms of patterns.def, in the order they are tried. A form is
 * tried when bit `gate` of read_marker's mask is set: its start's bit, moved
 * up by START_COUNT unless it runs inline (inline-only reads set only the
 * low bits); segmenter.gate_forms maps each gate to its forms. */
static const struct {
    zci_pattern_id pat;
    zc_marker_kind kind;
    uint8_t gate;
} forms[] = {
#define ZC_PATTERN(id, regex)
#define ZC_MARKER(id, kind, runs_inline, regex) \
    {ZCI_PAT_##id, kind, (uint8_t)(START_OF(kind) + ((runs_inline) ? 0 : START_COUNT))},
#include "patterns.def"
#undef ZC_PATTERN
#undef ZC_MARKER
};
_Static_assert(sizeof forms / sizeof forms[0] <= 32, "segmenter.gate_forms has a bit per form");

/*
 * Depth is nesting depth. Each open section has a rank; a new heading
 * closes the open sections of the same or a lower rank and becomes the
 * child of what is left. Ranks: annex 0 (top level), part 2, chapter 4,
 * subchapter 6, article 8, then the GB/T ladder (一、 (一) 1. (1) ① and
 * unnumbered headings) from 10 up in the order the kinds first appear; a box
 * ranks one above the section it sits in, an ordinal item (一是) far above
 * it, so that any heading but another item closes it.
 */
enum { RANK_ANNEX = 0, RANK_PART = 2, RANK_CHAPTER = 4, RANK_SUBCHAPTER = 6, RANK_ARTICLE = 8,
       RANK_LADDER = 10, RANK_ITEM = 1000 };

typedef struct segmenter {
    zci_work *w;
    zci_matcher *m;
    const char *t;
    size_t n;
    uint32_t level_of[ZC_MARKER_KIND_COUNT];    /* ladder level of each kind, 0 = not seen */
    uint32_t levels_used;
    uint32_t last_global[ZC_MARKER_KIND_COUNT]; /* last number of each kind anywhere */
    size_t stack[MAX_STACK];  /* open sections, by index; stack[0] = root */
    uint32_t rank[MAX_STACK]; /* their ranks */
    int top;
    uint32_t max_depth;
    size_t first_line_end;    /* the title line is never a heading */
    size_t row;               /* the next table row (03_tables) not yet passed */
    uint32_t gate_forms[2 * START_COUNT]; /* the forms (bit i: forms[i]) each gate lets try */
    const uint64_t *marks; /* with AVX2: runs of ideographs are passed by these */
} segmenter;
#define ROWS(sg) ((const zci_row *)(sg)->w->rows.data)

static zci_sec *sec(segmenter *sg, size_t i) { return ZCI_SEC(sg->w, i); }


/* Value of a marker number: Chinese (一..九百九十九), Arabic, or OCR (I1 =
 * 11); max is the largest a marker of its kind takes. */
static uint32_t marker_number(const char *t, size_t s, size_t e, double max) {
    if (s == e)
        return 0;
    if (zci_is_ascii_digit(t[s]) || t[s] == 'I' || t[s] == 'l') {
        uint32_t v = 0;
        for (size_t i = s; i < e; i++)
            v = v * 10 + (uint32_t)(zci_is_ascii_digit(t[i]) ? t[i] - '0' : 1);
        return v;
    }
    if (ZCI_HAS(t, e, s, "①") || (unsigned char)t[s] == 0xE2) { /* ①..⑳: U+2460.. */
        uint32_t cp = ((uint32_t)(t[s] & 0x0F) << 12) | ((uint32_t)(t[s + 1] & 0x3F) << 6) |
                      (uint32_t)(t[s + 2] & 0x3F);
        return cp - 0x2460 + 1;
    }
    double v;
    if (!zci_chinese_value(t, s, e, &v) || v < 1 || v > max)
        return 0;
    return (uint32_t)v;
}

/* Where the Chinese marker digits at pos end (一 十二: one to three of
 * patterns.def's ZCI_RX_CN_MARKER_DIGIT), or pos if none or more stand
 * there. Read once for the forms that take them. */
static size_t marker_digits_end(const char *t, size_t n, size_t pos) {
    size_t e = pos;
    for (const zci_word *w;
         e - pos < 12 && (w = zci_cn_numeral(t, n, e)) != NULL &&
         (w->val == ZCI_NUM_DIGIT_MARKER || w->val == ZCI_NUM_MAGNITUDE_MARKER);)
        e += 3;
    return e - pos > 9 ? pos : e;
}

/* Past the spaces and tabs at p. */
static size_t skip_blanks(const char *t, size_t n, size_t p) {
    while (p < n && (t[p] == ' ' || t[p] == '\t'))
        p++;
    return p;
}

static bool ocr_digit(char c) { return zci_is_ascii_digit(c) || c == 'I' || c == 'l'; }

/* Can the form pat of an Arabic marker that runs on from text match at pos?
 * ARABIC_DOT (1. 12、 I2.) takes one to three digits (or an OCR I or l
 * beside one), spaces, then 、 or a . with no digit after it; ARABIC_OCR
 * (I2, 1l) an I or l beside a digit. Most numbers after a sentence end or
 * inside one (2023年, 8.6%) are neither, and PCRE2 is not called for them. */
static bool arabic_form_may_match(const char *t, size_t n, size_t pos, zci_pattern_id pat) {
    size_t e = pos;
    while (e < n && e - pos < 3 && ocr_digit(t[e]))
        e++;
    if (pat == ZCI_PAT_MARK_ARABIC_OCR)
        return e - pos >= 2 && (t[pos] == 'I' || t[pos] == 'l' || t[pos + 1] == 'I' || t[pos + 1] == 'l');
    e = skip_blanks(t, n, e);
    return e > pos && e < n &&
           ((t[e] == '.' && !(e + 1 < n && zci_is_ascii_digit(t[e + 1]))) || ZCI_HAS(t, n, e, "、"));
}

/* Can a form of a regulation's or plan's marker match at pos? 第 and
 * numerals, then 编 篇 章 节 or 条 (PART CHAPTER SUBCHAPTER ARTICLE); 专栏
 * (BOX); 附件 or 附表 (ANNEX). Most lines that open with 第 (第一个, 第三产业)
 * are none, and PCRE2 is not called for them. */
static bool word_form_may_match(const char *t, size_t n, size_t pos, zci_pattern_id pat) {
    if (pat == ZCI_PAT_MARK_BOX)
        return ZCI_HAS(t, n, pos, "专栏");
    if (pat == ZCI_PAT_MARK_ANNEX)
        return ZCI_HAS(t, n, pos, "附件") || ZCI_HAS(t, n, pos, "附表");
    if (!ZCI_HAS(t, n, pos, "第"))
        return false;
    size_t e = pos + 3;
    while (zci_cn_numeral(t, n, e))
        e += 3;
    return e > pos + 3 && (ZCI_HAS(t, n, e, "编") || ZCI_HAS(t, n, e, "篇") || ZCI_HAS(t, n, e, "章") ||
                           ZCI_HAS(t, n, e, "节") || ZCI_HAS(t, n, e, "条"));
}

/*
 * The common marker forms are read in C where the pattern's answer is
 * plain: 一、 (一) (1) 一是 1. 12、 ①. A PCRE2 call costs some 300
 * instructions, and a document of headings is mostly these. Each reader
 * follows its pattern in patterns.def, backtracking included: a run of
 * digits is maximal (a shorter one is followed by a digit, which none of
 * the forms takes next), so one look decides. Where the pattern asks more
 * (\p{Han} after 一 标题, the OCR forms I2 1l) the answer is FORM_ASK and
 * PCRE2 decides; the patterns stay the definition. Built with
 * -DZCI_NO_SHORTCUTS every form goes to PCRE2 (CI checks that build
 * writes what the default writes), and with -DZCI_CHECK_SHORTCUTS (the
 * fuzz targets) both read each form and must agree.
 */
typedef enum { FORM_NO, FORM_YES, FORM_ASK } form_answer;
#if defined(ZCI_NO_SHORTCUTS)
#define READ_FORMS_IN_C 0
#else
#define READ_FORMS_IN_C 1
#endif

/* Where the Arabic digits at p end when there are one to three, else p. */
static size_t arabic_digits_end(const char *t, size_t n, size_t p) {
    size_t e = p;
    while (e < n && e - p < 4 && zci_is_ascii_digit(t[e]))
        e++;
    return e - p > 3 ? p : e;
}

/* Read form pat at pos as its pattern would, setting ov[0..3] (the match
 * and its number) on FORM_YES. digits_end: marker_digits_end at pos, for
 * the forms with Chinese digits at pos. */
static form_answer read_form(const char *t, size_t n, size_t pos, zci_pattern_id pat,
                             size_t digits_end, size_t ov[4]) {
    size_t d = pos, e, q;
    switch (pat) {
    case ZCI_PAT_MARK_ORDINAL: /* (D{1,3})是(?![否的]) */
        e = digits_end;
        if (e == pos || !ZCI_HAS(t, n, e, "是") || ZCI_HAS(t, n, e + 3, "否") ||
            ZCI_HAS(t, n, e + 3, "的"))
            return FORM_NO;
        q = e + 3;
        break;
    case ZCI_PAT_MARK_CN_DUN: /* (D{1,3})(?:[ \t]*、|[ \t]+(?=\p{Han})) */
        e = digits_end;
        if (e == pos)
            return FORM_NO;
        q = skip_blanks(t, n, e);
        if (!ZCI_HAS(t, n, q, "、"))
            return q > e ? FORM_ASK : FORM_NO;
        q += 3;
        break;
    case ZCI_PAT_MARK_CN_PAREN:    /* \([ \t]*(D{1,3})[ \t]*\) */
    case ZCI_PAT_MARK_ARABIC_PAREN: /* \([ \t]*([0-9]{1,3})[ \t]*\) */
        if (t[pos] != '(')
            return FORM_NO;
        d = skip_blanks(t, n, pos + 1);
        e = pat == ZCI_PAT_MARK_CN_PAREN ? marker_digits_end(t, n, d) : arabic_digits_end(t, n, d);
        q = skip_blanks(t, n, e);
        if (e == d || q >= n || t[q] != ')')
            return FORM_NO;
        q++;
        break;
    case ZCI_PAT_MARK_ARABIC_DOT: /* ([0-9]{1,3}|[Il][0-9]|[0-9][Il])[ \t]*(?:\.(?![0-9])|、) */
        if (t[pos] == 'I' || t[pos] == 'l')
            return FORM_ASK;
        e = arabic_digits_end(t, n, pos);
        if (e < n && (t[e] == 'I' || t[e] == 'l'))
            return FORM_ASK;
        q = skip_blanks(t, n, e);
        if (e == pos || q >= n)
            return FORM_NO;
        if (t[q] == '.' && !(q + 1 < n && zci_is_ascii_digit(t[q + 1])))
            q += 1;
        else if (ZCI_HAS(t, n, q, "、"))
            q += 3;
        else
            return FORM_NO;
        break;
    case ZCI_PAT_MARK_CIRCLED: /* ([①-⑳]): U+2460..U+2473, E2 91 A0..B3 */
        if (!ZCI_HAS(t, n, pos, "\xE2\x91") || pos + 2 >= n || (unsigned char)t[pos + 2] < 0xA0 ||
            (unsigned char)t[pos + 2] > 0xB3)
            return FORM_NO;
        e = q = pos + 3;
        break;
    default:
        return FORM_ASK;
    }
    ov[0] = pos;
    ov[1] = q;
    ov[2] = d;
    ov[3] = e;
    return FORM_YES;
}

/* Does the marker form i match at pos (ov as PCRE2 sets it)? read_form
 * first; PCRE2 where it asks, after the cheaper looks that rule most
 * positions out. */
static bool form_matches(segmenter *sg, unsigned i, size_t pos, size_t *digits_end, size_t ov[4]) {
    zci_pattern_id pat = forms[i].pat;
    if (*digits_end == SIZE_MAX &&
        (pat == ZCI_PAT_MARK_ORDINAL || pat == ZCI_PAT_MARK_CN_DUN))
        *digits_end = marker_digits_end(sg->t, sg->n, pos);
    form_answer a = READ_FORMS_IN_C ? read_form(sg->t, sg->n, pos, pat, *digits_end, ov) : FORM_ASK;
#if defined(ZCI_CHECK_SHORTCUTS)
    size_t pv[4];
    bool p = zci_match(sg->m, pat, sg->t, sg->n, pos, pv, 2);
    if (a != FORM_ASK && (p != (a == FORM_YES) || (p && memcmp(ov, pv, sizeof pv) != 0)))
        abort(); /* a reader disagrees with its pattern */
#endif
    if (a != FORM_ASK)
        return a == FORM_YES;
    if ((pat == ZCI_PAT_MARK_ARABIC_DOT || pat == ZCI_PAT_MARK_ARABIC_OCR) &&
        !arabic_form_may_match(sg->t, sg->n, pos, pat))
        return false;
    if (START_OF(forms[i].kind) == START_WORD && !word_form_may_match(sg->t, sg->n, pos, pat))
        return false;
    return zci_match(sg->m, pat, sg->t, sg->n, pos, ov, 2);
}

/* Try each marker pattern at pos. inline_only: only the forms that can run
 * on from text without punctuation ("1 ." and OCR "I1"); line_start: the
 * forms of regulations and plans are tried too. */
static bool read_marker(segmenter *sg, size_t pos, bool inline_only, bool line_start,
                        candidate *c) {
    size_t ov[4];
    /* Every marker starts with '(', a digit (or OCR I/l), a Chinese numeral,
     * a circled number, or 第 专 附: most positions are out in one test. */
    unsigned char c0 = (unsigned char)sg->t[pos];
    unsigned starts = 0;
    if (c0 < 0x80) {
        /* an OCR I or l is a digit only beside a real one (I2, 1l): a run
         * of letters is never a marker */
        bool digitish = zci_is_ascii_digit(c0) || ((c0 == 'I' || c0 == 'l') && pos + 1 < sg->n &&
                                                   zci_is_ascii_digit(sg->t[pos + 1]));
        starts = (unsigned)(c0 == '(') << START_PAREN | (unsigned)digitish << START_DIGIT;
    } else {
        bool numeral = zci_cn_numeral(sg->t, sg->n, pos) != NULL;
        bool circled = c0 == 0xE2 && ZCI_HAS(sg->t, sg->n, pos, "\xE2\x91");
        bool word = line_start && (ZCI_HAS(sg->t, sg->n, pos, "第") ||
                                   ZCI_HAS(sg->t, sg->n, pos, "专") ||
                                   ZCI_HAS(sg->t, sg->n, pos, "附"));
        starts = (unsigned)word << START_WORD | (unsigned)circled << START_CIRCLED |
                 (unsigned)numeral << START_NUMERAL;
    }
    if (!starts)
        return false;
    size_t digits_end = SIZE_MAX; /* read at the first form that takes them */
    unsigned gates = inline_only ? starts : starts | starts << START_COUNT;
    uint32_t tried = 0; /* the forms to try, in table order */
    for (; gates; gates &= gates - 1)
        tried |= sg->gate_forms[__builtin_ctz(gates)];
    for (; tried; tried &= tried - 1) {
        unsigned i = (unsigned)__builtin_ctz(tried);
        zc_marker_kind k = forms[i].kind;
        if (!form_matches(sg, i, pos, &digits_end, ov))
            continue;
        c->kind = forms[i].kind;
        c->number = marker_number(sg->t, ov[2], ov[3], k == ZC_MARKER_ARTICLE ? 999 : 99);
        c->start = ov[0];
        c->end = ov[1];
        /* a heading has words after its marker, not a number or more punctuation */
        size_t after = skip_blanks(sg->t, sg->n, c->end);
        bool words = after < sg->n &&
                     (zci_is_han(sg->t, sg->n, after) || ZCI_HAS(sg->t, sg->n, after, "“") ||
                      ZCI_HAS(sg->t, sg->n, after, "《") ||
                      (zci_is_ascii_digit(sg->t[after]) && forms[i].kind != ZC_MARKER_ARABIC_DOT));
        if (k == ZC_MARKER_ANNEX || k == ZC_MARKER_CHAPTER || k == ZC_MARKER_PART)
            words |= after >= sg->n || sg->t[after] == '\n'; /* 附件：on its own line */
        if ((c->number == 0 && k != ZC_MARKER_ANNEX) || !words ||
            ZCI_HAS(sg->t, sg->n, after, "、") ||
            (LINE_START_KIND(k) && ZCI_HAS(sg->t, sg->n, after, "第"))) /* 第二十一条第二款 */
            continue;
        /* "1 ." inline needs its stray space or OCR form to be told from "能1." */
        if (inline_only && forms[i].pat == ZCI_PAT_MARK_ARABIC_DOT && ov[3] == c->end - 1 &&
            sg->t[ov[3]] == '.')
            continue;
        return true;
    }
    return false;
}

/* Does c carry the number its kind should carry next, given the open
 * sections: the open sibling's + 1, else 1 (a new parent), or numbering
 * that runs on across parents (1-6 under 一、, 7-10 under 二、). */
static bool continues(segmenter *sg, const candidate *c) {
    for (int i = sg->top; i >= 1; i--) {
        zci_sec *s = sec(sg, sg->stack[i]);
        if (s->kind == c->kind)
            return c->number == s->number + 1;
    }
    return c->number == 1 || c->number == sg->last_global[c->kind] + 1;
}

/* Open a section of rank r for an accepted marker: close what it ends,
 * nest it in what is left. */
static zc_status open_section(segmenter *sg, zc_marker_kind kind, uint32_t number, uint32_t r,
                              size_t mstart, size_t mend) {
    while (sg->top > 0 && sg->rank[sg->top] >= r)
        sg->top--;
    size_t parent = sg->stack[sg->top];
    uint32_t depth = sec(sg, parent)->depth + 1;
    zci_sec *s = zci_scratch_push(&sg->w->sections);
    if (!s)
        return ZC_ERR_NOMEM;
    s->kind = kind;
    s->number = number;
    s->depth = depth;
    s->parent = parent;
    s->marker = (zci_range){mstart, mend};
    s->title = (zci_range){mend, mend};
    s->body = (zci_range){mstart, sg->n};
    if (sg->top + 1 < MAX_STACK) {
        sg->stack[++sg->top] = sg->w->sections.len - 1;
        sg->rank[sg->top] = r;
    }
    sg->last_global[kind] = number;
    return ZC_OK;
}

/* The rank of the innermost open section that is not an ordinal item. */
static uint32_t rank_below_ordinals(segmenter *sg, int *at) {
    int i = sg->top;
    while (i > 0 && sec(sg, sg->stack[i])->kind == ZC_MARKER_ORDINAL)
        i--;
    *at = i;
    return i > 0 ? sg->rank[i] : 0;
}

/* The ladder rank of kind k, giving it the next level when first seen.
 * A kind's first marker is its number 1, except 二、 or (三) at a line
 * start: an excerpt may begin there, and these forms are distinctive. */
static bool ladder_rank(segmenter *sg, const candidate *c, bool line_start, uint32_t *r) {
    if (!sg->level_of[c->kind]) {
        bool distinctive = line_start && (c->kind == ZC_MARKER_CN_DUN || c->kind == ZC_MARKER_CN_PAREN);
        if (c->number != 1 && !distinctive)
            return false;
        sg->level_of[c->kind] = ++sg->levels_used;
    } else if (!continues(sg, c) && !(line_start && c->number == 1)) {
        return false;
    }
    *r = RANK_LADDER + 2 * sg->level_of[c->kind];
    return true;
}

/* Decide on a candidate marker: rank, sequence, then open it. */
static zc_status consider(segmenter *sg, const candidate *c, bool line_start, bool *taken) {
    *taken = false;
    uint32_t r;
    int below;
    switch (c->kind) {
    case ZC_MARKER_ORDINAL: {
        /* items nest under what they follow and close at any heading */
        r = rank_below_ordinals(sg, &below) + RANK_ITEM;
        zci_sec *open = sg->top > below ? sec(sg, sg->stack[below + 1]) : NULL;
        bool ok = open ? c->number == open->number + 1 : c->number == 1;
        if (!ok && !(open && c->number == 1))
            return ZC_OK;
        break;
    }
    case ZC_MARKER_ANNEX:
        r = RANK_ANNEX;
        break;
    case ZC_MARKER_BOX:
        r = rank_below_ordinals(sg, &below) + 1;
        break;
    case ZC_MARKER_PART:
    case ZC_MARKER_CHAPTER:
    case ZC_MARKER_SUBCHAPTER:
    case ZC_MARKER_ARTICLE:
        if (!continues(sg, c) && c->number != 1)
            return ZC_OK;
        r = c->kind == ZC_MARKER_PART      ? RANK_PART
            : c->kind == ZC_MARKER_CHAPTER ? RANK_CHAPTER
            : c->kind == ZC_MARKER_SUBCHAPTER ? RANK_SUBCHAPTER
                                              : RANK_ARTICLE;
        break;
    default:
        if (!ladder_rank(sg, c, line_start, &r))
            return ZC_OK;
        break;
    }
    /* a box ends at the first heading of a kind already open outside it */
    for (int i = sg->top; i >= 1; i--)
        if (sec(sg, sg->stack[i])->kind == ZC_MARKER_BOX) {
            for (int j = i - 1; j >= 1; j--)
                if (sec(sg, sg->stack[j])->kind == c->kind && c->kind != ZC_MARKER_BOX) {
                    r = sg->rank[j];
                    break;
                }
            break;
        }
    int k = sg->top;
    while (k > 0 && sg->rank[k] >= r)
        k--;
    if (sec(sg, sg->stack[k])->depth + 1 > sg->max_depth)
        return ZC_OK;
    *taken = true;
    return open_section(sg, c->kind, c->number, r, c->start, c->end);
}

/* The unnumbered heading's rank: the top of the ladder, as before. */
static uint32_t unnumbered_rank(segmenter *sg) {
    (void)sg;
    return RANK_LADDER + 2;
}

/* A standalone short line that ends like a heading: 2023年主要工作思路. */
static bool unnumbered_heading(segmenter *sg, size_t s, size_t e) {
    while (e > s && (sg->t[e - 1] == ' ' || sg->t[e - 1] == '\t'))
        e--;
    if (e <= s || e - s > 90 || s < sg->first_line_end)
        return false;
    /* a notes heading alone on its line: 注： 附注： 注释： */
    const zci_word *note = zci_lex_at(ZCI_LEX_NOTE_HEADING, sg->t, e, s);
    if (note && s + note->len + 1 == e && sg->t[e - 1] == ':')
        return true;
    /* it ends as headings end, and starts with Han or a digit (the test
     * most lines fail: asked first) */
    if (!zci_lex_before(ZCI_LEX_HEADING_END, sg->t, s, e) ||
        !(zci_is_han(sg->t, sg->n, s) || zci_is_ascii_digit(sg->t[s])))
        return false;
    for (size_t p = s; p < e; p++)
        if (sg->t[p] == '|' || sg->t[p] == ':' || sg->t[p] == ',')
            return false;
    /* Pages that put links on lines of their own (…按照\n教育振兴行动计划\n
     *的规定) split sentences: a heading never follows a line that stops
     * in the middle of one, on a Han character. */
    size_t q = s;
    while (q > 0 && (sg->t[q - 1] == '\n' || sg->t[q - 1] == ' ' || sg->t[q - 1] == '\t'))
        q--;
    if (q > sg->first_line_end && zci_is_han(sg->t, sg->n, zci_prev_char(sg->t, q)) &&
        q - zci_prev_char(sg->t, q) == 3)
        return false; /* (the document's title line ends as it likes) */
    /* …实施新一轮《\n教育振兴行动计划\n》: a title inside brackets */
    if ((q >= 3 && (ZCI_HAS(sg->t, sg->n, q - 3, "《") || ZCI_HAS(sg->t, sg->n, q - 3, "“"))) ||
        (q > 0 && sg->t[q - 1] == '('))
        return false;
    size_t after = e;
    while (after < sg->n && (sg->t[after] == '\n' || sg->t[after] == ' '))
        after++;
    if (ZCI_HAS(sg->t, sg->n, after, "》") || ZCI_HAS(sg->t, sg->n, after, "”") ||
        (after < sg->n && sg->t[after] == ')'))
        return false;
    return true;
}

/* The ASCII characters the scan must look at: a marker may start at ( or a
 * digit, and the others end a line, a sentence or a clause. */
static const bool ascii_matters[128] = {
    ['('] = true, [')'] = true, ['\n'] = true, ['!'] = true, ['?'] = true, [';'] = true,
    [':'] = true, [','] = true, ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true,
    ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
};

/* The ASCII characters of ascii_matters that only end something: a
 * sentence (! ? ; and : before a list), a clause (,) or an aside ()). */
static const bool ends_only[128] = {
    [')'] = true, ['!'] = true, ['?'] = true, [';'] = true, [':'] = true, [','] = true,
};

/* Can an inline marker (1. 2、 I2) start at p? Its one to three digits are
 * followed by spaces and . or 、, unless an OCR I or l is among them (the
 * patterns decide those): most numbers in a sentence are out in one look. */
static bool inline_marker_may_start(const char *t, size_t n, size_t p) {
    size_t e = p;
    for (; e < n && e - p < 4 && (zci_is_ascii_digit(t[e]) || t[e] == 'I' || t[e] == 'l'); e++)
        if (!zci_is_ascii_digit(t[e]))
            return true;
    e = skip_blanks(t, n, e);
    return e < n && (t[e] == '.' || ZCI_HAS(t, n, e, "、"));
}

/* Scan the text once, trying markers at line starts, after sentence ends,
 * and the inline forms after Han characters. */
static zc_status scan(segmenter *sg) {
    const char *t = sg->t;
    size_t n = sg->n;
    bool line_start = true, after_sentence = false, after_comma = false;
    for (size_t p = 0; p < n;) {
        unsigned char b = (unsigned char)t[p];
        if (!line_start) {
            if (b >= 0xE4 && b <= 0xE9 && p + 3 <= n &&
                !((after_sentence || after_comma) && zci_cn_numeral(t, n, p))) {
                /* plain text: no marker starts here, nor at the Han after it */
#if defined(ZCI_USE_AVX2)
                if (sg->marks)
                    p = next_mark(sg->marks, n, p + 3);
                else
#endif
                    p = zci_han_run_end((const unsigned char *)t, p + 3, n);
                after_sentence = after_comma = false;
                continue;
            }
            if (b < 0x80 && !ascii_matters[b] &&
                !((b == 'I' || b == 'l') && p + 1 < n && zci_is_ascii_digit(t[p + 1]))) {
                p++; /* plain ASCII: no marker starts here, and it ends no sentence */
                after_sentence = after_comma = false;
                continue;
            }
            if (b < 0x80 && ends_only[b]) {
                /* , ; : ! ? ) start no marker; they set what the next may be */
                after_sentence = b != ',' && b != ')';
                after_comma = b == ',';
                p++;
                continue;
            }
            if (b >= 0xC0 && (b < 0xE4 || b > 0xE9) &&
                !(b == 0xE2 && p + 1 < n && (unsigned char)t[p + 1] == 0x91) && /* ①..⑳ */
                !(p + 3 <= n && zci_char3_key(t + p) == ZCI_CN_NUMERAL_OUTSIDE_HAN)) { /* 〇 */
                /* punctuation and symbols (。、《》“”) start no marker */
                after_sentence = ZCI_HAS(t, n, p, "。");
                after_comma = false;
                p += zci_char_len(t, n, p);
#if defined(ZCI_USE_AVX2)
                if (sg->marks && !after_sentence) /* nothing to look at up to the next stop */
                    p = next_mark(sg->marks, n, p);
#endif
                continue;
            }
            if (!after_sentence && !after_comma && zci_is_ascii_digit((char)b) && p > 0 &&
                zci_is_ascii_digit(t[p - 1])) {
                /* inside a number: no marker starts here (an inline one needs
                 * Han or a letter before it), and digits end nothing */
                while (p < n && zci_is_ascii_digit(t[p]))
                    p++;
                continue;
            }
        } else {
            if (b == '\n') { /* an empty line: no marker, no heading */
                after_sentence = false;
                p++;
                continue;
            }
            /* a table's cells are never headings */
            while (sg->row < sg->w->rows.len && ROWS(sg)[sg->row].line.e < p)
                sg->row++;
            if (sg->row < sg->w->rows.len && ROWS(sg)[sg->row].line.s <= p) {
                p = ROWS(sg)[sg->row++].line.e;
                continue;
            }
            p = skip_blanks(t, n, p);
            if (p < n && t[p] == '\n') { /* a line of spaces: the same */
                after_sentence = false;
                p++;
                continue;
            }
        }
        candidate c;
        bool taken = false;
        bool at_boundary = line_start || after_sentence;
        bool inline_form = !at_boundary && p > 0 &&
                           (zci_is_ascii_digit(t[p]) || t[p] == 'I' || t[p] == 'l') &&
                           (zci_is_han(t, n, zci_prev_char(t, p)) || zci_is_ascii_alpha(t[p - 1])) &&
                           inline_marker_may_start(t, n, p);
        /* ordinal items also run on after a comma: 到2025年，一是… */
        bool ordinal_here = !at_boundary && after_comma && zci_cn_numeral(t, n, p) &&
                            read_marker(sg, p, false, false, &c) && c.kind == ZC_MARKER_ORDINAL;
        if (ordinal_here || (at_boundary && read_marker(sg, p, false, line_start, &c)) ||
            (inline_form && read_marker(sg, p, true, false, &c))) {
            zc_status st = consider(sg, &c, line_start, &taken);
            if (st)
                return st;
        }
        if (taken) {
            p = c.end;
            line_start = after_sentence = after_comma = false;
            continue;
        }
        if (line_start) {
            /* only a short line can be a heading: look for its end no further */
            size_t span = n - p < 128 ? n - p : 128;
            const char *nl = memchr(t + p, '\n', span);
            size_t e = nl ? (size_t)(nl - t) : p + span;
            if ((nl || p + span == n) && unnumbered_heading(sg, p, e)) {
                zc_status st = open_section(sg, ZC_MARKER_UNNUMBERED, 0, unnumbered_rank(sg), p, p);
                if (st)
                    return st;
                p = e;
                continue;
            }
        }
        size_t l;
        if (t[p] == '\n') {
            line_start = true;
            after_sentence = false;
            p++;
            continue;
        }
        l = zci_char_len(t, n, p);
        after_sentence = zci_is_sentence_end(t, n, p, &l) || t[p] == ':';
        after_comma = t[p] == ',';
        line_start = false;
        p += l;
    }
    return ZC_OK;
}

/* Does a title end at t[e]: a sentence end (zci_is_sentence_end) or ':'?
 * A title may run on for a megabyte when nothing ends it, so this is asked
 * byte by byte (the bytes that end one start a character) with one table
 * look for most bytes: zci_is_sentence_end's table with ':' added. */
static bool title_ends_at(const char *t, size_t n, size_t e) {
    static const bool may_end[256] = {['\n'] = true, ['!'] = true, ['?'] = true, [';'] = true,
                                      [':'] = true, [0xE3] = true};
    unsigned char c = (unsigned char)t[e];
    return may_end[c] && (c != 0xE3 || ZCI_HAS(t, n, e, "。"));
}

/* Titles end at 。 ; : ! ? a line end or the next marker; bodies at the
 * next section of the same or a higher level. */
static void close_spans(segmenter *sg) {
    zci_scratch *v = &sg->w->sections;
    const char *t = sg->t;
    size_t n = sg->n;
    for (size_t i = 1; i < v->len; i++) {
        zci_sec *s = sec(sg, i);
        size_t limit = i + 1 < v->len ? sec(sg, i + 1)->marker.s : n;
        size_t a = s->kind == ZC_MARKER_UNNUMBERED ? s->marker.s : s->marker.e;
        while (a < limit && (t[a] == ' ' || t[a] == '\t'))
            a++;
        size_t e = a;
        while (e < limit && !title_ends_at(t, n, e))
            e++;
        /* a title never ends in a space or a comma (一是稳增长，二是…) */
        for (bool more = true; more && e > a;) {
            more = false;
            if (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == ',') {
                e--;
                more = true;
            } else if (e >= a + 3 && ZCI_HAS(t, n, e - 3, "、")) {
                e -= 3;
                more = true;
            }
        }
        s->title = s->kind == ZC_MARKER_ARTICLE ? (zci_range){s->marker.e, s->marker.e}
                                                 : (zci_range){a, e}; /* articles have none */
        if (s->kind == ZC_MARKER_UNNUMBERED)
            s->marker = (zci_range){a, a};
        for (size_t j = i + 1; j < v->len; j++)
            if (sec(sg, j)->depth <= s->depth) {
                s->body.e = sec(sg, j)->marker.s < sec(sg, j)->title.s
                                  ? sec(sg, j)->marker.s
                                  : sec(sg, j)->title.s;
                break;
            }
        if (s->kind == ZC_MARKER_UNNUMBERED)
            s->body.s = a;
    }
    zci_sec *root = sec(sg, 0);
    root->body = (zci_range){0, v->len > 1 ? sec(sg, 1)->marker.s : n};
    if (v->len > 1 && sec(sg, 1)->kind == ZC_MARKER_UNNUMBERED)
        root->body.e = sec(sg, 1)->title.s;
}

/* The first non-empty line: a document's title, never a heading. */
static size_t first_line_end(const char *t, size_t n) {
    size_t s = 0;
    while (s < n && (t[s] == '\n' || t[s] == ' ' || t[s] == '\t'))
        s++;
    const char *nl = memchr(t + s, '\n', n - s);
    return nl ? (size_t)(nl - t) : n;
}

zc_status zci_sections_scan(zci_work *w) {
    segmenter sg;
    memset(&sg, 0, sizeof sg);
    sg.w = w;
    sg.m = w->m;
    sg.t = w->text.t;
    sg.n = w->text.n;
    sg.max_depth = w->max_depth ? w->max_depth : 6;
    sg.first_line_end = first_line_end(sg.t, sg.n);
    for (unsigned i = 0; i < sizeof forms / sizeof forms[0]; i++)
        sg.gate_forms[forms[i].gate] |= 1u << i;
    zci_sec *root = zci_scratch_push(&w->sections);
    if (!root)
        return ZC_ERR_NOMEM;
    root->kind = ZC_MARKER_ROOT;
    root->parent = ZC_NO_SECTION;
    uint64_t *marks = NULL;
#if defined(ZCI_USE_AVX2)
    if (w->avx2) {
        marks = w->alloc.alloc((sg.n / 64 + 1) * sizeof *marks, w->alloc.ud);
        if (!marks)
            return ZC_ERR_NOMEM;
        mark_starts(marks, (const unsigned char *)sg.t, sg.n);
    }
#endif
    sg.marks = marks;
    zc_status st = scan(&sg);
    if (marks)
        w->alloc.dealloc(marks, w->alloc.ud);
    if (st)
        return st;
    close_spans(&sg);
    return ZC_OK;
}
