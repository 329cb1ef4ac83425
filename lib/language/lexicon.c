/*
 * lexicon.c -- the word tables of lexicon.def, longest-match lookups, and
 * punctuation: sentence and clause ends.
 *
 * Tables are small (tens to a hundred words) and lookups happen only around
 * candidate numbers, so a linear scan with a first-byte check is enough.
 */
#include <string.h>

#include "language.h"
#if defined(ZCI_USE_AVX2)
#include <immintrin.h>
#endif

/* A word as a bucket walk compares it. */
typedef struct zci_bucket_entry {
    unsigned char edge[8]; /* its first 8 bytes, zero-padded (last 8, padded in front) */
    uint16_t len, word;    /* its length, its index in the table */
} zci_bucket_entry;

typedef struct zci_table {
    const zci_word *w;
    size_t n, longest; /* words, and the longest's length in bytes */
    const zci_bucket_entry *first; /* by first character, bucket after bucket */
    const uint16_t *first_start;   /* bucket k is first[first_start[k], first_start[k + 1]) */
    const zci_bucket_entry *last;  /* the same by last character */
    const uint16_t *last_start;
} zci_table;

/* 8 bytes from s[pos], zero-padded past n; the same load for a word's head
 * and the text, so the comparison is the same on any byte order. */
static inline uint64_t load8(const void *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

static inline uint64_t text8(const char *s, size_t n, size_t pos) {
    if (pos + 8 <= n)
        return load8(s + pos);
    unsigned char b[8] = {0};
    memcpy(b, s + pos, n - pos);
    return load8(b);
}

/* The 8 bytes before s[pos], zero-padded in front of s[0]. */
static inline uint64_t text8_before(const char *s, size_t pos) {
    if (pos >= 8)
        return load8(s + pos - 8);
    unsigned char b[8] = {0};
    memcpy(b + 8 - pos, s, pos);
    return load8(b);
}

/* The last len bytes (at most 8) of an 8-byte load. */
static inline uint64_t tail_mask(size_t len) {
    static const unsigned char ones[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                           0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    return load8(ones + (len < 8 ? len : 8));
}

/* The first len bytes (at most 8) of an 8-byte load. */
static inline uint64_t head_mask(size_t len) {
    static const unsigned char ones[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    return load8(ones + 8 - (len < 8 ? len : 8));
}

#include "lexicon_data.h" /* generated from lexicon.def: tables[], zci_lex_first_mask[] */

const zci_word *const zci_cn_numeral_words = cn_numeral_words;

size_t zc_indicator_count(void) { return sizeof indicator_records / sizeof indicator_records[0]; }

const zc_indicator *zc_indicator_at(size_t i) {
    return i < zc_indicator_count() ? &indicator_records[i] : NULL;
}

/* 8 bytes as a little-endian number, on any machine. */
static inline uint64_t le8(const char *p) {
    uint64_t x = load8(p);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* A name's hash from its length and its first and last 8 bytes: constant
 * time for the long subjects most lookups are. gen_lexicon.py's name_hash. */
static uint32_t indicator_hash(const char *s, size_t len) {
    uint64_t a, b;
    if (len >= 8) {
        a = le8(s);
        b = le8(s + len - 8);
    } else {
        a = 0;
        for (size_t i = 0; i < len; i++)
            a |= (uint64_t)(unsigned char)s[i] << (8 * i);
        b = a;
    }
    return (uint32_t)(((a ^ (b * UINT64_C(0x9E3779B97F4A7C15)) ^ len) *
                       UINT64_C(0xFF51AFD7ED558CCD)) >> 32);
}

const zc_indicator *zc_indicator_find(const char *s, size_t len) {
    if (!s)
        return NULL;
    /* ids, canonical names and aliases are one table (gen_lexicon.py), and a
     * name is looked up whole: by its hash, not by a scan of the names that
     * start like it (this runs for most figures, and several times) */
    const zci_word *words = tables[ZCI_LEX_INDICATOR].w;
    for (uint32_t h = indicator_hash(s, len) & (ZCI_INDICATOR_SLOTS - 1);;
         h = (h + 1) & (ZCI_INDICATOR_SLOTS - 1)) {
        unsigned k = indicator_slots[h];
        if (!k)
            return NULL;
        const zci_word *w = &words[k - 1];
        if (w->len == len && memcmp(w->w, s, len) == 0)
            return &indicator_records[w->val];
    }
}

const char *zc_indicator_name(const char *id) {
    const zc_indicator *r = id ? zc_indicator_find(id, strlen(id)) : NULL;
    return r && strcmp(r->id, id) == 0 ? r->name : NULL;
}

/* Longest word starting at s[pos]: only the bucket of its first character
 * (the generated index) is compared. */
const zci_word *zci_lex_at_bucket(zci_table_id id, const char *s, size_t n, size_t pos) {
    const zci_table *tb = &tables[id];
    unsigned key;
    if (pos >= n || !zci_lex_first_key(s, n, pos, &key))
        return NULL;
    uint64_t x = text8(s, n, pos);
    const zci_bucket_entry *e = tb->first + tb->first_start[key], *end = tb->first + tb->first_start[key + 1];
    for (; e < end; e++) /* (a word past n fails the 8 bytes, zero there, or the length) */
        if ((x & head_mask(e->len)) == load8(e->edge) &&
            (e->len <= 8 || (pos + e->len <= n && memcmp(s + pos + 8, tb->w[e->word].w + 8, e->len - 8) == 0)))
            return &tb->w[e->word]; /* a bucket is sorted longest first */
    return NULL;
}

/* Longest word ending exactly at s[pos], not starting before lo. */
const zci_word *zci_lex_before_bucket(zci_table_id id, const char *s, size_t lo, size_t pos) {
    const zci_table *tb = &tables[id];
    if (pos <= lo)
        return NULL;
    unsigned key;
    if (!zci_lex_last_key(s, lo, pos, &key))
        return NULL;
    uint64_t x = text8_before(s, pos);
    const zci_bucket_entry *e = tb->last + tb->last_start[key], *end = tb->last + tb->last_start[key + 1];
    for (; e < end; e++)
        if (pos >= lo + e->len && (x & tail_mask(e->len)) == load8(e->edge) &&
            (e->len <= 8 || memcmp(s + pos - e->len, tb->w[e->word].w, e->len - 8) == 0))
            return &tb->w[e->word]; /* a bucket is sorted longest first */
    return NULL;
}

const zci_word *zci_lex_find(zci_table_id id, const char *s, size_t n, size_t lo, size_t hi,
                             bool avx2, size_t *at) {
    if ((ZCI_LEX_HAN_ONLY_SET >> id) & 1) { /* a Han character at a time */
        const unsigned char *u = (const unsigned char *)s;
        for (size_t p = lo; p < hi;) {
#if defined(ZCI_USE_AVX2)
            /* or 32 bytes a step to the next that may start a word */
            if (avx2 && hi - p >= 12 && (p = zci_lex_next_han(id, s, n, p, hi)) >= hi)
                break;
#else
            (void)avx2;
            (void)n;
#endif
            if ((unsigned)(u[p] - 0xE4) >= 6u || p + 3 > hi) {
                p += zci_char_len(s, hi, p);
                continue;
            }
            const zci_word *w =
                zci_lex_may_start_han(id, u + p, hi - p) ? zci_lex_at_bucket(id, s, hi, p) : NULL;
            if (w) {
                *at = p;
                return w;
            }
            p += 3;
        }
        return NULL;
    }
    for (size_t p = lo; p < hi; p += zci_char_len(s, hi, p)) {
        const zci_word *w = zci_lex_at(id, s, hi, p);
        if (w) {
            *at = p;
            return w;
        }
    }
    return NULL;
}

#if defined(ZCI_USE_AVX2)
__attribute__((target("avx2"))) size_t zci_lex_next_han(zci_table_id id, const char *s, size_t n,
                                                       size_t p, size_t hi) {
    const unsigned char *u = (const unsigned char *)s;
    /* the table's 256 first-character buckets as 32 bytes (bit k % 8 of byte
     * k / 8: the words' order on a little-endian machine), looked up 32
     * positions at a time with two shuffles for byte k / 8 and one for the bit */
    const unsigned char *mask = (const unsigned char *)zci_lex_first_mask[id];
    const __m256i lo_bytes = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)mask)),
                  hi_bytes =
                      _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(mask + 16))),
                  bit_of = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128, 1,
                                            2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128),
                  low6 = _mm256_set1_epi8(0x3F), low5 = _mm256_set1_epi8(0x1F),
                  low3 = _mm256_set1_epi8(7), zero = _mm256_setzero_si256();
    /* E4-E9 are -28..-23 as signed bytes; the key is zci_lex_may_start3's */
    for (; p < hi && p + 34 <= n; p += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + p));
        __m256i b1 = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(u + p + 1)), low6);
        __m256i b2 = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(u + p + 2)), low6);
        __m256i lead = _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-29)),
                                        _mm256_cmpgt_epi8(_mm256_set1_epi8(-22), v));
        __m256i key = _mm256_xor_si256(_mm256_slli_epi16(b1, 2), b2); /* b1 < 64: no carry */
        __m256i byte_at = _mm256_and_si256(_mm256_srli_epi16(key, 3), low5);
        __m256i byte = _mm256_blendv_epi8(_mm256_shuffle_epi8(lo_bytes, byte_at),
                                          _mm256_shuffle_epi8(hi_bytes, byte_at),
                                          _mm256_cmpgt_epi8(byte_at, _mm256_set1_epi8(15)));
        __m256i bit = _mm256_shuffle_epi8(bit_of, _mm256_and_si256(key, low3));
        __m256i out = _mm256_cmpeq_epi8(_mm256_and_si256(byte, bit), zero);
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(out, lead));
        if (m) {
            size_t q = p + (size_t)__builtin_ctz(m);
            return q < hi ? q : hi;
        }
    }
    for (; p < hi; p++)
        if ((unsigned)(u[p] - 0xE4) < 6u && p + 3 <= n && zci_lex_may_start3(id, u + p))
            return p;
    return hi;
}
#endif

