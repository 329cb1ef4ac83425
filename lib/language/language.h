/*
 * language.h -- what the stages know of written Chinese: the word tables of
 * lexicon.def, the regular expressions of patterns.def, numbers (Arabic,
 * Chinese, OCR-damaged) and punctuation (sentence and clause ends).
 * Everything here reads folded text and keeps no state between calls.
 * Internal to lib/; stands only on base.h.
 */
#ifndef ZC_LANGUAGE_H
#define ZC_LANGUAGE_H

#include "base.h"
#include "lexicon_ids.h" /* generated: zci_table_id, the numeral test, regex fragments */

/* ---------------------------------------------------------------- lexicon */

typedef struct zci_word {
    const char *w;
    uint16_t len;
    int16_t val;       /* enum value (bound, action, stage, unit class, role) */
    int16_t val2;      /* a second one where a table needs it (direction) */
    const char *canon; /* units: canonical form */
    double factor;     /* scales and numerals: the value */
} zci_word;

/* Roles of the Chinese numerals (CN_NUMERAL's enum column). */
enum {
    ZCI_NUM_DIGIT = 0,
    ZCI_NUM_DIGIT_MARKER = 1,    /* a digit that also numbers headings */
    ZCI_NUM_MAGNITUDE = 2,
    ZCI_NUM_MAGNITUDE_MARKER = 3 /* 十 */
};
/* NOUN_END's enum column: a word that ends the noun after a count only. */
enum { ZCI_NOUN_END_ALWAYS = 0, ZCI_NOUN_END_WORKS = 1 };
/* SECTION_CUE's second column: a plan period's name, the weaker cue. */
enum { ZCI_CUE_PLAIN = 0, ZCI_CUE_PERIOD = 1 };
/* SUBJECT_KEEP's enum column: a measure of something named before it
 * (增速, 总量), or one named whole (总投资) that asks for nothing more. */
enum { ZCI_KEEP_OF = 0, ZCI_KEEP_WHOLE = 1 };
/* Header-table fields (META_KEY's enum column). */
enum { ZCI_META_TITLE, ZCI_META_ISSUER, ZCI_META_DATE, ZCI_META_DOC_NUMBER };

/* Bit k set when some word of a table has first-character key k (see
 * zci_lex_first_key). */
extern const uint64_t zci_lex_first_mask[ZCI_LEX_COUNT][4];
/* Bit k set when some word of a table has last-character key k (see
 * zci_lex_last_key); and by a second key of the same character
 * (zci_lex_last_key2): a two-hash filter, so that a character that shares
 * one key with a word's (、 with ≥, before every number of a list) is out
 * before the table's words are compared. */
extern const uint64_t zci_lex_last_mask[ZCI_LEX_COUNT][4];
extern const uint64_t zci_lex_last_mask2[ZCI_LEX_COUNT][4];
/* Bit k set when some word of a table has second-character key k (the
 * first key of the bytes after its first character); all set for a table
 * not in ZCI_LEX_PAIR_SET. */
extern const uint64_t zci_lex_second_mask[ZCI_LEX_COUNT][4];
/* Is bit key of a table's 256-bit mask set? */
static inline bool zci_lex_key_in(const uint64_t mask[4], unsigned key) {
    return (mask[key >> 6] >> (key & 63)) & 1;
}
/* The bucket (0..255) of the character at s[pos], from its bytes after the
 * first (a Han character's second and third); false when it is cut off by n.
 * gen_lexicon.py's first_key is the same function. */
static inline bool zci_lex_first_key(const char *s, size_t n, size_t pos, unsigned *key) {
    unsigned char c = (unsigned char)s[pos];
    if (c < 0x80) {
        *key = c;
        return true;
    }
    if (pos + 1 >= n || (c >= 0xE0 && pos + 2 >= n))
        return false;
    unsigned k = ((unsigned char)s[pos + 1] & 63u) << 2;
    if (c >= 0xE0)
        k ^= (unsigned char)s[pos + 2] & 63u;
    *key = k & 255u;
    return true;
}
/* zci_lex_may_start for a 3-byte character whose bytes are all there. */
static inline bool zci_lex_may_start3(zci_table_id id, const unsigned char *u) {
    unsigned key = (((u[1] & 63u) << 2) ^ (u[2] & 63u)) & 255u;
    return zci_lex_key_in(zci_lex_first_mask[id], key);
}
/* zci_lex_may_start3, and for a table of two-character words
 * (ZCI_LEX_PAIR_SET) the second character's key too: 年 of 2023年 or 全年
 * starts no 年底, 一 of 一个 no 一季度. avail: the bytes there are from u. */
