/*
 * numeral.c -- numbers as written in government text: Arabic (1,000 1.5),
 * Chinese numerals (两千 二十三 百分之七点五), and Arabic digits damaged by
 * OCR (IIOO for 1100, IOO for 100). The numerals and their values are the
 * CN_NUMERAL table of lexicon.def.
 *
 * Every reader reports how far it looked (*scanned), and a failed run is
 * never read again from a later position inside it: a run of 10^6 'I' or
 * '一' costs one pass, not 10^12 steps.
 */
#include <math.h>
#include <string.h>

#include "language.h"

static int cn_digit(const char *t, size_t n, size_t pos) {
    const zci_word *w = zci_cn_numeral(t, n, pos);
    return w && (w->val == ZCI_NUM_DIGIT || w->val == ZCI_NUM_DIGIT_MARKER) ? (int)w->factor : -1;
}
static double cn_magnitude(const char *t, size_t n, size_t pos) {
    const zci_word *w = zci_cn_numeral(t, n, pos);
    return w && (w->val == ZCI_NUM_MAGNITUDE || w->val == ZCI_NUM_MAGNITUDE_MARKER) ? w->factor
                                                                                    : 0;
}

/*
 * Value of the Chinese numeral t[start,end), e.g. 二十三 23, 两千 2000,
 * 一亿二千万 120000000, 七点五 7.5. Every character is 3 bytes. Returns false
 * for runs that are not one well-formed number: 十四五 (two digits in a
 * row), 千万 (a magnitude with no digit), 万一.
 */
bool zci_chinese_value(const char *t, size_t start, size_t end, double *value) {
    double total = 0, section = 0;
    int digit = -1;
    double last_small = 1e9; /* magnitudes inside a section must fall: 千 > 百 > 十 */
    size_t p = start;
    for (; p + 3 <= end; p += 3) {
        if (memcmp(t + p, "点", 3) == 0)
            break;
        int d = cn_digit(t, end, p);
        if (d >= 0) {
            if (digit >= 0 && !(digit == 0 || d == 0))
                return false; /* 十四五, 二三 */
            digit = d == 0 && digit >= 0 ? digit : d;
            continue;
        }
        double m = cn_magnitude(t, end, p);
        if (m == 0)
            return false;
        if (m < 1e4) {
            /* only a leading 十, or one right after 百 (四百十二, older
             * writing's 四百一十二), may stand alone */
            if (digit < 0 && !(m == 10 && ((section == 0 && total == 0 && p == start) ||
                                           last_small == 100)))
                return false;
            if (m >= last_small)
                return false;
            section += (digit < 0 ? 1 : digit) * m;
            last_small = m;
        } else {
            section += digit < 0 ? 0 : digit;
            if (section == 0)
                return false;
            total = m == 1e8 ? (total + section) * m : total + section * m;
            section = 0;
            last_small = 1e9;
        }
        digit = -1;
    }
    double v = total + section + (digit < 0 ? 0 : digit);
    if (p < end) { /* 点 then fraction digits */
        double scale = 0.1;
        p += 3;
        if (p >= end)
            return false;
        for (; p + 3 <= end; p += 3) {
            int d = cn_digit(t, end, p);
            if (d < 0)
                return false;
            v += d * scale;
            scale /= 10;
        }
    }
    *value = v;
    return true;
}

/* The longest run of digits read as a number: longer, a double's 15-17
 * significant digits cannot say what it means, and past 308 it is no longer
 * finite (an OCR run of 300 digits was read as 1e309). */
#define ZCI_NUMBER_MAX_LEN 62

/* OCR turns 1 into I or l, 0 into O or o. A run of [0-9IlOo] counts as a
 * damaged number only when it mixes in at least one O/o/0 (so "I1" markers
 * and roman "II期" stay out) and no other letter touches it. On failure
 * *resume is where a real number may still start: the run's first digit. */
static bool ocr_char(char c) {
    return zci_is_ascii_digit(c) || c == 'I' || c == 'l' || c == 'O' || c == 'o';
}

static bool read_ocr(const char *t, size_t n, size_t pos, zci_number *out, size_t *resume) {
    size_t e = pos, first_digit = SIZE_MAX;
    bool letter = false, zero = false;
    while (e < n && ocr_char(t[e])) {
        letter |= zci_is_ascii_alpha(t[e]);
        zero |= t[e] == 'O' || t[e] == 'o' || t[e] == '0';
        if (first_digit == SIZE_MAX && zci_is_ascii_digit(t[e]))
            first_digit = e;
        e++;
    }
    if (!letter || !zero || e - pos < 2 || (e < n && zci_is_ascii_alpha(t[e]))) {
        *resume = first_digit != SIZE_MAX && first_digit > pos ? first_digit : e;
        return false;
    }
    if (e - pos > ZCI_NUMBER_MAX_LEN) { /* as arabic_value: too long to mean an amount */
        *resume = e;
        return false;
    }
    double v = 0;
    for (size_t i = pos; i < e; i++)
        v = v * 10 + (t[i] == 'I' || t[i] == 'l' ? 1 : (t[i] == 'O' || t[i] == 'o') ? 0 : t[i] - '0');
    out->start = pos;
    out->end = e;
    out->value = v;
    out->ocr = true;
    return true;
}

