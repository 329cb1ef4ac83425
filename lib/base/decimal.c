/*
 * decimal.c -- decimal numbers read and written the same in any locale.
 *
 * strtod and printf follow the caller's LC_NUMERIC: a program that calls
 * setlocale(LC_ALL, "") in a German locale would have strtod read "8.5" as
 * 8 and printf write 8,5 (no JSON number). The text and the JSON always use
 * '.', so these swap it for the locale's decimal point on the way in and
 * back on the way out. localeconv() is C's portable way to learn the point;
 * glibc and musl return constant locale data there.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "base.h"

/* The current locale's decimal point: "." in C, "," in de_DE, and in a few
 * locales more than one byte. */
static const char *decimal_point(void) {
    const struct lconv *lc = localeconv();
    return lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point : ".";
}

double zci_strtod(const char *s, size_t n) {
    const char *point = decimal_point();
    size_t plen = strlen(point);
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < n && k + plen + 1 < sizeof buf; i++) {
        if (s[i] == '.') {
            memcpy(buf + k, point, plen);
            k += plen;
        } else {
            buf[k++] = s[i];
        }
    }
    buf[k] = '\0';
    return strtod(buf, NULL);
}

size_t zci_format_g(char *out, size_t cap, int precision, double v) {
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (len < 0 || cap == 0)
        return 0;
    const char *point = decimal_point();
    size_t plen = strlen(point), k = 0;
    for (size_t i = 0; i < (size_t)len && i < sizeof buf - 1 && k + 1 < cap;) {
        if (plen && i + plen <= (size_t)len && memcmp(buf + i, point, plen) == 0) {
            out[k++] = '.';
            i += plen;
        } else {
            out[k++] = buf[i++];
        }
    }
    out[k] = '\0';
    return k;
}
