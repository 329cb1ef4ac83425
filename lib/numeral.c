/*
 * numeral.c -- numbers as written in government text: Arabic (1,000 1.5),
 * Chinese numerals (两千 二十三 百分之七点五), and Arabic digits damaged by
 * OCR (IIOO for 1100, IOO for 100).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zc_internal.h"

/* Chinese digits and their values; 两 is 2 before a magnitude (两千). */
static const struct {
    const char *ch;
    int value;
} cn_digits[] = {{"零", 0}, {"〇", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4},
                 {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
static const struct {
    const char *ch;
    double mult;
} cn_magnitudes[] = {{"十", 10}, {"百", 100}, {"千", 1000}, {"万", 1e4}, {"亿", 1e8}};

static int cn_digit(const char *t, size_t pos) {
    for (size_t i = 0; i < sizeof cn_digits / sizeof cn_digits[0]; i++)
        if (memcmp(t + pos, cn_digits[i].ch, 3) == 0)
            return cn_digits[i].value;
    return -1;
}
static double cn_magnitude(const char *t, size_t pos) {
    for (size_t i = 0; i < sizeof cn_magnitudes / sizeof cn_magnitudes[0]; i++)
        if (memcmp(t + pos, cn_magnitudes[i].ch, 3) == 0)
            return cn_magnitudes[i].mult;
    return 0;
}

/* Is the character at pos a Chinese digit or magnitude (零〇一二两三四五六七
 * 八九十百千万亿)? The inline zci_is_cn_digit() in zc_internal.h rejects most
 * characters on their second byte; this decides the rest. */
int zci_cn_digit_slow(const char *t, size_t pos) {
    const unsigned char *u = (const unsigned char *)t + pos;
    uint32_t cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    switch (cp) {
    case 0x96F6: case 0x3007: case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09:
    case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:
    case 0x5341: case 0x767E: case 0x5343: case 0x4E07: case 0x4EBF:
        return 3;
    default:
        return 0;
    }
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
        int d = cn_digit(t, p);
        if (d >= 0) {
            if (digit >= 0 && !(digit == 0 || d == 0))
                return false; /* 十四五, 二三 */
            digit = d == 0 && digit >= 0 ? digit : d;
            continue;
        }
        double m = cn_magnitude(t, p);
        if (m == 0)
            return false;
        if (m < 1e4) {
            if (digit < 0 && !(m == 10 && section == 0 && total == 0 && p == start))
                return false; /* only a leading 十 may stand alone */
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
            int d = cn_digit(t, p);
            if (d < 0)
                return false;
            v += d * scale;
            scale /= 10;
        }
    }
    *value = v;
    return true;
}

/* OCR turns 1 into I or l, 0 into O or o. A run of [0-9IlOo] counts as a
 * damaged number only when it mixes in at least one O/o/0 (so "I1" markers
 * and roman "II期" stay out) and no other letter touches it. */
static bool ocr_char(char c) {
    return zci_is_ascii_digit(c) || c == 'I' || c == 'l' || c == 'O' || c == 'o';
}

static bool read_ocr(const char *t, size_t n, size_t pos, zci_number *out) {
    size_t e = pos;
    bool letter = false, zero = false;
    while (e < n && ocr_char(t[e])) {
        letter |= zci_is_ascii_alpha(t[e]);
        zero |= t[e] == 'O' || t[e] == 'o' || t[e] == '0';
        e++;
    }
    if (!letter || !zero || e - pos < 2 || (e < n && zci_is_ascii_alpha(t[e])))
        return false;
    double v = 0;
    for (size_t i = pos; i < e; i++)
        v = v * 10 + (t[i] == 'I' || t[i] == 'l' ? 1 : (t[i] == 'O' || t[i] == 'o') ? 0 : t[i] - '0');
    out->start = pos;
    out->end = e;
    out->value = v;
    out->ocr = true;
    return true;
}

/* Parse the Arabic number t[s,e): drop thousands separators. */
static double arabic_value(const char *t, size_t s, size_t e, bool *fraction) {
    char buf[64];
    size_t k = 0;
    *fraction = false;
    for (size_t i = s; i < e && k + 1 < sizeof buf; i++) {
        if (t[i] == ',')
            continue;
        if (t[i] == '.')
            *fraction = true;
        buf[k++] = t[i];
    }
    buf[k] = '\0';
    if (e - s >= sizeof buf - 1)
        return HUGE_VAL; /* absurdly long digit runs: flagged by the caller */
    return strtod(buf, NULL);
}

bool zci_number_at(zci_matcher *m, const char *t, size_t n, size_t pos, zci_number *out) {
    memset(out, 0, sizeof *out);
    char c = t[pos];
    size_t ov[2];
    if (zci_is_ascii_digit(c) || c == 'I' || c == 'l' || c == 'O' || c == 'o') {
        if (read_ocr(t, n, pos, out))
            return true;
        if (!zci_is_ascii_digit(c))
            return false;
        /* Most digit runs are plain (2023年, 20%): the pattern is needed only
         * when a '.' or ',' follows (1.5, 1,000). */
        size_t e = pos;
        while (e < n && zci_is_ascii_digit(t[e]))
            e++;
        if (e < n && (t[e] == '.' || t[e] == ',')) {
            if (!zci_match(m, ZCI_PAT_ARABIC, t, n, pos, ov, 1))
                return false;
        } else {
            ov[0] = pos;
            ov[1] = e;
        }
        out->start = ov[0];
        out->end = ov[1];
        out->value = arabic_value(t, ov[0], ov[1], &out->has_fraction);
        return true;
    }
    /* (百分之)? then numeral characters, with 点 between digits (七点五) */
    size_t s = pos, e = pos;
    if (ZCI_HAS(t, n, e, "百分之"))
        e += 9;
    while (e + 3 <= n) {
        if (zci_is_cn_digit(t, n, e))
            e += 3;
        else if (e > s && ZCI_HAS(t, n, e, "点") && e + 6 <= n && cn_digit(t, e + 3) >= 0)
            e += 3;
        else
            break;
    }
    if (e == s || (e == s + 9 && ZCI_HAS(t, n, s, "百分之")))
        return false;
    ov[0] = s;
    if (ZCI_HAS(t, n, s, "百分之")) {
        out->percent_word = true;
        s += 9;
        if (s >= e)
            return false;
    }
    /* A trailing 万/亿 is a magnitude word, read by the caller as scale:
     * 一万名 is value 1, scale 1e4. */
    while (e - s > 3 && (ZCI_HAS(t, n, e - 3, "万") || ZCI_HAS(t, n, e - 3, "亿")))
        e -= 3;
    if (!zci_chinese_value(t, s, e, &out->value))
        return false;
    out->start = ov[0];
    out->end = e;
    out->chinese = true;
    out->has_fraction = out->value != floor(out->value);
    return true;
}
