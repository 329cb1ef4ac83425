/*
 * 01_text.c -- validate UTF-8 and fold the text for matching, in one pass,
 * with a map back to the caller's bytes; cut noise out of the folded text.
 *
 * Why not utf8proc_map (NFKC) on the whole text: it allocates behind the
 * caller's allocator and runs at ~130 MB/s. Only a few hundred code points
 * matter here (full-width ASCII, ideographic space, dashes, zero-width
 * characters), so the fold table is computed once per extractor *from*
 * utf8proc's compatibility decompositions and categories, and the hot loop
 * is a table lookup.
 *
 * The offset map stores a breakpoint only where a character's byte length
 * changes (，→, is 3 bytes to 1), about one every 50 bytes, in blocks of
 * 16-bit distances (pipeline.h): ~4 bytes a breakpoint, 1/50 of the memory
 * of a full map.
 */
#include <iconv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "pipeline.h"
#if defined(ZCI_USE_AVX2)
#include <immintrin.h>
#endif

/* Dashes and tildes unified to '-' so ranges read one way: 2—3 2～3 2~3. */
static const uint32_t dash_like[] = {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212};

/* The fold of one code point by utf8proc: its compatibility decomposition
 * when that is a single printable ASCII character; DROP for format
 * characters (zero-width space and joiners, BOM); KEEP otherwise. */
static uint8_t fold_of(uint32_t cp) {
    for (size_t i = 0; i < sizeof dash_like / sizeof dash_like[0]; i++)
        if (cp == dash_like[i])
            return '-';
    if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CF)
        return ZCI_FOLD_DROP;
    /* Superscripts and other number forms must not turn into digits. */
    if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_NO)
        return ZCI_FOLD_KEEP;
    utf8proc_int32_t out[4];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, out, 4,
                                                 UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &last);
    if (k == 1 && out[0] >= 0x20 && out[0] < 0x7F)
        return out[0] == '~' ? '-' : (uint8_t)out[0];
    return ZCI_FOLD_KEEP;
}

void zci_fold_table_build(zci_fold_table *ft) {
    memset(ft, 0, sizeof *ft);
    for (uint32_t i = 0; i < 0x80; i++)
        ft->latin1[i] = (0x80 + i == 0xA0) ? ' ' : (0x80 + i == 0xAD ? ZCI_FOLD_DROP : 0);
    for (uint32_t i = 0; i < 0x70; i++)
        ft->punct[i] = fold_of(0x2000 + i);
    for (uint32_t i = 0; i < 0x40; i++)
        ft->cjk[i] = fold_of(0x3000 + i);
    for (uint32_t i = 0; i < 0xF0; i++)
        ft->wide[i] = fold_of(0xFF00 + i);
    /* 、 。 「 」 and friends keep their identity: only spacing folds. */
    ft->cjk_kept = true;
    for (uint32_t i = 1; i < 0x40; i++) {
        if (ft->cjk[i] != ZCI_FOLD_DROP)
            ft->cjk[i] = ZCI_FOLD_KEEP;
        ft->cjk_kept &= ft->cjk[i] == ZCI_FOLD_KEEP;
    }
}

/* The fold of a decoded code point. */
static uint8_t lookup(const zci_fold_table *ft, uint32_t cp) {
    if (cp < 0x80)
        return ZCI_FOLD_KEEP;
    if (cp < 0x100)
        return ft->latin1[cp - 0x80];
    if (cp >= 0x2000 && cp < 0x2070)
        return ft->punct[cp - 0x2000];
    if (cp == 0x2212)
        return '-';
    if (cp >= 0x3000 && cp < 0x3040)
        return ft->cjk[cp - 0x3000];
    if (cp == 0xFEFF)
        return ZCI_FOLD_DROP;
    if (cp >= 0xFF00 && cp < 0xFFF0)
        return ft->wide[cp - 0xFF00];
    return ZCI_FOLD_KEEP;
}

static void bp_list_init(zci_bp_list *l, const zc_allocator *a) {
    zci_scratch_init(&l->block, a, sizeof(zci_breakpoint));
    zci_scratch_init(&l->step, a, sizeof(zci_bp_step));
    l->base = (zci_breakpoint){0, 0};
}

static bool bp_list_reserve(zci_bp_list *l, size_t n) {
    return zci_scratch_reserve(&l->step, n) &&
           zci_scratch_reserve(&l->block, n / ZCI_BP_BLOCK + 1);
}

static void bp_list_free(zci_bp_list *l) {
    zci_scratch_free(&l->block);
    zci_scratch_free(&l->step);
}

/* The list's last breakpoint (it has one). */
static zci_breakpoint bp_list_last(const zci_bp_list *l) {
    zci_breakpoint b = ZCI_AT(&l->block, zci_breakpoint, l->block.len - 1);
    zci_bp_step d = ZCI_AT(&l->step, zci_bp_step, l->step.len - 1);
    return (zci_breakpoint){b.f + d.f, b.o + d.o};
}

static void bp_list_pop(zci_bp_list *l) {
    if (--l->step.len % ZCI_BP_BLOCK == 0)
        l->block.len--;
}

/* breakpoint()'s way when the array is full or the next breakpoint starts
 * a block: a new block, after filling the last one with its last
 * breakpoint if it is not full. */
static bool breakpoint_slow(zci_bp_list *l, size_t f, size_t o) {
    size_t k = l->step.len, df = f - l->base.f, dd = o - l->base.o;
    if (k % ZCI_BP_BLOCK && (df | dd) <= UINT16_MAX) { /* it fits: grow */
        zci_bp_step *d = zci_scratch_push(&l->step);
        if (!d)
            return false;
        *d = (zci_bp_step){(uint16_t)df, (uint16_t)dd};
        return true;
    }
    if (k % ZCI_BP_BLOCK) { /* too far from the block's first */
        zci_bp_step last = ZCI_AT(&l->step, zci_bp_step, k - 1);
        for (; k % ZCI_BP_BLOCK; k++) {
            zci_bp_step *d = zci_scratch_push(&l->step);
            if (!d)
                return false;
            *d = last;
        }
    }
    zci_breakpoint *b = zci_scratch_push(&l->block);
    if (!b || !zci_scratch_push(&l->step)) /* the first of a block: distance 0 */
        return false;
    *b = l->base = (zci_breakpoint){(uint32_t)f, (uint32_t)o};
    return true;
}

