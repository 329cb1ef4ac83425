/*
 * 07_quantities.c -- read every quantity: a number, its magnitude, its unit,
 * the bound words around it and ranges. What it means is 09_classify's.
 *
 * Design (see spec/performance.md): a cheap byte scan finds candidate
 * numbers (ASCII digits, OCR-damaged digits, Chinese numerals); anchored
 * patterns read the number there; small word tables read what is left and
 * right of it. Nothing runs over the text but the byte scan, so the cost is
 * linear in the input and small per candidate.
 */
#include <math.h>
#include <string.h>

#include "pipeline.h"
#if defined(ZCI_USE_AVX2)
#include <immintrin.h>
#endif

/* Could a number start at t[pos]? The hot loop: one or two byte tests. */
static bool candidate(const char *t, size_t n, size_t pos) {
    unsigned char c = (unsigned char)t[pos];
    if (c < 0x80)
        return zci_is_ascii_digit(c) || c == 'I' || c == 'l' || c == 'O' || c == 'o';
    if ((c < 0xE4 || c > 0xE9) && c != 0xE3)
        return false;
    return zci_cn_numeral(t, n, pos) != NULL;
}

/* The first position in [pos, stop) where a number may start, or stop; pos
 * is a character start, or where a SIMD scan left off (a character may run
 * over it: a continuation byte is stepped over). The hot loop of the stage. */
static size_t next_candidate(const char *t, size_t n, size_t pos, size_t stop) {
    while (pos < stop) {
        /* Han, two characters a step (the text is valid UTF-8) */
        while (pos + 6 <= stop && (unsigned)((unsigned char)t[pos] - 0xE4) < 6u &&
               (unsigned)((unsigned char)t[pos + 3] - 0xE4) < 6u &&
               zci_cn_numeral_index(zci_char3_key(t + pos)) < 0 &&
               zci_cn_numeral_index(zci_char3_key(t + pos + 3)) < 0)
            pos += 6;
        if (pos >= stop)
            break;
        unsigned char c = (unsigned char)t[pos];
        if ((unsigned)(c - 0xE4) < 6u && pos + 3 <= n) { /* Han: only a numeral starts one */
            if (zci_cn_numeral_index(zci_char3_key(t + pos)) >= 0)
                return pos;
            pos += 3;
        } else if (c < 0x80 || c == 0xE3) {
            if (candidate(t, n, pos))
                return pos;
            pos += c < 0x80 ? 1 : 3;
        } else {
            pos += c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; /* 1 realigns */
        }
    }
    return pos;
}

#if defined(ZCI_USE_AVX2)
/* The ASCII bytes candidate() takes (0-9 I l O o) as nibble tables for the
 * AVX2 scan (gen_lexicon.py's nibble_tables: byte b is in the set when
 * lo[b & 15] & hi[b >> 4] is not 0; high nibbles 3, 4, 6 are bits 1, 2, 4). */
