/**
 * @file file.h
 * @brief Reading a whole file, safely: regular files only, never blocking.
 */
#ifndef RENTBRIDGE_BASE_FILE_H
#define RENTBRIDGE_BASE_FILE_H

#include <stddef.h>

/**
 * The whole of the regular file @p path in memory, with a NUL byte after
 * its last byte (it may hold NUL bytes of its own).  The file is opened
 * non-blocking, so a FIFO or device is refused at once instead of hanging.
 * @param[out] len its length in bytes, may be NULL.
 * @param max the largest size accepted in bytes (0: no limit).
 * @return a buffer to free(), or NULL with errno set: EISDIR/EINVAL for
 * anything but a regular file, EFBIG when over @p max, ENOMEM, or what
 * open/read said.
 */
char *rb_file_slurp(const char *path, size_t *len, size_t max);

/** @return 1 when @p path names a regular file (following links), else 0. */
int rb_file_is_regular(const char *path);

/** Remove @p path and everything in it (links are removed, not followed).
 * @return 0, or -1 with errno set when something could not be removed. */
int rb_remove_tree(const char *path);

#endif