static inline bool zci_lex_may_start_han(zci_table_id id, const unsigned char *u, size_t avail) {
    if (!zci_lex_may_start3(id, u))
        return false;
    if (!((ZCI_LEX_PAIR_SET >> id) & 1))
        return true;
    return avail >= 6 &&
           zci_lex_key_in(zci_lex_second_mask[id], (((u[4] & 63u) << 2) ^ (u[5] & 63u)) & 255u);
}
/* Cheap test before zci_lex_at in loops over every character: false means
 * no word of the table starts at pos. For a table of Han words (id is a
 * constant: the test folds away) any other character is out at its first
 * byte. */
static inline bool zci_lex_may_start(zci_table_id id, const char *s, size_t n, size_t pos) {
    if ((ZCI_LEX_HAN_ONLY_SET >> id) & 1) {
        const unsigned char *u = (const unsigned char *)s + pos;
        return pos + 3 <= n && (unsigned)(u[0] - 0xE4) < 6u && zci_lex_may_start_han(id, u, n - pos);
    }
    unsigned key;
    return zci_lex_first_key(s, n, pos, &key) && zci_lex_key_in(zci_lex_first_mask[id], key);
}
/* The bucket (0..255) of the character that ends at s[pos] (not before lo),
 * from its last two bytes; false when no multi-byte word fits. gen_lexicon.py's
 * last_key is the same function. */
static inline bool zci_lex_last_key(const char *s, size_t lo, size_t pos, unsigned *key) {
    unsigned char c = (unsigned char)s[pos - 1];
    if (c < 0x80) {
        *key = c;
        return true;
    }
    if (pos - lo < 2)
        return false;
    *key = ((((unsigned char)s[pos - 2] & 63u) << 2) ^ (c & 63u)) & 255u;
    return true;
}
/* The second key of the character that ends at end (multi-byte: its last
 * two bytes the other way round). gen_lexicon.py's last_key2. */
static inline unsigned zci_lex_last_key2(const unsigned char *end) {
    if (end[-1] < 0x80)
        return end[-1];
    return (((end[-1] & 63u) << 2) ^ (end[-2] & 63u)) & 255u;
}
/* zci_lex_may_end past the first key: the second. */
static inline bool zci_lex_may_end2(zci_table_id id, const unsigned char *end) {
    unsigned key = zci_lex_last_key2(end);
    return zci_lex_key_in(zci_lex_last_mask2[id], key);
}
/* zci_lex_may_end for a 3-byte character that ends right before end. */
static inline bool zci_lex_may_end3(zci_table_id id, const unsigned char *end) {
    unsigned key = (((end[-2] & 63u) << 2) ^ (end[-1] & 63u)) & 255u;
    return zci_lex_key_in(zci_lex_last_mask[id], key) && zci_lex_may_end2(id, end);
}
/* Cheap test before zci_lex_before in backward loops: false means no word of
 * the table ends at s[pos] (pos > lo). */
static inline bool zci_lex_may_end(zci_table_id id, const char *s, size_t lo, size_t pos) {
    unsigned key;
    return zci_lex_last_key(s, lo, pos, &key) &&
           zci_lex_key_in(zci_lex_last_mask[id], key) &&
           zci_lex_may_end2(id, (const unsigned char *)s + pos);
}
/* zci_lex_at past its first-character test. */
const zci_word *zci_lex_at_bucket(zci_table_id id, const char *s, size_t n, size_t pos);
/* Longest word of table id starting at s[pos] (within n). NULL if none.
 * Inline: most calls end at the first-character test. */
static inline const zci_word *zci_lex_at(zci_table_id id, const char *s, size_t n, size_t pos) {
    return pos < n && zci_lex_may_start(id, s, n, pos) ? zci_lex_at_bucket(id, s, n, pos) : NULL;
}
/* zci_lex_before past its last-character test. */
const zci_word *zci_lex_before_bucket(zci_table_id id, const char *s, size_t lo, size_t pos);
/* Longest word of table id ending exactly at s[pos] (not before lo). Inline:
 * most calls end at the last-character test. */