static const unsigned char candidate_ascii_lo[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 0, 0, 4, 0, 0, 6};
static const unsigned char candidate_ascii_hi[16] = {0, 0, 0, 1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* Does a number start at a position the AVX2 scan flagged? The ASCII
 * bytes it lets through are candidates; the others are checked by the hash. */
static inline bool flagged_starts_number(const char *t, size_t p) {
    return (unsigned char)t[p] < 0x80 || zci_cn_numeral_index(zci_char3_key(t + p)) >= 0;
}

/* The 32-byte block the AVX2 scan read last, and its positions not yet
 * passed that may start a number (bit i: base + i). */
typedef struct candidate_scan {
    size_t base;
    uint32_t may;
} candidate_scan;

/* A candidate at or after *at in the block the AVX2 scan read last (put in
 * *at), if *at lies in it; else false, with *at moved past the block when it
 * lay in it. Plain code, inline: it runs for every figure of a dense text. */
static inline bool next_in_block(candidate_scan *cs, const char *t, size_t *at) {
    size_t pos = *at;
    if (!cs->may || pos < cs->base || pos >= cs->base + 32)
        return false;
    for (uint32_t may = cs->may & (~0u << (pos - cs->base)); may; may &= may - 1) {
        size_t p = cs->base + (size_t)__builtin_ctz(may);
        if (flagged_starts_number(t, p)) {
            cs->may = may;
            *at = p;
            return true;
        }
    }
    cs->may = 0;
    *at = cs->base + 32;
    return false;
}

/* next_candidate 32 bytes a step, as far as whole blocks reach: the bytes
 * that may start a number are ASCII digits and OCR letters (each one a
 * candidate) and a numeral's lead byte followed by bytes some numerals have
 * second and third (一 is E4 B8 80, 〇 E3 80 87); all are character
 * starts. The block a number was found in is kept (next_in_block goes on in
 * it after the number). True with *at the candidate, or false with *at where the byte
 * loop goes on. */
__attribute__((target("avx2"))) static bool next_candidate_avx2(candidate_scan *cs,
                                                                const char *t, size_t n,
                                                                size_t *at, size_t stop) {
    const unsigned char *u = (const unsigned char *)t;
    size_t pos = *at;
/* the 16-byte table at p in both halves (vpshufb looks up within each) */
#define TABLE32(p) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(p)))
    const __m256i second_lo = TABLE32(zci_cn_numeral_second_lo),
                  second_hi = TABLE32(zci_cn_numeral_second_hi),
                  third_lo = TABLE32(zci_cn_numeral_third_lo),
                  third_hi = TABLE32(zci_cn_numeral_third_hi), ascii_lo = TABLE32(candidate_ascii_lo),
                  ascii_hi = TABLE32(candidate_ascii_hi);
#undef TABLE32
    /* a numeral's lead byte: lead ^ 0x80 in (LEAD_MIN ^ 0x80) - 1 .. + 1, as
     * signed bytes (leads are E0-EF: 0x60-0x6F, positive) */
    const __m256i low4 = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256(),
                  high = _mm256_set1_epi8((char)0x80),
                  lead_lo = _mm256_set1_epi8((char)((ZCI_CN_NUMERAL_LEAD_MIN ^ 0x80) - 1)),
                  lead_hi = _mm256_set1_epi8((char)((ZCI_CN_NUMERAL_LEAD_MAX ^ 0x80) + 1));
/* 0 where the bytes of x are not in the set of nibble tables lo, hi */
#define IN_SET(x, lo, hi)                                                                   \
    _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(x, low4)),                   \
                     _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4)))
    /* (+2: the third bytes, and the hash reads a flagged position's three) */
    while (pos + 32 <= stop && pos + 34 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + pos));
        __m256i b1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + pos + 1));
        __m256i b2 = _mm256_loadu_si256((const __m256i *)(const void *)(u + pos + 2));
        __m256i x = _mm256_xor_si256(v, high);
        __m256i lead = _mm256_and_si256(_mm256_cmpgt_epi8(x, lead_lo), _mm256_cmpgt_epi8(lead_hi, x));
        __m256i off = _mm256_or_si256(_mm256_cmpeq_epi8(IN_SET(b1, second_lo, second_hi), zero),
                                      _mm256_cmpeq_epi8(IN_SET(b2, third_lo, third_hi), zero));
        uint32_t numeral = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(off, lead));
        uint32_t ascii =
            ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(IN_SET(v, ascii_lo, ascii_hi), zero));
        for (uint32_t bits = numeral | ascii; bits; bits &= bits - 1) {
            size_t p = pos + (size_t)__builtin_ctz(bits);
            if (flagged_starts_number(t, p)) {
                cs->base = pos;
                cs->may = bits;
                *at = p;
                return true;
            }
        }
        pos += 32;
    }
#undef IN_SET
    *at = pos;
    return false;
}
#endif

/* A number glued to Latin letters or digits is part of a name or code:
 * 5G, C919, 365bet, 29GW, 2.0版 is fine (版 is no unit anyway). */
