/**
 * @file status.h
 * @brief Status codes and the diagnostic list shared by every module.
 *
 * A function that can fail returns an rb_status: 0 is success, a negative
 * value an error.  Problems with user input (scenario, rules file, command
 * line) are collected in an rb_diag list so that every problem is reported,
 * not only the first.
 */
#ifndef RENTBRIDGE_STATUS_H
#define RENTBRIDGE_STATUS_H

#include <stdarg.h>
#include <stddef.h>

/* The two expansions of an X-macro list of (constant, name in files): the
 * enum's constants and its name table.  Every enum of rentbridge is such a
 * list, so that its names are written once. */
#define RB_ENUM_CONST(e, name) e,
#define RB_ENUM_NAME(e, name) name,

/* X-macro: name, value, process exit status, text. */
#define RB_STATUS_LIST(X)                                                      \
  X(RB_OK, 0, 0, "ok")                                                         \
  X(RB_EUSAGE, -2, 2, "usage error")                                           \
  X(RB_EINVALID, -3, 3, "invalid scenario")                                    \
  X(RB_EIO, -4, 4, "input/output error")                                       \
  X(RB_ENOMEM, -5, 70, "out of memory")                                        \
  X(RB_EINTERNAL, -70, 70, "internal error")

typedef enum {
#define RB_STATUS_ENUM(name, value, exit_code, text) name = value,
  RB_STATUS_LIST(RB_STATUS_ENUM)
#undef RB_STATUS_ENUM
} rb_status;

/** @return a short English text for @p s. */
const char *rb_status_str(rb_status s);

/** @return the process exit status for @p s (0, 2, 3, 4 or 70). */
int rb_status_exit_code(rb_status s);

/**
 * A list of diagnostics, each one formatted line
 * `FILE:LINE: KEY: message (got X)`.
 */
typedef struct rb_diag {
  char **msgs; /**< owned lines, without trailing newline */
  size_t n;    /**< number of lines */
  size_t cap;  /**< allocated slots */
} rb_diag;

/** Initialise an empty list. */
void rb_diag_init(rb_diag *d);

/** Free every line; the list is empty and usable afterwards. */
void rb_diag_free(rb_diag *d);

/**
 * Append a problem.  @p file and @p key may be NULL; @p line <= 0 leaves the
 * line out.  The message is formatted with printf semantics.  The line reads
 * `FILE:LINE: KEY: message`.
 */
void rb_diag_add(rb_diag *d, const char *file, int line, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** rb_diag_add() with the message's arguments as a va_list, for functions
 * that take a format of their own. */
void rb_diag_addv(rb_diag *d, const char *file, int line, const char *key,
                  const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/** Append a line as it is (for messages libconfig formats itself). */
void rb_diag_add_raw(rb_diag *d, const char *text);

#endif
