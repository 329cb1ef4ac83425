/*
 * zc-extract -- run zhengce over files and print what it finds.
 *
 *   zc-extract [options] FILE|DIR...  (- reads standard input; a directory,
 *                                      the .txt files under it)
 *
 * Uses only <zhengce.h>: the JSON Lines and TSV records are the library's
 * own (zc_document_write_jsonl/tsv); only the text table is drawn here.
 *
 * Files are read one at a time and printed as they are done, so memory is
 * bounded by the largest file (checked against the size limit before it is
 * read) and its records. With -j N, N threads read files and print them in
 * the order given, byte for byte as with -j 1; a thread runs at most N files
 * ahead of the printer, so finished outputs never pile up. Every failure
 * (a file that cannot be read, invalid UTF-8, no memory, a full disk) is
 * named on stderr with the file and, where there is one, the byte offset,
 * and makes the exit status 1; the other files are still processed.
 */
#define _GNU_SOURCE /* open_memstream */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <zhengce.h>

#include "html_report.h"

enum format { FMT_JSONL, FMT_TSV, FMT_CSV, FMT_TEXT, FMT_HTML };

typedef struct config {
    enum format format;
    uint32_t write_flags; /* ZC_WRITE_* */
    bool lossy;
    bool panel; /* print the panel of all files instead of their records */
    const char *encoding; /* auto, utf-8, gb18030, utf-16 ... */
    int jobs;
    size_t max_bytes;
} config;

/* --------------------------------------------------------------- names */

/* A file name safe to print on a terminal: control characters as \xNN. */
static void print_name(FILE *f, const char *name) {
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\x%02x", *p);
        else
            fputc(*p, f);
    }
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ------------------------------------------------------------- reading */

/* Read a whole file (or stdin for "-"), refusing anything over max bytes
 * before holding it: a regular file's size is checked first, a pipe is read
 * only up to max + 1 bytes. Returns NULL and sets *why on error. */
static char *read_all(const char *path, size_t max, size_t *len, char *why, size_t whylen) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(why, whylen, "cannot read: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
        snprintf(why, whylen, "input too large: %jd bytes, the limit is %zu (--max-bytes)",
                 (intmax_t)st.st_size, max);
        if (f != stdin)
            fclose(f);
        return NULL;
    }
    /* a regular file is read into a buffer of its size (+1 to see the end);
     * a pipe grows one by doubling */
    size_t cap = 1 << 16, n = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size < max)
        cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    bool too_large = false;
    while (buf) {
        if (n == cap) {
            size_t want = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nb = want > cap ? realloc(buf, want) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap = want;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n > max) {
            too_large = true;
            break;
        }
        if (r == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (!buf) {
        snprintf(why, whylen, "out of memory reading the file");
        return NULL;
    }
    if (too_large || bad) {
        free(buf);
        if (too_large)
            snprintf(why, whylen, "input too large: over %zu bytes (--max-bytes)", max);
        else
            snprintf(why, whylen, "cannot read: %s", strerror(saved ? saved : EIO));
        return NULL;
    }
    *len = n;
    return buf;
}

/* ---------------------------------------------------------------- text */

/* Display width of one UTF-8 character starting with byte c: CJK and
 * full-width forms take two columns (U+1100 and up, roughly). */
static int char_width(const unsigned char *s, size_t l) {
    if (l < 3)
        return 1;
    unsigned cp = l == 3 ? ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu) : 0x10000;
    return cp >= 0x1100 ? 2 : 1;
}

static size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/* Print s in exactly width display columns, cut with … on a character
 * boundary; control characters (terminal escapes) print as spaces. */
static void pad(FILE *out, const char *s, size_t n, int width) {
    int w = 0;
    size_t i = 0;
    int total = 0;
    for (size_t k = 0; k < n;) {
        size_t l = utf8_len((unsigned char)s[k]);
        if (k + l > n)
            l = n - k;
        total += char_width((const unsigned char *)s + k, l);
        k += l;
    }
    int limit = total <= width ? width : width - 1;
    while (i < n) {
        size_t l = utf8_len((unsigned char)s[i]);
        if (i + l > n)
            break;
        int cw = char_width((const unsigned char *)s + i, l);
        if (w + cw > limit)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || (c == 0xC2 && l == 2 && (unsigned char)s[i + 1] < 0xA0))
            fputc(' ', out);
        else
            fwrite(s + i, 1, l, out);
        w += cw;
        i += l;
    }
    if (i < n) {
        fputs("…", out);
        w += 1;
    }
    for (; w < width; w++)
        fputc(' ', out);
    fputc(' ', out);
}