static bool glued_to_name(const char *t, size_t n, const zci_number *num) {
    if (num->start > 0) {
        char p = t[num->start - 1];
        if (zci_is_ascii_alpha(p) || zci_is_ascii_digit(p) || p == '_' || p == '+' || p == '.')
            return true;
    }
    if (num->end < n) {
        char c = t[num->end];
        if (zci_is_ascii_alpha(c) || c == '_' || c == '+')
            return true;
    }
    return false;
}

/* 第14位, 第五次: ordinals are not quantities. */
static bool ordinal(const char *t, size_t start) {
    return start >= 3 && memcmp(t + start - 3, "第", 3) == 0;
}

/* 几十 数十 数百 几千: "some tens", no amount to read (as 十几 and 几百 are
 * none): a numeral that opens with a bare magnitude right after 几 or 数. */
static bool vague(const char *t, size_t n, const zci_number *num) {
    size_t s = num->start;
    return num->chinese && s >= 3 && (ZCI_HAS(t, n, s - 3, "几") || ZCI_HAS(t, n, s - 3, "数")) &&
           (ZCI_HAS(t, n, s, "十") || ZCI_HAS(t, n, s, "百") || ZCI_HAS(t, n, s, "千") ||
            ZCI_HAS(t, n, s, "万"));
}

/* 多 and 余 right after a number: 600多名, 4600余名, 1万多人. */
static size_t more_word(const char *t, size_t n, size_t p) {
    if (ZCI_HAS(t, n, p, "多") || ZCI_HAS(t, n, p, "余"))
        return 3;
    return 0;
}

/* The number's tail: [多|余] [unit | scale [多|余] [unit]]. Fills unit,
 * scale and the "more" bound; returns the end of what was read. */
static size_t read_tail(const char *t, size_t n, size_t p, bool chinese, zci_quantity *q) {
    size_t m = more_word(t, n, p);
    if (m) {
        /* 多 starts words too (多元, 多个): only a unit or scale confirms it */
        if (zci_lex_at(ZCI_LEX_UNIT, t, n, p + m) || zci_lex_at(ZCI_LEX_SCALE, t, n, p + m)) {
            q->bound = ZC_BOUND_AT_LEAST;
            p += m;
        }
    }
    const zci_word *u = zci_lex_at(ZCI_LEX_UNIT, t, n, p);
    if (!u) {
        const zci_word *s = zci_lex_at(ZCI_LEX_SCALE, t, n, p);
        if (s && !(chinese && ZCI_HAS(t, n, p, "千"))) {
            q->scale = s->factor;
            q->has_scale = true;
            p += s->len;
            /* 十二亿一千万人, 四亿零七百多万吨: the 亿 of a Chinese number
             * before the scale 万 counts in the scale's units (12亿1千 is
             * 121000 万, not 1200001000 万); a number of 10⁸ or more holds
             * one, its part below 10⁸ is what 万 multiplies */
            if (chinese && q->scale == 1e4 && q->value >= 1e8) {
                double yi = floor(q->value / 1e8);
                q->value = q->value_max = yi * 1e4 + (q->value - yi * 1e8);
            }
            /* 1万多人, 4万多亿元, 3亿多农村人口: after a magnitude 多 is
             * "more than" before a unit, a larger magnitude or a noun */
            m = more_word(t, n, p);
            if (m) {
                q->bound = ZC_BOUND_AT_LEAST;
                p += m;
                const zci_word *s2 =
                    zci_lex_at(ZCI_LEX_UNIT, t, n, p) ? NULL : zci_lex_at(ZCI_LEX_SCALE, t, n, p);
                if (s2 && s2->factor > q->scale) {
                    q->scale *= s2->factor;
                    p += s2->len;
                }
            }
            u = zci_lex_at(ZCI_LEX_UNIT, t, n, p);
        }
    }
    if (u) {
        q->unit = u;
        q->unit_start = p;
        q->unit_end = p + u->len;
        p += u->len;
    } else {
        q->unit_start = q->unit_end = p;
    }
    return p;
}

