/*
 * output.c -- the document as JSON Lines and TSV: the spec's format, written
 * once here so the extractor and the bindings print the same records.
 *
 * Built on the public accessors only. JSON escaping is done here rather than
 * by a JSON library so the core has no further dependency; tests/test_output.c
 * checks every control character, quote, backslash, U+0085, U+2028/2029 and
 * invalid bytes against a real JSON parser's reading.
 */
#include <math.h>
#include <stdio.h>

#include "base.h"

typedef struct writer {
    zc_write_fn fn;
    void *ud;
    char buf[8192];
    size_t len;
    zc_status st;
} writer;

static void flush(writer *w) {
    if (w->len && w->st == ZC_OK && w->fn(w->ud, w->buf, w->len) != 0)
        w->st = ZC_ERR_WRITE;
    w->len = 0;
}

static void put_slow(writer *w, const char *s, size_t n) {
    while (n && w->st == ZC_OK) {
        size_t room = sizeof w->buf - w->len, k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
        if (w->len == sizeof w->buf)
            flush(w);
    }
}
/* Most pieces fit the buffer: one copy, no loop. */
static inline void put(writer *w, const char *s, size_t n) {
    if (n < sizeof w->buf - w->len) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    } else {
        put_slow(w, s, n);
    }
}
#define PUTS(w, lit) put((w), (lit), sizeof(lit) - 1)
static void put_cstr(writer *w, const char *s) { put(w, s, strlen(s)); }

/* ------------------------------------------------------------------ JSON */

static void put_u_escape(writer *w, uint32_t cp) {
    char e[8];
    snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
    put(w, e, 6);
}

/* A JSON string of n bytes that may hold anything: invalid UTF-8 becomes
 * U+FFFD; controls, quote, backslash and the line separators are escaped. */
static void put_json_str(writer *w, const char *s, size_t n) {
    PUTS(w, "\"");
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of bytes that need no escape */
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if ((unsigned)(c - 0x20) < 0x5Fu && c != '"' && c != '\\') { /* stands for itself */
            i++;
            continue;
        }
        /* the common case, a run of CJK ideographs */
        size_t e = zci_utf8_cjk_run(u, i, n);
        if (e > i) {
            i = e;
            continue;
        }
        /* a valid 3-byte character that is no line separator (E2 80 A8/A9) */
        if (zci_utf8_valid3(u + i, n - i) &&
            !(c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))) {
            i += 3;
            continue;
        }
        uint32_t cp = c;
        int l = 1, bad = 1;
        if (c >= 0x80)
            l = zci_utf8_decode(u + i, n - i, &cp, &bad);
        if (c >= 0x80 && l && cp != 0x85 && cp != 0x2028 && cp != 0x2029) {
            i += (size_t)l;
            continue;
        }
        put(w, s + run, i - run);
        if (c >= 0x80 && !l) {
            PUTS(w, "\xEF\xBF\xBD");
            i += (size_t)bad;
        } else {
            switch (cp) {
            case '"': PUTS(w, "\\\""); break;
            case '\\': PUTS(w, "\\\\"); break;
            case '\n': PUTS(w, "\\n"); break;
            case '\r': PUTS(w, "\\r"); break;
            case '\t': PUTS(w, "\\t"); break;
            default: put_u_escape(w, cp); break;
            }
            i += (size_t)l;
        }
        run = i;
    }
    put(w, s + run, n - run);
    PUTS(w, "\"");
}

static void put_json_size(writer *w, size_t v) {
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char b[24];
    size_t k = sizeof b;
    for (; v >= 100; v /= 100) { /* two digits a division */
        k -= 2;
        memcpy(b + k, pairs + 2 * (v % 100), 2);
    }
    if (v >= 10) {
        k -= 2;
        memcpy(b + k, pairs + 2 * v, 2);
    } else {
        b[--k] = (char)('0' + v);
    }
    put(w, b + k, sizeof b - k);
}

/* A number as JSON: integral values without a fraction, others in the
 * shortest form that reads back as the same double; non-finite: null. */
