/*
 * utf8.c -- strict UTF-8 decoding (no overlongs, surrogates or > U+10FFFF)
 * and line numbers for error reports.
 */
#include "base.h"

/*
 * Decode the character at s. Returns its length and sets *cp, or returns 0
 * and sets *bad to the length of the maximal invalid prefix (Unicode's
 * "maximal subpart", so a lossy reader replaces it by one U+FFFD).
 */
int zci_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int *bad) {
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n || s[i] < lo || s[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80, hi = 0xBF;
        v = (v << 6) | (s[i] & 0x3F);
    }
    (void)min;
    *cp = v;
    return len;
}

uint32_t zci_line_of(const char *s, size_t n, size_t off) {
    uint32_t line = 1;
    if (off > n)
        off = n;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n')
            line++;
        else if (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))
            line++;
    }
    return line;
}