/* 2-3家 10-50亿元 8%-10% 6-6.5% 1万-5万元 2至3个: a second number after a
 * dash (dashes and tildes are folded to '-'), 至 or 到. */
static size_t read_range(zci_matcher *m, const char *t, size_t n, size_t p, const zci_number *first,
                         zci_quantity *q) {
    size_t sep = 0;
    if (p < n && t[p] == '-')
        sep = 1;
    else if (ZCI_HAS(t, n, p, "至") || ZCI_HAS(t, n, p, "到"))
        sep = 3;
    if (!sep || p + sep >= n || !candidate(t, n, p + sep))
        return p;
    zci_number second;
    size_t scanned;
    if (!zci_number_at(m, t, n, p + sep, &second, &scanned) || second.chinese != first->chinese ||
        second.ocr)
        return p;
    if (second.value < first->value)
        return p; /* 2023-02: not a range */
    zci_quantity r = *q;
    r.unit = NULL;
    r.scale = 1;
    r.has_scale = false;
    size_t end = read_tail(t, n, second.end, second.chinese, &r);
    if (!q->unit && !r.unit && !q->has_scale && !r.has_scale)
        return p;
    if (q->unit && r.unit && strcmp(q->unit->canon, r.unit->canon) != 0)
        return p;
    if (!q->has_scale && r.has_scale) {
        q->scale = r.scale; /* 10-50亿元: the magnitude is written once */
        q->has_scale = true;
    }
    q->unit = r.unit ? r.unit : q->unit;
    q->unit_start = r.unit ? r.unit_start : q->unit_start;
    q->unit_end = r.unit ? r.unit_end : q->unit_end;
    q->value_max = second.value;
    q->bound = ZC_BOUND_RANGE;
    return end;
}

/* Is c the canonical unit lit? The first two bytes rule out most units
 * without a call (c[1] is there when c[0] is lit[0], not the end): this is
 * asked of every figure read. */
static inline bool canon_is(const char *c, const char *lit) {
    return c[0] == lit[0] && c[1] == lit[1] && strcmp(c, lit) == 0;
}

/* Is the quantity a year, a date, an anniversary (2023年, 2024-2026年,
 * 40周年) or a span of years in a name? Those are time, not amounts. */
static bool is_date(const char *t, size_t n, const zci_number *num, const zci_quantity *q) {
    if (!q->unit)
        return false;
    const char *c = q->unit->canon;
    if (canon_is(c, "年") && !num->chinese && !num->has_fraction &&
        ((num->value >= 1000 && num->value <= 2200) || (num->end - num->start == 4)))
        return true;
    if (canon_is(c, "周") && ZCI_HAS(t, n, q->unit_end, "年"))
        return true;
    /* 近10年来, 5年以来, 将近两年中: a span of time that dates something;
     * 一百年奋斗目标, 十年规划: one that names a goal or a plan (SPAN_AFTER) */
    if (q->unit->val == ZC_UNIT_DURATION &&
        (ZCI_HAS(t, n, q->unit_end, "来") || ZCI_HAS(t, n, q->unit_end, "以来") ||
         zci_lex_at(ZCI_LEX_SPAN_AFTER, t, n, q->unit_end)))
        return true;
    return false;
}

/* A before-bound word ending at pos (不少于8家, 超70%). */
static const zci_word *bound_before(const char *t, size_t pos) {
    size_t lo = pos > 12 ? pos - 12 : 0;
    const zci_word *w = zci_lex_before(ZCI_LEX_BOUND_BEFORE, t, lo, pos);
    if (!w)
        return NULL;
    /* 过 and 近 alone end other words: 通过3年, 最近3年 */
    const zci_word *f = zci_lex_before(ZCI_LEX_BOUND_FALSE, t, lo, pos);
    if (f && f->len > w->len)
        return NULL;
    return w;
}

