/*
 * names.c -- the spec's strings for every enum, status messages and error
 * reports, version, and struct sizes for bindings.
 */
#include <stdio.h>

#include "zhengce.h"

#define NAME(arr, i) ((size_t)(i) < sizeof(arr) / sizeof(arr[0]) && arr[i] ? arr[i] : "?")

const char *zc_bound_name(zc_bound b) {
    static const char *const n[] = {"exact", "at_least", "at_most", "approx", "range"};
    return NAME(n, b);
}
const char *zc_action_name(zc_action a) {
    static const char *const n[] = {"none", "growth", "decline", "add", "reach", "total", "share"};
    return NAME(n, a);
}
const char *zc_stage_name(zc_stage s) {
    static const char *const n[] = {"target", "achieved", "estimate", "rule"};
    return NAME(n, s);
}
const char *zc_role_name(zc_role r) {
    static const char *const n[] = {"commitment", "qualifier", "quantity"};
    return NAME(n, r);
}
const char *zc_unit_class_name(zc_unit_class c) {
    static const char *const n[] = {"other",  "percent", "percent_point", "money",
                                    "count",  "area",    "length",        "mass",
                                    "energy", "power",   "duration",      "volume"};
    return NAME(n, c);
}
const char *zc_marker_kind_name(zc_marker_kind k) {
    static const char *const n[] = {"root",    "cn_dun",     "cn_paren",   "arabic_dot", "arabic_paren",
                                    "circled", "ordinal",    "unnumbered", "part",       "chapter",
                                    "subchapter", "article", "box",        "annex"};
    return NAME(n, k);
}

const char *zc_genre_name(zc_genre g) {
    static const char *const n[] = {"other",      "work_report", "work_plan", "plan_outline",
                                    "regulation", "opinion",     "communique"};
    return NAME(n, g);
}

const char *zc_met_name(zc_met m) {
    static const char *const n[] = {"unknown", "yes", "no"};
    return NAME(n, m);
}

const char *zc_flag_name(unsigned bit) {
    static const char *const n[] = {"distributive", "ocr_repaired", "suspicious",
                                    "table",        "expected",     "binding"};
    return NAME(n, bit);
}

const char *zc_status_string(zc_status code) {
    static const char *const n[] = {
        "success",
        "invalid argument",
        "out of memory",
        "invalid UTF-8",
        "input too large",
        "internal limit reached",
        "internal error",
        "write failed",
        "invalid in its encoding",
    };
    return (size_t)code < sizeof n / sizeof n[0] ? n[code] : "unknown status";
}

const char *zc_version(void) { return ZC_VERSION; }

size_t zc_struct_size(int which) {
    switch (which) {
    case 0:
        return sizeof(zc_finding);
    case 1:
        return sizeof(zc_section);
    case 2:
        return sizeof(zc_meta);
    case 3:
        return sizeof(zc_error);
    case 4:
        return sizeof(zc_options);
    case 5:
        return sizeof(zc_span);
    default:
        return 0;
    }
}