static void put_json_num(writer *w, double v) {
    char b[40];
    if (!isfinite(v)) {
        PUTS(w, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 9e15) {
        if (v < 0)
            PUTS(w, "-");
        put_json_size(w, (size_t)fabs(v));
        return;
    }
    /* Most figures have a few decimals (8.5, 0.35): m / 10^k == v means the
     * decimal m·10^-k reads back as v, and it is what %.15g would print. */
    static const double pow10[] = {1, 10, 100, 1000, 10000};
    double a = fabs(v);
    for (int k = 1; k <= 4 && a < 1e11; k++) {
        double m = floor(a * pow10[k] + 0.5);
        if (m / pow10[k] != a)
            continue;
        size_t whole = (size_t)(m / pow10[k]), frac = (size_t)m - whole * (size_t)pow10[k];
        if (v < 0)
            PUTS(w, "-");
        put_json_size(w, whole);
        char d[5];
        for (int i = k - 1; i >= 0; i--, frac /= 10)
            d[i] = (char)('0' + frac % 10);
        PUTS(w, ".");
        put(w, d, (size_t)k);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        size_t len = zci_format_g(b, sizeof b, prec, v);
        if (zci_strtod(b, len) == v)
            break;
    }
    put_cstr(w, b);
}



/* ---------------------------------------------------------------- records */

/* The value of one field of a record, in a form both writers use. */
typedef enum { V_NULL, V_STR, V_NUM, V_SIZE, V_FLAGS } vkind;
typedef struct value {
    vkind k;
    const char *s;
    size_t n;
    double d;
    size_t z;
} value;

static value v_null(void) { return (value){V_NULL, NULL, 0, 0, 0}; }
static value v_cstr(const char *s) { return (value){V_STR, s, strlen(s), 0, 0}; }
static value v_num(double d) { return (value){V_NUM, NULL, 0, d, 0}; }
static value v_size(size_t z) { return (value){V_SIZE, NULL, 0, 0, z}; }
/* The text of a span in UTF-8, whatever encoding the input was in. */
static value v_span(const zc_document *doc, zc_span sp) {
    size_t n = 0;
    const char *s = zc_document_span_text(doc, sp, &n);
    return (value){V_STR, s ? s : "", n, 0, 0};
}
static value v_opt_span(const zc_document *doc, zc_span sp) {
    return sp.end > sp.start ? v_span(doc, sp) : v_null();
}

/* The columns: every field of every record type, in the spec's order. */
#define COLUMNS(X)                                                                                 \
    X(TYPE, "type") X(DOC, "doc") X(START, "start") X(END, "end") X(TEXT, "text")                  \
    X(VALUE, "value") X(VALUE_MAX, "value_max") X(UNIT, "unit") X(SCALE, "scale")                  \
    X(UNIT_CLASS, "unit_class") X(BOUND, "bound") X(ACTION, "action") X(SUBJECT, "subject")        \
    X(SUBJECT_START, "subject_start") X(SUBJECT_END, "subject_end") X(INDICATOR, "indicator")      \
    X(STATUS, "status") X(ROLE, "role") X(DEADLINE, "deadline") X(SECTION, "section")              \
    X(FLAGS, "flags") X(INDEX, "index") X(KIND, "kind") X(NUMBER, "number") X(DEPTH, "depth")      \
    X(MARKER, "marker") X(TITLE, "title") X(PARENT, "parent") X(ISSUER, "issuer") X(DATE, "date")  \
    X(DOC_NUMBER, "doc_number") X(YEAR, "year") X(GENRE, "genre") X(PLACE, "place")                \
    X(REPORT_YEAR, "report_year")
#define COLUMN_ID(id, name) C_##id,
enum { COLUMNS(COLUMN_ID) NCOL };
#define COLUMN_NAME(id, name) name,
static const char *const column_names[NCOL] = {COLUMNS(COLUMN_NAME)};
/* ,"name": as JSON writes it before a value (without the comma first) */
#define COLUMN_KEY(id, name) {",\"" name "\":", sizeof(",\"" name "\":") - 1},
static const struct {
    const char *s;
    size_t n;
} column_keys[NCOL] = {COLUMNS(COLUMN_KEY)};

typedef struct record {
    bool has[NCOL];
    value v[NCOL];
    uint32_t flags;
} record;

static void set(record *r, int c, value v) {
    r->has[c] = true;
    r->v[c] = v;
}

static const char *type_of(const zc_finding *f) {
    return f->role == ZC_ROLE_COMMITMENT ? "commitment" : "quantity";
}

static void finding_record(record *r, const char *name, const zc_document *text,
                           const zc_finding *f) {
    memset(r, 0, sizeof *r);
    set(r, C_TYPE, v_cstr(type_of(f)));
    set(r, C_DOC, v_cstr(name));
    set(r, C_START, v_size(f->text.start));
    set(r, C_END, v_size(f->text.end));
    set(r, C_TEXT, v_span(text, f->text));
    set(r, C_VALUE, v_num(f->value));
    set(r, C_VALUE_MAX, f->bound == ZC_BOUND_RANGE ? v_num(f->value_max) : v_null());
    set(r, C_UNIT, v_cstr(f->unit));
    set(r, C_SCALE, v_num(f->scale));
    set(r, C_UNIT_CLASS, v_cstr(zc_unit_class_name(f->unit_class)));
    set(r, C_BOUND, v_cstr(zc_bound_name(f->bound)));
    set(r, C_ACTION, v_cstr(zc_action_name(f->action)));
    set(r, C_SUBJECT, f->subject_name ? v_cstr(f->subject_name) : v_span(text, f->subject));
    set(r, C_SUBJECT_START, v_size(f->subject.start));
    set(r, C_SUBJECT_END, v_size(f->subject.end));
    set(r, C_INDICATOR, f->indicator ? v_cstr(f->indicator) : v_null());
    set(r, C_STATUS, v_cstr(zc_stage_name(f->status)));
    set(r, C_ROLE, v_cstr(zc_role_name(f->role)));
    set(r, C_DEADLINE, v_opt_span(text, f->deadline));
    set(r, C_SECTION, v_size(f->section));
    set(r, C_FLAGS, (value){V_FLAGS, NULL, 0, 0, 0});
    r->flags = f->flags;
    set(r, C_YEAR, f->year ? v_size((size_t)f->year) : v_null());
}

static void section_record(record *r, const char *name, const zc_document *text, size_t i,
                           const zc_section *s) {
    memset(r, 0, sizeof *r);
    set(r, C_TYPE, v_cstr("section"));
    set(r, C_DOC, v_cstr(name));
    set(r, C_INDEX, v_size(i));
    /* a section starts at its marker, an unnumbered one at its title */
    set(r, C_START, v_size(s->kind == ZC_MARKER_UNNUMBERED ? s->title.start : s->marker.start));
    set(r, C_END, v_size(s->body.end));
    set(r, C_KIND, v_cstr(zc_marker_kind_name(s->kind)));
    set(r, C_NUMBER, v_size(s->number));
    set(r, C_DEPTH, v_size(s->depth));
    set(r, C_MARKER, v_span(text, s->marker));
    set(r, C_TITLE, v_span(text, s->title));
    set(r, C_STATUS, v_cstr(zc_stage_name(s->status)));
    set(r, C_PARENT, s->parent == ZC_NO_SECTION ? v_null() : v_size(s->parent));
}

/* The metadata, and the status of the root section: the document's default. */
static void meta_record(record *r, const char *name, const zc_document *text, const zc_meta *m,
                        zc_stage root_status) {
    memset(r, 0, sizeof *r);
    set(r, C_TYPE, v_cstr("meta"));
    set(r, C_DOC, v_cstr(name));
    set(r, C_STATUS, v_cstr(zc_stage_name(root_status)));
    set(r, C_TITLE, v_span(text, m->title));
    set(r, C_ISSUER, v_span(text, m->issuer));
    set(r, C_DATE, v_span(text, m->date));
    set(r, C_DOC_NUMBER, v_span(text, m->doc_number));
    set(r, C_YEAR, m->year ? v_size((size_t)m->year) : v_null());
    set(r, C_GENRE, v_cstr(zc_genre_name(m->genre)));
    set(r, C_PLACE, v_cstr(m->place ? m->place : ""));
    set(r, C_REPORT_YEAR, m->report_year ? v_size((size_t)m->report_year) : v_null());
}

static void json_record(writer *w, const record *r) {
    bool first = true;
    for (int c = 0; c < NCOL; c++) {
        if (!r->has[c])
            continue;
        if (first)
            PUTS(w, "{");
        put(w, column_keys[c].s + first, column_keys[c].n - first); /* no comma first */
        first = false;
        const value *v = &r->v[c];
        switch (v->k) {
        case V_NULL: PUTS(w, "null"); break;
        case V_STR: put_json_str(w, v->s, v->n); break;
        case V_NUM: put_json_num(w, v->d); break;
        case V_SIZE: put_json_size(w, v->z); break;
        case V_FLAGS:
            PUTS(w, "[");
            for (unsigned b = 0, k = 0; b < ZC_FLAG_COUNT; b++)
                if (r->flags & (1u << b)) {
                    if (k++)
                        PUTS(w, ",");
                    put_json_str(w, zc_flag_name(b), strlen(zc_flag_name(b)));
                }
            PUTS(w, "]");
            break;
        }
    }
    PUTS(w, "}\n");
}

/* ------------------------------------------------------------------- TSV */

/* A TSV field: as is, or quoted when it holds a tab, a line end or '"'.
 * Invalid UTF-8 becomes U+FFFD here too. */
static void put_tsv_str(writer *w, const char *s, size_t n) {
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '"';
    if (quote)
        PUTS(w, "\"");
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int bad = 1, l = u[i] < 0x80 ? 1 : zci_utf8_decode(u + i, n - i, &cp, &bad);
        if (!l) {
            PUTS(w, "\xEF\xBF\xBD");
            i += (size_t)bad;
        } else if (u[i] == '"') {
            PUTS(w, "\"\"");
            i++;
        } else if (u[i] == '\0') {
            PUTS(w, " ");
            i++;
        } else {
            put(w, s + i, (size_t)l);
            i += (size_t)l;
        }
    }
    if (quote)
        PUTS(w, "\"");
}