/* Section path like 二/(一)/3 from the section and its ancestors. */
static void section_path(const zc_document *doc, size_t i, char *buf, size_t cap) {
    size_t chain[16], k = 0;
    while (i != 0 && i != ZC_NO_SECTION && k < 16) {
        chain[k++] = i;
        i = zc_document_section(doc, i)->parent;
    }
    size_t used = 0;
    snprintf(buf, cap, "%s", k ? "" : "-");
    while (k-- > 0) {
        const zc_section *s = zc_document_section(doc, chain[k]);
        size_t n, l = 0;
        const char *m = zc_document_span_text(
            doc, s->marker.end > s->marker.start ? s->marker : s->title, &n);
        while (l < n && l < 12) /* whole characters, at most ~4 */
            l += utf8_len((unsigned char)m[l]);
        if (l > n || used + l + 2 >= cap)
            break;
        if (used)
            buf[used++] = '/';
        memcpy(buf + used, m, l);
        used += l;
        buf[used] = '\0';
    }
}

static bool wanted(uint32_t flags, const zc_finding *f) {
    bool c = f->role == ZC_ROLE_COMMITMENT;
    if (flags & ZC_WRITE_ONLY_COMMITMENTS)
        return c;
    if (flags & ZC_WRITE_ONLY_QUANTITIES)
        return !c;
    if (flags & ZC_WRITE_ONLY_TARGETS)
        return c && f->status == ZC_STAGE_TARGET;
    if (flags & ZC_WRITE_ONLY_ACHIEVED)
        return c && f->status == ZC_STAGE_ACHIEVED;
    return true;
}

/* A span's text in UTF-8, whatever the document was read from, padded. */
static void pad_span(FILE *out, const zc_document *doc, zc_span span, int width) {
    size_t n;
    const char *s = zc_document_span_text(doc, span, &n);
    pad(out, s ? s : "", s ? n : 0, width);
}

static void write_text(FILE *out, const zc_document *doc, uint32_t flags) {
    size_t ns = zc_document_section_count(doc), nf = zc_document_finding_count(doc);
    size_t si = (flags & ZC_WRITE_SECTIONS) ? 1 : ns, fi = 0;
    char path[160], val[128];
    while (si < ns || fi < nf) {
        const zc_section *s = si < ns ? zc_document_section(doc, si) : NULL;
        const zc_finding *f = fi < nf ? zc_document_finding(doc, fi) : NULL;
        if (s && (!f || s->body.start <= f->text.start)) {
            section_path(doc, si, path, sizeof path);
            pad(out, path, strlen(path), 16);
            pad_span(out, doc, s->title, 50);
            fprintf(out, "[%s]\n", zc_stage_name(s->status));
            si++;
            continue;
        }
        fi++;
        if (!wanted(flags, f))
            continue;
        section_path(doc, f->section, path, sizeof path);
        pad(out, path, strlen(path), 16);
        if (f->subject_name) /* the subject as JSON prints it */
            pad(out, f->subject_name, strlen(f->subject_name), 28);
        else
            pad_span(out, doc, f->subject, 28);
        pad(out, zc_action_name(f->action), strlen(zc_action_name(f->action)), 8);
        static const char *const bw[] = {"", "≥ ", "≤ ", "≈ ", ""};
        size_t vlen;
        const char *v = zc_document_span_text(doc, f->text, &vlen);
        snprintf(val, sizeof val, "%s%.*s", bw[f->bound < 5 ? f->bound : 0],
                 (int)(vlen < 100 ? vlen : 100), v ? v : "");
        pad(out, val, strlen(val), 22);
        fprintf(out, "%-9s %s\n", zc_stage_name(f->status), zc_role_name(f->role));
    }
}

/* --------------------------------------------------------------- a file */

/* What one file gave: its output (buffered only with -j > 1), an error line
 * for stderr, and whether it failed. */