static inline const zci_word *zci_lex_before(zci_table_id id, const char *s, size_t lo,
                                             size_t pos) {
    return pos > lo && zci_lex_may_end(id, s, lo, pos) ? zci_lex_before_bucket(id, s, lo, pos)
                                                       : NULL;
}
/* First (leftmost) word of table id inside [lo, hi) of s (n bytes readable);
 * *at gets its offset. avx2 (zci_cpu_avx2() said yes): the words of a
 * table of Han words are looked for 32 bytes a step. */
const zci_word *zci_lex_find(zci_table_id id, const char *s, size_t n, size_t lo, size_t hi,
                             bool avx2, size_t *at);
#if defined(ZCI_USE_AVX2)
/* The first Han character in [p, hi) of s (n bytes readable) where a word of
 * table id may start (zci_lex_may_start3), else hi: 32 positions a step.
 * AVX2 code: call it only where zci_cpu_avx2() said yes. */
size_t zci_lex_next_han(zci_table_id id, const char *s, size_t n, size_t p, size_t hi);
#endif
/* Last (rightmost) word of table id inside [lo, hi) that ends after
 * ends_after (lo for any); *at gets its offset. */
const zci_word *zci_lex_rfind(zci_table_id id, const char *s, size_t n, size_t lo,
                              size_t ends_after, size_t hi, bool avx2, size_t *at);
/* The entries of ZCI_LEX_CN_NUMERAL (the numerals' table, read by index):
 * zci_cn_numeral runs for every Chinese numeral of the text, too often for
 * a call. */
extern const zci_word *const zci_cn_numeral_words;

/* The three bytes at s as one number, first byte lowest (one load on
 * little-endian machines): the key of zci_cn_numeral_index. */
static inline uint32_t zci_char3_key(const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16;
}

/* The Chinese numeral at t[pos] (零〇一二两三四五六七八九十百千万亿), or NULL.
 * Called for every Han character of the text: one hash probe decides. */
static inline const zci_word *zci_cn_numeral(const char *t, size_t n, size_t pos) {
    if (pos + 3 > n)
        return NULL;
    int i = zci_cn_numeral_index(zci_char3_key(t + pos));
    return i < 0 ? NULL : &zci_cn_numeral_words[i];
}

/* The Chinese characters that write a year's digits (一九五三年, 二〇二〇年;
 * ○ for 〇 as older typesetting has it: 一九八○年), by their last byte: the
 * twelve end in twelve different bytes, so the last byte picks the one
 * character it may be (key: its three bytes as zci_char3_key reads them). */
typedef struct zci_year_digit {
    uint32_t key; /* 0: no digit ends in this byte */
    int8_t digit;
} zci_year_digit;
extern const zci_year_digit zci_year_digits[256];

/* May a year in Chinese digits start at t (一九五三年, 二〇二〇年: the years
 * 1900..2199 start with 一 or 二)? t holds a whole character. */
static inline bool zci_cn_year_may_start(const char *t) {
    const unsigned char *u = (const unsigned char *)t;
    return u[0] == 0xE4 && ((u[1] == 0xB8 && u[2] == 0x80) || (u[1] == 0xBA && u[2] == 0x8C));
}

/* zci_year_before once the character before the 年 may be a digit. */
int32_t zci_year_written(const char *t, size_t lo, size_t nian, size_t *start);

/* The year written right before the 年 at t[nian] and not before lo:
 * four ASCII digits (2023年) or four Chinese ones (一九五三年), not run on
 * from a longer number; 1900..2199, else 0. *start gets where it is
 * written. The byte before the 年 turns most away (今年 去年 全年 多年)
 * here, without a call. */
static inline int32_t zci_year_before(const char *t, size_t lo, size_t nian, size_t *start) {
    unsigned char c = nian > lo ? (unsigned char)t[nian - 1] : 0;
    if (!zci_is_ascii_digit((char)c) && !zci_year_digits[c].key)
        return 0;
    return zci_year_written(t, lo, nian, start);
}

/* Where the 年 of a year written from t[s] stands: four digits on (2023年),
 * or four Chinese ones (一九五三年). */
static inline size_t zci_year_nian(const char *t, size_t s) {
    return s + (zci_is_ascii_digit(t[s]) ? 4 : 12);
}

