/*
 * 2_noise.c -- web-viewer page-chunk markers, found in the folded text (so
 * CR line ends and full-width "１、" need nothing special) and cut out of it.
 *
 * Document-sharing sites cut a document into numbered chunks and print
 * "1、" "2、" ... at the start of each, wherever the cut fell:
 *     ...聚力实现城市品质、生态质量、乡村振
 *     2、兴、民生福祉...
 * Read as headings they would wreck the section tree; read as text they
 * split "乡村振兴" and even numbers from their units ("贷款10\n7、亿元").
 * They are told from real "1、" headings by two things together: they count
 * up by one from the first line to the last, and most of them cut a long
 * line in mid-sentence. Cutting them out of the folded text keeps the
 * offset map right, so every span still points into the caller's bytes.
 */
#include <string.h>

#include "pipeline.h"

typedef struct chunk {
    size_t nl;    /* offset of the newline before the marker */
    size_t end;   /* offset just past 、 */
    uint32_t num; /* the marker's number */
    bool cuts;    /* the line before ends mid-sentence */
} chunk;

/* Does the line ending at byte end (exclusive) end in the middle of a
 * sentence? True when it is long and its last character is a Han ideograph
 * or a digit, not punctuation. */
static bool cuts_sentence(const char *s, size_t line_start, size_t end) {
    while (end > line_start && (s[end - 1] == ' ' || s[end - 1] == '\r' || s[end - 1] == '\t'))
        end--;
    if (end - line_start < 90) /* ~30 characters: a heading, not body text */
        return false;
    unsigned char c = (unsigned char)s[end - 1];
    if (c >= '0' && c <= '9')
        return true;
    if (end - line_start >= 3 && (unsigned char)s[end - 3] >= 0xE4 &&
        (unsigned char)s[end - 3] <= 0xE9)
        return true; /* U+4E00..U+9FFF: a Han character */
    return false;
}

zc_status zci_noise_find(zci_work *w, zci_scratch *out) {
    const char *s = w->text.t;
    size_t n = w->text.n;
    zci_scratch found;
    zci_scratch_init(&found, &w->alloc, sizeof(chunk));
    zc_status st = ZC_OK;
    size_t line_start = 0;
    /* i is a newline (or the end); the next line starts at i + 1. The
     * first line starts at 0, as if after a newline at -1. */
    for (size_t i = (size_t)-1; i == (size_t)-1 || i <= n; i++) {
        if (i != (size_t)-1 && i < n && s[i] != '\n') {
            const char *nl = memchr(s + i, '\n', n - i);
            i = nl ? (size_t)(nl - s) : n;
        }
        size_t p = i + 1, q = p;
        uint32_t num = 0;
        while (q < n && q - p < 4 && s[q] >= '0' && s[q] <= '9')
            num = num * 10 + (uint32_t)(s[q++] - '0');
        if ((i == (size_t)-1 || i < n) && q > p && q + 3 <= n &&
            memcmp(s + q, "\xE3\x80\x81", 3) == 0) {
            chunk *c = zci_scratch_push(&found);
            if (!c) {
                st = ZC_ERR_NOMEM;
                goto done;
            }
            c->nl = i == (size_t)-1 ? 0 : i;
            c->end = q + 3;
            c->num = num;
            c->cuts = i != (size_t)-1 && cuts_sentence(s, line_start, i);
        }
        if (i != (size_t)-1)
            line_start = i + 1;
    }
    /* Keep the longest run counting up by one; accept it only when it is
     * at least three long and at least half of it cuts sentences. */
    size_t best_at = 0, best_len = 0;
    for (size_t k = 0; k < found.len;) {
        size_t j = k + 1;
        while (j < found.len &&
               ZCI_AT(&found, chunk, j).num == ZCI_AT(&found, chunk, j - 1).num + 1)
            j++;
        if (j - k > best_len)
            best_at = k, best_len = j - k;
        k = j;
    }
    size_t cutting = 0;
    for (size_t k = best_at; k < best_at + best_len; k++)
        cutting += ZCI_AT(&found, chunk, k).cuts;
    if (best_len < 3 || cutting * 2 < best_len)
        goto done;
    for (size_t k = best_at; k < best_at + best_len; k++) {
        zci_range *r = zci_scratch_push(out);
        if (!r) {
            st = ZC_ERR_NOMEM;
            goto done;
        }
        r->s = ZCI_AT(&found, chunk, k).nl;
        r->e = ZCI_AT(&found, chunk, k).end;
    }
done:
    zci_scratch_free(&found);
    return st;
}