typedef struct job {
    const char *path;
    const char *name; /* in the records: see path_list */
    char *out;
    size_t outlen;
    char err[512];
    bool failed;
    bool done;
    zc_document *doc; /* --panel: kept until added to the panel, in order */
    char *input;      /* the file's bytes: doc refers to them (ZC_OPT_BORROW) */
} job;

static int write_to_file(void *ud, const char *bytes, size_t len) {
    return fwrite(bytes, 1, len, (FILE *)ud) == len ? 0 : 1;
}

static void set_err(job *jb, const char *fmt_what, const zc_error *e) {
    char name[256];
    FILE *m = fmemopen(name, sizeof name, "w");
    if (m) {
        print_name(m, jb->path);
        fputc('\0', m);
        fclose(m);
        name[sizeof name - 1] = '\0';
    } else {
        snprintf(name, sizeof name, "(file)");
    }
    if (e && e->offset != ZC_NO_OFFSET)
        snprintf(jb->err, sizeof jb->err, "zc-extract: %s: %s at byte %zu (line %u): %s%s", name,
                 zc_status_string(e->code), e->offset, e->line, e->message,
                 e->code == ZC_ERR_INVALID_UTF8 ? " (try --encoding gb18030 or --lossy)" : "");
    else if (e)
        snprintf(jb->err, sizeof jb->err, "zc-extract: %s: %s: %s", name, zc_status_string(e->code),
                 e->message);
    else
        snprintf(jb->err, sizeof jb->err, "zc-extract: %s: %s", name, fmt_what);
    jb->failed = true;
}

/* JSON Lines or TSV written as zc_extract_each hands out the findings: a
 * document's findings are never all held at once (a 100 MB line of
 * commitments has 900 MB of them). */
typedef struct streamed {
    const char *name;
    uint32_t flags;
    bool tsv;
    size_t at; /* the writer's place */
    FILE *out;
} streamed;

static int write_part(void *ud, const zc_document *doc, const zc_finding *f, size_t n) {
    streamed *sm = ud;
    zc_status st = sm->tsv ? zc_document_write_tsv_part(doc, sm->name, sm->flags, f, n, &sm->at,
                                                        write_to_file, sm->out)
                           : zc_document_write_jsonl_part(doc, sm->name, sm->flags, f, n,
                                                          &sm->at, write_to_file, sm->out);
    return st != ZC_OK;
}

/* Extract one file and print it to out. */
static void process(const config *cfg, const zc_extractor *ex, job *jb, FILE *out) {
    size_t len = 0;
    char why[256];
    char *buf = read_all(jb->path, cfg->max_bytes, &len, why, sizeof why);
    if (!buf) {
        set_err(jb, why, NULL);
        return;
    }
    const char *name = jb->name;
    bool stream = !cfg->panel && (cfg->format == FMT_JSONL || cfg->format == FMT_TSV);
    streamed sm = {name, cfg->write_flags & ~(cfg->format == FMT_TSV ? ZC_WRITE_HEADER : 0),
                   cfg->format == FMT_TSV, 0, out};
    zc_error err;
    zc_document *doc = stream ? zc_extract_each(ex, buf, len, cfg->encoding, write_part, &sm, &err)
                              : zc_extract_encoded(ex, buf, len, cfg->encoding, &err);
    if (!doc) {
        free(buf);
        set_err(jb, NULL, &err);
        return;
    }
    zc_status st = ZC_OK;
    if (cfg->panel)
        ; /* added to the panel when its turn comes (finish) */
    else if (stream) /* the sections after the last finding */
        st = write_part(&sm, doc, NULL, 0) ? ZC_ERR_WRITE : ZC_OK;
    else if (cfg->format == FMT_HTML)
        st = html_document(out, doc, name) ? ZC_ERR_WRITE : ZC_OK;
    else
        write_text(out, doc, cfg->write_flags);
    if (st != ZC_OK || ferror(out)) {
        set_err(jb, "cannot write the output", NULL);
    } else {
        size_t first;
        size_t n = zc_document_replacements(doc, &first);
        if (strcmp(cfg->encoding, "auto") == 0 && strcmp(zc_document_encoding(doc), "gb18030") == 0) {
            char note[64];
            snprintf(note, sizeof note, "not UTF-8: read as %s", zc_document_encoding(doc));
            set_err(jb, note, NULL);
            jb->failed = false; /* said, not failed */
        } else if (n > 0) {
            char name2[300];
            snprintf(name2, sizeof name2, "replaced %zu invalid UTF-8 sequences, the first at byte %zu",
                     n, first);
            set_err(jb, name2, NULL);
            jb->failed = false; /* a warning */
        }
    }
    if (cfg->panel) {
        jb->doc = doc;
        jb->input = buf;
    } else {
        zc_document_free(doc);
        free(buf);
    }
}

