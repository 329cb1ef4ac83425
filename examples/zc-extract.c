/*
 * zc-extract -- run zhengce over files and print what it finds.
 *
 *   zc-extract [options] FILE...     (- reads standard input)
 *
 * Uses only <zhengce.h>. JSON goes through jansson, so every line is valid
 * JSON whatever the input holds. With -j N, files are read on N threads and
 * printed in the order given, byte for byte as with -j 1.
 */
#define _GNU_SOURCE /* asprintf, open_memstream */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zhengce.h>

enum format { FMT_JSONL, FMT_TSV, FMT_TEXT };
enum only { ONLY_ALL, ONLY_COMMITMENTS, ONLY_QUANTITIES, ONLY_TARGETS, ONLY_ACHIEVED };

typedef struct config {
    enum format format;
    enum only only;
    bool sections;
    bool lossy;
    int jobs;
} config;

typedef struct job {
    const char *path;
    char *out; /* what to print on stdout */
    size_t outlen;
    char *err; /* one line for stderr, or NULL */
    size_t bytes;
    bool failed;
    atomic_bool done;
} job;

typedef struct pool {
    const config *cfg;
    const zc_extractor *ex;
    job *jobs;
    size_t njobs;
    atomic_size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

/* ------------------------------------------------------------- reading */

/* Read a whole file (or stdin for "-"). Returns NULL and sets *why on error. */
static char *read_all(const char *path, size_t *len, const char **why) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *nb = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (!buf) {
        *why = "out of memory";
        return NULL;
    }
    if (bad) {
        free(buf);
        *why = strerror(saved ? saved : EIO);
        return NULL;
    }
    *len = n;
    return buf;
}

/* ------------------------------------------------------------ helpers */

/* A JSON string from bytes that may be invalid UTF-8 (lossy mode keeps the
 * caller's bytes): invalid bytes become U+FFFD; jansson does the escaping. */
