/* html_report.h -- zc-extract -f html (see html_report.c). */
#ifndef ZC_HTML_REPORT_H
#define ZC_HTML_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <zhengce.h>

/* The page's head, styles and controls (panel: room for the panel). */
void html_begin(FILE *out, bool panel);
/* One document's text and records. Nonzero when they could not be written. */
int html_document(FILE *out, const zc_document *doc, const char *name);
/* The panel's rows. Nonzero when they could not be written. */
int html_panel(FILE *out, zc_panel *panel);
/* The script that draws it all, and the end of the page. */
void html_end(FILE *out);

#endif
