/*
 * zc-bench -- how fast zhengce reads, and how its cost grows.
 *
 *   zc-bench [--quick] [CORPUS_DIR]      (default: corpus/national)
 *
 * Prints, single thread, in memory (with --quick only the first line):
 *   - MB/s over the national reports (each file parsed as its own document,
 *     best of several rounds) and the peak resident memory;
 *   - where valgrind is on the PATH, instructions per byte on the corpus
 *     joined into one document: inside zc_extract (callgrind with
 *     --toggle-collect=zc_extract: the call alone, not the extractor's
 *     construction) and for zc-extract end to end (JSON Lines to
 *     /dev/null), the two figures the speed goals are stated in;
 *   - one document made by repeating the corpus to 25, 50 and 100 MB: if
 *     the cost is linear, MB/s stays flat; peak memory as a multiple of the
 *     input (each size in a child process, so each peak is its own), for
 *     zc_extract (the document holds every finding) and zc_extract_each
 *     (findings handed out as they are made, as zc-extract reads);
 *   - pathological inputs (1 MiB of 一、, 10^5 nested （, a 10^5-digit
 *     number, 1 MiB of 、, 10^5 headings, 1 MiB of line ends or spaces,
 *     lines wrapped mid-sentence, one line of spaced digits, one 100 MB
 *     line) at two sizes,
 *     with their cost per byte as a multiple of the corpus's and their peak
 *     memory, each in a child process; and, where valgrind runs, their
 *     instructions a byte (at up to 1 MiB) as a multiple of the corpus's:
 *     the figure that does not move with the machine's load;
 *   - the corpus converted to GB18030 and UTF-16LE (by iconv): the time of
 *     zc_extract_encoded against zc_extract on the same text in UTF-8, and
 *     where valgrind runs zc-extract's instructions on each, joined.
 * A benchmark, not a test: nothing here fails on a slow machine.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <zhengce.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

typedef struct file {
    char *text;
    size_t len;
} file;

/* The whole of the file at path, or false. */
static bool read_file(const char *path, file *out) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    long l = ftell(f);
    fseek(f, 0, SEEK_SET);
    out->text = malloc(l > 0 ? (size_t)l : 1);
    out->len = out->text ? fread(out->text, 1, (size_t)(l > 0 ? l : 0), f) : 0;
    fclose(f);
    return out->text != NULL;
}