static json_t *jstr(const char *s, size_t n) {
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    char *buf = malloc(n * 3 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        int l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        json_t *probe = l && i + l <= n ? json_stringn(s + i, (size_t)l) : NULL;
        if (probe) {
            memcpy(buf + k, s + i, (size_t)l);
            k += (size_t)l;
            i += (size_t)l;
            json_decref(probe);
        } else {
            memcpy(buf + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        }
    }
    j = json_stringn(buf, k);
    free(buf);
    return j;
}

static json_t *jspan(const char *text, zc_span sp) { return jstr(text + sp.start, sp.end - sp.start); }

/* A number as JSON: integral values print without a fraction. */
static json_t *jnum(double v) {
    if (v == (double)(long long)v && v < 9e15 && v > -9e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static bool wanted(const config *cfg, const zc_finding *f) {
    switch (cfg->only) {
    case ONLY_COMMITMENTS:
        return f->role == ZC_ROLE_COMMITMENT;
    case ONLY_QUANTITIES:
        return f->role != ZC_ROLE_COMMITMENT;
    case ONLY_TARGETS:
        return f->role == ZC_ROLE_COMMITMENT && f->status == ZC_STAGE_TARGET;
    case ONLY_ACHIEVED:
        return f->role == ZC_ROLE_COMMITMENT && f->status == ZC_STAGE_ACHIEVED;
    default:
        return true;
    }
}

static const char *type_of(const zc_finding *f) {
    return f->role == ZC_ROLE_COMMITMENT ? "commitment" : "quantity";
}

static json_t *flags_json(uint32_t flags) {
    json_t *a = json_array();
    if (flags & ZC_FLAG_DISTRIBUTIVE)
        json_array_append_new(a, json_string("distributive"));
    if (flags & ZC_FLAG_OCR_REPAIRED)
        json_array_append_new(a, json_string("ocr_repaired"));
    if (flags & ZC_FLAG_SUSPICIOUS)
        json_array_append_new(a, json_string("suspicious"));
    return a;
}

/* The finding as a JSON object with every field of the spec. */
static json_t *finding_json(const char *doc, const char *text, const zc_finding *f) {
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(type_of(f)));
    json_object_set_new(o, "doc", jstr(doc, strlen(doc)));
    json_object_set_new(o, "start", json_integer((json_int_t)f->text.start));
    json_object_set_new(o, "end", json_integer((json_int_t)f->text.end));
    json_object_set_new(o, "text", jspan(text, f->text));
    json_object_set_new(o, "value", jnum(f->value));
    json_object_set_new(o, "value_max", f->bound == ZC_BOUND_RANGE ? jnum(f->value_max) : json_null());
    json_object_set_new(o, "unit", json_string(f->unit));
    json_object_set_new(o, "scale", jnum(f->scale));
    json_object_set_new(o, "unit_class", json_string(zc_unit_class_name(f->unit_class)));
    json_object_set_new(o, "bound", json_string(zc_bound_name(f->bound)));
    json_object_set_new(o, "action", json_string(zc_action_name(f->action)));
    json_object_set_new(o, "subject", jspan(text, f->subject));
    json_object_set_new(o, "status", json_string(zc_stage_name(f->status)));
    json_object_set_new(o, "role", json_string(zc_role_name(f->role)));
    json_object_set_new(o, "deadline",
                        f->deadline.end > f->deadline.start ? jspan(text, f->deadline) : json_null());
    json_object_set_new(o, "section", json_integer((json_int_t)f->section));
    json_object_set_new(o, "flags", flags_json(f->flags));
    return o;
}

static json_t *section_json(const char *doc, const char *text, size_t i, const zc_section *s) {
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("section"));
    json_object_set_new(o, "doc", jstr(doc, strlen(doc)));
    json_object_set_new(o, "index", json_integer((json_int_t)i));
    size_t start = s->kind == ZC_MARKER_UNNUMBERED ? s->title.start : s->marker.start;
    json_object_set_new(o, "start", json_integer((json_int_t)start));
    json_object_set_new(o, "end", json_integer((json_int_t)s->body.end));
    json_object_set_new(o, "kind", json_string(zc_marker_kind_name(s->kind)));
    json_object_set_new(o, "number", json_integer(s->number));
    json_object_set_new(o, "depth", json_integer(s->depth));
    json_object_set_new(o, "marker", jspan(text, s->marker));
    json_object_set_new(o, "title", jspan(text, s->title));
    json_object_set_new(o, "status", json_string(zc_stage_name(s->status)));
    json_object_set_new(o, "parent", s->parent == ZC_NO_SECTION ? json_null()
                                                                 : json_integer((json_int_t)s->parent));
    return o;
}

static void emit_json(FILE *out, json_t *o) {
    char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (line) {
        fputs(line, out);
        fputc('\n', out);
        free(line);
    }
    json_decref(o);
}

/* ------------------------------------------------------------------ TSV */

static const char *const tsv_columns[] = {
    "doc", "type", "start", "end", "text", "value", "value_max", "unit", "scale", "unit_class",
    "bound", "action", "subject", "status", "role", "deadline", "section", "flags", "kind",
    "number", "depth", "title"};
#define NCOLS (sizeof tsv_columns / sizeof tsv_columns[0])

/* One TSV row from a JSON object: the same fields, tabs and newlines in
 * values turned into spaces so every row has the header's width. */
static void emit_tsv(FILE *out, json_t *o) {
    for (size_t c = 0; c < NCOLS; c++) {
        json_t *v = json_object_get(o, tsv_columns[c]);
        if (c)
            fputc('\t', out);
        if (!v || json_is_null(v))
            continue;
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            size_t n = json_string_length(v);
            for (size_t i = 0; i < n; i++)
                fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\0' ? ' ' : s[i], out);
        } else if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++)
                fprintf(out, "%s%s", i ? "," : "", json_string_value(json_array_get(v, i)));
        } else {
            char *s = json_dumps(v, JSON_ENCODE_ANY);
            fputs(s, out);
            free(s);
        }
    }
    fputc('\n', out);
    json_decref(o);
}