/* Does the next breakpoint go into the array as it is: in the last block,
 * with room left? */
static inline bool breakpoint_fits(const zci_bp_list *l, size_t f, size_t o) {
    size_t k = l->step.len;
    return k % ZCI_BP_BLOCK != 0 && ((f - l->base.f) | (o - l->base.o)) <= UINT16_MAX &&
           k != l->step.cap;
}

/* Put the next breakpoint, which fits. */
static inline void breakpoint_put(zci_bp_list *l, size_t f, size_t o) {
    size_t k = l->step.len;
    ((zci_bp_step *)l->step.data)[k] =
        (zci_bp_step){(uint16_t)(f - l->base.f), (uint16_t)(o - l->base.o)};
    l->step.len = k + 1;
}

/* Record that folded offset f now corresponds to original offset o (both
 * below ZCI_TEXT_MAX: checked on entry, and for lossy growth at the end;
 * neither below the last breakpoint's). Inline: one every ~50 bytes. */
static inline bool breakpoint(zci_bp_list *l, size_t f, size_t o) {
    if (!breakpoint_fits(l, f, o))
        return breakpoint_slow(l, f, o);
    breakpoint_put(l, f, o);
    return true;
}

/* Free the text's breakpoints. */
static void text_bp_free(const zc_allocator *a, zci_text *tx) {
    if (tx->bp_block)
        a->dealloc(tx->bp_block, a->ud);
    if (tx->bp_step)
        a->dealloc(tx->bp_step, a->ud);
    tx->bp_block = NULL;
    tx->bp_step = NULL;
    tx->nbp = 0;
}

/* The text takes the list's arrays (freeing its own). */
static void bp_list_hand_to(zci_bp_list *l, const zc_allocator *a, zci_text *tx) {
    text_bp_free(a, tx);
    tx->bp_block = l->block.data;
    tx->bp_step = l->step.data;
    tx->nbp = l->step.len;
}

static void utf8_error(zc_error *err, const char *s, size_t n, size_t off) {
    static const char hex[] = "0123456789abcdef";
    char msg[64] = "invalid UTF-8 sequence starting with byte 0x??";
    unsigned b = (unsigned char)s[off];
    msg[strlen(msg) - 2] = hex[b >> 4];
    msg[strlen(msg) - 1] = hex[b & 15];
    zci_error_set(err, ZC_ERR_INVALID_UTF8, off, zci_line_of(s, n, off), msg);
}

/* Copy the pending unchanged bytes orig[from, i) to t + f; the new f. */
static size_t copy_pending(char *t, size_t f, const unsigned char *u, size_t from, size_t i) {
    memcpy(t + f, u + from, i - from);
    return f + (i - from);
}

/* Where the fold is: input byte i is next; orig[from, i) folds to itself and
 * is not copied yet (the byte loop copies it to t + f in one memcpy when a
 * character that changes comes, or at the end). */
typedef struct fold_at {
    size_t i, f, from;
} fold_at;

/* The fold of the full-width form at u[i] (EF BC 80 - EF BD BF, U+FF00-FF7F:
 * ，：（）％ and the most of what folds), or false if none is there. */
static inline bool wide_form(const zci_fold_table *ft, const unsigned char *u, size_t i, size_t n,
                             uint8_t *k) {
    if (u[i] != 0xEF || i + 2 >= n || (u[i + 1] & 0xFE) != 0xBC || (u[i + 2] & 0xC0) != 0x80)
        return false;
    *k = ft->wide[(u[i + 1] & 1) << 6 | (u[i + 2] & 0x3F)];
    return true;
}

/* The fold of the valid three-byte character at u[i] (the punctuation of
 * E2, E3 and EF leads), or false if none is there. */
