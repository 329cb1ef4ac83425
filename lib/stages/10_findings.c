/*
 * 10_findings.c -- the public records, built once: every zci_sec becomes a
 * zc_section, every kept zci_quantity a zc_finding, the metadata a zc_meta,
 * all with spans mapped from folded offsets to the caller's original bytes.
 * Records are visited in text order, so the breakpoint map is walked
 * forward with a cursor instead of searched for every span.
 *
 * In two steps, so that a document never holds its folded text and its
 * findings at once: zci_findings_settle maps each figure's spans into the
 * UTF-8 text and builds its subject name while the folded text is there;
 * zci_findings_build makes the findings from the figures alone.
 */
#include "pipeline.h"

static zc_span to_input(const zci_encmap *enc, zc_span sp);

typedef struct mapper {
    const zci_text *tx;
    size_t hint;          /* breakpoint index of the last start mapped */
    const zci_encmap *enc; /* then on to the caller's bytes in another
                              encoding; NULL for UTF-8 input */
    /* The folded offsets [base_f, hi) that map as the last start did (no
     * breakpoint between): f -> f - base_f + base_o. Empty at first. */
    size_t base_f, hi, base_o;
} mapper;

/* A mapper over tx, on through enc when the input was another encoding. */
static mapper mapper_of(const zci_text *tx, const zci_encmap *enc) {
    return (mapper){tx, 0, enc && enc->n ? enc : NULL, 0, 0, 0};
}

/* Original offset of f. Spans come nearly in text order, so the breakpoint
 * for f (the last k with bp[k].f <= f) is looked for by galloping from
 * *hint (steps 1, 2, 4 ... then a binary search between the last two):
 * O(log distance), a few steps for the next span; *hint is left at it. */
static size_t orig_near(const zci_text *tx, size_t *hint, size_t f) {
    size_t nb = tx->nbp;
    if (nb == 0 || zci_text_bp_f(tx, 0) > f)
        return f; /* before the first breakpoint */
    size_t k = *hint < nb ? *hint : 0, lo, hi; /* the answer is in [lo, hi) */
    if (zci_text_bp_f(tx, k) <= f) {
        size_t step = 1;
        lo = k;
        while (lo + step < nb && zci_text_bp_f(tx, lo + step) <= f) {
            lo += step;
            step *= 2;
        }
        hi = lo + step < nb ? lo + step : nb;
    } else {
        size_t step = 1;
        hi = k;
        while (hi >= step && zci_text_bp_f(tx, hi - step) > f) {
            hi -= step;
            step *= 2;
        }
        lo = hi >= step ? hi - step : 0;
    }
    while (hi - lo > 1) { /* bp[lo].f <= f, and bp[hi].f > f or hi == nb */
        size_t mid = lo + (hi - lo) / 2;
        if (zci_text_bp_f(tx, mid) <= f)
            lo = mid;
        else
            hi = mid;
    }
    *hint = lo;
    zci_breakpoint b = zci_text_bp(tx, lo);
    size_t o = f - b.f + b.o;
    return o > tx->olen ? tx->olen : o;
}

/* Original end of a span ending at folded offset f: the end of the original
 * character behind the last folded one, so that text dropped between two
 * characters (a CR before LF, a zero-width space) stays outside the span. */
static size_t map_end(const zci_text *tx, size_t hint, size_t start, size_t f) {
    if (f <= start)
        return orig_near(tx, &hint, f);
    size_t last = zci_prev_char(tx->t, f);
    if (last < start)
        last = start;
    size_t k = hint, limit = orig_near(tx, &k, f), o;
    if (limit < tx->olen && (tx->nbp == 0 || zci_text_bp_f(tx, 0) > f || zci_text_bp_f(tx, k) <= last))
        o = limit - (f - last); /* no breakpoint in [last, f): copied as it was */
    else
        o = orig_near(tx, &hint, last);
    if (o >= tx->olen)
        return limit;
    const unsigned char *u = (const unsigned char *)tx->orig + o;
    int l, bad = 1;
    if (u[0] < 0x80) {
        l = 1;
    } else if (zci_utf8_valid3(u, tx->olen - o)) {
        l = 3;
    } else {
        uint32_t cp;
        l = zci_utf8_decode(u, tx->olen - o, &cp, &bad);
    }
    size_t end = o + (size_t)(l ? l : bad);
    return end < limit ? end : limit;
}

