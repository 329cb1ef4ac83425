/*
 * lexicon.c -- the word tables of lexicon.def and longest-match lookups.
 *
 * Tables are small (tens to a hundred words) and lookups happen only around
 * candidate numbers, so a linear scan with a first-byte check is enough.
 */
#include <string.h>

#include "zc_internal.h"
#include "lexicon_index.h"

#define W(word) word, (uint16_t)(sizeof(word) - 1)

static const zci_word units[] = {
#define ZC_UNIT(w, canon, cls) {W(w), (int16_t)(cls), canon, 1},
#include "lexicon.def"
#undef ZC_UNIT
};
static const zci_word scales[] = {
#define ZC_SCALE(w, f) {W(w), 0, NULL, f},
#include "lexicon.def"
#undef ZC_SCALE
};
static const zci_word bounds_before[] = {
#define ZC_BOUND_BEFORE(w, b) {W(w), (int16_t)(b), NULL, 1},
#include "lexicon.def"
#undef ZC_BOUND_BEFORE
};
static const zci_word bounds_after[] = {
#define ZC_BOUND_AFTER(w, b) {W(w), (int16_t)(b), NULL, 1},
#include "lexicon.def"
#undef ZC_BOUND_AFTER
};
static const zci_word actions[] = {
#define ZC_ACTION(w, a) {W(w), (int16_t)(a), NULL, 1},
#include "lexicon.def"
#undef ZC_ACTION
};
static const zci_word after_verbs[] = {
#define ZC_AFTER_VERB(w, a) {W(w), (int16_t)(a), NULL, 1},
#include "lexicon.def"
#undef ZC_AFTER_VERB
};
static const zci_word stage_cues[] = {
#define ZC_STAGE_CUE(w, s) {W(w), (int16_t)(s), NULL, 1},
#include "lexicon.def"
#undef ZC_STAGE_CUE
};
static const zci_word section_cues[] = {
#define ZC_SECTION_CUE(w, s) {W(w), (int16_t)(s), NULL, 1},
#include "lexicon.def"
#undef ZC_SECTION_CUE
};
static const zci_word heading_ends[] = {
#define ZC_HEADING_END(w) {W(w), 0, NULL, 1},
#include "lexicon.def"
#undef ZC_HEADING_END
};
static const zci_word scope_breaks[] = {
#define ZC_SCOPE_BREAK(w) {W(w), 0, NULL, 1},
#include "lexicon.def"
#undef ZC_SCOPE_BREAK
};
static const zci_word not_nouns[] = {
#define ZC_NOT_NOUN(w) {W(w), 0, NULL, 1},
#include "lexicon.def"
#undef ZC_NOT_NOUN
};
static const zci_word deadlines[] = {
#define ZC_DEADLINE(w) {W(w), 0, NULL, 1},
#include "lexicon.def"
#undef ZC_DEADLINE
};

typedef struct table {
    const zci_word *w;
    size_t n;
    const uint16_t *first_order, *first_start; /* buckets by first character */
    const uint16_t *last_order, *last_start;   /* buckets by last byte */
} table;