static size_t load(const char *dir, file *files, size_t max) {
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) && n < max) {
        if (!strstr(e->d_name, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (read_file(path, &files[n]))
            n++;
    }
    closedir(d);
    return n;
}

/* Parse one buffer; returns seconds, and the finding count through *found. */
static double time_one(const zc_extractor *ex, const char *s, size_t n, size_t *found) {
    double t0 = now();
    zc_error err;
    zc_document *doc = zc_extract(ex, s, n, &err);
    double dt = now() - t0;
    if (!doc) {
        fprintf(stderr, "zc-bench: extract failed: %s\n", err.message);
        exit(1);
    }
    if (found)
        *found = zc_document_finding_count(doc);
    zc_document_free(doc);
    return dt;
}

/* time_one for text in an encoding (zc_extract_encoded). */
static double time_one_encoded(const zc_extractor *ex, const char *s, size_t n, const char *enc) {
    double t0 = now();
    zc_error err;
    zc_document *doc = zc_extract_encoded(ex, s, n, enc, &err);
    double dt = now() - t0;
    if (!doc) {
        fprintf(stderr, "zc-bench: extract (%s) failed: %s\n", enc, err.message);
        exit(1);
    }
    zc_document_free(doc);
    return dt;
}

/* The files converted from UTF-8 to encoding `to` by iconv, into out; false
 * when iconv cannot (out's texts are then freed). */
static bool convert(const file *in, size_t nf, const char *to, file *out) {
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    bool ok = true;
    for (size_t i = 0; i < nf; i++) {
        size_t cap = 2 * in[i].len + 4, left = cap, inleft = in[i].len;
        out[i].text = malloc(cap);
        char *src = in[i].text, *dst = out[i].text;
        ok = ok && out[i].text && iconv(cd, &src, &inleft, &dst, &left) != (size_t)-1 && !inleft;
        out[i].len = cap - left;
    }
    iconv_close(cd);
    for (size_t i = 0; !ok && i < nf; i++)
        free(out[i].text);
    return ok;
}

/* Findings handed out by zc_extract_each, counted and let go. */
static int count_batch(void *ud, const zc_document *doc, const zc_finding *f, size_t n) {
    (void)doc;
    (void)f;
    *(size_t *)ud += n;
    return 0;
}

/* time_one with the findings handed out as they are made (zc_extract_each,
 * as zc-extract reads): the document never holds them all. */
static double time_each(const zc_extractor *ex, const char *s, size_t n) {
    double t0 = now();
    zc_error err;
    size_t found = 0;
    zc_document *doc = zc_extract_each(ex, s, n, NULL, count_batch, &found, &err);
    double dt = now() - t0;
    if (!doc) {
        fprintf(stderr, "zc-bench: extract failed: %s\n", err.message);
        exit(1);
    }
    zc_document_free(doc);
    return dt;
}

static char *repeat(const char *unit, size_t ul, size_t total) {
    char *b = malloc(total);
    size_t n = total / ul * ul;
    for (size_t i = 0; i < n; i += ul)
        memcpy(b + i, unit, ul);
    memset(b + n, ' ', total - n);
    return b;
}

/* Run fn(arg) in a child process; returns its peak RSS in MiB (the child's
 * own, not the benchmark's), and the seconds it reported through a pipe. */
static double in_child(double (*fn)(const zc_extractor *, const void *), const zc_extractor *ex,
                       const void *arg, double *mib) {
    int fd[2];
    double dt = -1;
    *mib = -1;
    if (pipe(fd) != 0)
        return dt;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        double r = fn(ex, arg);
        ssize_t w = write(fd[1], &r, sizeof r);
        _exit(w == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fd[1]);
    if (pid > 0) {
        if (read(fd[0], &dt, sizeof dt) != (ssize_t)sizeof dt)
            dt = -1;
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) == pid)
            *mib = ru.ru_maxrss / 1024.0;
    }
    close(fd[0]);
    return dt;
}

typedef struct buffer {
    const char *s;
    size_t n;
} buffer;

static double time_buffer(const zc_extractor *ex, const void *arg) {
    const buffer *b = arg;
    return time_one(ex, b->s, b->n, NULL);
}

static double time_buffer_each(const zc_extractor *ex, const void *arg) {
    const buffer *b = arg;
    return time_each(ex, b->s, b->n);
}

typedef struct unit_case {
    const char *unit;
    size_t n;
} unit_case;

/* The best of three runs below 50 MB, as the corpus's time is the best of
 * seven: a single cold run in a fresh process also times its first touches
 * of memory, and the ratio to the corpus would swing by half from run to
 * run. */
static double time_repeat(const zc_extractor *ex, const void *arg) {
    const unit_case *c = arg;
    char *b = repeat(c->unit, strlen(c->unit), c->n);
    double best = 1e9;
    for (int round = 0; round < (c->n < (50u << 20) ? 3 : 1); round++) {
        double dt = time_one(ex, b, c->n, NULL);
        best = dt < best ? dt : best;
    }
    free(b);
    return best;
}

static double time_repeat_each(const zc_extractor *ex, const void *arg) {
    const unit_case *c = arg;
    char *b = repeat(c->unit, strlen(c->unit), c->n);
    double dt = time_each(ex, b, c->n);
    free(b);
    return dt;
}

/* Instructions callgrind counts for `valgrind ARGS`, or 0 when valgrind is
 * missing or fails. */
