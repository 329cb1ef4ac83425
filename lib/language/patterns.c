/*
 * patterns.c -- the only file that includes pcre2.h: compile the table of
 * patterns.def once, run them anchored at candidate positions.
 *
 * Compiled code is immutable and shared by all threads (PCRE2's rule); each
 * document gets its own match data. Text is validated once on entry, so
 * every match passes PCRE2_NO_UTF_CHECK: without it PCRE2 re-checks the
 * whole rest of the subject on every call, which is quadratic.
 * PCRE2_NO_START_OPTIMIZE for the same reason: an anchored pattern that
 * must contain a ')' or '是' would otherwise first search the whole rest of
 * the subject for it (memchr per call: 1e5 headings took seconds).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "language.h"

static const char *const sources[ZCI_PAT_COUNT] = {
#define ZC_PATTERN(id, regex) [ZCI_PAT_##id] = regex,
#define ZC_MARKER(id, kind, runs_inline, regex) [ZCI_PAT_##id] = regex,
#include "patterns.def"
#undef ZC_PATTERN
#undef ZC_MARKER
};

struct zci_patterns {
    zc_allocator a;
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_code *code[ZCI_PAT_COUNT];
    bool jit[ZCI_PAT_COUNT]; /* JIT-compiled: call pcre2_jit_match directly */
};

struct zci_matcher {
    const zci_patterns *p;
    pcre2_match_data *md;
    PCRE2_SIZE *ov;   /* md's ovector: fixed for md's life, fetched once */
    int nov;          /* its pairs */
    zc_status status; /* the first PCRE2 failure that was not "no match" */
};

/* PCRE2's allocator hooks, routed to the caller's zc_allocator. */
static void *pcre_alloc(PCRE2_SIZE size, void *ud) {
    const zc_allocator *a = ud;
    return a->alloc(size, a->ud);
}
static void pcre_free(void *ptr, void *ud) {
    const zc_allocator *a = ud;
    if (ptr)
        a->dealloc(ptr, a->ud);
}

static void set_err(zc_error *err, zc_status code, const char *msg) {
    zci_error_set(err, code, ZC_NO_OFFSET, 0, msg);
}

zc_status zci_patterns_new(const zc_allocator *a, zci_patterns **out, zc_error *err) {
    *out = NULL;
    zci_patterns *p = a->alloc(sizeof *p, a->ud);
    if (!p)
        goto nomem;
    memset(p, 0, sizeof *p);
    p->a = *a;
    p->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, &p->a);
    if (!p->gctx)
        goto nomem;
    p->mctx = pcre2_match_context_create(p->gctx);
    if (!p->mctx)
        goto nomem;
    /* Every pattern is small and anchored; these limits only stop a bug. */
    pcre2_set_match_limit(p->mctx, 100000);
    pcre2_set_depth_limit(p->mctx, 1000);
    pcre2_compile_context *cctx = pcre2_compile_context_create(p->gctx);
    if (!cctx)
        goto nomem;
    for (int i = 0; i < ZCI_PAT_COUNT; i++) {
        int ec;
        PCRE2_SIZE eo;
        p->code[i] = pcre2_compile((PCRE2_SPTR)sources[i], PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED |
                                       PCRE2_NO_START_OPTIMIZE,
                                   &ec, &eo, cctx);
        if (!p->code[i]) {
            pcre2_compile_context_free(cctx);
            if (ec == PCRE2_ERROR_HEAP_FAILED || ec == PCRE2_ERROR_NOMEMORY)
                goto nomem;
            char msg[96];
            snprintf(msg, sizeof msg, "pattern %d does not compile at %zu (error %d)", i,
                     (size_t)eo, ec);
            set_err(err, ZC_ERR_INTERNAL, msg);
            zci_patterns_free(p);
            return ZC_ERR_INTERNAL;
        }
        /* JIT is an optimisation: if it fails (no memory, no JIT on this
         * CPU) the interpreter gives the same matches. */
        size_t jit_size = 0;
        if (pcre2_jit_compile(p->code[i], PCRE2_JIT_COMPLETE) == 0 &&
            pcre2_pattern_info(p->code[i], PCRE2_INFO_JITSIZE, &jit_size) == 0 && jit_size > 0)
            p->jit[i] = true;
    }
    pcre2_compile_context_free(cctx);
    *out = p;
    return ZC_OK;
nomem:
    zci_patterns_free(p);
    set_err(err, ZC_ERR_NOMEM, "out of memory while compiling patterns");
    return ZC_ERR_NOMEM;
}

void zci_patterns_free(zci_patterns *p) {
    if (!p)
        return;
    for (int i = 0; i < ZCI_PAT_COUNT; i++)
        pcre2_code_free(p->code[i]);
    pcre2_match_context_free(p->mctx);
    pcre2_general_context_free(p->gctx);
    p->a.dealloc(p, p->a.ud);
}

zci_matcher *zci_matcher_new(const zci_patterns *p) {
    zci_matcher *m = p->a.alloc(sizeof *m, p->a.ud);
    if (!m)
        return NULL;
    m->p = p;
    m->status = ZC_OK;
    m->md = pcre2_match_data_create(10, p->gctx);
    if (!m->md) {
        p->a.dealloc(m, p->a.ud);
        return NULL;
    }
    m->ov = pcre2_get_ovector_pointer(m->md);
    m->nov = (int)pcre2_get_ovector_count(m->md);
    return m;
}

void zci_matcher_free(zci_matcher *m) {
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    m->p->a.dealloc(m, m->p->a.ud);
}

static bool run(zci_matcher *m, zci_pattern_id id, const char *s, size_t n, size_t pos,
                size_t *ovec, int nvec, uint32_t extra) {
    /* pcre2_jit_match skips pcre2_match's per-call checks: the calls are
     * many and short, so that overhead is most of their cost. */
    int rc = m->p->jit[id]
                 ? pcre2_jit_match(m->p->code[id], (PCRE2_SPTR)s, n, pos, extra, m->md, m->p->mctx)
                 : pcre2_match(m->p->code[id], (PCRE2_SPTR)s, n, pos, PCRE2_NO_UTF_CHECK | extra,
                               m->md, m->p->mctx);
    if (rc <= 0) {
        /* Anything but "no match" is a failure the caller must hear of:
         * a match limit means the input is pathological, not that it
         * holds no marker or number. */
        if (rc != PCRE2_ERROR_NOMATCH && m->status == ZC_OK)
            m->status = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                                rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
                            ? ZC_ERR_LIMIT
                        : rc == PCRE2_ERROR_NOMEMORY
                            ? ZC_ERR_NOMEM
                            : ZC_ERR_INTERNAL;
        return false;
    }
    const PCRE2_SIZE *ov = m->ov;
    int have = m->nov;
    for (int i = 0; i < nvec; i++) {
        bool set = i < rc && i < have && ov[2 * i] != PCRE2_UNSET;
        ovec[2 * i] = set ? ov[2 * i] : SIZE_MAX;
        ovec[2 * i + 1] = set ? ov[2 * i + 1] : SIZE_MAX;
    }
    return true;
}

bool zci_match(zci_matcher *m, zci_pattern_id id, const char *s, size_t n, size_t pos,
               size_t *ovec, int nvec) {
    return run(m, id, s, n, pos, ovec, nvec, 0);
}

zc_status zci_matcher_status(const zci_matcher *m) { return m->status; }