/* Parse the Arabic number t[s,e): drop thousands separators. A number too
 * long for a double's precision to mean anything is no amount: false. */
static bool arabic_value(const char *t, size_t s, size_t e, double *value, bool *fraction) {
    char buf[ZCI_NUMBER_MAX_LEN + 2];
    size_t k = 0;
    *fraction = false;
    if (e - s > ZCI_NUMBER_MAX_LEN)
        return false;
    /* The common case without strtod: digits m (below 2^53, so exact) and
     * d ≤ 22 decimals make m / 10^d one correctly rounded division, the
     * double strtod would give. */
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    int decimals = -1; /* -1: no point yet */
    bool exact = true;
    for (size_t i = s; i < e && exact; i++) {
        if (zci_is_ascii_digit(t[i]) && m < (UINT64_C(1) << 53) / 10) {
            m = m * 10 + (uint64_t)(t[i] - '0');
            decimals += decimals >= 0;
        } else if (t[i] == '.' && decimals < 0) {
            decimals = 0;
        } else if (t[i] != ',' || decimals >= 0) {
            exact = false;
        }
    }
    if (exact && decimals <= 22) {
        *fraction = decimals >= 0;
        *value = (double)m / pow10[decimals > 0 ? decimals : 0];
        return true;
    }
    for (size_t i = s; i < e; i++) {
        if (t[i] == ',')
            continue;
        if (t[i] == '.')
            *fraction = true;
        buf[k++] = t[i];
    }
    *value = zci_strtod(buf, k);
    return isfinite(*value);
}

static bool read_arabic(zci_matcher *m, const char *t, size_t n, size_t pos, zci_number *out,
                        size_t *scanned) {
    size_t ov[2];
    /* Most numbers are a run of digits (2023年, 20%) or one with a fraction
     * (8.6%): the pattern's second branch, read here. The pattern is
     * needed only where a group of thousands may follow the run (1,000: a
     * run of three digits at most, then ',' and three digits); 1,2 or 10,5
     * and a '.' with no digit after it end the run. */
    size_t e = pos;
    while (e < n && zci_is_ascii_digit(t[e]))
        e++;
    *scanned = e;
    char after = e < n ? t[e] : '\0';
    bool thousands = after == ',' && e - pos <= 3 && e + 3 < n && zci_is_ascii_digit(t[e + 1]) &&
                     zci_is_ascii_digit(t[e + 2]) && zci_is_ascii_digit(t[e + 3]);
    if (thousands) {
        if (!zci_match(m, ZCI_PAT_ARABIC, t, n, pos, ov, 1))
            return false;
    } else {
        if (after == '.' && e + 1 < n && zci_is_ascii_digit(t[e + 1]))
            for (e += 2; e < n && zci_is_ascii_digit(t[e]);)
                e++;
        ov[0] = pos;
        ov[1] = e;
    }
    out->start = ov[0];
    out->end = ov[1];
    *scanned = ov[1];
    return arabic_value(t, ov[0], ov[1], &out->value, &out->has_fraction);
}

/* (百分之)? then numeral characters, with 点 between digits (七点五). */
static bool read_chinese(const char *t, size_t n, size_t pos, zci_number *out, size_t *scanned) {
    /* one digit character with no numeral after it (一是, 三个, 两年: most
     * Chinese numbers in prose) is its digit: two probes, what the general
     * reading below comes to for it */
    const zci_word *lone = zci_cn_numeral(t, n, pos);
    if (lone && (lone->val == ZCI_NUM_DIGIT || lone->val == ZCI_NUM_DIGIT_MARKER) &&
        !zci_cn_numeral(t, n, pos + 3) && !ZCI_HAS(t, n, pos + 3, "点")) {
        out->value = lone->factor;
        out->start = pos;
        out->end = *scanned = pos + 3;
        out->chinese = true;
        return true;
    }
    size_t s = pos, e = pos;
    if (ZCI_HAS(t, n, e, "百分之"))
        e += 9;
    while (e + 3 <= n) {
        if (zci_cn_numeral(t, n, e))
            e += 3;
        else if (e > s && ZCI_HAS(t, n, e, "点") && e + 6 <= n && cn_digit(t, n, e + 3) >= 0)
            e += 3;
        else
            break;
    }
    *scanned = e > pos ? e : pos + zci_char_len(t, n, pos);
    if (e == s || (e == s + 9 && ZCI_HAS(t, n, s, "百分之")))
        return false;
    /* 一萬三千五百十三台: after a traditional magnitude (萬 億: the 1954
     * report; not read) the numeral is the tail of a larger number */
    if (pos >= 3 && (ZCI_HAS(t, n, pos - 3, "萬") || ZCI_HAS(t, n, pos - 3, "億")))
        return false;
    if (ZCI_HAS(t, n, s, "百分之")) {
        out->percent_word = true;
        s += 9;
    }
    /* A trailing 万/亿 is a magnitude word, read by the caller as scale:
     * 一万名 is value 1, scale 1e4. */
    while (e - s > 3 && (ZCI_HAS(t, n, e - 3, "万") || ZCI_HAS(t, n, e - 3, "亿")))
        e -= 3;
    /* one digit character (一是, 三个, 两年: most Chinese numbers in prose)
     * is its digit, without the general parse */
    int digit = e == s + 3 ? cn_digit(t, n, s) : -1;
    if (digit >= 0) {
        out->value = digit;
        out->start = pos;
        out->end = e;
        out->chinese = true;
        return true;
    }
    if (!zci_chinese_value(t, s, e, &out->value)) {
        /* 万亿元 千亿元 百万元: a magnitude with no digit. A leading 十 百 千
         * is the value, the rest (万 亿) is left for the caller's scale. */
        const zci_word *w = zci_cn_numeral(t, n, s);
        if (out->percent_word || !w || w->val < ZCI_NUM_MAGNITUDE)
            return false;
        for (size_t p = s; p < *scanned; p += 3) {
            const zci_word *m = zci_cn_numeral(t, n, p);
            if (!m || m->val < ZCI_NUM_MAGNITUDE)
                return false;
        }
        bool lead = w->factor < 1e4;
        out->value = lead ? w->factor : 1;
        out->start = pos;
        out->end = lead ? s + 3 : s;
        out->chinese = true;
        out->magnitude_only = true;
        return lead || ZCI_HAS(t, n, s, "万") || ZCI_HAS(t, n, s, "亿");
    }
    out->start = pos;
    out->end = e;
    out->chinese = true;
    out->has_fraction = out->value != floor(out->value);
    return true;
}