static inline bool fold_of3(const zci_fold_table *ft, const unsigned char *u, size_t i, size_t n,
                            uint8_t *k) {
    if (wide_form(ft, u, i, n, k))
        return true;
    if (!zci_utf8_valid3(u + i, n - i))
        return false;
    *k = lookup(ft, (uint32_t)(u[i] & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 |
                        (u[i + 2] & 0x3F));
    return true;
}

#if defined(ZCI_USE_AVX2)
/* Leave the fold at b, all before it stored, for the byte loop. */
static inline void break_at(fold_at *at, size_t b, size_t f, size_t from) {
    *at = (fold_at){b, f + (b - from), b};
}

/*
 * The fold of the text from at->i (a character start that no character runs
 * over; nothing pending) on, 32 bytes a step while 66 bytes are left. A
 * block is passed when it holds only characters the fold keeps without a
 * look: ASCII but CR and '~', and the three-byte characters of leads E3-E9
 * (U+3000-U+9FFF: CJK punctuation, kana, ideographs) but U+3000, the
 * ideographic space (E3 characters only when the table keeps all of
 * U+3001-U+303F). Such text is valid UTF-8 when every lead is followed by
 * two continuation bytes and every continuation byte follows such a lead:
 * one compare of bit masks a block. Each block is stored as it is read (no
 * copy call: a call would spill the vector registers). The characters that
 * stop a block are folded here when they are CR, '~' or three-byte (，：（）
 * “” U+3000, the most of what folds); at any other (or a broken one) at->i
 * is left on it for the byte loop, with nothing pending. The Chinese prose of
 * the corpus stops a block every ~50 bytes, mostly at a ，.
 */
__attribute__((target("avx2"))) static void fold_avx2(const zci_fold_table *ft, zci_bp_list *bp,
                                                      char *t, const unsigned char *u, size_t n,
                                                      fold_at *at) {
    const __m256i lead_lo = _mm256_set1_epi8((char)(ft->cjk_kept ? 0xE2 : 0xE3)),
                  lead_hi = _mm256_set1_epi8((char)0xEA), cont_hi = _mm256_set1_epi8((char)0xC0),
                  cr = _mm256_set1_epi8('\r'), tilde = _mm256_set1_epi8('~'),
                  e3 = _mm256_set1_epi8((char)0xE3), x80 = _mm256_set1_epi8((char)0x80);
    /* input byte p goes to t + f + (p - from); from is past the last fold */
    size_t f = at->f, from = at->i, pos = at->i;
    uint32_t prev_leads = 0; /* of the block before: its last two bytes' carry over */
    /* (66: a block, and the bytes up to the next 32-byte store) */
    while (pos + 66 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + pos));
        _mm256_storeu_si256((__m256i *)(void *)(t + f + (pos - from)), v); /* (pos >= from) */
        /* signed compares: 80-BF are -128..-65, E3-E9 -29..-23, ASCII >= 0 */
        uint32_t leads = (uint32_t)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_cmpgt_epi8(v, lead_lo), _mm256_cmpgt_epi8(lead_hi, v)));
        uint32_t conts = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(cont_hi, v));
        uint32_t e3s = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, e3));
        uint32_t x80s = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, x80));
        /* U+3000 is E3 80 80 (one in the last two bytes is passed to the
         * byte loop, which decides), and CR and '~' fold */
        uint32_t folds = (e3s & ((x80s >> 1 & x80s >> 2) | 0xC0000000u)) |
                         (uint32_t)_mm256_movemask_epi8(
                             _mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, tilde)));
        /* the high bytes that are neither leads nor continuations */
        uint32_t others = (uint32_t)_mm256_movemask_epi8(v) ^ leads ^ conts;
        /* bit j + 2 of lead2: a lead at j (j = -2, -1 from the block before) */
        uint64_t lead2 = (uint64_t)leads << 2 | prev_leads >> 30;
        uint32_t want_cont = (uint32_t)(lead2 | lead2 >> 1);
        uint32_t bad = others | folds | (conts ^ want_cont);
        if (!bad) {
            prev_leads = leads;
            pos += 32;
            continue;
        }
        /* the first bad byte: the characters of three bytes, CR and '~' are
         * folded here and the blocks go on after them; anything else (or a
         * fold whose breakpoint needs the slow way, a call, which would spill
         * the vector registers) is the byte loop's */
        unsigned k = (unsigned)__builtin_ctz(bad);
        size_t b = pos + k, len = 3;
        uint8_t fold = ZCI_FOLD_KEEP;
        if (want_cont >> k & 1) { /* a broken character: from its start */
            b -= lead2 >> (k + 1) & 1 ? 1 : 2;
            break_at(at, b, f, from);
            return;
        }
        if (u[b] == '~' || (u[b] == '\r' && u[b + 1] != '\n')) {
            t[f + (b - from)] = u[b] == '~' ? '-' : '\n'; /* (stored: one byte for one) */
            len = 1;
        } else if (u[b] == '\r') {
            len = 1;
            fold = ZCI_FOLD_DROP;
        } else if (!fold_of3(ft, u, b, n, &fold)) {
            break_at(at, b, f, from);
            return;
        }
        if (fold != ZCI_FOLD_KEEP) {
            size_t to = f + (b - from) + (fold != ZCI_FOLD_DROP);
            if (!breakpoint_fits(bp, to, b + len)) {
                break_at(at, b, f, from);
                return;
            }
            if (fold != ZCI_FOLD_DROP)
                t[to - 1] = (char)fold;
            f = to;
            from = b + len;
            breakpoint_put(bp, f, from);
        } else if (len == 3) { /* kept: stored, but for what runs over the block */
            _mm256_storeu_si256((__m256i *)(void *)(t + f + (b - from)),
                                _mm256_loadu_si256((const __m256i *)(const void *)(u + b)));
        }
        pos = b + len;
        prev_leads = 0;
    }
    /* the blocks stop: at the start of a character that runs over the last */
    pos -= prev_leads >> 31 ? 1 : prev_leads >> 30 & 1 ? 2 : 0;
    *at = (fold_at){pos, f + (pos - from), pos};
}
#endif

/*
 * Fold orig into out->t. Arguments: ft the fold table; a the allocator;
 * lossy writes U+FFFD for invalid sequences instead of failing; avx2 takes
 * the AVX2 scan over the text that folds to itself. Returns
 * ZC_OK, or ZC_ERR_INVALID_UTF8 / ZC_ERR_NOMEM with err filled.
 */