const zci_word *zci_lex_rfind(zci_table_id id, const char *s, size_t n, size_t lo,
                              size_t ends_after, size_t hi, bool avx2, size_t *at) {
    const unsigned char *u = (const unsigned char *)s;
#if defined(ZCI_USE_AVX2)
    if (avx2 && ((ZCI_LEX_HAN_ONLY_SET >> id) & 1)) {
        /* forward, 32 bytes a step to each place a word may start: the
         * longest word at each, the one that ends last wins (the first of
         * those, the longest, on a tie), as the walk back finds it */
        const zci_word *best = NULL;
        size_t end = ends_after, from = lo, reach = tables[id].longest;
        if (ends_after >= lo + reach) /* a word ending after ends_after starts after this */
            from = ends_after - reach + 1;
        for (size_t p = from; (p = zci_lex_next_han(id, s, n, p, hi)) < hi; p += 3) {
            const zci_word *w = p + 3 <= hi && zci_lex_may_start_han(id, u + p, hi - p)
                                    ? zci_lex_at_bucket(id, s, hi, p)
                                    : NULL;
            if (w && p + w->len > end) {
                best = w;
                end = p + w->len;
                *at = p;
            }
        }
        return best;
    }
#else
    (void)avx2;
    (void)n;
#endif
    for (size_t p = hi; p > lo && p > ends_after;) {
        if (p >= lo + 3 && (unsigned)(u[p - 3] - 0xE4) < 6u) {
            /* a Han character ends at p (its lead is never a continuation):
             * a step of three bytes back */
            if (zci_lex_may_end3(id, u + p)) {
                const zci_word *w = zci_lex_before_bucket(id, s, lo, p);
                if (w) {
                    *at = p - w->len;
                    return w;
                }
            }
            p -= 3;
            continue;
        }
        const zci_word *w = zci_lex_before(id, s, lo, p);
        if (w) {
            *at = p - w->len;
            return w;
        }
        p = zci_prev_char(s, p);
    }
    return NULL;
}

