/*
 * zc-bench -- how fast zhengce reads, and how its cost grows.
 *
 *   zc-bench [CORPUS_DIR]      (default: corpus/national)
 *
 * Prints, single thread, in memory:
 *   - MB/s over the national reports (each file parsed as its own document,
 *     best of several rounds) and the peak resident memory;
 *   - one document made by repeating the corpus to 25, 50 and 100 MB: if
 *     the cost is linear, MB/s stays flat;
 *   - pathological inputs (1 MiB of 一、, 10^5 nested （, a 10^5-digit
 *     number, 1 MiB of 、, 10^5 headings, one 100 MB line) at two sizes.
 * A benchmark, not a test: nothing here fails on a slow machine.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

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
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long l = ftell(f);
        fseek(f, 0, SEEK_SET);
        files[n].text = malloc((size_t)l);
        files[n].len = fread(files[n].text, 1, (size_t)l, f);
        fclose(f);
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

static char *repeat(const char *unit, size_t ul, size_t total) {
    char *b = malloc(total);
    size_t n = total / ul * ul;
    for (size_t i = 0; i < n; i += ul)
        memcpy(b + i, unit, ul);
    memset(b + n, ' ', total - n);
    return b;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "corpus/national";
    static file files[512];
    size_t nf = load(dir, files, 512);
    if (!nf) {
        fprintf(stderr, "zc-bench: no .txt files in %s\n", dir);
        return 1;
    }
    zc_error err;
    zc_extractor *ex = zc_extractor_new(NULL, &err);
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

    /* One big document made of the corpus repeated: MB/s should stay flat. */
    char *all = malloc(total);
    size_t off = 0;
    for (size_t i = 0; i < nf; i++) {
        memcpy(all + off, files[i].text, files[i].len);
        off += files[i].len;
    }
    printf("one document of the corpus repeated (linear cost keeps MB/s flat):\n");
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
        double dt = time_one(ex, big, n, &found);
        printf("  %4zu MB: %6.2f s  %6.1f MB/s  %zu findings  peak RSS %.0f MiB\n", sizes[s] >> 20, dt,
               n / 1e6 / dt, found, peak_kib() / 1024.0);
        free(big);
    }

    printf("\npathological inputs (two sizes each; linear cost keeps MB/s flat):\n");
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
        {"100 MB one line", "GDP增长20%以上，新增企业8家，", 100u << 20},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t k = 1; k <= 2; k++) {
            size_t n = cases[c].size * k / (k == 2 && cases[c].size > (50u << 20) ? 2 : 1);
            if (k == 2 && cases[c].size > (50u << 20))
                n = cases[c].size / 2; /* the big one: 50 and 100 MB */
            char *b = repeat(cases[c].unit, strlen(cases[c].unit), n);
            double dt = time_one(ex, b, n, NULL);
            printf("  %-20s %8.2f MB  %7.3f s  %7.1f MB/s\n", cases[c].name, n / 1e6, dt,
                   n / 1e6 / dt);
            free(b);
        }
    }
    printf("\npeak RSS %.0f MiB\n", peak_kib() / 1024.0);
    zc_extractor_free(ex);
    for (size_t i = 0; i < nf; i++)
        free(files[i].text);
    free(all);
    return 0;
}