zc_status zci_text_fold(const zci_fold_table *ft, const zc_allocator *a, const char *orig, size_t olen,
                        bool lossy, bool avx2, zci_text *out, zc_error *err) {
    zci_bp_list bp;
    bp_list_init(&bp, a);
    memset(out, 0, sizeof *out);
    out->orig = orig;
    out->olen = olen;
    out->first_replacement = ZC_NO_OFFSET;
    if (olen > ZCI_TEXT_MAX) {
        zci_error_set(err, ZC_ERR_TOO_LARGE, ZCI_TEXT_MAX, 0,
                      "text of 4 GiB or more: offsets inside are 32-bit");
        return ZC_ERR_TOO_LARGE;
    }
    /* U+FFFD is 3 bytes and may replace a single bad byte: worst case 3x. */
    size_t cap = lossy ? (olen > SIZE_MAX / 3 - 1 ? 0 : olen * 3 + 1)
                       : (olen == SIZE_MAX ? 0 : olen + 1);
    char *t = cap ? a->alloc(cap, a->ud) : NULL;
    /* Chinese prose has a breakpoint every ~50 bytes (，→ , mostly) */
    if (!t || !bp_list_reserve(&bp, olen / 32 + 256))
        goto nomem;
    const unsigned char *u = (const unsigned char *)orig;
    fold_at at = {0, 0, 0};
    (void)avx2;
    while (at.i < olen) {
#if defined(ZCI_USE_AVX2)
        if (avx2) {
            at.f = copy_pending(t, at.f, u, at.from, at.i);
            at.from = at.i;
            fold_avx2(ft, &bp, t, u, olen, &at);
            if (at.i >= olen)
                break;
        }
#endif
        size_t i = at.i;
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c != '\r' && c != '~') {
                at.i++;
                continue;
            }
            at.f = copy_pending(t, at.f, u, at.from, i);
            if (c == '~') {
                t[at.f++] = '-';
                at.from = ++at.i;
                continue;
            }
            bool crlf = i + 1 < olen && u[i + 1] == '\n';
            if (!crlf) {
                t[at.f++] = '\n';
                at.from = ++at.i;
                continue;
            }
            at.from = ++at.i; /* CRLF: drop the CR */
            if (!breakpoint(&bp, at.f, at.i))
                goto nomem;
            continue;
        }
        /* Fast path: a run of CJK ideographs (U+4000..U+9FFF) never folds;
         * validate the run and leave it pending. */
        if (c >= 0xE4 && c <= 0xE9) {
            size_t e = zci_utf8_cjk_run(u, i, olen);
            if (e > i) {
                at.i = e;
                continue;
            }
        }
        /* 、 。 《 》 and the other CJK punctuation (E3 80 80-BF) that keep
         * their identity: one table look, no decoding */
        if (c == 0xE3 && i + 2 < olen && u[i + 1] == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
            ft->cjk[u[i + 2] & 0x3F] == ZCI_FOLD_KEEP) {
            at.i += 3;
            continue;
        }
        /* the punctuation is three-byte (E2, E3 and EF leads): decoded and
         * looked up by fold_of3; anything else by the general decoder */
        uint8_t k;
        int l = 3;
        if (!fold_of3(ft, u, i, olen, &k)) {
            uint32_t cp;
            int bad = 0;
            l = zci_utf8_decode(u + i, olen - i, &cp, &bad);
            if (!l) {
                if (!lossy) {
                    utf8_error(err, orig, olen, i);
                    bp_list_free(&bp);
                    out->t = t;
                    zci_text_free(a, out);
                    return ZC_ERR_INVALID_UTF8;
                }
                if (out->replacements++ == 0)
                    out->first_replacement = i;
                at.f = copy_pending(t, at.f, u, at.from, i);
                memcpy(t + at.f, "\xEF\xBF\xBD", 3);
                at.f += 3;
                at.from = at.i += (size_t)bad;
                if ((size_t)bad != 3 && !breakpoint(&bp, at.f, at.i))
                    goto nomem;
                continue;
            }
            k = lookup(ft, cp);
        }
        if (k == ZCI_FOLD_KEEP) {
            at.i += (size_t)l;
            continue;
        }
        at.f = copy_pending(t, at.f, u, at.from, i);
        if (k != ZCI_FOLD_DROP)
            t[at.f++] = (char)k;
        at.from = at.i += (size_t)l;
        if (!breakpoint(&bp, at.f, at.i))
            goto nomem;
    }
    size_t f = copy_pending(t, at.f, u, at.from, at.i);
    t[f] = '\0';
    out->t = t;
    out->n = f;
    bp_list_hand_to(&bp, a, out);
    if (f > ZCI_TEXT_MAX) { /* lossy: replacement characters grew it */
        zci_text_free(a, out);
        zci_error_set(err, ZC_ERR_TOO_LARGE, ZC_NO_OFFSET, 0,
                      "text grew to 4 GiB or more with replacement characters: offsets inside "
                      "are 32-bit");
        return ZC_ERR_TOO_LARGE;
    }
    return ZC_OK;
nomem:
    bp_list_free(&bp);
    out->t = t;
    zci_text_free(a, out);
    zci_error_set(err, ZC_ERR_NOMEM, ZC_NO_OFFSET, 0, "out of memory while normalising the text");
    return ZC_ERR_NOMEM;
}

void zci_text_free(const zc_allocator *a, zci_text *tx) {
    if (tx->t)
        a->dealloc(tx->t, a->ud);
    text_bp_free(a, tx);
    tx->t = NULL;
    tx->n = 0;
}

/* How many breakpoints are at or before folded offset f (binary search,
 * O(log breakpoints)): the last of them, if any, maps f. */