/* ------------------------------------------------------------- threads */

typedef struct pool {
    const config *cfg;
    zc_panel *panel; /* --panel */
    const zc_extractor *ex;
    job *jobs;
    size_t njobs;
    size_t next;    /* next job to take */
    size_t printed; /* jobs printed so far */
    size_t ahead;   /* how far past printed a worker may take a job */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

/* Run one job into a memory buffer; a buffer that cannot be had is the
 * job's error, never a lost output. */
static void process_buffered(pool *p, job *jb) {
    FILE *out = open_memstream(&jb->out, &jb->outlen);
    if (!out) {
        set_err(jb, "out of memory for the output", NULL);
        return;
    }
    process(p->cfg, p->ex, jb, out);
    if (fclose(out) != 0 && !jb->failed)
        set_err(jb, "out of memory for the output", NULL);
    if (jb->failed) {
        free(jb->out);
        jb->out = NULL;
        jb->outlen = 0;
    }
}

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next < p->njobs && p->next >= p->printed + p->ahead)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->next >= p->njobs)
            break;
        job *jb = &p->jobs[p->next++];
        pthread_mutex_unlock(&p->mu);
        process_buffered(p, jb);
        pthread_mutex_lock(&p->mu);
        jb->done = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Print what job i gave; the error line (if any) right after its output.
 * With --panel, its document joins the panel (in the order given). */
static int finish(pool *p, job *jb) {
    int status = 0;
    if (jb->doc) {
        if (zc_panel_add(p->panel, jb->doc, jb->name) != ZC_OK) {
            snprintf(jb->err, sizeof jb->err, "zc-extract: out of memory for the panel");
            jb->failed = true;
        }
        zc_document_free(jb->doc);
        jb->doc = NULL;
        free(jb->input);
        jb->input = NULL;
    }
    if (jb->out && fwrite(jb->out, 1, jb->outlen, stdout) != jb->outlen)
        status = 1;
    if (jb->err[0])
        fprintf(stderr, "%s\n", jb->err);
    if (jb->failed)
        status = 1;
    free(jb->out);
    jb->out = NULL;
    return status;
}