/* The year written from t[s] (2023年, 一九五三年) with its 年 before n: its
 * value as zci_year_before gives it, and *end after the 年; else 0. */
static inline int32_t zci_year_at(const char *t, size_t n, size_t s, size_t *end) {
    if (s >= n)
        return 0;
    size_t nian = zci_year_nian(t, s), start;
    if (nian + 3 > n || !ZCI_HAS(t, n, nian, "年"))
        return 0;
    int32_t y = zci_year_before(t, s, nian, &start);
    if (!y || start != s)
        return 0;
    *end = nian + 3;
    return y;
}

/* --------------------------------------------------------------- patterns */

typedef enum zci_pattern_id {
#define ZC_PATTERN(id, regex) ZCI_PAT_##id,
#define ZC_MARKER(id, kind, runs_inline, regex) ZCI_PAT_##id,
#include "patterns.def"
#undef ZC_PATTERN
#undef ZC_MARKER
    ZCI_PAT_COUNT
} zci_pattern_id;

typedef struct zci_patterns zci_patterns;
typedef struct zci_matcher zci_matcher;

zc_status zci_patterns_new(const zc_allocator *a, zci_patterns **out, zc_error *err);
void zci_patterns_free(zci_patterns *p);
/* Per-document match state (PCRE2 match data). The first failure other
 * than "no match" (a match limit, no memory) is kept in *status. */
zci_matcher *zci_matcher_new(const zci_patterns *p);
void zci_matcher_free(zci_matcher *m);
zc_status zci_matcher_status(const zci_matcher *m);
/* Match pattern id anchored at s[pos]; on success returns true and fills
 * ovec[0..2*nvec) with group offsets (unset groups: SIZE_MAX). s must be
 * valid UTF-8 (it is checked once, on entry). A PCRE2 error is no match
 * here and is recorded for zci_matcher_status(). */
bool zci_match(zci_matcher *m, zci_pattern_id id, const char *s, size_t n, size_t pos,
               size_t *ovec, int nvec);

/* ---------------------------------------------------------------- numbers */

typedef struct zci_number {
    size_t start, end; /* folded offsets of the number as written */
    double value;
    bool chinese;      /* written in Chinese numerals */
    bool ocr;          /* read through OCR damage (IIOO) */
    bool has_fraction; /* 2.3 */
    bool percent_word; /* 百分之二十: a percentage written in words */
    bool magnitude_only; /* 万亿 千亿 百万: no digit; value 1, 10, 100 or 1000 */
} zci_number;

/* Read a number starting at t[pos]: Arabic (1,000 / 1.5), Chinese (两千 十五
 * 一万 百分之二十) or OCR-damaged Arabic (IIOO). Returns false if none starts
 * there. *scanned gets the end of what was looked at, so a caller scanning
 * forward never reads the same failed run twice. */
bool zci_number_at(zci_matcher *m, const char *t, size_t n, size_t pos, zci_number *out,
                   size_t *scanned);
/* Value of a Chinese numeral in t[start,end): 二十三 -> 23, 两千 -> 2000.
 * Returns false when the run is not one well-formed number (十四五). */
bool zci_chinese_value(const char *t, size_t start, size_t end, double *value);

/* ------------------------------------------------------------ punctuation */

/* Ends a sentence: 。 ! ? ; and their ASCII folds, or a line end (*len its
 * bytes). Inline: the walks ask it of character after character. */
static inline bool zci_is_sentence_end(const char *t, size_t n, size_t pos, size_t *len) {
    /* one table look for most bytes: \n ! ? ; and E3, the first byte of 。 */
    static const bool may_end[256] = {['\n'] = true, ['!'] = true, ['?'] = true, [';'] = true,
                                      [0xE3] = true};
    unsigned char c = (unsigned char)t[pos];
    if (!may_end[c])
        return false;
    if (c != 0xE3) {
        *len = 1;
        return true;
    }
    if (ZCI_HAS(t, n, pos, "。")) {
        *len = 3;
        return true;
    }
    return false;
}
/* Does a sentence end just before p (p > 0)? With period_only only 。 and a
 * line end count. One byte tells, except 。 (E3 80 82). */