size_t zci_text_breakpoints_upto(const zci_text *tx, size_t f) {
    size_t lo = 0, hi = tx->nbp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (zci_text_bp_f(tx, mid) <= f)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Original offset of folded offset f: the last breakpoint at or before f
 * gives the running difference. */
size_t zci_text_orig(const zci_text *tx, size_t f) {
    size_t k = zci_text_breakpoints_upto(tx, f);
    if (k == 0)
        return f;
    zci_breakpoint b = zci_text_bp(tx, k - 1);
    size_t o = f - b.f + b.o;
    return o > tx->olen ? tx->olen : o;
}

/* Copy the text's whole blocks of breakpoints from *k (a block's first)
 * on whose breakpoints all lie at or before upto, moved left by removed:
 * the distances inside a block stay, only its first moves. The list's last
 * block is first filled up with its last breakpoint (as breakpoint_slow
 * does), so that each block copied is a block of the list too. Between two
 * cuts lie hundreds of breakpoints: most are copied so, 64 at a time.
 * False: no memory. */
static bool copy_whole_blocks(zci_bp_list *l, const zci_text *tx, size_t *k, size_t upto,
                              size_t removed) {
    size_t from = *k, blocks = 0;
    while (from + (blocks + 1) * ZCI_BP_BLOCK <= tx->nbp &&
           zci_text_bp_f(tx, from + (blocks + 1) * ZCI_BP_BLOCK - 1) <= upto)
        blocks++;
    if (blocks == 0)
        return true;
    size_t len = l->step.len, fill = (ZCI_BP_BLOCK - len % ZCI_BP_BLOCK) % ZCI_BP_BLOCK;
    size_t need = len + fill + blocks * ZCI_BP_BLOCK; /* (zci_text_cut reserved it) */
    if (!zci_scratch_reserve(&l->step, need > l->step.cap ? need + need / 2 : need) ||
        !zci_scratch_reserve(&l->block, need / ZCI_BP_BLOCK + 1))
        return false;
    zci_bp_step *step = l->step.data;
    for (size_t i = 0; i < fill; i++) /* len > 0 when fill > 0 */
        step[len + i] = step[len - 1];
    len += fill;
    memcpy(step + len, tx->bp_step + from, blocks * ZCI_BP_BLOCK * sizeof *step);
    zci_breakpoint *first = l->block.data;
    for (size_t b = 0; b < blocks; b++) {
        zci_breakpoint f = tx->bp_block[from / ZCI_BP_BLOCK + b];
        f.f -= (uint32_t)removed;
        first[l->block.len++] = l->base = f;
    }
    l->step.len = len + blocks * ZCI_BP_BLOCK;
    *k = from + blocks * ZCI_BP_BLOCK;
    return true;
}

/* memmove(t + to, t + from, len) with to < from, in pieces of 2 KiB:
 * below 4 KiB glibc moves with vector registers, above it with rep movsb,
 * which is no faster here and which valgrind counts an instruction a byte
 * (3 % of zc_extract's count on the corpus, for a copy it does in a
 * hundredth of that time). A left move piece by piece is the same move. */
static void move_left(char *t, size_t to, size_t from, size_t len) {
    enum { PIECE = 2048 };
    for (size_t done = 0; done < len; done += PIECE)
        memmove(t + to + done, t + from + done, len - done < PIECE ? len - done : PIECE);
}

/*
 * Cut the ranges out of the folded text. A breakpoint is added at each cut
 * (the folded offset where it was now maps to the original offset of its
 * end) and the later breakpoints move left by what was cut before them;
 * breakpoints inside a cut go. Linear in the text and the breakpoints.
 */
zc_status zci_text_cut(const zc_allocator *a, zci_text *tx, const zci_range *cuts, size_t ncuts) {
    if (!ncuts)
        return ZC_OK;
    zci_bp_list bp;
    bp_list_init(&bp, a);
    /* a cut adds one, and the block before a run of whole blocks copied is
     * filled up (ZCI_BP_BLOCK - 1 at most): once between two cuts, and once
     * for a block copied at most */
    size_t fills = ncuts + 1 < tx->nbp / ZCI_BP_BLOCK + 1 ? ncuts + 1 : tx->nbp / ZCI_BP_BLOCK + 1;
    if (!bp_list_reserve(&bp, tx->nbp + ncuts + 1 + fills * (ZCI_BP_BLOCK - 1)))
        goto nomem;
    size_t k = 0, removed = 0, w = 0, r = 0;
    for (size_t c = 0; c <= ncuts; c++) {
        size_t upto = c < ncuts ? cuts[c].s : tx->n; /* keep [r, upto) */
        zci_breakpoint b;
        for (; k < tx->nbp && (b = zci_text_bp(tx, k)).f <= upto; k++) {
            if (b.f < r)
                continue; /* inside the cut before */
            if (!breakpoint(&bp, b.f - removed, b.o))
                goto nomem;
            if ((k + 1) % ZCI_BP_BLOCK == 0) { /* a block ends: the next whole ones */
                size_t next = k + 1;
                if (!copy_whole_blocks(&bp, tx, &next, upto, removed))
                    goto nomem;
                k = next - 1;
            }
        }
        move_left(tx->t, w, r, upto - r);
        w += upto - r;
        if (c == ncuts)
            break;
        size_t o = zci_text_orig(tx, cuts[c].e);
        removed += cuts[c].e - cuts[c].s;
        if (bp.step.len && bp_list_last(&bp).f == w)
            bp_list_pop(&bp); /* a breakpoint at the cut itself is replaced */
        if (!breakpoint(&bp, w, o))
            goto nomem;
        r = cuts[c].e;
    }
    tx->t[w] = '\0';
    tx->n = w;
    bp_list_hand_to(&bp, a, tx);
    return ZC_OK;
nomem:
    bp_list_free(&bp);
    return ZC_ERR_NOMEM;
}

/* ------------------------------------------------------------ encodings */

/* The encodings zci_text_decode reads besides UTF-8. */
enum { FORM_GB18030 = 1, FORM_UTF16LE, FORM_UTF16BE };

static void encoding_error(zc_error *err, const char *orig, size_t olen, size_t off, const char *e) {
    char msg[96];
    snprintf(msg, sizeof msg, "bytes that are not %s starting with 0x%02x", e,
             (unsigned)(unsigned char)orig[off]);
    zci_error_set(err, ZC_ERR_ENCODING, off, zci_line_of(orig, olen, off), msg);
}

/* Write cp (U+0800..U+FFFF) as its three bytes of UTF-8 at out. */
static inline void utf8_put3(char *out, uint32_t cp) {
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
}

/* Write code point cp (a scalar value) as UTF-8 at out; its length. */
static inline size_t utf8_put(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        utf8_put3(out, cp);
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#if defined(ZCI_USE_SSE2)
/* Do the 16 UTF-16 code units at s (32 bytes; the high byte of each at
 * offset hi) all take three bytes of UTF-8: U+0800..U+FFFF, no surrogate?
 * Most of a Chinese text does; one look at their 16 high bytes. */
static bool units_take_three(const unsigned char *s, unsigned hi) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s),
            b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
    __m128i h = hi ? _mm_packus_epi16(_mm_srli_epi16(a, 8), _mm_srli_epi16(b, 8))
                   : _mm_packus_epi16(_mm_and_si128(a, _mm_set1_epi16(0xFF)),
                                      _mm_and_si128(b, _mm_set1_epi16(0xFF)));
    __m128i top5 = _mm_and_si128(h, _mm_set1_epi8((char)0xF8));
    __m128i under_800 = _mm_cmpeq_epi8(top5, _mm_setzero_si128()),
            surrogate = _mm_cmpeq_epi8(top5, _mm_set1_epi8((char)0xD8));
    return _mm_movemask_epi8(_mm_or_si128(under_800, surrogate)) == 0;
}
#endif

/* UTF-16 (form: LE or BE) to UTF-8, by hand: a code unit a step, a
 * surrogate pair together; a surrogate without its pair is an error, as
 * for iconv. The map's marks are set on the way (*k of them). Returns the
 * bytes written, and sets *bad to the offset of the first character that
 * is not UTF-16 (olen: none). */