/* Set mp's interval to the one holding folded offset f. */
static void find_interval(mapper *mp, size_t f) {
    const zci_text *tx = mp->tx;
    size_t nb = tx->nbp;
    if (nb == 0 || zci_text_bp_f(tx, 0) > f) { /* before the first breakpoint */
        mp->base_f = mp->base_o = 0;
        mp->hi = nb ? zci_text_bp_f(tx, 0) : SIZE_MAX;
        return;
    }
    orig_near(tx, &mp->hint, f);
    zci_breakpoint b = zci_text_bp(tx, mp->hint);
    mp->base_f = b.f;
    mp->base_o = b.o;
    mp->hi = mp->hint + 1 < nb ? zci_text_bp_f(tx, mp->hint + 1) : SIZE_MAX;
}

/* Original offset of a span start f. The spans of a figure (its text,
 * number, unit, subject) mostly lie between the same two breakpoints: those
 * of the last start are kept, and only a start outside them is looked for. */
static inline size_t map_start(mapper *mp, size_t f) {
    if (f < mp->base_f || f >= mp->hi)
        find_interval(mp, f);
    size_t o = f - mp->base_f + mp->base_o;
    return o > mp->tx->olen ? mp->tx->olen : o;
}

/* The end of a span that a breakpoint may cut (out of line: most spans
 * end by map's first tests, called for every span). */
static size_t map_cut_end(const mapper *mp, zci_range r, size_t start) {
    size_t end = map_end(mp->tx, mp->hint, r.s, r.e);
    return end < start ? start : end;
}

/* map() in every case. */
ZCI_NOINLINE static zc_span map_general(mapper *mp, zci_range r) {
    zc_span sp;
    sp.start = map_start(mp, r.s);
    /* when the breakpoint after the start's lies past the end, every
     * character of the span kept its length (a changed one is followed by
     * a breakpoint right after it) and the span ends as many bytes later */
    if (r.e <= r.s)
        sp.end = sp.start;
    else if (r.e < mp->hi && sp.start + (r.e - r.s) <= mp->tx->olen)
        sp.end = sp.start + (r.e - r.s);
    else
        sp.end = map_cut_end(mp, r, sp.start);
    return mp->enc ? to_input(mp->enc, sp) : sp;
}

/* r of the folded text as a span of the caller's bytes. Inline for the
 * common case, a span inside the interval of the last start in UTF-8 input:
 * the start's offset moved by the interval's difference, the same length. */
static inline zc_span map(mapper *mp, zci_range r) {
    if (!mp->enc && r.s >= mp->base_f && r.s < mp->hi && r.e < mp->hi) {
        size_t o = r.s - mp->base_f + mp->base_o, len = r.e > r.s ? r.e - r.s : 0;
        if (o + len <= mp->tx->olen)
            return (zc_span){o, o + len};
    }
    return map_general(mp, r);
}

/* A span of the UTF-8 text into the caller's bytes (another encoding). */
static zc_span to_input(const zci_encmap *enc, zc_span sp) {
    return enc && enc->n ? zci_encmap_orig_span(enc, sp) : sp;
}

/* r of the folded text mapped into the UTF-8 text, as a range again (the
 * UTF-8 text is shorter than 4 GiB too); mp goes no further (no enc). */
static zci_range settle(mapper *mp, zci_range r) {
    zc_span sp = map(mp, r);
    return (zci_range){(uint32_t)sp.start, (uint32_t)sp.end};
}

static void *alloc_array(zci_arena *ar, size_t count, size_t size) {
    if (count == 0)
        return NULL;
    if (count > SIZE_MAX / size)
        return NULL;
    return zci_arena_alloc(ar, count * size);
}