/* A single Chinese digit (一 两 三), the kind of number read_quantity keeps
 * only when a scale, a bound word or a verb makes it an amount. */
static bool lone_digit(const zci_number *num) {
    return num->chinese && !num->percent_word && !num->magnitude_only && num->value < 10 &&
           num->end - num->start <= 3;
}

/* Can nothing around a lone digit make it an amount: no unit, scale, 多/余,
 * range or bound word may start after it, and no bound word ends before
 * it? Asked of the tables' first- and last-character masks only, before
 * the tail is read: the lone 一 of 进一步, 统一, 一、 (thousands in a
 * document) then cost a few table looks, not a reading of what follows.
 * It must rule out all that read_tail, read_range, the BOUND_AFTER look and
 * bound_before would find: only then is the rule's answer sure. */
static bool nothing_makes_amount(const char *t, size_t n, const zci_number *num) {
    size_t p = num->end, pos = num->start, lo = pos > 12 ? pos - 12 : 0;
    if (p < n && (zci_lex_may_start(ZCI_LEX_UNIT, t, n, p) ||
                  zci_lex_may_start(ZCI_LEX_SCALE, t, n, p) ||
                  zci_lex_may_start(ZCI_LEX_BOUND_AFTER, t, n, p) || more_word(t, n, p) ||
                  t[p] == '-' || ZCI_HAS(t, n, p, "至") || ZCI_HAS(t, n, p, "到")))
        return false;
    return !(pos > lo && zci_lex_may_end(ZCI_LEX_BOUND_BEFORE, t, lo, pos)); /* bound_before */
}

/* Does the Chinese number at start follow the bare Chinese figure prev (a
 * number with no unit yet) across a list joint: 不少于八、五、十家? Then it
 * is an item of prev's list, whatever it is alone; 08_lists gives it the
 * last item's unit or drops it with the rest. Not after an Arabic one: in
 * 2、一个 the 2 numbers an item and 一个 is "a". */
static bool joins_bare_list(const char *t, const zci_scratch *read, size_t start) {
    const zci_quantity *prev = read->len ? (const zci_quantity *)read->data + read->len - 1 : NULL;
    if (!prev || !prev->bare || prev->after >= start || (unsigned char)t[prev->num_start] < 0x80)
        return false;
    const zci_word *w = zci_lex_at(ZCI_LEX_LIST_JOINT, t, start, prev->after);
    return w && prev->after + w->len == start;
}

/*
 * Read the quantity whose number starts at pos. Returns false when what
 * starts there is no quantity (no unit, a year, a name...). *next gets the
 * offset to resume scanning from. read: the figures read before it.
 */
