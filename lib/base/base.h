/*
 * base.h -- the floor every other file stands on: memory (arena, vectors),
 * error reports, UTF-8 decoding and byte-level character helpers.
 * Internal to lib/; never installed. Includes nothing of lib/ but the
 * public header.
 */
#ifndef ZC_BASE_H
#define ZC_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* ZCI_SIMD_LEVEL picks the fast paths: 3 AVX2 where the CPU has it (checked
 * at run time), 2 SSE2 where the compiler has it, 1 eight bytes at a time on
 * little-endian machines, 0 a byte at a time. CI builds 0 and 1 too and
 * checks they give the same output as the default. */
#ifndef ZCI_SIMD_LEVEL
#define ZCI_SIMD_LEVEL 3
#endif
#if ZCI_SIMD_LEVEL >= 2 && defined(__SSE2__)
#define ZCI_USE_SSE2 1
#include <emmintrin.h> /* baseline on x86-64: zci_utf8_cjk_run checks 16 bytes at once */
#endif
#if ZCI_SIMD_LEVEL >= 1 && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ZCI_USE_WORDS 1
#endif
/* Level 3 (the default) adds AVX2 paths on x86-64, compiled for AVX2 alone
 * (a target attribute) and taken only when zci_cpu_avx2() says the CPU and
 * the OS have it: the library still runs on any x86-64. */
#if ZCI_SIMD_LEVEL >= 3 && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ZCI_USE_AVX2 1
#endif

#include "zhengce.h"

/* For the general case of a function whose common case is inline: kept out
 * of line, so that its callers save no registers for it on the common path. */
#if defined(__GNUC__) || defined(__clang__)
#define ZCI_NOINLINE __attribute__((noinline))
#else
#define ZCI_NOINLINE
#endif

/* For a function called once on a hot path, whose inlining the compiler's
 * size limits would otherwise grant or refuse as the caller grows. */
#if defined(__GNUC__) || defined(__clang__)
#define ZCI_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ZCI_ALWAYS_INLINE inline
#endif

/* ------------------------------------------------------------------ arena */

/* A bump allocator over zc_allocator: one per document, freed in one pass. */
typedef struct zci_block zci_block;
typedef struct zci_arena {
    zc_allocator a;
    zci_block *head;
    size_t used, cap; /* in head */
    size_t next_cap;  /* of the next small block; 0: the first */
} zci_arena;

void zci_arena_init(zci_arena *ar, const zc_allocator *a);
void *zci_arena_alloc(zci_arena *ar, size_t size); /* NULL on failure */
void zci_arena_release(zci_arena *ar);

/* A growable array outside the arena, for scratch records freed as soon as
 * a stage is done (the document keeps only what it returns). */
typedef struct zci_scratch {
    zc_allocator a;
    void *data;
    size_t len, cap, elem;
} zci_scratch;
#define ZCI_AT(v, type, i) (((type *)(v)->data)[i])

void zci_scratch_init(zci_scratch *s, const zc_allocator *a, size_t elem);
bool zci_scratch_grow(zci_scratch *s); /* double the capacity; false: no memory */
/* Make room for cap elements in all (an estimate from the text's length):
 * growing by doubling copies, and old and new arrays are alive together,
 * while pages of a large allocation nobody writes to cost no memory. False:
 * no memory (the array is as it was). */
bool zci_scratch_reserve(zci_scratch *s, size_t cap);
/* Append one zeroed element; returns it, or NULL when memory runs out.
 * Inline: the fold pushes a breakpoint every ~50 bytes of text. */
static inline void *zci_scratch_push(zci_scratch *s) {
    if (s->len == s->cap && !zci_scratch_grow(s))
        return NULL;
    void *slot = (char *)s->data + s->len++ * s->elem;
    memset(slot, 0, s->elem);
    return slot;
}
void zci_scratch_free(zci_scratch *s);

extern const zc_allocator zci_default_allocator;

/* Fill *err (when not NULL): the one way errors are reported. */
void zci_error_set(zc_error *err, zc_status code, size_t offset, uint32_t line, const char *msg);

