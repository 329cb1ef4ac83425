/*
 * 03_tables.c -- tables written as rows: lines of cells separated by tabs,
 * '|' or runs of two or more spaces (spec §1: a table's cells are never
 * headings; §2: their figures take their unit from the column or row header).
 *
 * A table is two or more such lines in a row. Its first line is the header
 * when it holds no figure. A table whose header or caption says its values
 * are index numbers (上年=100, 指数) gives no figures. The rows are recorded
 * here; 04_sections skips them and 07_quantities reads their cells.
 */
#define _GNU_SOURCE /* memrchr */
#include <string.h>

#include "pipeline.h"

/* Split [s, e) into cells at tabs, '|' and (when spaces) runs of two or
 * more spaces; empty cells are skipped. Returns how many (at most max). */
static uint32_t split_cells(const char *t, size_t s, size_t e, bool spaces, zci_range *cells,
                            uint32_t max) {
    uint32_t k = 0;
    size_t a = s;
    for (size_t p = s; p <= e; p++) {
        bool cut = p == e || t[p] == '\t' || t[p] == '|' ||
                   (spaces && t[p] == ' ' && p + 1 < e && t[p + 1] == ' ');
        if (!cut)
            continue;
        size_t x = a, y = p;
        while (x < y && (t[x] == ' ' || t[x] == '\t'))
            x++;
        while (y > x && (t[y - 1] == ' ' || t[y - 1] == '\t'))
            y--;
        if (y > x && k < max)
            cells[k++] = (zci_range){x, y};
        while (p < e && (t[p] == ' ' || t[p] == '\t' || t[p] == '|'))
            p++;
        a = p;
        if (p < e)
            p--; /* the loop's p++ comes back to the cell's first byte */
    }
    return k;
}

/* Is the cell a figure: [<>≤≥]? -? digits [. digits] %? (or a dash for none)? */
static bool figure_cell(const char *t, zci_range c) {
    size_t p = c.s;
    if (p < c.e && (t[p] == '<' || t[p] == '>'))
        p++;
    if (p < c.e && t[p] == '-')
        p++;
    size_t digits = 0;
    while (p < c.e && (zci_is_ascii_digit(t[p]) || t[p] == '.' || t[p] == ','))
        digits += zci_is_ascii_digit(t[p++]);
    if (p < c.e && t[p] == '%')
        p++;
    return digits > 0 && p == c.e;
}

/* Do the header or the caption line before the table say "index numbers"? */
static bool index_numbers(const char *t, size_t n, zci_range header, size_t block_start) {
    if (zci_range_has(t, header, "指数") || zci_range_has(t, header, "=100"))
        return true;
    size_t e = block_start;
    while (e > 0 && (t[e - 1] == '\n' || t[e - 1] == ' '))
        e--;
    size_t s = e;
    while (s > 0 && t[s - 1] != '\n')
        s--;
    zci_range caption = {s, e};
    (void)n;
    for (size_t p = s; p < e; p++)
        if (t[p] == '=') {
            size_t q = p + 1;
            while (q < e && t[q] == ' ')
                q++;
            if (q + 3 <= e && memcmp(t + q, "100", 3) == 0)
                return true;
        }
    return zci_range_has(t, caption, "指数");
}

/* Record the block of rows [first, w->rows.len) as one table. */
static void close_table(zci_work *w, size_t first, size_t block_start) {
    zci_row *rows = w->rows.data;
    size_t n = w->rows.len;
    if (n - first < 2) {
        w->rows.len = first; /* one line of cells is no table */
        return;
    }
    bool header = rows[first].figures == 0;
    bool index = header && index_numbers(w->text.t, w->text.n, rows[first].line, block_start);
    for (size_t i = first; i < n; i++) {
        rows[i].header = header ? first : SIZE_MAX;
        rows[i].is_header = header && i == first;
        rows[i].index_table = index;
        rows[i].label = rows[i].cells[0];
    }
}