static void tsv_record(writer *w, const record *r) {
    for (int c = 0; c < NCOL; c++) {
        if (c)
            PUTS(w, "\t");
        if (!r->has[c])
            continue;
        const value *v = &r->v[c];
        switch (v->k) {
        case V_NULL: break;
        case V_STR: put_tsv_str(w, v->s, v->n); break;
        case V_NUM: put_json_num(w, v->d); break;
        case V_SIZE: put_json_size(w, v->z); break;
        case V_FLAGS:
            for (unsigned b = 0, k = 0; b < ZC_FLAG_COUNT; b++)
                if (r->flags & (1u << b)) {
                    if (k++)
                        PUTS(w, ",");
                    put_cstr(w, zc_flag_name(b));
                }
            break;
        }
    }
    PUTS(w, "\n");
}

static void tsv_header(writer *w) {
    for (int c = 0; c < NCOL; c++) {
        if (c)
            PUTS(w, "\t");
        put_cstr(w, column_names[c]);
    }
    PUTS(w, "\n");
}

/* ---------------------------------------------------------------- walking */

static bool wanted(uint32_t flags, const zc_finding *f) {
    bool commitment = f->role == ZC_ROLE_COMMITMENT;
    if (flags & ZC_WRITE_ONLY_COMMITMENTS)
        return commitment;
    if (flags & ZC_WRITE_ONLY_QUANTITIES)
        return !commitment;
    if (flags & ZC_WRITE_ONLY_TARGETS)
        return commitment && f->status == ZC_STAGE_TARGET;
    if (flags & ZC_WRITE_ONLY_ACHIEVED)
        return commitment && f->status == ZC_STAGE_ACHIEVED;
    return true;
}