/* ----------------------------------------------------------------- text */

/* Display width of UTF-8 text: CJK and full-width forms take two columns. */
static int width_of(const char *s, size_t n) {
    int w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            w += 1, i += 1;
        } else if (c < 0xE0) {
            w += 1, i += 2;
        } else if (c < 0xF0) {
            w += (c >= 0xE2 ? 2 : 1), i += 3;
        } else {
            w += 2, i += 4;
        }
    }
    return w;
}

/* Print s in exactly width display columns (CJK counts two), cut with … */
static void pad(FILE *out, const char *s, size_t n, int width) {
    int w = width_of(s, n);
    if (w <= width) {
        fwrite(s, 1, n, out);
    } else {
        w = 0;
        for (size_t i = 0; i < n;) {
            unsigned char c = (unsigned char)s[i];
            size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            int cw = width_of(s + i, l);
            if (w + cw > width - 1)
                break;
            fwrite(s + i, 1, l, out);
            w += cw;
            i += l;
        }
        fputs("…", out);
        w += 1;
    }
    for (; w < width; w++)
        fputc(' ', out);
    fputc(' ', out);
}

/* Section path like 二/(一)/3 from the section and its ancestors. */
static void section_path(const zc_document *doc, const char *text, size_t i, char *buf, size_t cap) {
    size_t chain[16], k = 0;
    while (i != 0 && i != ZC_NO_SECTION && k < 16) {
        chain[k++] = i;
        i = zc_document_section(doc, i)->parent;
    }
    size_t used = 0;
    strcpy(buf, k ? "" : "-");
    while (k-- > 0) {
        const zc_section *s = zc_document_section(doc, chain[k]);
        zc_span m = s->marker;
        size_t l = m.end - m.start;
        if (l == 0) {
            m = s->title;
            l = m.end - m.start > 12 ? 12 : m.end - m.start;
        }
        if (used + l + 2 >= cap)
            break;
        if (used)
            buf[used++] = '/';
        memcpy(buf + used, text + m.start, l);
        used += l;
        buf[used] = '\0';
    }
}

static void emit_text(FILE *out, const zc_document *doc, const char *text, const zc_finding *f) {
    char path[160], val[128];
    section_path(doc, text, f->section, path, sizeof path);
    pad(out, path, strlen(path), 16);
    pad(out, text + f->subject.start, f->subject.end - f->subject.start, 28);
    pad(out, zc_action_name(f->action), strlen(zc_action_name(f->action)), 8);
    static const char *const bw[] = {"", "≥ ", "≤ ", "≈ ", ""};
    snprintf(val, sizeof val, "%s%.*s", bw[f->bound < 5 ? f->bound : 0],
             (int)(f->text.end - f->text.start), text + f->text.start);
    pad(out, val, strlen(val), 22);
    fprintf(out, "%-9s %s\n", zc_stage_name(f->status), zc_role_name(f->role));
}

/* --------------------------------------------------------------- a file */