static double callgrind(const char *args) {
    char cmd[8400];
    snprintf(cmd, sizeof cmd,
             "valgrind --tool=callgrind --callgrind-out-file=/dev/null %s 2>&1 >/dev/null", args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    char line[1024];
    double total = 0;
    while (fgets(line, sizeof line, p)) {
        const char *c = strstr(line, "Collected : ");
        if (c)
            total = strtod(c + 12, NULL);
    }
    return pclose(p) == 0 ? total : 0;
}

/* zc-bench --extract FILE: parse FILE once (what callgrind measures). */
static int extract_file(const char *path) {
    file f[1];
    if (!read_file(path, f))
        return 1;
    zc_extractor *ex = zc_extractor_new(NULL, NULL);
    time_one(ex, f->text, f->len, NULL);
    zc_extractor_free(ex);
    free(f->text);
    return 0;
}

/* Instructions callgrind counts for buf parsed as one document: inside
 * zc_extract (this program with --extract; not for enc), and when
 * end_to_end is not NULL for the zc-extract next to it too, reading enc
 * (NULL: UTF-8). 0 when valgrind fails or is missing. */
static double callgrind_buffer(const char *self, const char *buf, size_t len, const char *enc,
                               double *end_to_end) {
    char path[] = "/tmp/zc-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, buf, len) != (ssize_t)len) {
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return 0;
    }
    close(fd);
    char args[8192], dir[2048];
    snprintf(args, sizeof args, "--toggle-collect=zc_extract %s --extract %s", self, path);
    double inside = enc ? 0 : callgrind(args);
    if (end_to_end) {
        snprintf(dir, sizeof dir, "%s", self);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
        snprintf(args, sizeof args, "%s/zc-extract -e %s %s", dir, enc ? enc : "utf-8", path);
        *end_to_end = callgrind(args);
    }
    unlink(path);
    return inside;
}

static bool have_valgrind(void) { return system("valgrind --version >/dev/null 2>&1") == 0; }

/* Instructions per byte on the joined corpus, inside zc_extract and for the
 * extractor next to this program, where valgrind runs; 0 if it does not. */
static double instructions(const char *self, const char *all, size_t total, double *end_to_end) {
    *end_to_end = 0;
    if (!have_valgrind()) {
        printf("instructions per byte: valgrind is not installed, skipped\n\n");
        return 0;
    }
    double inside = callgrind_buffer(self, all, total, NULL, end_to_end);
    printf("instructions per byte (callgrind, the corpus as one %.2f MB document):\n", total / 1e6);
    if (inside > 0)
        printf("  inside zc_extract:          %6.1f\n", inside / (double)total);
    if (*end_to_end > 0)
        printf("  zc-extract to /dev/null:    %6.1f\n", *end_to_end / (double)total);
    printf("\n");
    return inside / (double)total;
}

/* The corpus in GB18030 and UTF-16LE: each file its own document, best of
 * 7 rounds (the first builds what a process builds once), against utf8_best
 * seconds for the same files in UTF-8; zc-extract's instructions on each
 * joined against utf8_e2e, where valgrind runs. */