static bool read_quantity(zci_matcher *m, const char *t, size_t n, size_t pos, uint32_t flags,
                          const zci_scratch *read, zci_quantity *q, size_t *next) {
    zci_number num;
    if (!zci_number_at(m, t, n, pos, &num, next))
        return false;
    if (!num.chinese && glued_to_name(t, n, &num))
        return false;
    if (ordinal(t, num.start) || vague(t, n, &num))
        return false;
    bool lone = lone_digit(&num) && !joins_bare_list(t, read, num.start);
    if (lone && nothing_makes_amount(t, n, &num))
        return false; /* the lone-digit rule below, decided before reading on */
    memset(q, 0, sizeof *q);
    q->start = q->pre_bound_start = num.start;
    q->num_start = num.start;
    q->num_end = num.end;
    q->value = q->value_max = num.value;
    q->scale = 1;
    q->bound = ZC_BOUND_EXACT;
    if (num.ocr)
        q->flags |= ZC_FLAG_OCR_REPAIRED;
    size_t p = read_tail(t, n, num.end, num.chinese, q);
    if (num.percent_word && !q->unit) {
        q->unit = zci_lex_at(ZCI_LEX_UNIT, "%", 1, 0); /* the table's own entry */
        q->unit_start = q->unit_end = p;
    }
    p = read_range(m, t, n, p, &num, q);
    /* a magnitude with no digit is an amount after a bound word (超万亿元,
     * 突破万列) or as money (千亿元); not 千万不要, 每千人口, 百亿项目 */
    if (num.magnitude_only &&
        (!q->unit || (!bound_before(t, num.start) &&
                      (num.value == 1 || q->unit->val != ZC_UNIT_MONEY))))
        return false;
    if (num.ocr && !q->unit && !q->has_scale)
        return false;
    if (is_date(t, n, &num, q))
        return false;
    if (q->unit && canon_is(q->unit->canon, "%") && p < n && t[p] == 'o' &&
        !(p + 1 < n && zci_is_ascii_alpha(t[p + 1])))
        ; /* 60%o: OCR for 60%。 -- the o is noise, the quantity stands */
    else if (p < n && (zci_is_ascii_alpha(t[p]) || t[p] == '+'))
        return false; /* 5G, 4S店, 3+N */
    /* Names in quotes: “十二条” “6+1” “15分钟社区生活圈” */
    if (num.start >= 3 && ZCI_HAS(t, n, num.start - 3, "“")) {
        size_t l;
        for (size_t c = num.end, k = 0; c < n && k < 16; c += zci_char_len(t, n, c), k++) {
            if (ZCI_HAS(t, n, c, "”"))
                return false;
            if (zci_is_clause_end(t, n, c, &l) || ZCI_HAS(t, n, c, "“"))
                break;
        }
    }
    q->end = p;
    q->after = p;
    q->bare = !q->unit && !q->has_scale;
    const zci_word *post = zci_lex_at(ZCI_LEX_BOUND_AFTER, t, n, p);
    if (post && q->bound != ZC_BOUND_RANGE) {
        q->bound = (zc_bound)post->val;
        q->post_bound = true;
        q->after = p + post->len;
    } else if (post) {
        q->after = p + post->len;
    }
    const zci_word *pre = bound_before(t, num.start);
    if (pre) {
        q->pre_bound_start = num.start - pre->len;
        if (q->bound == ZC_BOUND_EXACT)
            q->bound = (zc_bound)pre->val;
    }
    /* 一个 两项 三大: single Chinese digits are too common as words to be
     * amounts, unless a bound, a range or a verb makes them one: 不少于三年,
     * 两到三个, 翻一番, 一倍以上三倍以下, 提高两成 */
    if (lone && !q->has_scale && !pre && !q->post_bound && q->bound != ZC_BOUND_RANGE &&
        !(q->unit && q->unit->val != ZC_UNIT_COUNT && q->unit->val != ZC_UNIT_DURATION &&
          zci_lex_before(ZCI_LEX_ACTION, t, num.start > 12 ? num.start - 12 : 0, num.start)))
        return false;
    /* 一度 is "once" (利率一度异常): 度 counts kilowatt-hours after a magnitude */
    if (lone && q->unit && q->unit_end - q->unit_start == 3 && ZCI_HAS(t, n, q->unit_start, "度"))
        return false;
    if (q->bare && (flags & ZC_OPT_UNITLESS))
        q->bare = false;
    if (q->unit && q->unit->val == ZC_UNIT_COUNT && num.has_fraction && !q->has_scale)
        q->flags |= ZC_FLAG_SUSPICIOUS; /* 2.3个: a count with a fraction */
    *next = p;
    return true;
}

/* Marker spans of the sections, so their numbers are not read as amounts. */
static size_t skip_marker(const zci_work *w, size_t *mi, size_t pos) {
    while (*mi < w->sections.len && ZCI_SEC(w, *mi)->marker.e <= pos)
        (*mi)++;
    if (*mi < w->sections.len) {
        const zci_sec *s = ZCI_SEC(w, *mi);
        if (s->marker.s <= pos && pos < s->marker.e)
            return s->marker.e;
    }
    return pos;
}

/* ------------------------------------------------------------ table cells */