static int run_all(pool *p) {
    int status = 0;
    if (p->cfg->jobs <= 1 || p->njobs == 1) {
        for (size_t i = 0; i < p->njobs; i++) {
            process(p->cfg, p->ex, &p->jobs[i], stdout);
            status |= finish(p, &p->jobs[i]);
        }
        return status;
    }
    int want = p->cfg->jobs < (int)p->njobs ? p->cfg->jobs : (int)p->njobs, started = 0;
    pthread_t tids[256];
    p->ahead = (size_t)want * 2;
    for (int i = 0; i < want; i++) {
        if (pthread_create(&tids[i], NULL, worker, p) != 0)
            break; /* fewer threads; the main thread helps if there are none */
        started++;
    }
    bool progress = isatty(2);
    double t0 = now();
    for (size_t i = 0; i < p->njobs; i++) {
        pthread_mutex_lock(&p->mu);
        if (started == 0 && p->next == i) { /* no thread could start: do it here */
            p->next++;
            pthread_mutex_unlock(&p->mu);
            process_buffered(p, &p->jobs[i]);
            pthread_mutex_lock(&p->mu);
            p->jobs[i].done = true;
        }
        while (!p->jobs[i].done)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        if (progress)
            fputs("\r\033[K", stderr);
        status |= finish(p, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        p->printed = i + 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (progress)
            fprintf(stderr, "[%zu/%zu] %.1f files/s%s", i + 1, p->njobs,
                    (double)(i + 1) / (now() - t0 + 1e-9), i + 1 == p->njobs ? "\n" : "");
    }
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    return status;
}

/* ----------------------------------------------------------------- main */

static void usage(FILE *f) {
    fputs("usage: zc-extract [options] FILE|DIR...   (- reads standard input)\n"
          "\n"
          "Finds the numbered sections and every quantitative commitment in Chinese\n"
          "government documents: work plans and reports, plans, regulations, communiqués.\n"
          "\n"
          "A directory stands for the .txt files under it, subdirectories included,\n"
          "in name order (hidden names and links to directories are passed over).\n"
          "\n"
          "options:\n"
          "  -f, --format FMT   jsonl (default): one JSON object a line, every field\n"
          "                     tsv: a header row and the same columns (csv with --panel)\n"
          "                     text: an aligned table for reading\n"
          "                     html: a page to look at: the text with every finding marked,\n"
          "                     its outline, filters and a summary (charts with --panel)\n"
          "  -s, --sections     also print one record per section\n"
          "  -m, --meta         also print one record with each document's metadata\n"
          "  -o, --only WHAT    commitments | quantities | targets | achieved\n"
          "  -p, --panel        print the panel of all the files: per place, indicator and\n"
          "                     year, the target, the outcome and whether it was met\n"
          "  -j, --jobs N       read files on N threads (same output as -j 1)\n"
          "  -e, --encoding E   auto (default: a BOM, else UTF-8, else GB18030), utf-8,\n"
          "                     gb18030 (gbk), utf-16, utf-16le, utf-16be; offsets are\n"
          "                     always bytes of the file as it is\n"
          "      --lossy        replace invalid UTF-8 instead of rejecting the file\n"
          "      --max-bytes N  refuse files over N bytes (default 256 MiB)\n"
          "  -h, --help         this help\n"
          "  -V, --version      the library version\n"
          "\n"
          "examples:\n"
          "  zc-extract corpus/seeds/xixian-2023-plan.txt\n"
          "  zc-extract --sections --format text corpus/seeds/*.txt\n"
          "  zc-extract -j 2 --only targets --format tsv corpus/national/*.txt > targets.tsv\n"
          "  zc-extract --panel -f csv -j 2 corpus/national > panel.csv\n"
          "  cat plan.txt | zc-extract -\n"
          "\n"
          "exit status: 0 all files read, 1 some file failed (named on stderr with the\n"
          "byte offset where there is one), 2 usage error.\n",
          f);
}

/* ------------------------------------------------------- the files to read */

/* The files to read, and the name each goes by in the records ("doc"):
 * a file named as an argument by its base name, one found under a
 * directory by its path below it (2023/plan.txt: names may repeat across
 * subdirectories). */
typedef struct path_list {
    char **v;
    const char **name; /* inside v[i] */
    size_t n, cap;
} path_list;

/* Add p (malloc'd, taken over), named by p + name_at, to l; false when
 * there is no memory. */
static bool push_path(path_list *l, char *p, size_t name_at) {
    if (!p)
        return false;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v)
            l->v = v;
        const char **name = v ? realloc(l->name, cap * sizeof *name) : NULL;
        if (!name) {
            free(p);
            return false;
        }
        l->name = name;
        l->cap = cap;
    }
    l->v[l->n] = p;
    l->name[l->n++] = p + name_at;
    return true;
}

static bool is_txt(const char *name) {
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".txt") == 0;
}

/* Byte order, not the locale's: the same list on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* The .txt files under dir onto l, in name order, subdirectories walked
 * where they stand in that order. Hidden names (.git) are passed over, and
 * links to directories: a link back up would make the walk endless. Returns
 * 1 when a directory cannot be read (named on stderr; the rest is walked)
 * or memory ran out, else 0. */