#define T(a, name)                                                                                 \
    {a, sizeof(a) / sizeof(a[0]), name##_first_order, name##_first_start, name##_last_order,      \
     name##_last_start}
static const table tables[ZCI_LEX_COUNT] = {
    [ZCI_LEX_UNIT] = T(units, unit),
    [ZCI_LEX_SCALE] = T(scales, scale),
    [ZCI_LEX_BOUND_BEFORE] = T(bounds_before, bound_before),
    [ZCI_LEX_BOUND_AFTER] = T(bounds_after, bound_after),
    [ZCI_LEX_ACTION] = T(actions, action),
    [ZCI_LEX_AFTER_VERB] = T(after_verbs, after_verb),
    [ZCI_LEX_STAGE_CUE] = T(stage_cues, stage_cue),
    [ZCI_LEX_SECTION_CUE] = T(section_cues, section_cue),
    [ZCI_LEX_HEADING_END] = T(heading_ends, heading_end),
    [ZCI_LEX_SCOPE_BREAK] = T(scope_breaks, scope_break),
    [ZCI_LEX_NOT_NOUN] = T(not_nouns, not_noun),
    [ZCI_LEX_DEADLINE] = T(deadlines, deadline),
};

/* Which first-character buckets hold words, per table (see zci_lex_may_start). */
const uint64_t zci_lex_first_mask[ZCI_LEX_COUNT] = {
    [ZCI_LEX_UNIT] = UNIT_FIRST_MASK,
    [ZCI_LEX_SCALE] = SCALE_FIRST_MASK,
    [ZCI_LEX_BOUND_BEFORE] = BOUND_BEFORE_FIRST_MASK,
    [ZCI_LEX_BOUND_AFTER] = BOUND_AFTER_FIRST_MASK,
    [ZCI_LEX_ACTION] = ACTION_FIRST_MASK,
    [ZCI_LEX_AFTER_VERB] = AFTER_VERB_FIRST_MASK,
    [ZCI_LEX_STAGE_CUE] = STAGE_CUE_FIRST_MASK,
    [ZCI_LEX_SECTION_CUE] = SECTION_CUE_FIRST_MASK,
    [ZCI_LEX_HEADING_END] = HEADING_END_FIRST_MASK,
    [ZCI_LEX_SCOPE_BREAK] = SCOPE_BREAK_FIRST_MASK,
    [ZCI_LEX_NOT_NOUN] = NOT_NOUN_FIRST_MASK,
    [ZCI_LEX_DEADLINE] = DEADLINE_FIRST_MASK,
};

/* Longest word starting at s[pos]: only the bucket of its first character
 * (the generated index) is compared. */
const zci_word *zci_lex_at(zci_table_id id, const char *s, size_t n, size_t pos) {
    const table *tb = &tables[id];
    if (pos >= n)
        return NULL;
    unsigned char c = (unsigned char)s[pos];
    if (c >= 0x80 && pos + 1 >= n)
        return NULL;
    unsigned key = (c < 0x80 ? c : (unsigned char)s[pos + 1]) & 63;
    if (!((zci_lex_first_mask[id] >> key) & 1))
        return NULL;
    const zci_word *best = NULL;
    for (unsigned k = tb->first_start[key]; k < tb->first_start[key + 1]; k++) {
        const zci_word *w = &tb->w[tb->first_order[k]];
        if (w->w[0] == s[pos] && pos + w->len <= n && memcmp(s + pos, w->w, w->len) == 0 &&
            (!best || w->len > best->len))
            best = w;
    }
    return best;
}

/* Longest word ending exactly at s[pos], not starting before lo. */
const zci_word *zci_lex_before(zci_table_id id, const char *s, size_t lo, size_t pos) {
    const table *tb = &tables[id];
    if (pos <= lo)
        return NULL;
    unsigned key = (unsigned char)s[pos - 1] & 63;
    const zci_word *best = NULL;
    for (unsigned k = tb->last_start[key]; k < tb->last_start[key + 1]; k++) {
        const zci_word *w = &tb->w[tb->last_order[k]];
        if (pos >= lo + w->len && memcmp(s + pos - w->len, w->w, w->len) == 0 &&
            (!best || w->len > best->len))
            best = w;
    }
    return best;
}

const zci_word *zci_lex_find(zci_table_id id, const char *s, size_t lo, size_t hi, size_t *at) {
    for (size_t p = lo; p < hi; p += zci_char_len(s, hi, p)) {
        if (!zci_lex_may_start(id, s, hi, p))
            continue;
        const zci_word *w = zci_lex_at(id, s, hi, p);
        if (w) {
            *at = p;
            return w;
        }
    }
    return NULL;
}

const zci_word *zci_lex_rfind(zci_table_id id, const char *s, size_t lo, size_t hi, size_t *at) {
    for (size_t p = hi; p > lo;) {
        const zci_word *w = zci_lex_before(id, s, lo, p);
        if (w) {
            *at = p - w->len;
            return w;
        }
        p = zci_prev_char(s, p);
    }
    return NULL;
}

/* Sentence ends: 。 ！ ？ ； (folded ! ? ;) and line ends. */
bool zci_is_sentence_end(const char *t, size_t n, size_t pos, size_t *len) {
    char c = t[pos];
    if ((unsigned char)c > 0x80 && (unsigned char)c != 0xE3)
        return false;
    if (c == '\n' || c == '!' || c == '?' || c == ';') {
        *len = 1;
        return true;
    }
    if (ZCI_HAS(t, n, pos, "。")) {
        *len = 3;
        return true;
    }
    return false;
}

/* Clause ends: sentence ends and , : ( ) 、 … */
bool zci_is_clause_end(const char *t, size_t n, size_t pos, size_t *len) {
    if (zci_is_sentence_end(t, n, pos, len))
        return true;
    char c = t[pos];
    if (c == ',' || c == ':' || c == '(' || c == ')') {
        *len = 1;
        return true;
    }
    if (ZCI_HAS(t, n, pos, "、") || ZCI_HAS(t, n, pos, "…")) {
        *len = 3;
        return true;
    }
    return false;
}

bool zci_is_han(const char *t, size_t n, size_t pos) {
    if (pos + 3 > n)
        return false;
    unsigned char c = (unsigned char)t[pos];
    return c >= 0xE4 && c <= 0xE9;
}