static size_t utf16_to_utf8(int form, const unsigned char *s, size_t olen, char *out, size_t *bad,
                            size_t *mu, size_t *mo, size_t *k) {
    size_t i = 0, w = 0;
    unsigned lo = form == FORM_UTF16LE ? 0 : 1, hi = 1 - lo;
    for (size_t c = 0; i + 1 < olen; c++) {
        if (c % ZCI_ENCMAP_STEP == 0) {
            mu[*k] = w;
            mo[(*k)++] = i;
#if defined(ZCI_USE_SSE2)
            /* a mark's 16 characters of three bytes each: no tests a character */
            _Static_assert(ZCI_ENCMAP_STEP == 16, "a step is the 16 units looked at");
            if (i + 32 <= olen && units_take_three(s + i, hi)) {
                for (size_t e = i + 32; i < e; i += 2, w += 3)
                    utf8_put3(out + w, (uint32_t)s[i + hi] << 8 | s[i + lo]);
                c += ZCI_ENCMAP_STEP - 1; /* (and the loop's one) */
                continue;
            }
#endif
        }
        uint32_t cp = (uint32_t)s[i + hi] << 8 | s[i + lo];
        size_t l = 2;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            break; /* a low surrogate first */
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t c2 = i + 3 < olen ? (uint32_t)s[i + 2 + hi] << 8 | s[i + 2 + lo] : 0;
            if (c2 < 0xDC00 || c2 > 0xDFFF)
                break;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (c2 - 0xDC00);
            l = 4;
        }
        w += utf8_put(out + w, cp);
        i += l;
    }
    *bad = i;
    return w;
}

/* GB18030 to UTF-8 by iconv, the whole text in one call (iconv knows the
 * tables; a call a character cost more than the rest of the reading).
 * Returns the bytes written, or sets *bad to the offset where iconv
 * stopped: the first character that is not GB18030. */
static size_t gb18030_to_utf8(const char *orig, size_t olen, char *out, size_t cap, size_t *bad,
                              bool *no_iconv) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    *no_iconv = cd == (iconv_t)-1;
    if (*no_iconv)
        return 0;
    char *in = (char *)orig, *dst = out;
    size_t inleft = olen, outleft = cap;
    /* stops at a byte that starts no GB18030 character (EILSEQ) or at an
     * unfinished one at the end (EINVAL); cap holds the UTF-8 of any text */
    iconv(cd, &in, &inleft, &dst, &outleft);
    iconv_close(cd);
    *bad = (size_t)(in - orig);
    return (size_t)(dst - out);
}

/*
 * GB18030 by table. iconv takes ≈ 85 instructions a character (two
 * conversions, through UCS-4); the two-byte characters (lead 81..FE, trail
 * 40..FE but 7F), nearly all of a Chinese text, are one look in a table of
 * their code points, read from iconv itself once a process, so the two
 * paths read every byte alike. A code iconv does not read as one BMP
 * character is 0 there: it, the four-byte characters and any error go to
 * iconv a character at a time. The table costs ≈ 3.5 M instructions to
 * build, what iconv takes for ≈ 50,000 characters: it is built once the
 * process has read GB2_WORTH bytes of GB18030 (a long text, or a few
 * reports), and from then on serves every text. Never with
 * -DZCI_NO_SHORTCUTS (CI checks that build writes what the default
 * writes); with -DZCI_CHECK_SHORTCUTS (the fuzz targets) every text is read
 * both ways and must agree.
 */
enum { GB2_LEADS = 0xFF - 0x81, GB2_TRAILS = 0xFF - 0x40, GB2_CODES = GB2_LEADS * GB2_TRAILS };
#if defined(ZCI_CHECK_SHORTCUTS)
#define GB2_WORTH 0
#elif defined(ZCI_NO_SHORTCUTS)
#define GB2_WORTH SIZE_MAX
#else
#define GB2_WORTH ((size_t)128 << 10)
#endif
static uint16_t gb2_cp[GB2_CODES];
static atomic_bool gb2_ready; /* the table was built (iconv opened, the codes read) */
static atomic_size_t gb2_seen; /* bytes of GB18030 read before the table was built */
static pthread_once_t gb2_once = PTHREAD_ONCE_INIT;

/* The codes of one lead byte through iconv in one call (resumed past each
 * code it refuses, which stays 0). False when a code it reads does not give
 * exactly one character: then the table is not used. */
static bool gb2_read_lead(iconv_t cd, unsigned lead) {
    unsigned char in[2 * GB2_TRAILS], trail_of[GB2_TRAILS];
    char out[4 * GB2_TRAILS];
    size_t n = 0;
    for (unsigned trail = 0x40; trail <= 0xFE; trail++)
        if (trail != 0x7F) {
            in[2 * n] = (unsigned char)lead;
            in[2 * n + 1] = (unsigned char)trail;
            trail_of[n++] = (unsigned char)trail;
        }
    for (size_t done = 0; done < n;) {
        char *ip = (char *)in + 2 * done, *op = out;
        size_t il = 2 * (n - done), ol = sizeof out;
        iconv(cd, &ip, &il, &op, &ol);
        size_t read = (size_t)(ip - ((char *)in + 2 * done)), at = 0, w = (size_t)(op - out);
        if (read % 2)
            return false; /* a code taken apart */
        for (size_t k = 0; k < read / 2; k++) {
            uint32_t cp;
            int bad,
                len = at < w ? zci_utf8_decode((const unsigned char *)out + at, w - at, &cp, &bad)
                             : 0;
            if (!len)
                return false; /* fewer characters than codes */
            at += (size_t)len;
            gb2_cp[(lead - 0x81) * GB2_TRAILS + (trail_of[done + k] - 0x40u)] =
                cp >= 0x80 && cp <= 0xFFFF ? (uint16_t)cp : 0; /* (2 or 3 bytes of UTF-8) */
        }
        if (at != w)
            return false; /* more characters than codes */
        done += read / 2;
        if (done < n) { /* refused: left to iconv, and on past it */
            iconv(cd, NULL, NULL, NULL, NULL);
            done++;
        }
    }
    return true;
}

static void gb2_build(void) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return;
    bool ok = true;
    for (unsigned lead = 0x81; lead <= 0xFE && ok; lead++)
        ok = gb2_read_lead(cd, lead);
    iconv_close(cd);
    atomic_store_explicit(&gb2_ready, ok, memory_order_release);
}

/* The length of the GB18030 character at s[0, n) by its shape: 1 (ASCII
 * or a byte no character starts with), 2, or 4 (a digit second). */