/* The magnitude and unit written in [s, e): 万辆, 亿元, (%), 2021年（亿元）.
 * Looks inside the first parenthesis when there is one. */
static const zci_word *unit_in(const char *t, size_t s, size_t e, double *scale) {
    for (size_t p = s; p < e; p++)
        if (t[p] == '(') {
            s = p + 1;
            break;
        }
    *scale = 1;
    const zci_word *sc = zci_lex_at(ZCI_LEX_SCALE, t, e, s);
    const zci_word *u = zci_lex_at(ZCI_LEX_UNIT, t, e, s);
    if (sc && (!u || sc->len > u->len)) {
        *scale = sc->factor;
        u = zci_lex_at(ZCI_LEX_UNIT, t, e, s + sc->len);
    }
    return u;
}

/* The figures of one table row: each figure cell, with its unit from the
 * row's 单位 cell or its column header, growth from a 增长 column, the row
 * label as subject (a year label gives the column header), expected/
 * binding from a 属性 cell. */
static zc_status read_row(zci_work *w, const zci_row *row) {
    const char *t = w->text.t;
    if (row->is_header || row->index_table || row->header == SIZE_MAX)
        return ZC_OK;
    const zci_row *head = &((const zci_row *)w->rows.data)[row->header];
    int unit_col = -1;
    uint32_t flags = ZC_FLAG_TABLE;
    for (uint32_t c = 0; c < head->ncells; c++)
        if (zci_range_has(t, head->cells[c], "单位"))
            unit_col = (int)c;
    for (uint32_t c = 0; c < row->ncells; c++) {
        if (zci_range_has(t, row->cells[c], "预期性"))
            flags |= ZC_FLAG_EXPECTED;
        if (zci_range_has(t, row->cells[c], "约束性"))
            flags |= ZC_FLAG_BINDING;
    }
    /* the label: # (of which), 其中: and 全年 are no part of it */
    zci_range label = row->label;
    while (label.s < label.e && (t[label.s] == '#' || t[label.s] == ' '))
        label.s++;
    if (zci_has(t, label.e, label.s, "其中:", 7))
        label.s += 7;
    if (zci_has(t, label.e, label.s, "全年", 6) && label.e > label.s + 6)
        label.s += 6;
    for (size_t p = label.s; p < label.e; p++) /* 增速(%): a unit is no part of it */
        if (t[p] == '(') {
            double sc;
            if (unit_in(t, p, label.e, &sc))
                label.e = p;
            break;
        }
    bool year_label = label.e - label.s >= 7 && zci_is_ascii_digit(t[label.s]) &&
                      ZCI_HAS(t, label.e, label.e - 3, "年");
    for (uint32_t c = 1; c < row->ncells && c < head->ncells; c++) {
        zci_range cell = row->cells[c];
        if ((int)c == unit_col || !(row->figures & (1u << c)))
            continue;
        zci_range col = head->cells[c];
        bool growth = zci_range_has(t, col, "增长") || zci_range_has(t, col, "增速") ||
                      zci_range_has(t, col, "增幅");
        double scale = 1;
        const zci_word *unit = NULL;
        if (t[cell.e - 1] == '%' || growth)
            unit = zci_lex_at(ZCI_LEX_UNIT, "%", 1, 0);
        else if (unit_col >= 0 && (uint32_t)unit_col < row->ncells)
            unit = unit_in(t, row->cells[unit_col].s, row->cells[unit_col].e, &scale);
        else
            unit = unit_in(t, col.s, col.e, &scale);
        if (!unit) /* 地区生产总值增速(%): the row label says it */
            unit = unit_in(t, row->label.s, row->label.e, &scale);
        if (!unit)
            continue; /* a value with no unit anywhere is no finding */
        zci_quantity *q = zci_figure_push(w);
        if (!q)
            return ZC_ERR_NOMEM;
        size_t ns = cell.s;
        q->bound = ZC_BOUND_EXACT;
        if (t[ns] == '<' || t[ns] == '>') {
            q->bound = t[ns] == '<' ? ZC_BOUND_AT_MOST : ZC_BOUND_AT_LEAST;
            ns++;
        }
        size_t ne = t[cell.e - 1] == '%' ? cell.e - 1 : cell.e;
        char buf[64];
        size_t k = 0;
        for (size_t p = ns; p < ne && k < sizeof buf; p++)
            if (t[p] != ',')
                buf[k++] = t[p];
        q->start = q->pre_bound_start = q->num_start = ns;
        q->end = q->after = q->num_end = q->unit_start = q->unit_end = ne;
        if (t[cell.e - 1] == '%') {
            q->unit_start = ne;
            q->end = q->after = q->unit_end = cell.e;
        }
        q->value = q->value_max = zci_strtod(buf, k);
        q->scale = scale;
        q->has_scale = scale != 1;
        q->unit = unit;
        /* a row label that ends in a rate word (增速, 下降) names a change */
        const zci_word *rate = zci_lex_before(ZCI_LEX_ACTION, t, label.s, label.e);
        q->action = growth ? ZC_ACTION_GROWTH
                    : rate && (rate->val == ZC_ACTION_GROWTH || rate->val == ZC_ACTION_DECLINE)
                        ? (zc_action)rate->val
                        : ZC_ACTION_NONE;
        q->role = q->action != ZC_ACTION_NONE || q->bound != ZC_BOUND_EXACT ? ZC_ROLE_COMMITMENT
                                                                          : ZC_ROLE_QUANTITY;
        q->flags = flags;
        q->list_head = w->quantities.len - 1;
        q->list_next = ZCI_NO_ITEM;
        q->from_table = true;
        if (year_label) { /* a table by year: the column says what is measured */
            size_t e = col.e;
            for (size_t p = col.s; p < col.e; p++)
                if (t[p] == '(') {
                    e = p;
                    break;
                }
            q->subject = (zci_range){col.s, e};
        } else {
            q->subject = label;
        }
    }
    return ZC_OK;
}