static int walk_dir(path_list *l, const char *dir, size_t root_len) {
    struct dirent **ents;
    int k = scandir(dir, &ents, NULL, by_name), bad = 0;
    if (k < 0) {
        fprintf(stderr, "zc-extract: %s: cannot read the directory: %s\n", dir, strerror(errno));
        return 1;
    }
    size_t dl = strlen(dir);
    bool slash = dl && dir[dl - 1] == '/';
    for (int i = 0; i < k; i++) {
        const char *name = ents[i]->d_name;
        char *p = name[0] == '.' ? NULL : malloc(dl + strlen(name) + 2);
        struct stat st;
        if (p)
            sprintf(p, "%s%s%s", dir, slash ? "" : "/", name);
        if (!p || lstat(p, &st) != 0) {
            free(p);
        } else if (S_ISDIR(st.st_mode)) {
            bad |= walk_dir(l, p, root_len);
            free(p);
        } else if (is_txt(name) && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            /* a link to a file is read; one to a directory fails as any
             * unreadable file does, named */
            bad |= !push_path(l, p, root_len);
        } else {
            free(p);
        }
        free(ents[i]);
    }
    free(ents);
    return bad;
}

/* The arguments as files to read: each directory replaced by the .txt
 * files under it. Returns 1 when some directory could not be read or held
 * no .txt file (said on stderr), else 0; *oom on no memory. */
static int expand_paths(path_list *l, char **args, int n, bool *oom) {
    int bad = 0;
    *oom = false;
    for (int i = 0; i < n && !*oom; i++) {
        struct stat st;
        if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            /* read (or fail) as a file */
            *oom = !push_path(l, strdup(args[i]), (size_t)(base_name(args[i]) - args[i]));
            continue;
        }
        size_t before = l->n, len = strlen(args[i]);
        bad |= walk_dir(l, args[i], len && args[i][len - 1] == '/' ? len : len + 1);
        if (l->n == before) {
            fprintf(stderr, "zc-extract: %s: no .txt files in the directory\n", args[i]);
            bad = 1;
        }
    }
    return bad;
}

/* A whole positive number, or -1. */
static long long parse_count(const char *s) {
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return *end || errno || v < 0 ? -1 : v;
}