/* Sections and findings[0..nf) merged in text order, each handed to emit:
 * a part of the document's records. *at is 0 before the first part (the
 * header and the meta record go first), then the next section to write;
 * the last part (final) writes the sections left after its findings. */
static zc_status walk(const zc_document *doc, const char *name, uint32_t flags,
                      const zc_finding *findings, size_t nf, bool final, size_t *at,
                      zc_write_fn fn, void *ud, void (*emit)(writer *, const record *)) {
    if (!doc || !fn || !at || (nf && !findings))
        return ZC_ERR_INVALID_ARG;
    writer wr, *w = &wr; /* on the stack: the library allocates only through zc_allocator */
    w->fn = fn;
    w->ud = ud;
    w->len = 0;
    w->st = ZC_OK;
    name = name ? name : "";
    const zc_document *text = doc; /* spans are read through it */
    record r;
    size_t ns = zc_document_section_count(doc);
    if (*at == 0) {
        if (emit == tsv_record && (flags & ZC_WRITE_HEADER))
            tsv_header(w);
        if (flags & ZC_WRITE_META) {
            const zc_section *root = zc_document_section(doc, 0);
            meta_record(&r, name, text, zc_document_meta(doc),
                        root ? root->status : ZC_STAGE_TARGET);
            emit(w, &r);
        }
        *at = (flags & ZC_WRITE_SECTIONS) ? 1 : ns; /* (the root is no record) */
    }
    size_t si = *at, fi = 0;
    while ((fi < nf || (final && si < ns)) && w->st == ZC_OK) {
        const zc_section *s = si < ns ? zc_document_section(doc, si) : NULL;
        const zc_finding *f = fi < nf ? &findings[fi] : NULL;
        if (s && (!f || s->body.start <= f->text.start)) {
            section_record(&r, name, text, si, s);
            emit(w, &r);
            si++;
            continue;
        }
        fi++;
        if (!wanted(flags, f))
            continue;
        finding_record(&r, name, text, f);
        emit(w, &r);
    }
    *at = si;
    flush(w);
    return w->st;
}

