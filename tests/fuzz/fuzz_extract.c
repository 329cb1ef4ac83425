/*
 * fuzz_extract.c -- libFuzzer target over the public parse calls.
 *
 * The first byte of the input chooses the options (lossy, unitless, section
 * depth); the rest is the document. Every result is checked against the
 * invariants users rely on; a violation traps, so the fuzzer reports it.
 * Built with clang -fsanitize=fuzzer,address,undefined (meson -Dfuzz=true),
 * and with replay.c as a plain program that meson test runs over the seeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include <zhengce.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_extract.c:%d: invariant broken: %s\n", __LINE__, #cond);         \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (0)

static int on_boundary(const uint8_t *s, size_t n, size_t off) {
    return off == n || off == 0 || (s[off] & 0xC0) != 0x80;
}

static void check_span(const uint8_t *s, size_t n, zc_span sp, int valid) {
    CHECK(sp.start <= sp.end);
    CHECK(sp.end <= n);
    if (valid) {
        CHECK(on_boundary(s, n, sp.start));
        CHECK(on_boundary(s, n, sp.end));
    }
}

/* The characters of t[0, n) as Unicode's table 3-7 writes them, read here
 * on its own; -1 if a sequence is ill-formed, unless lossy: then each
 * maximal subpart of one is a character (the U+FFFD that replaces it). */
static long utf8_chars(const char *t, size_t n, bool lossy) {
    const unsigned char *u = (const unsigned char *)t;
    long chars = 0;
    for (size_t i = 0; i < n; chars++) {
        unsigned c = u[i];
        size_t l = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        size_t ok = l ? 1 : 0; /* the bytes of a well-formed prefix */
        if (l > 1 && i + 1 < n && u[i + 1] >= lo && u[i + 1] <= hi)
            for (ok = 2; ok < l && i + ok < n && (u[i + ok] & 0xC0) == 0x80;)
                ok++;
        if (ok < l || l == 0) {
            if (!lossy)
                return -1;
            i += ok ? ok : 1;
            continue;
        }
        i += l;
    }
    return chars;
}

static void check(const zc_document *doc, const uint8_t *s, size_t n, int valid) {
    size_t ns = zc_document_section_count(doc), nf = zc_document_finding_count(doc);
    CHECK(ns >= 1);
    CHECK(zc_document_section(doc, 0)->parent == ZC_NO_SECTION);
    CHECK(zc_document_section(doc, ns) == NULL && zc_document_finding(doc, nf) == NULL);
    for (size_t i = 0; i < ns; i++) {
        const zc_section *sec = zc_document_section(doc, i);
        check_span(s, n, sec->marker, valid);
        check_span(s, n, sec->title, valid);
        check_span(s, n, sec->body, valid);
        CHECK((unsigned)sec->kind < ZC_MARKER_KIND_COUNT && (unsigned)sec->status < ZC_STAGE_COUNT);
        if (i > 0) {
            CHECK(sec->parent < i); /* parents come first: a tree */
            const zc_section *p = zc_document_section(doc, sec->parent);
            CHECK(sec->depth == p->depth + 1); /* depth is nesting depth */
            CHECK(sec->body.start >= zc_document_section(doc, i - 1)->body.start); /* ordered */
            /* a child lies inside its parent (the root's body is only the
             * text before the first heading) */
            if (sec->parent != 0)
                CHECK(p->body.start <= sec->body.start && sec->body.end <= p->body.end);
        }
    }
    for (size_t i = 0; i < nf; i++) {
        const zc_finding *f = zc_document_finding(doc, i);
        check_span(s, n, f->text, valid);
        check_span(s, n, f->number, valid);
        check_span(s, n, f->unit_text, valid);
        check_span(s, n, f->subject, valid);
        check_span(s, n, f->deadline, valid);
        CHECK(f->text.end > f->text.start);
        CHECK(f->section < ns);
        const zc_section *sec = zc_document_section(doc, f->section);
        CHECK(sec->body.start <= f->text.start && f->text.start < sec->body.end + (f->section == 0));
        CHECK(f->unit != NULL);
        CHECK(isfinite(f->value) && isfinite(f->value_max) && isfinite(f->scale) && f->scale > 0);
        CHECK(f->bound == ZC_BOUND_RANGE ? f->value_max >= f->value : f->value_max == f->value);
        CHECK((unsigned)f->bound < ZC_BOUND_COUNT && (unsigned)f->action < ZC_ACTION_COUNT);
        CHECK((unsigned)f->role < ZC_ROLE_COUNT && (unsigned)f->unit_class < ZC_UNIT_CLASS_COUNT);
        CHECK((unsigned)f->status < ZC_STAGE_COUNT);
        CHECK((f->flags >> ZC_FLAG_COUNT) == 0);
        CHECK(!f->indicator || zc_indicator_find(f->indicator, strlen(f->indicator)) != NULL);
        if (f->subject_name)
            CHECK(strlen(f->subject_name) < 1024);
        if (i > 0)
            CHECK(zc_document_finding(doc, i - 1)->text.start <= f->text.start); /* sorted */
    }
    const zc_meta *m = zc_document_meta(doc);
    check_span(s, n, m->title, valid);
    check_span(s, n, m->issuer, valid);
    check_span(s, n, m->date, valid);
    check_span(s, n, m->doc_number, valid);
    CHECK(m->year == 0 || (m->year >= 1900 && m->year <= 2199));
    CHECK((unsigned)m->genre < ZC_GENRE_COUNT);
}