/* A clause end other than 、 ends with (LAST) or starts at (FIRST) these
 * bytes: the walks below look up one byte per step. 。 is E3 80 82, … is
 * E2 80 A6; E3 also starts 、 and the brackets, looked at more closely. */
enum { FIRST = 1, LAST = 2 };
static const uint8_t clause_byte[256] = {
    ['\n'] = FIRST | LAST, ['!'] = FIRST | LAST, ['?'] = FIRST | LAST, [';'] = FIRST | LAST,
    [','] = FIRST | LAST,  [':'] = FIRST | LAST, ['('] = FIRST | LAST, [')'] = FIRST | LAST,
    [0xE3] = FIRST,        [0xE2] = FIRST,       [0x82] = LAST,        [0xA6] = LAST,
};

static bool clause_last_byte(unsigned char b) { return clause_byte[b] & LAST; }

/* The walk of zci_clause_start from pos, taken up at from (<= pos: what
 * lies between holds only characters the walk passes); *plain is cleared
 * when it met a ')' (whose aside search depends on where the walk may go,
 * so no memo may reuse it). */
static size_t clause_start_walk(const char *t, size_t n, size_t pos, size_t from, bool *plain) {
    size_t lo = pos > ZCI_CLAUSE_MAX ? pos - ZCI_CLAUSE_MAX : 0;
    size_t p = from > lo ? from : lo;
    *plain = true;
    const unsigned char *u = (const unsigned char *)t;
    while (p > lo) {
        if (p >= lo + 3 && (unsigned)(u[p - 3] - 0xE4) < 6u) {
            p -= 3; /* a Han character ends at p: it ends no clause */
            continue;
        }
        /* only a character whose last byte may end a clause is looked at */
        if (!clause_last_byte((unsigned char)t[p - 1]) ||
            (p < n && (((unsigned char)t[p]) & 0xC0) == 0x80)) {
            p--;
            continue;
        }
        size_t c = zci_prev_char(t, p), l;
        if (t[c] == ')') {
            *plain = false;
            size_t d = c;
            while (d > lo && t[d] != '(' && t[d] != '\n')
                d = zci_prev_char(t, d);
            if (t[d] != '(')
                return p;
            p = d;
            continue;
        }
        if (t[c] == '(')
            return p;
        if (zci_is_clause_end(t, n, c, &l) && !ZCI_HAS(t, n, c, "、"))
            return p;
        p = c;
    }
    return zci_char_start(t, p); /* never start inside a character */
}