static void process(const config *cfg, const zc_extractor *ex, job *jb) {
    size_t len = 0;
    const char *why = NULL;
    char *buf = read_all(jb->path, &len, &why);
    FILE *out = open_memstream(&jb->out, &jb->outlen);
    if (!buf) {
        if (asprintf(&jb->err, "zc-extract: %s: cannot read: %s", jb->path, why) < 0)
            jb->err = NULL;
        jb->failed = true;
        fclose(out);
        return;
    }
    jb->bytes = len;
    zc_error err;
    zc_document *doc = zc_extract(ex, buf, len, &err);
    free(buf);
    if (!doc) {
        if (asprintf(&jb->err, "zc-extract: %s: %s at byte %zu (line %u): %s", jb->path,
                     zc_status_string(err.code), err.offset == ZC_NO_OFFSET ? 0 : err.offset,
                     err.line, err.message) < 0)
            jb->err = NULL;
        jb->failed = true;
        fclose(out);
        return;
    }
    size_t tl;
    const char *text = zc_document_text(doc, &tl);
    const char *name = jb->path;
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    size_t ns = zc_document_section_count(doc), nf = zc_document_finding_count(doc);
    /* Sections and findings merged in document order. */
    size_t si = cfg->sections ? 1 : ns, fi = 0;
    while (si < ns || fi < nf) {
        const zc_section *s = si < ns ? zc_document_section(doc, si) : NULL;
        size_t sstart = s ? s->body.start : (size_t)-1;
        const zc_finding *f = fi < nf ? zc_document_finding(doc, fi) : NULL;
        if (s && (!f || sstart <= f->text.start)) {
            if (cfg->format == FMT_TEXT) {
                char path[160];
                section_path(doc, text, si, path, sizeof path);
                fprintf(out, "%s  %.*s  [%s]\n", path, (int)(s->title.end - s->title.start),
                        text + s->title.start, zc_stage_name(s->status));
            } else if (cfg->format == FMT_TSV) {
                emit_tsv(out, section_json(name, text, si, s));
            } else {
                emit_json(out, section_json(name, text, si, s));
            }
            si++;
            continue;
        }
        fi++;
        if (!wanted(cfg, f))
            continue;
        if (cfg->format == FMT_TEXT)
            emit_text(out, doc, text, f);
        else if (cfg->format == FMT_TSV)
            emit_tsv(out, finding_json(name, text, f));
        else
            emit_json(out, finding_json(name, text, f));
    }
    size_t first;
    if (zc_document_replacements(doc, &first) > 0 &&
        asprintf(&jb->err, "zc-extract: %s: replaced %zu invalid UTF-8 sequences, the first at byte %zu",
                 jb->path, zc_document_replacements(doc, NULL), first) < 0)
        jb->err = NULL;
    zc_document_free(doc);
    fclose(out);
}

