/*
 * replay.c -- a plain main for fuzz_extract.c: runs every file named (or
 * every file in every folder named) through the fuzz target, once with each
 * option byte. meson test uses it to replay the corpus, the saved crash
 * inputs and the pathological inputs under the invariant checks.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n + 1);
    size_t got = fread(buf + 1, 1, (size_t)n, f);
    fclose(f);
    for (int opt = 0; opt < 8; opt++) {
        buf[0] = (uint8_t)opt;
        LLVMFuzzerTestOneInput(buf, got + 1);
    }
    free(buf);
    return 1;
}

int main(int argc, char **argv) {
    long files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            continue;
        if (!S_ISDIR(st.st_mode)) {
            files += run_file(argv[i]);
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            files += run_file(path);
        }
        if (d)
            closedir(d);
    }
    printf("replayed %ld inputs, 8 option sets each, all invariants held\n", files);
    return files > 0 ? 0 : 1;
}