/* The next p >= from where t[p] is c (or a run of two spaces for c == ' '),
 * or n: found once for the whole text, so a scan costs memchr's speed. */
static size_t next_of(const char *t, size_t n, size_t from, char c) {
    while (from < n) {
        const char *hit = memchr(t + from, c, n - from);
        if (!hit)
            return n;
        size_t p = (size_t)(hit - t);
        if (c != ' ' || (p + 1 < n && t[p + 1] == ' '))
            return p;
        from = p + 2; /* a single space: the next may start a run */
    }
    return n;
}

/* Whether another run of two spaces follows the run at dsp before e: three
 * cells need two runs, so prose with one stray double space is no row. */
static bool second_run_before(const char *t, size_t dsp, size_t e) {
    while (dsp < e && t[dsp] == ' ')
        dsp++;
    return dsp < e && next_of(t, e, dsp, ' ') < e;
}

zc_status zci_tables_find(zci_work *w) {
    const char *t = w->text.t;
    size_t n = w->text.n, first = 0, block_start = 0;
    bool open = false;
    uint32_t space_cells = 0; /* cell count of a space-separated block */
    size_t tab = next_of(t, n, 0, '\t'), bar = next_of(t, n, 0, '|'), dsp = next_of(t, n, 0, ' ');
    for (size_t s = 0; s < n;) {
        if (tab < s)
            tab = next_of(t, n, s, '\t');
        if (bar < s)
            bar = next_of(t, n, s, '|');
        if (!open) {
            /* no table open: the lines before the next tab, '|' or two
             * spaces hold no cells, so the walk goes straight to its line */
            if (dsp < s)
                dsp = next_of(t, n, s, ' ');
            /* a paragraph's indent (　　) splits nothing: the run after it is
             * looked for, not the line read (most lines of a report have one) */
            while (dsp < n && (dsp == 0 || t[dsp - 1] == '\n')) {
                size_t after = dsp;
                while (after < n && t[after] == ' ')
                    after++;
                dsp = next_of(t, n, after, ' ');
            }
            size_t next = tab < bar ? tab : bar;
            next = dsp < next ? dsp : next;
            if (next >= n)
                break;
            const char *before = memrchr(t + s, '\n', next - s);
            if (before)
                s = (size_t)(before - t) + 1;
        }
        const char *nl = memchr(t + s, '\n', n - s);
        size_t e = nl ? (size_t)(nl - t) : n;
        size_t lead = s; /* an indent (　　 folds to two spaces) splits nothing */
        while (lead < e && t[lead] == ' ')
            lead++;
        if (dsp < lead)
            dsp = next_of(t, n, lead, ' ');
        bool hard = tab < e || bar < e;
        bool spaced = !hard && dsp < e && second_run_before(t, dsp, e);
        zci_range cells[ZCI_MAX_COLS];
        uint32_t k = hard || spaced ? split_cells(t, s, e, !hard, cells, ZCI_MAX_COLS) : 0;
        /* runs of spaces make a table only with three cells or more, the
         * same count on every line (OCR leaves double spaces in prose) */
        bool row = hard ? k >= 2 : k >= 3 && (!open || space_cells == 0 || k == space_cells);
        if (row) {
            if (!open) {
                first = w->rows.len;
                block_start = s;
                open = true;
                space_cells = hard ? 0 : k;
            }
            zci_row *r = zci_scratch_push(&w->rows);
            if (!r)
                return ZC_ERR_NOMEM;
            r->line = (zci_range){s, e};
            r->ncells = k;
            memcpy(r->cells, cells, k * sizeof cells[0]);
            for (uint32_t c = 0; c < k; c++)
                if (figure_cell(t, cells[c]))
                    r->figures |= 1u << c;
        } else if (open) {
            close_table(w, first, block_start);
            open = false;
        }
        s = e + 1;
    }
    if (open)
        close_table(w, first, block_start);
    return ZC_OK;
}