static void encodings(const char *self, const zc_extractor *ex, const file *files, size_t nf,
                      double utf8_best, double utf8_e2e) {
    static const char *const names[][2] = {{"GB18030", "gb18030"}, {"UTF-16LE", "utf-16le"}};
    printf("the corpus in other encodings (converted by iconv; each file its own\n"
           "document, best of 7; 'x UTF-8' against the same text in UTF-8):\n");
    for (size_t e = 0; e < 2; e++) {
        file conv[512];
        if (!convert(files, nf, names[e][0], conv)) {
            printf("  %-9s iconv cannot convert to it, skipped\n", names[e][0]);
            continue;
        }
        size_t bytes = 0;
        for (size_t i = 0; i < nf; i++)
            bytes += conv[i].len;
        double best = 1e9;
        for (int round = 0; round < 7; round++) {
            double sum = 0;
            for (size_t i = 0; i < nf; i++)
                sum += time_one_encoded(ex, conv[i].text, conv[i].len, names[e][1]);
            best = sum < best ? sum : best;
        }
        printf("  %-9s %6.2f MB  %6.1f ms  %4.2f x UTF-8", names[e][0], bytes / 1e6, best * 1e3,
               best / utf8_best);
        if (utf8_e2e > 0) {
            char *joined = malloc(bytes);
            double e2e = 0;
            if (joined) {
                for (size_t i = 0, off = 0; i < nf; off += conv[i++].len)
                    memcpy(joined + off, conv[i].text, conv[i].len);
                callgrind_buffer(self, joined, bytes, names[e][1], &e2e);
                free(joined);
            }
            if (e2e > 0)
                printf("  zc-extract %5.1f M instructions (UTF-8: %5.1f M)", e2e / 1e6,
                       utf8_e2e / 1e6);
        }
        printf("\n");
        for (size_t i = 0; i < nf; i++)
            free(conv[i].text);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--extract") == 0)
        return extract_file(argv[2]);
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0; /* the corpus line only */
    if (quick) {
        argc--;
        argv++;
    }
    const char *dir = argc > 1 ? argv[1] : "corpus/national";
    static file files[512];
    size_t nf = load(dir, files, 512);
    if (!nf) {
        fprintf(stderr, "zc-bench: no .txt files in %s\n", dir);
        return 1;
    }
    zc_error err;
    /* the documents refer to the benchmark's buffers, as zc-extract's do */
    zc_options opts;
    zc_options_init(&opts);
    opts.flags = ZC_OPT_BORROW;
    zc_extractor *ex = zc_extractor_new(&opts, &err);
    size_t total = 0, found = 0;
    for (size_t i = 0; i < nf; i++)
        total += files[i].len;
    printf("zhengce %s benchmark, single thread, in memory\n\n", zc_version());

    double best = 1e9;
    for (int round = 0; round < 7; round++) {
        double sum = 0;
        found = 0;
        for (size_t i = 0; i < nf; i++) {
            size_t k;
            sum += time_one(ex, files[i].text, files[i].len, &k);
            found += k;
        }
        if (sum < best)
            best = sum;
    }
    printf("corpus %s: %zu files, %.2f MB, %zu findings\n", dir, nf, total / 1e6, found);
    printf("  %.1f MB/s (best of 7), peak RSS %.1f MiB\n\n", total / 1e6 / best,
           peak_kib() / 1024.0);
    if (quick)
        return 0;

    /* One big document made of the corpus repeated: MB/s should stay flat. */
    char *all = malloc(total);
    size_t off = 0;
    for (size_t i = 0; i < nf; i++) {
        memcpy(all + off, files[i].text, files[i].len);
        off += files[i].len;
    }
    double corpus_e2e, corpus_ipb = instructions(argv[0], all, total, &corpus_e2e);
    encodings(argv[0], ex, files, nf, best, corpus_e2e);
    double corpus_mbs = total / 1e6 / best;
    printf("one document of the corpus repeated (linear cost keeps MB/s flat;\n"
           "peak RSS of a child process that holds the input and parses it):\n");
    size_t sizes[] = {25u << 20, 50u << 20, 100u << 20};
    for (size_t s = 0; s < 3; s++) {
        char *big = malloc(sizes[s]);
        for (size_t o = 0; o < sizes[s]; o += total)
            memcpy(big + o, all, sizes[s] - o < total ? sizes[s] - o : total);
        /* cut on a character boundary */
        size_t n = sizes[s];
        while (n > 0 && (((unsigned char)big[n - 1]) & 0xC0) == 0x80)
            n--;
        if (n > 0 && ((unsigned char)big[n - 1]) >= 0xC0)
            n--;
        buffer b = {big, n};
        double mib, dt = in_child(time_buffer, ex, &b, &mib);
        printf("  %4zu MB: %6.2f s  %6.1f MB/s  peak RSS %5.0f MiB = %.2f x the input\n",
               sizes[s] >> 20, dt, n / 1e6 / dt, mib, mib * 1048576.0 / (double)n);
        dt = in_child(time_buffer_each, ex, &b, &mib);
        printf("           streamed (zc_extract_each, as zc-extract reads): %6.2f s  "
               "peak RSS %5.0f MiB = %.2f x\n",
               dt, mib, mib * 1048576.0 / (double)n);
        free(big);
    }

    printf("\npathological inputs (two sizes each, the best of three runs below 50 MB;\n"
           "linear cost keeps MB/s flat; 'x corpus' is the cost per byte as a multiple\n"
           "of the corpus's; peak RSS of a child;\n"
           "then instructions a byte inside zc_extract at up to 1 MiB, x the corpus's:\n"
           "callgrind's counts do not vary from run to run as seconds do):\n");
    static const struct {
        const char *name, *unit;
        size_t size;
    } cases[] = {
        {"1 MiB of 一、", "一、", 1u << 20},
        {"1e5 nested （", "（", 300000},
        {"1e5-digit number", "9", 100000},
        {"1 MiB of 、", "、", 1u << 20},
        {"1e5 headings 1.x", "1.甲\n", 700000},
        {"1e5 ordinals 一是", "一是", 600000},
        {"1 MiB of I (OCR)", "I", 1u << 20},
        {"1 MiB of O (OCR)", "O", 1u << 20},
        {"1 MiB of l (OCR)", "l", 1u << 20},
        {"1 MiB of 一", "一", 1u << 20},
        {"1 MiB of 百", "百", 1u << 20},
        {"CR-only lines", "一、总体要求\r", 1u << 20},
        {"list 分别8家、", "分别8家、", 1u << 20},
        {"1 MiB of line ends", "\n", 1u << 20},
        {"1 MiB of spaces", " ", 1u << 20},
        {"wrapped lines", "推进产业转型升级加快建设现代化经济体系，新增企业8家，提高发展质量和效益\n", 1u << 20},
        {"spaced digits", "增长1 2 ％，达到3 4 5 亿元，", 1u << 20},
        {"100 MB one line", "GDP增长20%以上，新增企业8家，", 100u << 20},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t k = 1; k <= 2; k++) {
            size_t n = cases[c].size * k;
            if (cases[c].size > (50u << 20)) /* the big one: 50 and 100 MB */
                n = cases[c].size / (3 - k);
            unit_case uc = {cases[c].unit, n};
            double mib, dt = in_child(time_repeat, ex, &uc, &mib);
            double mbs = n / 1e6 / dt;
            printf("  %-20s %8.2f MB  %7.3f s  %7.1f MB/s  %5.1f x corpus  peak RSS %5.0f MiB\n",
                   cases[c].name, n / 1e6, dt, mbs, corpus_mbs / mbs, mib);
            if (n > (50u << 20)) { /* the big one as zc-extract reads it */
                dt = in_child(time_repeat_each, ex, &uc, &mib);
                printf("  %-20s %8.2f MB  %7.3f s  streamed (zc_extract_each): peak RSS %5.0f MiB "
                       "= %.2f x\n",
                       cases[c].name, n / 1e6, dt, mib, mib * 1048576.0 / (double)n);
            }
        }
        if (corpus_ipb > 0) {
            size_t n = cases[c].size < (1u << 20) ? cases[c].size : 1u << 20;
            char *b = repeat(cases[c].unit, strlen(cases[c].unit), n);
            double ipb = callgrind_buffer(argv[0], b, n, NULL, NULL) / (double)n;
            free(b);
            if (ipb > 0)
                printf("  %-20s %8.2f MB  %7.0f instructions a byte     %5.1f x corpus\n",
                       cases[c].name, n / 1e6, ipb, ipb / corpus_ipb);
        }
    }
    zc_extractor_free(ex);
    for (size_t i = 0; i < nf; i++)
        free(files[i].text);
    free(all);
    return 0;
}