static zc_status build_sections(const zci_work *w, zci_results *out) {
    mapper mp = mapper_of(&w->text, w->enc);
    size_t ns = w->sections.len;
    out->sections = alloc_array(w->arena, ns, sizeof(zc_section));
    if (ns && !out->sections)
        return ZC_ERR_NOMEM;
    out->nsections = ns;
    for (size_t i = 0; i < ns; i++) {
        const zci_sec *s = ZCI_SEC(w, i);
        zc_section *o = &out->sections[i];
        memset(o, 0, sizeof *o);
        o->kind = s->kind;
        o->number = s->number;
        o->depth = s->depth;
        o->parent = s->parent;
        o->marker = map(&mp, s->marker);
        o->title = map(&mp, s->title);
        o->body = map(&mp, s->body);
        o->status = s->status;
    }
    return ZC_OK;
}

/* Each kept figure's spans into the UTF-8 text, and its subject name when
 * that is built from pieces: what the findings need of the folded text. */
zc_status zci_figures_settle(zci_work *w) {
    mapper mp = mapper_of(&w->text, NULL), at_start = mp;
    /* the span a figure has none of ({0, 0}: no deadline, as a rule) maps
     * to the same place every time: mapped once, so the mapper stays with
     * the figures (they lie between the same breakpoints, one after another) */
    const zci_range none = settle(&at_start, (zci_range){0, 0});
    zci_quantity *q = ZCI_Q(w);
    for (size_t i = 0; i < w->quantities.len; i++) {
        if (q[i].dropped)
            continue;
        if (zci_subject_built(&q[i])) {
            char buf[512];
            size_t len = zci_subject_name(w->text.t, &q[i], buf, sizeof buf);
            char *name = zci_arena_alloc(w->names, len + 1);
            if (!name)
                return ZC_ERR_NOMEM;
            memcpy(name, buf, len + 1);
            q[i].name = name;
        }
        /* the subject first: it stands before the figure, as a rule */
        q[i].subject = q[i].subject.e ? settle(&mp, q[i].subject) : none;
        zci_range text = settle(&mp, (zci_range){q[i].start, q[i].end});
        zci_range number = settle(&mp, (zci_range){q[i].num_start, q[i].num_end});
        zci_range unit = settle(&mp, (zci_range){q[i].unit_start, q[i].unit_end});
        q[i].start = text.s, q[i].end = text.e;
        q[i].num_start = number.s, q[i].num_end = number.e;
        q[i].unit_start = unit.s, q[i].unit_end = unit.e;
        q[i].deadline = q[i].deadline.e ? settle(&mp, q[i].deadline) : none;
    }
    return ZC_OK;
}

/* Finding *f from the settled figure *q. */
static void make_finding(const zci_encmap *enc, const zci_quantity *q, zc_finding *f) {
    memset(f, 0, sizeof *f);
    f->text = to_input(enc, (zc_span){q->start, q->end});
    f->number = to_input(enc, (zc_span){q->num_start, q->num_end});
    f->unit_text = to_input(enc, (zc_span){q->unit_start, q->unit_end});
    f->value = q->value;
    f->value_max = q->bound == ZC_BOUND_RANGE ? q->value_max : q->value;
    f->scale = q->scale;
    f->unit = q->unit ? q->unit->canon : "";
    f->unit_class = q->unit ? (zc_unit_class)q->unit->val : ZC_UNIT_OTHER;
    f->bound = q->bound;
    f->action = q->action;
    f->status = q->stage;
    f->role = q->role;
    f->flags = q->flags;
    f->subject = to_input(enc, (zc_span){q->subject.s, q->subject.e});
    f->deadline = to_input(enc, (zc_span){q->deadline.s, q->deadline.e});
    f->section = q->section;
    f->indicator = q->indicator;
    f->year = q->year;
    f->subject_name = q->name;
}

/* A finding never fits in less than a figure's record: finding k of an
 * array laid over the figures covers only figures k and after. */
_Static_assert(sizeof(zc_finding) >= sizeof(zci_quantity), "findings are made from the last");

/*
 * The findings made in the figures' own array, when it has room for them
 * (zci_figure_push grows it so) and they would fill at least half of it: a
 * document dense with figures (a 100 MB line of commitments has one every
 * 19 bytes) then never holds the figures and the findings at once; the
 * document frees the array. The kept figures are moved together first,
 * then made findings from the last, each read out (memcpy: the bytes change
 * type) before its slot is written.
 */