zc_status zci_quantities_read(zci_work *w, size_t to) {
    const char *t = w->text.t;
    size_t n = w->text.n;
    size_t mi = w->read.marker, ri = w->read.row, pos = w->read.pos;
    const zci_row *rows = w->rows.data;
#if defined(ZCI_USE_AVX2)
    candidate_scan scan = {0, 0};
#endif
    while (pos < to) {
        /* a table row: its cells, then on past it */
        while (ri < w->rows.len && rows[ri].line.e < pos)
            ri++;
        if (ri < w->rows.len && rows[ri].line.s <= pos) {
            zc_status st = read_row(w, &rows[ri]);
            if (st)
                return st;
            pos = rows[ri].line.e;
            ri++;
            continue;
        }
        /* the common case, in a tight loop up to the next row: characters
         * that start no number (Han that is no numeral, other ASCII) */
        size_t stop = ri < w->rows.len && rows[ri].line.s < to ? rows[ri].line.s : to;
#if defined(ZCI_USE_AVX2)
        if (!w->avx2 || !(next_in_block(&scan, t, &pos) ||
                          next_candidate_avx2(&scan, t, n, &pos, stop)))
#endif
            pos = next_candidate(t, n, pos, stop);
        if (pos >= stop)
            continue;
        size_t skip = skip_marker(w, &mi, pos);
        if (skip != pos) {
            pos = skip;
            continue;
        }
        zci_quantity q;
        size_t next;
        if (read_quantity(w->m, t, n, pos, w->flags, &w->quantities, &q, &next)) {
            /* a bare number stays only while it may start or join a list */
            zci_quantity *slot = zci_figure_push(w);
            if (!slot)
                return ZC_ERR_NOMEM;
            *slot = q;
        }
        pos = next > pos ? next : pos + 1;
    }
    w->read = (zci_read_at){pos, mi, ri};
    return ZC_OK;
}