bool zci_number_at(zci_matcher *m, const char *t, size_t n, size_t pos, zci_number *out,
                   size_t *scanned) {
    memset(out, 0, sizeof *out);
    char c = t[pos];
    *scanned = pos + zci_char_len(t, n, pos);
    if (zci_is_ascii_digit(c) || c == 'I' || c == 'l' || c == 'O' || c == 'o') {
        size_t resume;
        if (read_ocr(t, n, pos, out, &resume)) {
            *scanned = out->end;
            return true;
        }
        if (!zci_is_ascii_digit(c)) {
            *scanned = resume;
            return false;
        }
        return read_arabic(m, t, n, pos, out, scanned);
    }
    return read_chinese(t, n, pos, out, scanned);
}

/* ------------------------------------------------------------------ years */

#define K3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
const zci_year_digit zci_year_digits[256] = {
    [0x87] = {K3(0xE3, 0x80, 0x87), 0}, /* 〇 */
    [0xB6] = {K3(0xE9, 0x9B, 0xB6), 0}, /* 零 */
    [0x8B] = {K3(0xE2, 0x97, 0x8B), 0}, /* ○ */
    [0x80] = {K3(0xE4, 0xB8, 0x80), 1}, /* 一 */
    [0x8C] = {K3(0xE4, 0xBA, 0x8C), 2}, /* 二 */
    [0x89] = {K3(0xE4, 0xB8, 0x89), 3}, /* 三 */
    [0x9B] = {K3(0xE5, 0x9B, 0x9B), 4}, /* 四 */
    [0x94] = {K3(0xE4, 0xBA, 0x94), 5}, /* 五 */
    [0xAD] = {K3(0xE5, 0x85, 0xAD), 6}, /* 六 */
    [0x83] = {K3(0xE4, 0xB8, 0x83), 7}, /* 七 */
    [0xAB] = {K3(0xE5, 0x85, 0xAB), 8}, /* 八 */
    [0x9D] = {K3(0xE4, 0xB9, 0x9D), 9}, /* 九 */
};
#undef K3

/* The digit the Chinese character at t[p] writes in a year, else -1. */
static int year_digit_cn(const char *t, size_t n, size_t p) {
    if (p + 3 > n)
        return -1;
    const zci_year_digit *d = &zci_year_digits[(unsigned char)t[p + 2]];
    return d->key && zci_char3_key(t + p) == d->key ? d->digit : -1;
}

int32_t zci_year_written(const char *t, size_t lo, size_t nian, size_t *start) {
    int32_t y = 0;
    size_t s;
    if (zci_is_ascii_digit(t[nian - 1])) {
        if (nian < lo + 4)
            return 0;
        s = nian - 4;
        for (size_t i = s; i < nian; i++) {
            if (!zci_is_ascii_digit(t[i]))
                return 0;
            y = y * 10 + (t[i] - '0');
        }
        if (s > 0 && zci_is_ascii_digit(t[s - 1]))
            return 0;
    } else {
        if (nian < lo + 12)
            return 0;
        s = nian - 12;
        /* read from the 年 back: the character before it turns most away */
        for (int32_t i = 3, place = 1; i >= 0; i--, place *= 10) {
            int d = year_digit_cn(t, nian, s + 3 * (size_t)i);
            if (d < 0)
                return 0;
            y += d * place;
        }
        if (s >= 3 && zci_cn_numeral(t, s, s - 3))
            return 0;
    }
    *start = s;
    return y >= 1900 && y <= 2199 ? y : 0;
}
