/**
 * @file io.h
 * @brief Writing files: a file in a folder, closing it with every error
 * checked, the time and a file's SHA-256 for manifests.
 */
#ifndef RENTBRIDGE_BASE_IO_H
#define RENTBRIDGE_BASE_IO_H

#include "rentbridge/status.h"

#include <stdio.h>

/** Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void rb_now_iso(char out[32]);

/** SHA-256 of a file as 64 hex digits; "" when it cannot be read. */
void rb_sha256_file(char out[65], const char *path);

/** Open DIR/NAME for writing; NULL when it cannot be opened or the path
 * is too long. */
FILE *rb_open_in(const char *dir, const char *name);

/** Close @p f: RB_EIO when it is NULL, had a write error or fails to
 * close, otherwise @p st. */
rb_status rb_close_ok(FILE *f, rb_status st);

#endif