/* A range of bytes [s, e) in the folded text (internal records use these;
 * zc_span is for the caller's original bytes only). */
typedef struct zci_range {
    uint32_t s, e; /* 32-bit: texts are shorter than 4 GiB (ZCI_TEXT_MAX) */
} zci_range;

/* ------------------------------------------------------------------- utf8 */

/* Decode one UTF-8 character at s (n bytes available). Returns its length
 * (1..4) and sets *cp, or returns 0 when the sequence is invalid (overlong,
 * surrogate, > U+10FFFF, truncated) and sets *bad to the length of the
 * maximal invalid prefix (>= 1). */
int zci_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int *bad);
/* 1-based line number of byte offset off (LF, CR and CRLF end lines). */
uint32_t zci_line_of(const char *s, size_t n, size_t off);

/* ------------------------------------------------------ character helpers */

static inline bool zci_is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool zci_is_ascii_alpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/* Start of the UTF-8 character that ends right before pos. */
static inline size_t zci_prev_char(const char *t, size_t pos) {
    if (pos == 0)
        return 0;
    size_t p = pos - 1;
    while (p > 0 && (((unsigned char)t[p]) & 0xC0) == 0x80)
        p--;
    return p;
}
/* A valid 3-byte UTF-8 sequence at u (n bytes there): E0 A0-BF, E1-EC,
 * ED 80-9F, EE-EF, then continuations. The common non-ASCII case; the rest
 * goes to zci_utf8_decode. */
static inline bool zci_utf8_valid3(const unsigned char *u, size_t n) {
    unsigned char c = u[0];
    return n >= 3 && c >= 0xE0 && c <= 0xEF && ((u[1] ^ 0x80) | (u[2] ^ 0x80)) < 0x40 &&
           (c != 0xE0 || u[1] >= 0xA0) && (c != 0xED || u[1] < 0xA0);
}
#if defined(ZCI_USE_SSE2)
/* 0xFF where a byte of v is E4-E9 (a CJK ideograph's lead: -28..-23 as a
 * signed byte), else 0. */
static inline __m128i zci_han_leads16(__m128i v) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-29)), _mm_cmplt_epi8(v, _mm_set1_epi8(-22)));
}
#endif
/* End of the run of CJK ideographs (U+4000..U+9FFF: E4-E9 then two
 * continuation bytes, all valid UTF-8) that starts at u[i], n bytes in all;
 * i if none starts there. Most of a Chinese text is such runs, and the fold
 * and the JSON writer step over them (validating them on the way). */
static inline size_t zci_utf8_cjk_run(const unsigned char *u, size_t i, size_t n) {
    size_t e = i;
#if defined(ZCI_USE_SSE2)
    /* 15 bytes a step (five characters, the 16th byte loaded unasked):
     * 0 3 6 9 12 should be E4-E9 and the rest continuations (as signed
     * bytes E4-E9 are -28..-23, continuations -128..-65); the first byte
     * that is not ends the run at the last whole character before it */
    while (e + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + e));
        __m128i lead = zci_han_leads16(v);
        __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
        /* lead at 0 3 6 9 12, continuation elsewhere (byte 15 not asked) */
        __m128i ok = _mm_or_si128(
            _mm_and_si128(lead, _mm_setr_epi8(-1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, 0)),
            _mm_and_si128(cont, _mm_setr_epi8(0, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0)));
        unsigned off = ~(unsigned)_mm_movemask_epi8(ok) & 0x7FFFu;
        /* the whole characters before the first byte that is off */
        static const uint8_t whole_before[16] = {0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9, 12, 12, 12, 15};
        if (off)
            return e + whole_before[__builtin_ctz(off)];
        e += 15;
    }
#elif defined(ZCI_USE_WORDS)
    /* two characters a step: bytes 1 2 4 5 continuations, 0 and 3 E4-E9
     * (one 8-byte load; the byte order fixes the masks) */
    while (e + 8 <= n) {
        uint64_t x;
        memcpy(&x, u + e, 8);
        if ((x & UINT64_C(0xC0C000C0C000)) != UINT64_C(0x808000808000) ||
            (unsigned)((x & 0xFF) - 0xE4) >= 6 || (unsigned)(((x >> 24) & 0xFF) - 0xE4) >= 6)
            break;
        e += 6;
    }