zc_status zc_document_write_jsonl(const zc_document *doc, const char *name, uint32_t flags,
                                  zc_write_fn write, void *ud) {
    size_t at = 0;
    return walk(doc, name, flags, zc_document_finding(doc, 0), zc_document_finding_count(doc),
                true, &at, write, ud, json_record);
}

zc_status zc_document_write_tsv(const zc_document *doc, const char *name, uint32_t flags,
                                zc_write_fn write, void *ud) {
    size_t at = 0;
    return walk(doc, name, flags, zc_document_finding(doc, 0), zc_document_finding_count(doc),
                true, &at, write, ud, tsv_record);
}

zc_status zc_document_write_jsonl_part(const zc_document *doc, const char *name, uint32_t flags,
                                       const zc_finding *findings, size_t n, size_t *at,
                                       zc_write_fn write, void *ud) {
    return walk(doc, name, flags, findings, n, n == 0, at, write, ud, json_record);
}

zc_status zc_document_write_tsv_part(const zc_document *doc, const char *name, uint32_t flags,
                                     const zc_finding *findings, size_t n, size_t *at,
                                     zc_write_fn write, void *ud) {
    return walk(doc, name, flags, findings, n, n == 0, at, write, ud, tsv_record);
}

zc_status zc_write_tsv_header(zc_write_fn write, void *ud) {
    if (!write)
        return ZC_ERR_INVALID_ARG;
    writer w = {write, ud, {0}, 0, ZC_OK};
    tsv_header(&w);
    flush(&w);
    return w.st;
}

/* ------------------------------------------------------------------ panel */

static const char *const panel_columns[] = {
    "place", "year", "indicator", "target_set", "target_value", "target_value_max",
    "target_bound", "target_unit", "target_scale", "target_doc", "target_start", "target_end",
    "achieved_value", "achieved_unit", "achieved_scale", "achieved_doc", "achieved_start",
    "achieved_end", "met"};