/* Two documents read from the same input say the same. */
static void check_same(const zc_document *a, const zc_document *b) {
    CHECK(zc_document_section_count(a) == zc_document_section_count(b));
    CHECK(zc_document_finding_count(a) == zc_document_finding_count(b));
    for (size_t i = 0; i < zc_document_finding_count(a); i++) {
        const zc_finding *x = zc_document_finding(a, i), *y = zc_document_finding(b, i);
        CHECK(x->text.start == y->text.start && x->text.end == y->text.end);
        CHECK(x->value == y->value && x->bound == y->bound && x->role == y->role);
        CHECK(x->subject.start == y->subject.start && x->status == y->status);
    }
}

/* A JSON writer that only counts: every record must come out whole. */
static int count_bytes(void *ud, const char *bytes, size_t len) {
    (void)bytes;
    *(size_t *)ud += len;
    return 0;
}

/* zc_extract_each's batches, checked against the document read whole and
 * written by the part writers. */
typedef struct handed {
    const zc_document *whole;
    size_t n, json_at, bytes;
} handed;

static int check_batch(void *ud, const zc_document *doc, const zc_finding *f, size_t n) {
    handed *h = ud;
    CHECK(n > 0 && zc_document_finding_count(doc) == 0);
    for (size_t i = 0; i < n; i++, h->n++) {
        const zc_finding *w = zc_document_finding(h->whole, h->n);
        CHECK(w != NULL);
        CHECK(w->text.start == f[i].text.start && w->text.end == f[i].text.end);
        CHECK(w->value == f[i].value && w->role == f[i].role && w->status == f[i].status);
        CHECK(w->subject.start == f[i].subject.start && w->subject.end == f[i].subject.end);
        CHECK((w->subject_name == NULL) == (f[i].subject_name == NULL));
        CHECK(!w->subject_name || strcmp(w->subject_name, f[i].subject_name) == 0);
    }
    CHECK(zc_document_write_jsonl_part(doc, "f", ZC_WRITE_SECTIONS | ZC_WRITE_META, f, n,
                                       &h->json_at, count_bytes, &h->bytes) == ZC_OK);
    return 0;
}