static void *worker(void *arg) {
    pool *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->njobs)
            return NULL;
        process(p->cfg, p->ex, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        atomic_store(&p->jobs[i].done, true);
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ----------------------------------------------------------------- main */

static void usage(FILE *f) {
    fputs("usage: zc-extract [options] FILE...   (- reads standard input)\n"
          "\n"
          "Finds the numbered sections and every quantitative commitment in Chinese\n"
          "government work plans and reports.\n"
          "\n"
          "options:\n"
          "  -f, --format FMT   jsonl (default): one JSON object a line, every field\n"
          "                     tsv: a header row and the same columns\n"
          "                     text: an aligned table for reading\n"
          "  -s, --sections     also print one line per section\n"
          "  -o, --only WHAT    commitments | quantities | targets | achieved\n"
          "  -j, --jobs N       read files on N threads (same output as -j 1)\n"
          "      --lossy        replace invalid UTF-8 instead of rejecting the file\n"
          "  -h, --help         this help\n"
          "  -V, --version      the library version\n"
          "\n"
          "examples:\n"
          "  zc-extract corpus/seeds/xixian-2023-plan.txt\n"
          "  zc-extract --sections --format text corpus/seeds/*.txt\n"
          "  zc-extract -j 2 --only targets --format tsv corpus/national/*.txt > targets.tsv\n"
          "  cat plan.txt | zc-extract -\n"
          "\n"
          "exit status: 0 all files read, 1 some file failed (named on stderr with the\n"
          "byte offset), 2 usage error.\n",
          f);
}

int main(int argc, char **argv) {
    config cfg = {FMT_JSONL, ONLY_ALL, false, false, 1};
    static const struct option longs[] = {{"format", required_argument, 0, 'f'},
                                          {"sections", no_argument, 0, 's'},
                                          {"only", required_argument, 0, 'o'},
                                          {"jobs", required_argument, 0, 'j'},
                                          {"lossy", no_argument, 0, 'L'},
                                          {"help", no_argument, 0, 'h'},
                                          {"version", no_argument, 0, 'V'},
                                          {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:so:j:hV", longs, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
                cfg.format = FMT_JSONL;
            else if (!strcmp(optarg, "tsv"))
                cfg.format = FMT_TSV;
            else if (!strcmp(optarg, "text"))
                cfg.format = FMT_TEXT;
            else {
                fprintf(stderr, "zc-extract: unknown format '%s' (jsonl, tsv, text)\n", optarg);
                return 2;
            }
            break;
        case 's':
            cfg.sections = true;
            break;
        case 'o':
            if (!strcmp(optarg, "commitments"))
                cfg.only = ONLY_COMMITMENTS;
            else if (!strcmp(optarg, "quantities"))
                cfg.only = ONLY_QUANTITIES;
            else if (!strcmp(optarg, "targets"))
                cfg.only = ONLY_TARGETS;
            else if (!strcmp(optarg, "achieved"))
                cfg.only = ONLY_ACHIEVED;
            else {
                fprintf(stderr, "zc-extract: unknown --only '%s'\n", optarg);
                return 2;
            }
            break;
        case 'j':
            cfg.jobs = atoi(optarg);
            if (cfg.jobs < 1 || cfg.jobs > 256) {
                fprintf(stderr, "zc-extract: -j needs a number from 1 to 256\n");
                return 2;
            }
            break;
        case 'L':
            cfg.lossy = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("zc-extract %s (libzhengce %s)\n", ZC_VERSION, zc_version());
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    zc_options opts;
    zc_options_init(&opts);
    if (cfg.lossy)
        opts.flags |= ZC_OPT_LOSSY;
    zc_error err;
    zc_extractor *ex = zc_extractor_new(&opts, &err);
    if (!ex) {
        fprintf(stderr, "zc-extract: %s\n", err.message);
        return 1;
    }
    pool p = {.cfg = &cfg, .ex = ex, .njobs = (size_t)(argc - optind)};
    p.jobs = calloc(p.njobs, sizeof(job));
    if (!p.jobs) {
        fprintf(stderr, "zc-extract: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < p.njobs; i++)
        p.jobs[i].path = argv[optind + (int)i];
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    int nthreads = cfg.jobs < (int)p.njobs ? cfg.jobs : (int)p.njobs;
    pthread_t tids[256];
    for (int i = 0; i < nthreads; i++)
        pthread_create(&tids[i], NULL, worker, &p);
    if (cfg.format == FMT_TSV) {
        for (size_t k = 0; k < NCOLS; k++)
            printf("%s%s", k ? "\t" : "", tsv_columns[k]);
        putchar('\n');
    }
    bool progress = isatty(2) && p.njobs > 1;
    double t0 = now(), bytes = 0;
    int status = 0;
    for (size_t i = 0; i < p.njobs; i++) {
        pthread_mutex_lock(&p.mu);
        while (!atomic_load(&p.jobs[i].done))
            pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        job *jb = &p.jobs[i];
        if (jb->out)
            fwrite(jb->out, 1, jb->outlen, stdout);
        if (progress)
            fputs("\r\033[K", stderr);
        if (jb->err)
            fprintf(stderr, "%s\n", jb->err);
        if (jb->failed)
            status = 1;
        bytes += (double)jb->bytes;
        if (progress) {
            double dt = now() - t0;
            fprintf(stderr, "[%zu/%zu] %.1f MB/s", i + 1, p.njobs,
                    dt > 0 ? bytes / dt / 1e6 : 0.0);
            if (i + 1 == p.njobs)
                fputc('\n', stderr);
        }
        free(jb->out);
        free(jb->err);
        jb->out = jb->err = NULL;
    }
    for (int i = 0; i < nthreads; i++)
        pthread_join(tids[i], NULL);
    fflush(stdout);
    free(p.jobs);
    zc_extractor_free(ex);
    return ferror(stdout) ? 1 : status;
}
