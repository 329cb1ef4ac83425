/*
 * arena.c -- one bump allocator per document, over the caller's allocator.
 *
 * Documents allocate many small records (sections, findings, breakpoints) and
 * free them all at once, so a bump arena is both the fastest and the safest
 * design: zc_document_free() releases every block in one pass.
 */
#include <stdlib.h>
#include <string.h>

#include "base.h"

struct zci_block {
    zci_block *next;
    size_t cap;
    max_align_t data[]; /* aligned payload */
};

static void *default_alloc(size_t size, void *ud) {
    (void)ud;
    return malloc(size);
}
static void default_dealloc(void *p, void *ud) {
    (void)ud;
    free(p);
}
const zc_allocator zci_default_allocator = {default_alloc, default_dealloc, NULL};

void zci_arena_init(zci_arena *ar, const zc_allocator *a) {
    ar->a = *a;
    ar->head = NULL;
    ar->used = ar->cap = ar->next_cap = 0;
}

/* Round up to the alignment every record needs. */
static size_t align_up(size_t n) {
    size_t al = sizeof(max_align_t);
    return (n + al - 1) / al * al;
}

/* A request this large gets a block of its own, exactly its size: the folded
 * text, the offset tables and the record arrays of a 100 MB document would
 * otherwise each open a block twice the last one, and half of it stay unused. */
#define ARENA_LARGE ((size_t)64 * 1024)
/* Small blocks double up to this, so at most one is partly unused. */
#define ARENA_SMALL_MAX ((size_t)1024 * 1024)

static zci_block *new_block(zci_arena *ar, size_t cap) {
    if (cap > SIZE_MAX - sizeof(zci_block))
        return NULL;
    zci_block *b = ar->a.alloc(sizeof(zci_block) + cap, ar->a.ud);
    if (b)
        b->cap = cap;
    return b;
}

/*
 * Allocate size bytes, zeroing nothing (callers initialise). Small requests
 * are bumped from the current block; one that does not fit opens a new block
 * of 64 KiB, doubling with each block up to 1 MiB. Large
 * requests get their own block, linked behind the current one so it goes on
 * serving small records. Returns NULL on overflow or failure.
 */
void *zci_arena_alloc(zci_arena *ar, size_t size) {
    if (size > SIZE_MAX / 2)
        return NULL;
    size = align_up(size ? size : 1);
    if (ar->head && ar->cap - ar->used >= size) {
        void *p = (char *)ar->head->data + ar->used;
        ar->used += size;
        return p;
    }
    if (size >= ARENA_LARGE) {
        zci_block *b = new_block(ar, size);
        if (!b)
            return NULL;
        if (ar->head) {
            b->next = ar->head->next;
            ar->head->next = b;
        } else { /* the first block: full at once, the next small one opens fresh */
            b->next = NULL;
            ar->head = b;
            ar->used = ar->cap = size;
        }
        return b->data;
    }
    size_t cap = ar->next_cap ? ar->next_cap : ARENA_LARGE;
    zci_block *b = new_block(ar, cap);
    if (!b)
        return NULL;
    b->next = ar->head;
    ar->head = b;
    ar->used = size;
    ar->cap = cap;
    ar->next_cap = cap < ARENA_SMALL_MAX ? cap * 2 : cap;
    return b->data;
}

void zci_arena_release(zci_arena *ar) {
    zci_block *b = ar->head;
    while (b) {
        zci_block *next = b->next;
        ar->a.dealloc(b, ar->a.ud);
        b = next;
    }
    ar->head = NULL;
    ar->used = ar->cap = ar->next_cap = 0;
}

void zci_scratch_init(zci_scratch *s, const zc_allocator *a, size_t elem) {
    s->a = *a;
    s->data = NULL;
    s->len = s->cap = 0;
    s->elem = elem;
}

bool zci_scratch_grow(zci_scratch *s) { return zci_scratch_reserve(s, s->cap ? s->cap * 2 : 256); }

bool zci_scratch_reserve(zci_scratch *s, size_t cap) {
    if (cap <= s->cap)
        return true;
    if (cap > SIZE_MAX / s->elem)
        return false;
    if (s->a.alloc == default_alloc) {
        /* malloc's own blocks: realloc moves a large one by remapping its
         * pages, so old and new never both take memory (a figure array of
         * 800 MB would otherwise hold 1.6 GB while it is copied) */
        void *d = realloc(s->data, cap * s->elem);
        if (!d)
            return false;
        s->data = d;
        s->cap = cap;
        return true;
    }
    void *d = s->a.alloc(cap * s->elem, s->a.ud);
    if (!d)
        return false;
    if (s->len)
        memcpy(d, s->data, s->len * s->elem);
    if (s->data)
        s->a.dealloc(s->data, s->a.ud);
    s->data = d;
    s->cap = cap;
    return true;
}

void zci_scratch_free(zci_scratch *s) {
    if (s->data)
        s->a.dealloc(s->data, s->a.ud);
    s->data = NULL;
    s->len = s->cap = 0;
}