static zc_extractor *extractors[8];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    unsigned which = data[0] & 7;
    for (unsigned k = 0; k < 8 && !extractors[7]; k++) { /* all eight, once */
        zc_options o;
        zc_options_init(&o);
        o.flags = (k & 1 ? ZC_OPT_LOSSY : 0) | (k & 2 ? ZC_OPT_UNITLESS | ZC_OPT_BORROW : 0);
        o.max_depth = k & 4 ? 2 : 6;
        extractors[k] = zc_extractor_new(&o, NULL);
        CHECK(extractors[k] != NULL);
    }
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    zc_error err;
    zc_document *doc = zc_extract(extractors[which], text, n, &err);
    if (!doc) {
        CHECK(err.code != ZC_OK);
        CHECK(strlen(err.message) > 0);
        if (err.code == ZC_ERR_INVALID_UTF8) {
            CHECK(err.offset < n && !(which & 1));
            /* the line is right: 1 + the line ends before the offset */
            uint32_t line = 1;
            for (size_t i = 0; i < err.offset; i++)
                line += text[i] == '\n' || (text[i] == '\r' && (i + 1 >= n || text[i + 1] != '\n'));
            CHECK(err.line == line);
        } else {
            CHECK(err.code == ZC_ERR_NOMEM || err.code == ZC_ERR_LIMIT || err.code == ZC_ERR_TOO_LARGE);
        }
        return 0;
    }
    size_t len;
    const char *copy = zc_document_text(doc, &len);
    CHECK(len == n && (n == 0 || memcmp(copy, text, n) == 0));
    bool valid = zc_document_replacements(doc, NULL) == 0;
    check(doc, (const uint8_t *)text, n, valid);
    /* determinism, and lossy reads valid input as strict does */
    zc_document *again = zc_extract(extractors[valid ? (which ^ 1) : which], text, n, NULL);
    CHECK(again != NULL);
    check_same(doc, again);
    zc_document_free(again);
    /* code points of the finding ends, asked for in reverse order: never
     * more than the bytes, in the same order as the bytes */
    size_t nf = zc_document_finding_count(doc), byte_at[64], char_at[64], k = 0;
    for (size_t i = nf; i-- > 0 && k < 64; k++) {
        byte_at[k] = zc_document_finding(doc, i)->text.end;
        char_at[k] = byte_at[k];
    }
    CHECK(zc_document_char_offsets(doc, char_at, k) == ZC_OK);
    for (size_t i = 0; i < k; i++) {
        CHECK(char_at[i] <= byte_at[i]);
        CHECK(i == 0 || (byte_at[i] <= byte_at[i - 1]) == (char_at[i] <= char_at[i - 1]));
    }
    /* a span's text is UTF-8 (lossy: U+FFFD for each invalid sequence), with
     * as many characters before a finding's end as its code point says, and
     * as a reader of the input's own bytes counts (each maximal subpart of an
     * invalid sequence one) */
    for (size_t i = 0; i < k && i < 8; i++) {
        size_t tl;
        const char *t = zc_document_span_text(doc, (zc_span){0, byte_at[i]}, &tl);
        CHECK(t != NULL && utf8_chars(t, tl, false) == (long)char_at[i]);
        CHECK(utf8_chars(text, byte_at[i], !valid) == (long)char_at[i]);
    }
    for (size_t i = 0; i < nf; i++) {
        size_t tl;
        const char *t = zc_document_span_text(doc, zc_document_finding(doc, i)->subject, &tl);
        CHECK(t != NULL && utf8_chars(t, tl, false) >= 0);
    }
    size_t bytes = 0;
    CHECK(zc_document_write_jsonl(doc, "f", ZC_WRITE_SECTIONS | ZC_WRITE_META, count_bytes, &bytes) ==
          ZC_OK);
    CHECK(bytes > 0);
    /* the findings handed out as they are made are the document's, and
     * written a part at a time they make the same bytes */
    handed h = {doc, 0, 0, 0};
    zc_document *each = zc_extract_each(extractors[which], text, n, NULL, check_batch, &h, NULL);
    CHECK(each != NULL && h.n == nf);
    CHECK(zc_document_write_jsonl_part(each, "f", ZC_WRITE_SECTIONS | ZC_WRITE_META, NULL, 0,
                                       &h.json_at, count_bytes, &h.bytes) == ZC_OK);
    CHECK(h.bytes == bytes);
    zc_document_free(each);
    /* the panel takes any document */
    zc_panel *panel = zc_panel_new(NULL, NULL);
    CHECK(panel != NULL);
    CHECK(zc_panel_add(panel, doc, "f") == ZC_OK);
    bytes = 0;
    CHECK(zc_panel_write(panel, (zc_panel_format)(n % 3), count_bytes, &bytes) == ZC_OK);
    zc_panel_free(panel);
    zc_document_free(doc);
    /* the same bytes in another encoding: an error with its offset, or
     * spans inside the input */
    static const char *const encodings[] = {"gb18030", "utf-16le", "utf-16be", "auto"};
    zc_document *enc = zc_extract_encoded(extractors[which], text, n, encodings[n % 4], &err);
    if (!enc) {
        CHECK(err.code != ZC_OK);
        CHECK(err.offset == ZC_NO_OFFSET || err.offset < n);
    } else {
        for (size_t i = 0; i < zc_document_finding_count(enc); i++) {
            zc_span sp = zc_document_finding(enc, i)->text;
            size_t span_len;
            CHECK(sp.start <= sp.end && sp.end <= n);
            CHECK(zc_document_span_text(enc, sp, &span_len) != NULL);
        }
        bytes = 0;
        CHECK(zc_document_write_jsonl(enc, "f", ZC_WRITE_SECTIONS, count_bytes, &bytes) == ZC_OK);
        /* the panel reads a converted document's UTF-8 at its figures */
        panel = zc_panel_new(NULL, NULL);
        CHECK(panel != NULL);
        CHECK(zc_panel_add(panel, enc, "f") == ZC_OK);
        CHECK(zc_panel_write(panel, ZC_PANEL_JSONL, count_bytes, &bytes) == ZC_OK);
        zc_panel_free(panel);
        zc_document_free(enc);
    }
    return 0;
}
