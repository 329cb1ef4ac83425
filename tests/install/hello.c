/* hello.c -- a program built against the installed zhengce (pkg-config
 * zhengce), as a user would: it must find the header and the library, and
 * read a commitment. */
#include <stdio.h>
#include <string.h>

#include <zhengce.h>

int main(void) {
    const char *text = "力争GDP增长8%左右，新增企业20家以上。";
    zc_error err;
    zc_extractor *ex = zc_extractor_new(NULL, &err);
    if (!ex)
        return 1;
    zc_document *doc = zc_extract(ex, text, strlen(text), &err);
    if (!doc || zc_document_finding_count(doc) != 2)
        return 1;
    const zc_finding *f = zc_document_finding(doc, 0);
    int ok = f->value == 8 && f->bound == ZC_BOUND_APPROX && strcmp(f->indicator, "gdp") == 0 &&
             strcmp(zc_version(), ZC_VERSION) == 0;
    printf("%.*s %s %s (libzhengce %s)\n", (int)(f->text.end - f->text.start), text + f->text.start,
           zc_bound_name(f->bound), f->indicator, zc_version());
    zc_document_free(doc);
    zc_extractor_free(ex);
    return ok ? 0 : 1;
}