int main(int argc, char **argv) {
    config cfg = {FMT_JSONL, 0, false, false, "auto", 1, (size_t)256 << 20};
    static const struct option longs[] = {{"format", required_argument, 0, 'f'},
                                          {"sections", no_argument, 0, 's'},
                                          {"meta", no_argument, 0, 'm'},
                                          {"only", required_argument, 0, 'o'},
                                          {"panel", no_argument, 0, 'p'},
                                          {"encoding", required_argument, 0, 'e'},
                                          {"jobs", required_argument, 0, 'j'},
                                          {"lossy", no_argument, 0, 'L'},
                                          {"max-bytes", required_argument, 0, 'M'},
                                          {"help", no_argument, 0, 'h'},
                                          {"version", no_argument, 0, 'V'},
                                          {0, 0, 0, 0}};
    int c;
    long long v;
    while ((c = getopt_long(argc, argv, "f:smo:pe:j:hV", longs, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
                cfg.format = FMT_JSONL;
            else if (!strcmp(optarg, "tsv"))
                cfg.format = FMT_TSV;
            else if (!strcmp(optarg, "csv"))
                cfg.format = FMT_CSV;
            else if (!strcmp(optarg, "html"))
                cfg.format = FMT_HTML;
            else if (!strcmp(optarg, "text"))
                cfg.format = FMT_TEXT;
            else {
                fprintf(stderr, "zc-extract: unknown format '%s' (jsonl, tsv, csv, text, html)\n", optarg);
                return 2;
            }
            break;
        case 's':
            cfg.write_flags |= ZC_WRITE_SECTIONS;
            break;
        case 'p':
            cfg.panel = true;
            break;
        case 'e': {
            static const char *const names[] = {"auto",     "utf-8",    "utf8",     "gb18030",
                                                "gbk",      "gb2312",   "utf-16",   "utf-16le",
                                                "utf-16be", NULL};
            bool known = false;
            for (const char *const *n = names; *n; n++)
                known |= strcmp(optarg, *n) == 0;
            if (!known) {
                fprintf(stderr, "zc-extract: unknown encoding '%s' (auto, utf-8, gb18030, utf-16, "
                                "utf-16le, utf-16be)\n", optarg);
                return 2;
            }
            cfg.encoding = strcmp(optarg, "utf8") == 0 ? "utf-8" : optarg;
            break;
        }
        case 'm':
            cfg.write_flags |= ZC_WRITE_META;
            break;
        case 'o':
            cfg.write_flags &= ~(ZC_WRITE_ONLY_COMMITMENTS | ZC_WRITE_ONLY_QUANTITIES |
                                 ZC_WRITE_ONLY_TARGETS | ZC_WRITE_ONLY_ACHIEVED);
            if (!strcmp(optarg, "commitments"))
                cfg.write_flags |= ZC_WRITE_ONLY_COMMITMENTS;
            else if (!strcmp(optarg, "quantities"))
                cfg.write_flags |= ZC_WRITE_ONLY_QUANTITIES;
            else if (!strcmp(optarg, "targets"))
                cfg.write_flags |= ZC_WRITE_ONLY_TARGETS;
            else if (!strcmp(optarg, "achieved"))
                cfg.write_flags |= ZC_WRITE_ONLY_ACHIEVED;
            else {
                fprintf(stderr, "zc-extract: unknown --only '%s'\n", optarg);
                return 2;
            }
            break;
        case 'j':
            v = parse_count(optarg);
            if (v < 1 || v > 256) {
                fprintf(stderr, "zc-extract: -j needs a whole number from 1 to 256\n");
                return 2;
            }
            cfg.jobs = (int)v;
            break;
        case 'M':
            v = parse_count(optarg);
            if (v < 1) {
                fprintf(stderr, "zc-extract: --max-bytes needs a whole number of bytes\n");
                return 2;
            }
            cfg.max_bytes = (size_t)v;
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
    if ((cfg.format == FMT_CSV && !cfg.panel) || (cfg.format == FMT_TEXT && cfg.panel)) {
        fprintf(stderr, "zc-extract: -f csv is for --panel, -f text for findings\n");
        return 2;
    }
    zc_options opts;
    zc_options_init(&opts);
    opts.flags |= ZC_OPT_BORROW; /* each file's buffer lives as long as its document */
    if (cfg.lossy) {
        opts.flags |= ZC_OPT_LOSSY;
        if (strcmp(cfg.encoding, "auto") == 0)
            cfg.encoding = "utf-8"; /* --lossy reads UTF-8, replacing what is not */
    }
    opts.max_input_bytes = cfg.max_bytes;
    zc_error err;
    zc_extractor *ex = zc_extractor_new(&opts, &err);
    if (!ex) {
        fprintf(stderr, "zc-extract: %s\n", err.message);
        return 1;
    }
    path_list paths = {0};
    bool oom;
    int status = expand_paths(&paths, argv + optind, argc - optind, &oom);
    pool p = {.cfg = &cfg, .ex = ex, .njobs = paths.n};
    p.jobs = oom ? NULL : calloc(p.njobs ? p.njobs : 1, sizeof(job));
    if (!p.jobs) {
        fprintf(stderr, "zc-extract: out of memory\n");
        zc_extractor_free(ex);
        return 1;
    }
    for (size_t i = 0; i < p.njobs; i++) {
        p.jobs[i].path = paths.v[i];
        p.jobs[i].name = paths.name[i];
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    if (cfg.panel && !(p.panel = zc_panel_new(NULL, &err))) {
        fprintf(stderr, "zc-extract: %s\n", err.message);
        return 1;
    }
    if (!cfg.panel && cfg.format == FMT_TSV && zc_write_tsv_header(write_to_file, stdout) != ZC_OK)
        status = 1;
    if (cfg.format == FMT_HTML)
        html_begin(stdout, cfg.panel);
    status |= run_all(&p);
    if (cfg.panel) {
        zc_panel_format pf = cfg.format == FMT_TSV   ? ZC_PANEL_TSV
                             : cfg.format == FMT_CSV ? ZC_PANEL_CSV
                                                     : ZC_PANEL_JSONL;
        if (cfg.format == FMT_HTML ? html_panel(stdout, p.panel) != 0
                                   : zc_panel_write(p.panel, pf, write_to_file, stdout) != ZC_OK)
            status = 1;
        zc_panel_free(p.panel);
    }
    if (cfg.format == FMT_HTML)
        html_end(stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zc-extract: cannot write the output: %s\n", strerror(errno));
        status = 1;
    }
    free(p.jobs);
    for (size_t i = 0; i < paths.n; i++)
        free(paths.v[i]);
    free(paths.v);
    free(paths.name);
    zc_extractor_free(ex);
    return status;
}