#define NPANEL (sizeof panel_columns / sizeof panel_columns[0])

/* One panel row as values, in panel_columns order. */
static void panel_values(const zc_panel_row *r, value *v) {
    const zc_panel_figure *t = &r->target, *a = &r->achieved;
    bool ht = r->has_target, ha = r->has_achieved;
    v[0] = v_cstr(r->place);
    v[1] = v_size((size_t)r->year);
    v[2] = v_cstr(r->indicator);
    v[3] = v_cstr(r->target_set ? "true" : "false");
    v[4] = ht ? v_num(t->value) : v_null();
    v[5] = ht && t->bound == ZC_BOUND_RANGE ? v_num(t->value_max) : v_null();
    v[6] = ht ? v_cstr(zc_bound_name(t->bound)) : v_null();
    v[7] = ht ? v_cstr(t->unit) : v_null();
    v[8] = ht ? v_num(t->scale) : v_null();
    v[9] = ht ? v_cstr(t->doc) : v_null();
    v[10] = ht ? v_size(t->span.start) : v_null();
    v[11] = ht ? v_size(t->span.end) : v_null();
    v[12] = ha ? v_num(a->value) : v_null();
    v[13] = ha ? v_cstr(a->unit) : v_null();
    v[14] = ha ? v_num(a->scale) : v_null();
    v[15] = ha ? v_cstr(a->doc) : v_null();
    v[16] = ha ? v_size(a->span.start) : v_null();
    v[17] = ha ? v_size(a->span.end) : v_null();
    v[18] = v_cstr(zc_met_name(r->met));
}

/* A CSV field: quoted when it holds a comma, a quote or a line end. */
static void put_csv_str(writer *w, const char *s, size_t n) {
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        put(w, s, n);
        return;
    }
    PUTS(w, "\"");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            PUTS(w, "\"");
        put(w, s + i, 1);
    }
    PUTS(w, "\"");
}

zc_status zc_panel_write(zc_panel *p, zc_panel_format format, zc_write_fn fn, void *ud) {
    if (!p || !fn || (unsigned)format > ZC_PANEL_CSV)
        return ZC_ERR_INVALID_ARG;
    writer wr = {fn, ud, {0}, 0, ZC_OK}, *w = &wr;
    const char *sep = format == ZC_PANEL_CSV ? "," : "\t";
    if (format != ZC_PANEL_JSONL) {
        for (size_t c = 0; c < NPANEL; c++) {
            if (c)
                put_cstr(w, sep);
            put_cstr(w, panel_columns[c]);
        }
        PUTS(w, "\n");
    }
    size_t n = zc_panel_row_count(p);
    for (size_t i = 0; i < n && w->st == ZC_OK; i++) {
        value v[NPANEL];
        panel_values(zc_panel_row_at(p, i), v);
        for (size_t c = 0; c < NPANEL; c++) {
            if (format == ZC_PANEL_JSONL) {
                put_cstr(w, c ? ",\"" : "{\"");
                put_cstr(w, panel_columns[c]);
                PUTS(w, "\":");
            } else if (c) {
                put_cstr(w, sep);
            }
            bool boolean = c == 3; /* target_set */
            switch (v[c].k) {
            case V_NULL:
                if (format == ZC_PANEL_JSONL)
                    PUTS(w, "null");
                break;
            case V_STR:
                if (format == ZC_PANEL_JSONL && boolean)
                    put(w, v[c].s, v[c].n);
                else if (format == ZC_PANEL_JSONL)
                    put_json_str(w, v[c].s, v[c].n);
                else if (format == ZC_PANEL_CSV)
                    put_csv_str(w, v[c].s, v[c].n);
                else
                    put_tsv_str(w, v[c].s, v[c].n);
                break;
            case V_NUM:
                put_json_num(w, v[c].d);
                break;
            default:
                put_json_size(w, v[c].z);
                break;
            }
        }
        put_cstr(w, format == ZC_PANEL_JSONL ? "}\n" : "\n");
    }
    flush(w);
    return w->st;
}