size_t zci_clause_start(zci_clause_memo *m, const char *t, size_t n, size_t pos) {
    size_t lo = pos > ZCI_CLAUSE_MAX ? pos - ZCI_CLAUSE_MAX : 0, r, p = pos;
    bool plain = true;
    if (ZCI_MEMOS && m && m->start_ok && m->start_pos <= pos &&
        pos - m->start_pos <= ZCI_CLAUSE_MAX) {
        /* Back from pos to the last walk's start over Han characters and
         * bytes that end no clause (the walk passes them too): when nothing
         * else stands there, the walk goes the way the last one went, to a
         * nearer limit; else it is taken up where that something stands. */
        const unsigned char *u = (const unsigned char *)t;
        size_t floor = m->start_pos;
        while (p > floor) {
            if (p >= floor + 3 && (unsigned)(u[p - 3] - 0xE4) < 6u)
                p -= 3;
            else if (!clause_last_byte(u[p - 1]))
                p--;
            else
                break;
        }
        if (p <= floor) {
            size_t last_lo = m->start_pos > ZCI_CLAUSE_MAX ? m->start_pos - ZCI_CLAUSE_MAX : 0;
            bool found = m->start > last_lo; /* at a clause end, not at the limit */
            r = found && m->start > lo ? m->start : zci_char_start(t, lo);
            m->start_pos = pos;
            m->start = r;
            return r;
        }
    }
    r = clause_start_walk(t, n, pos, p, &plain);
    if (m) {
        m->start_pos = pos;
        m->start = r;
        m->start_ok = plain;
    }
    return r;
}

size_t zci_clause_end(zci_clause_memo *m, const char *t, size_t n, size_t pos) {
    size_t hi = pos + ZCI_CLAUSE_MAX < n ? pos + ZCI_CLAUSE_MAX : n, from = pos, r = hi;
    if (ZCI_MEMOS && m && m->end_ok && m->end_pos <= pos && m->end >= pos) {
        /* nothing in [end_pos, end) ends a clause: end is one, or the limit */
        size_t last_hi = m->end_pos + ZCI_CLAUSE_MAX < n ? m->end_pos + ZCI_CLAUSE_MAX : n;
        if (m->end < last_hi) {
            from = hi; /* found: no scan */
            r = m->end < hi ? m->end : hi;
        } else {
            from = m->end;
        }
    }
    for (size_t p = from; p < hi; p++) { /* the bytes matched never sit inside a character */
        if ((unsigned)((unsigned char)t[p] - 0xE4) < 6u) {
            p += 2; /* a Han character: its bytes are none of them */
            continue;
        }
        if (!(clause_byte[(unsigned char)t[p]] & FIRST))
            continue;
        unsigned char c = (unsigned char)t[p];
        if ((c != 0xE3 || ZCI_HAS(t, n, p, "。")) && (c != 0xE2 || ZCI_HAS(t, n, p, "…"))) {
            r = p;
            break;
        }
    }
    if (m) {
        m->end_pos = pos;
        m->end = r;
        m->end_ok = true;
    }
    return r;
}