static bool build_in_place(zci_work *w, size_t kept, zci_results *out) {
    zci_scratch *v = &w->quantities;
    size_t room = v->cap * sizeof(zci_quantity), need = kept * sizeof(zc_finding);
    if (kept == 0 || need > room || need < room / 2)
        return false;
    zci_quantity *q = v->data;
    for (size_t i = 0, k = 0; i < v->len; i++)
        if (!q[i].dropped) {
            if (k != i)
                q[k] = q[i];
            k++;
        }
    char *block = v->data;
    for (size_t k = kept; k-- > 0;) {
        zci_quantity one;
        zc_finding f;
        memcpy(&one, block + k * sizeof one, sizeof one);
        make_finding(w->enc, &one, &f);
        memcpy(block + k * sizeof f, &f, sizeof f);
    }
    out->findings = (zc_finding *)(void *)block;
    out->nfindings = kept;
    out->findings_block = block;
    v->data = NULL; /* the document's now */
    v->len = v->cap = 0;
    return true;
}

zc_status zci_findings_batch(zci_work *w, zci_scratch *batch) {
    const zci_quantity *q = ZCI_Q(w);
    batch->len = 0;
    for (size_t i = 0; i < w->quantities.len; i++) {
        if (q[i].dropped)
            continue;
        zc_finding *f = zci_scratch_push(batch);
        if (!f)
            return ZC_ERR_NOMEM;
        make_finding(w->enc, &q[i], f);
    }
    return ZC_OK;
}

zc_status zci_findings_build(zci_work *w, zci_results *out) {
    const zci_quantity *q = ZCI_Q(w);
    size_t nq = w->quantities.len, kept = 0;
    for (size_t i = 0; i < nq; i++)
        kept += !q[i].dropped;
    if (build_in_place(w, kept, out))
        return ZC_OK;
    out->findings = alloc_array(w->arena, kept, sizeof(zc_finding));
    if (kept && !out->findings)
        return ZC_ERR_NOMEM;
    out->nfindings = kept;
    zc_finding *f = out->findings;
    for (size_t i = 0; i < nq; i++)
        if (!q[i].dropped)
            make_finding(w->enc, &q[i], f++);
    return ZC_OK;
}

/* The place as a name: 全国, or the span with 高新技术产业开发区 shortened to
 * 高新区 as the zones call themselves. */
static zc_status place_name(const zci_work *w, zci_results *out) {
    static const char national[] = "全国", long_form[] = "高新技术产业开发区";
    if (w->meta.national) {
        out->meta.place = national;
        return ZC_OK;
    }
    zci_range r = w->meta.place;
    char *s = zci_arena_alloc(w->arena, r.e - r.s + 1);
    if (!s)
        return ZC_ERR_NOMEM;
    size_t k = 0;
    for (size_t p = r.s; p < r.e;) {
        if (zci_has(w->text.t, r.e, p, long_form, sizeof long_form - 1)) {
            memcpy(s + k, "高新区", 9);
            k += 9;
            p += sizeof long_form - 1;
            continue;
        }
        s[k++] = w->text.t[p++];
    }
    s[k] = '\0';
    out->meta.place = s;
    return ZC_OK;
}

static void build_meta(const zci_work *w, zci_results *out) {
    mapper mp = mapper_of(&w->text, w->enc);
    out->meta.place_span = map(&mp, w->meta.place);
    out->meta.report_year = w->meta.report_year;
    out->meta.title = map(&mp, w->meta.title);
    out->meta.issuer = map(&mp, w->meta.issuer);
    out->meta.date = map(&mp, w->meta.date);
    out->meta.doc_number = map(&mp, w->meta.doc_number);
    out->meta.year = w->meta.year;
    out->meta.genre = w->meta.genre;
}

zc_status zci_results_build(zci_work *w, zci_results *out) {
    zc_status st = build_sections(w, out);
    if (st == ZC_OK) {
        build_meta(w, out);
        st = place_name(w, out);
    }
    return st;
}