static size_t gb_shape_len(const unsigned char *s, size_t n) {
    if (s[0] < 0x81 || s[0] == 0xFF || n < 2)
        return 1;
    return (unsigned)(s[1] - 0x30) < 10u ? 4 : 2;
}

/* The code point of the two-byte character lead, trail from the table; 0
 * when it is none (a lead or trail out of range, a digit trail: four bytes)
 * or one the table leaves to iconv. */
static inline uint32_t gb2_lookup(unsigned lead, unsigned trail) {
    unsigned l = lead - 0x81u, t = trail - 0x40u;
    return l < GB2_LEADS && t < GB2_TRAILS ? gb2_cp[l * GB2_TRAILS + t] : 0;
}

/* Are the 32 bytes at s 16 two-byte characters of the table that each take
 * three bytes of UTF-8 (U+0800..U+FFFF), as most of a Chinese text is? Then
 * their UTF-8 is written at out, without a test a character on the way. */
static bool gb2_sixteen(const unsigned char *s, char *out) {
    for (size_t j = 0; j < ZCI_ENCMAP_STEP; j++, out += 3) {
        uint32_t cp = gb2_lookup(s[2 * j], s[2 * j + 1]);
        if (cp < 0x800) /* none, iconv's, or two bytes of UTF-8 */
            return false; /* (what was written is written over) */
        utf8_put3(out, cp);
    }
    return true;
}

/* GB18030 to UTF-8 by the table, by iconv (opened at the first need) the
 * rest, a character at a time; the map's marks set on the way. Returns the
 * bytes written, and sets *bad to the offset of the first character that
 * is not GB18030 (olen: none), where one iconv call for the whole text
 * stops; *no_iconv when iconv would not open. */