static inline bool zci_sentence_end_before(const char *t, size_t p, bool period_only) {
    unsigned char c = (unsigned char)t[p - 1];
    return c == '\n' || (c == 0x82 && p >= 3 && t[p - 2] == '\x80' && t[p - 3] == '\xE3') ||
           (!period_only && (c == '!' || c == '?' || c == ';'));
}
#if defined(ZCI_USE_SSE2)
/* The bytes of t[pos - 16, pos) that may end a sentence, a bit each: the
 * one at bit b ends one just before pos - 15 + b if zci_sentence_end_before
 * says so. */
static inline unsigned zci_sentence_end_bytes(const char *t, size_t pos, bool period_only) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + pos - 16));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x82)));
    if (!period_only) {
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('!')));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('?')));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(';')));
    }
    return (unsigned)_mm_movemask_epi8(hit);
}
/* The last sentence start among the bytes m marks of t[pos - 16, pos), or
 * SIZE_MAX. */
static inline size_t zci_last_sentence_end(const char *t, size_t pos, unsigned m,
                                           bool period_only) {
    for (; m; m &= ~(1u << (31u - (unsigned)__builtin_clz(m)))) {
        unsigned b = 31u - (unsigned)__builtin_clz(m);
        if (zci_sentence_end_before(t, pos - 15 + b, period_only))
            return pos - 15 + b;
    }
    return SIZE_MAX;
}
#endif
/* Where the sentence holding pos starts, looked for back to lo: the last p
 * in (lo, pos] with a sentence end just before it (zci_sentence_end_before),
 * else lo. 16 bytes a step where SSE2 is: a figure's sentence may begin
 * hundreds of bytes back, or a few bytes (the gap between two figures: one
 * step, the bytes before lo masked off). */
static inline size_t zci_sentence_start_back(const char *t, size_t lo, size_t pos,
                                             bool period_only) {
#if defined(ZCI_USE_SSE2)
    size_t r;
    for (; pos >= lo + 16; pos -= 16)
        if ((r = zci_last_sentence_end(t, pos, zci_sentence_end_bytes(t, pos, period_only),
                                       period_only)) != SIZE_MAX)
            return r;
    if (pos > lo && pos >= 16) {
        unsigned m = zci_sentence_end_bytes(t, pos, period_only) & (0xFFFFu << (16 - (pos - lo)));
        r = zci_last_sentence_end(t, pos, m, period_only);
        return r != SIZE_MAX ? r : lo;
    }
#endif
    while (pos > lo && !zci_sentence_end_before(t, pos, period_only))
        pos--;
    return pos;
}
/* Ends a clause: a sentence end, or , : ( ) 、 … */
static inline bool zci_is_clause_end(const char *t, size_t n, size_t pos, size_t *len) {
    if (zci_is_sentence_end(t, n, pos, len))
        return true;
    unsigned char c = (unsigned char)t[pos];
    if (c == ',' || c == ':' || c == '(' || c == ')') {
        *len = 1;
        return true;
    }
    if ((c == 0xE3 && ZCI_HAS(t, n, pos, "、")) || (c == 0xE2 && ZCI_HAS(t, n, pos, "…"))) {
        *len = 3;
        return true;
    }
    return false;
}

/* How far a clause is looked for around a number: ~80 characters. */
#define ZCI_CLAUSE_MAX 240
/* The last answers of zci_clause_start and zci_clause_end, kept by a caller
 * that asks in text order: the figures of one long clause (a 分别 list of
 * hundreds) then cost a walk over what lies between them, not over the
 * clause each. Zero-initialise; one per sequence of questions. */
/* The memos below let figures asked about in text order walk only the text
 * between them; they never change an answer. Built with -DZCI_NO_MEMO they
 * are never used, and CI checks that build writes what the default writes. */
#ifdef ZCI_NO_MEMO
#define ZCI_MEMOS 0
#else
#define ZCI_MEMOS 1
#endif

typedef struct zci_clause_memo {
    size_t start_pos, start, end_pos, end; /* asked at *_pos, answered * */
    bool start_ok, end_ok;
} zci_clause_memo;
/* Start of the clause that ends at pos: after the last , ; 。 : ! ? or line
 * end (、 does not end it); a ')' skips back over its aside; an unmatched
 * '(' starts the clause. m may be NULL. */
size_t zci_clause_start(zci_clause_memo *m, const char *t, size_t n, size_t pos);
/* End of the clause that starts at pos (exclusive); 、 does not end it. m
 * may be NULL. */
size_t zci_clause_end(zci_clause_memo *m, const char *t, size_t n, size_t pos);

#endif