#endif
    /* E4-E9 then two continuation bytes (80-BF: xor 80 below 40) */
    while (e + 2 < n && (unsigned)(u[e] - 0xE4) < 6 &&
           ((u[e + 1] ^ 0x80) | (u[e + 2] ^ 0x80)) < 0x40)
        e += 3;
    return e;
}
/* End of the run of CJK ideographs (E4-E9 leads) that starts at u[i], in
 * text already checked to be valid UTF-8 (the folded text): only the lead
 * bytes are looked at, 0 3 6 9 12 of 16 a step. For the scans after the
 * fold, which step over the runs between their marks. */
static inline size_t zci_han_run_end(const unsigned char *u, size_t i, size_t n) {
    size_t e = i;
#if defined(ZCI_USE_SSE2)
    while (e + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + e));
        unsigned off = ~(unsigned)_mm_movemask_epi8(zci_han_leads16(v)) & 0x1249u; /* 0 3 6 9 12 */
        if (off)
            return e + (size_t)__builtin_ctz(off); /* a character start: no table */
        e += 15;
    }
#endif
    while (e + 3 <= n && (unsigned)(u[e] - 0xE4) < 6)
        e += 3;
    return e;
}
/* Start of the character holding byte p. */
static inline size_t zci_char_start(const char *t, size_t p) {
    while (p > 0 && (((unsigned char)t[p]) & 0xC0) == 0x80)
        p--;
    return p;
}
/* Length of the UTF-8 character starting at pos. Pass a character start: a
 * continuation byte gives 2, not 1. */
static inline size_t zci_char_len(const char *t, size_t n, size_t pos) {
    /* by the first byte's top four bits: 0-7 1, 8-D 2 (a continuation byte
     * too, as above), E 3, F 4; one look, as walks ask it per character */
    static const uint8_t len_by_top[16] = {1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 4};
    size_t l = len_by_top[(unsigned char)t[pos] >> 4];
    return pos + l <= n ? l : n - pos;
}
static inline bool zci_has(const char *t, size_t n, size_t pos, const char *w, size_t wl) {
    return pos + wl <= n && memcmp(t + pos, w, wl) == 0;
}
#define ZCI_HAS(t, n, pos, lit) zci_has((t), (n), (pos), (lit), sizeof(lit) - 1)
/* Does the word w (NUL-terminated) occur anywhere in t[r.s, r.e)? For short
 * spans (a table cell, a caption). */
static inline bool zci_range_has(const char *t, zci_range r, const char *w) {
    size_t l = strlen(w);
    for (size_t p = r.s; p + l <= r.e; p++)
        if (memcmp(t + p, w, l) == 0)
            return true;
    return false;
}
/* A CJK ideograph (U+4E00..U+9FFF, lead bytes E4..E9) at pos. */
static inline bool zci_is_han(const char *t, size_t n, size_t pos) {
    if (pos + 3 > n)
        return false;
    unsigned char c = (unsigned char)t[pos];
    return c >= 0xE4 && c <= 0xE9;
}

/* ---------------------------------------------------------------- decimal */

/* The number in s[0, n) (ASCII digits, '.', sign, exponent; under 128
 * bytes), read as strtod reads it in the C locale, whatever LC_NUMERIC is. */
double zci_strtod(const char *s, size_t n);
/* v as printf's "%.*g" writes it in the C locale, into out (NUL-terminated,
 * cap > 0); the length written. */
size_t zci_format_g(char *out, size_t cap, int precision, double v);

/* ------------------------------------------------------------------- cpu */

/* Can this CPU and OS run AVX2 code (CPUID leaf 7, with the YMM state
 * enabled by the OS)? Asked once per extractor. Always false unless
 * ZCI_USE_AVX2. */
bool zci_cpu_avx2(void);

#endif