static size_t gb18030_by_table(const unsigned char *s, size_t olen, char *out, size_t *bad,
                               bool *no_iconv, size_t *mu, size_t *mo, size_t *k) {
    iconv_t cd = (iconv_t)-1;
    *no_iconv = false;
    size_t i = 0, w = 0;
    for (size_t c = 0; i < olen; c++) {
        if (c % ZCI_ENCMAP_STEP == 0) {
            mu[*k] = w;
            mo[(*k)++] = i;
            if (i + 2 * ZCI_ENCMAP_STEP <= olen && gb2_sixteen(s + i, out + w)) {
                i += 2 * ZCI_ENCMAP_STEP;
                w += 3 * ZCI_ENCMAP_STEP;
                c += ZCI_ENCMAP_STEP - 1; /* (and the loop's one) */
                continue;
            }
        }
        unsigned char b = s[i];
        if (b < 0x80) {
            out[w++] = (char)b;
            i++;
            continue;
        }
        uint32_t cp = i + 1 < olen ? gb2_lookup(b, s[i + 1]) : 0;
        if (cp) {
            w += utf8_put(out + w, cp);
            i += 2;
            continue;
        }
        if (cd == (iconv_t)-1 && (*no_iconv = (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1))
            break;
        size_t len = gb_shape_len(s + i, olen - i);
        len = len < olen - i ? len : olen - i;
        char *ip = (char *)s + i, *op = out + w;
        size_t il = len, ol = 4;
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
            break; /* no character here, or a cut one at the end */
        w = (size_t)(op - out);
        i += len;
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    *bad = i;
    return w;
}

/* Is the table there for a text of olen bytes: built already, or now (the
 * bytes read with this text reach GB2_WORTH)? */
static bool gb2_table(size_t olen) {
    if (atomic_load_explicit(&gb2_ready, memory_order_acquire))
        return true;
    if (atomic_fetch_add_explicit(&gb2_seen, olen, memory_order_relaxed) + olen < GB2_WORTH)
        return false;
    pthread_once(&gb2_once, gb2_build);
    return atomic_load_explicit(&gb2_ready, memory_order_acquire);
}

/* How long the character at s is in encoding form, in text known to be
 * well formed (it was converted: no checks. For GB18030 gb_shape_len's rule
 * without its checks: a walk takes this step for every character). */
static inline size_t orig_len(int form, const unsigned char *s) {
    if (form == FORM_GB18030)
        return s[0] < 0x80 ? 1 : (unsigned)(s[1] - 0x30) < 10u ? 4 : 2;
    return (s[form == FORM_UTF16LE] & 0xFC) == 0xD8 ? 4 : 2;
}

zc_status zci_text_decode(zci_arena *ar, const char *orig, size_t olen, const char *encoding,
                          char **utf8, size_t *ulen, zci_encmap *map, zc_error *err) {
    int form = strcmp(encoding, "gb18030") == 0 || strcmp(encoding, "gbk") == 0 ||
                       strcmp(encoding, "gb2312") == 0
                   ? FORM_GB18030
               : strcmp(encoding, "utf-16le") == 0 ? FORM_UTF16LE
               : strcmp(encoding, "utf-16be") == 0 ? FORM_UTF16BE
                                                   : 0;
    static const char *const names[] = {NULL, "GB18030", "UTF-16LE", "UTF-16BE"};
    if (!form) {
        zci_error_set(err, ZC_ERR_INVALID_ARG, ZC_NO_OFFSET, 0, "unknown encoding name");
        return ZC_ERR_INVALID_ARG;
    }
    /* UTF-8 needs at most 3 bytes where GB18030 and UTF-16 take 2 (4 for 4) */
    size_t cap = olen / 2 * 3 + 8, marks = olen / ZCI_ENCMAP_STEP + 2;
    if (olen > SIZE_MAX / 4)
        return ZC_ERR_NOMEM;
    char *out = zci_arena_alloc(ar, cap + 1);
    size_t *u = zci_arena_alloc(ar, marks * sizeof(size_t));
    size_t *o = zci_arena_alloc(ar, marks * sizeof(size_t));
    if (!out || !u || !o)
        return ZC_ERR_NOMEM;
    const unsigned char *s = (const unsigned char *)orig;
    size_t bad, w, k = 0;
    if (form == FORM_GB18030) {
        bool no_iconv, by_table = gb2_table(olen);
        w = by_table ? gb18030_by_table(s, olen, out, &bad, &no_iconv, u, o, &k)
                     : gb18030_to_utf8(orig, olen, out, cap, &bad, &no_iconv);
#if defined(ZCI_CHECK_SHORTCUTS)
        size_t bad2;
        char *again = by_table && !no_iconv ? zci_arena_alloc(ar, cap + 1) : NULL;
        size_t w2 = again ? gb18030_to_utf8(orig, olen, again, cap, &bad2, &no_iconv) : w;
        if (again && (bad2 != bad || (bad == olen && (w2 != w || memcmp(again, out, w) != 0))))
            abort(); /* the table reads other than iconv */
#endif
        if (no_iconv) {
            zci_error_set(err, ZC_ERR_INTERNAL, ZC_NO_OFFSET, 0, "iconv cannot convert this encoding");
            return ZC_ERR_INTERNAL;
        }
        /* iconv's: a mark every ZCI_ENCMAP_STEP characters, the two texts
         * walked side by side, a character of each at a time */
        for (size_t c = 0, i = 0, j = 0; !by_table && bad == olen && i < olen; c++) {
            if (c % ZCI_ENCMAP_STEP == 0) {
                u[k] = j;
                o[k++] = i;
            }
            i += orig_len(form, s + i);
            j += zci_char_len(out, w, j);
        }
    } else {
        w = utf16_to_utf8(form, s, olen, out, &bad, u, o, &k);
    }
    if (bad < olen) {
        encoding_error(err, orig, olen, bad, names[form]);
        return ZC_ERR_ENCODING;
    }
    u[k] = w;
    o[k++] = olen;
    out[w] = '\0';
    *utf8 = out;
    *ulen = w;
    *map = (zci_encmap){u, o, k, (const unsigned char *)out, s, form};
    return ZC_OK;
}

/* The last index k with key[k] <= x. */
static size_t last_at_most(const size_t *key, size_t n, size_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

/* On from (*a, *b), the starts of one character in the UTF-8 text and in
 * the caller's bytes, at or before x in `from` (the UTF-8 offsets, or the
 * original ones), a character at a time to the start of the character x
 * falls in. */
static void walk_to(const zci_encmap *map, bool from_utf8, size_t *a, size_t *b, size_t x) {
    size_t ulen = map->utf8[map->n - 1], olen = map->orig[map->n - 1];
    while ((from_utf8 ? *a : *b) < x && *b < olen) {
        size_t la = zci_char_len((const char *)map->u, ulen, *a), lb = orig_len(map->form, map->o + *b);
        if ((from_utf8 ? *a + la : *b + lb) > x)
            break;
        *a += la;
        *b += lb;
    }
}

/* Is block k (mark k to mark k + 1) all characters of three bytes of UTF-8
 * and two of the caller's, as most of a Chinese text is? Its two lengths
 * tell: no character takes more than 1.5 times as many bytes of UTF-8 as of
 * GB18030 or UTF-16, and only those take exactly that many (ASCII 1:1, two
 * bytes of UTF-8 from two, a four-byte character at most 4:4), so 48 bytes
 * from 32 is 16 of them. Then a place in it is found by a division, not a
 * walk. Never with -DZCI_NO_SHORTCUTS (CI checks that build writes what the
 * default writes). */
static bool block_three_from_two(const zci_encmap *map, size_t k) {
#if defined(ZCI_NO_SHORTCUTS)
    (void)map, (void)k;
    return false;
#else
    return k + 1 < map->n && map->utf8[k + 1] - map->utf8[k] == 3 * ZCI_ENCMAP_STEP &&
           map->orig[k + 1] - map->orig[k] == 2 * ZCI_ENCMAP_STEP;
#endif
}

/* The starts (*a, *b) of the character x (in `from`) falls in, x in block
 * k or after it: by division in a block of three-from-two, else walked on
 * from (*a, *b), a character start at or before x (the mark, or on). */
static void find_in(const zci_encmap *map, bool from_utf8, size_t k, size_t *a, size_t *b,
                    size_t x) {
    if (block_three_from_two(map, k) && x < (from_utf8 ? map->utf8 : map->orig)[k + 1]) {
        size_t i = from_utf8 ? (x - map->utf8[k]) / 3 : (x - map->orig[k]) / 2;
        *a = map->utf8[k] + 3 * i;
        *b = map->orig[k] + 2 * i;
        return;
    }
    walk_to(map, from_utf8, a, b, x);
}

/* x (in `from`) in the other text: from the mark at or before it. */
static size_t encmap_walk(const zci_encmap *map, bool from_utf8, size_t x) {
    size_t k = last_at_most(from_utf8 ? map->utf8 : map->orig, map->n, x);
    size_t a = map->utf8[k], b = map->orig[k];
    find_in(map, from_utf8, k, &a, &b, x);
    return from_utf8 ? b : a;
}

size_t zci_encmap_utf8(const zci_encmap *map, size_t o) { return map->n ? encmap_walk(map, false, o) : o; }

/* Both ends of sp (in `from`) in the other text. A span is mostly a few
 * characters: its end is found from its start's block, not looked for
 * afresh. */
static zc_span encmap_span(const zci_encmap *map, bool from_utf8, zc_span sp) {
    if (!map->n)
        return sp;
    const size_t *key = from_utf8 ? map->utf8 : map->orig;
    size_t k = last_at_most(key, map->n, sp.start);
    size_t a = map->utf8[k], b = map->orig[k];
    find_in(map, from_utf8, k, &a, &b, sp.start);
    size_t start = from_utf8 ? b : a, at = from_utf8 ? a : b;
    if (sp.end < at)
        return (zc_span){start, encmap_walk(map, from_utf8, sp.end)};
    if (k + 1 < map->n && sp.end >= key[k + 1]) { /* in a later block */
        if (k + 2 >= map->n || sp.end >= key[k + 2])
            return (zc_span){start, encmap_walk(map, from_utf8, sp.end)};
        a = map->utf8[++k];
        b = map->orig[k];
    }
    find_in(map, from_utf8, k, &a, &b, sp.end);
    return (zc_span){start, from_utf8 ? b : a};
}

zc_span zci_encmap_orig_span(const zci_encmap *map, zc_span sp) { return encmap_span(map, true, sp); }

zc_span zci_encmap_utf8_span(const zci_encmap *map, zc_span sp) { return encmap_span(map, false, sp); }
