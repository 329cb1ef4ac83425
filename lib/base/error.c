/*
 * error.c -- the one way errors are reported: fill the caller's zc_error.
 */
#include "base.h"

void zci_error_set(zc_error *err, zc_status code, size_t offset, uint32_t line, const char *msg) {
    if (!err)
        return;
    err->code = code;
    err->offset = offset;
    err->line = line;
    size_t n = strlen(msg);
    if (n >= sizeof err->message)
        n = sizeof err->message - 1;
    memcpy(err->message, msg, n);
    err->message[n] = '\0';
}
