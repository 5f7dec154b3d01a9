/**
 * @file cfgtree.h
 * @brief Internal: a libconfig file read into a plain tree that the scenario
 * and rules loaders convert from.  The tree owns copies of everything, so
 * `--set` overrides can change types and add keys freely and nothing from
 * libconfig survives loading.  Not part of the public API.
 */
#ifndef RENTBRIDGE_CFGTREE_H
#define RENTBRIDGE_CFGTREE_H

#include "rentbridge/status.h"

#include <stdbool.h>
#include <stddef.h>

/** Node types (the libconfig value types). */
typedef enum {
  RB_N_GROUP,
  RB_N_INT,   /**< integer literal without the L suffix (its exact value,
                 even beyond 32 bits: see config/cfglit.h) */
  RB_N_INT64, /**< integer literal with the L suffix */
  RB_N_FLOAT,
  RB_N_STRING,
  RB_N_BOOL,
  RB_N_ARRAY,
  RB_N_LIST
} rb_ntype;

/** One setting. */
typedef struct rb_node {
  char *name; /**< member name; NULL for list and array elements */
  rb_ntype type;
  long long ival;        /**< RB_N_INT, RB_N_INT64 (saturated when huge) */
  bool huge;             /**< an integer literal beyond 64 bits: fval holds
                              its value, sval the literal as written */
  double fval;           /**< RB_N_FLOAT (and a huge integer) */
  char *sval;            /**< RB_N_STRING (and a huge integer's literal) */
  bool bval;             /**< RB_N_BOOL */
  struct rb_node **kids; /**< members or elements */
  int n, cap;
  const char *file; /**< interned file name ("--set" for an override) */
  int line;         /**< line in @c file (the --set position for overrides) */
} rb_node;

/** A list of interned file names (owned strings). */
typedef struct rb_names {
  char **names;
  int n;
} rb_names;

/** Intern @p name in @p files; @return the stored copy or NULL (no memory). */
const char *rb_names_intern(rb_names *files, const char *name);

/**
 * Read a libconfig file into a tree.  Syntax errors are reported as
 * libconfig reports them (`FILE:LINE: text`); included files are named by
 * their path through @p include_dir.  @p path must be a regular file: it is
 * opened without blocking and anything else (a FIFO, a device, a directory)
 * is refused before libconfig opens it.  Every integer takes the exact value
 * of its literal (config/cfglit.h).
 * @param[out] out the root group, owned by the caller (rb_node_free).
 * @param include_dir NULL or the directory @c @include paths are relative to.
 * @return RB_OK, RB_EIO (cannot read @p path), RB_EINVALID or RB_ENOMEM.
 */
rb_status rb_cfg_read_file(rb_node **out, const char *path,
                           const char *include_dir, rb_names *files,
                           rb_diag *diag);

/**
 * The @include guard that rb_cfg_read_file() runs first: libconfig 1.5 ends
 * the process on an @include of a directory and blocks on a FIFO, so every
 * @include line of @p path (and of the files it includes) is followed as
 * libconfig would follow it, and one that names an existing file that is
 * not a regular file is reported (`FILE:LINE: cannot include "NAME": PATH is
 * not a regular file`).  Missing or unreadable files are left to libconfig.
 * @param include_dir NULL or the directory @c @include paths are relative to.
 * @return RB_OK, RB_EINVALID (reported in @p diag) or RB_ENOMEM.
 */
rb_status rb_cfg_includes_ok(const char *path, const char *include_dir,
                             rb_diag *diag);

/**
 * Parse the text @p text as libconfig (no includes are allowed) into a tree
 * whose nodes carry @p file and @p line; integers as in rb_cfg_read_file().
 * @return RB_OK, RB_EINVALID (not valid libconfig) or RB_ENOMEM.
 */
rb_status rb_cfg_read_string(rb_node **out, const char *text, const char *file,
                             int line);

/** Free a tree; NULL-safe. */
void rb_node_free(rb_node *n);

/** A deep copy of @p n (NULL when out of memory). */
rb_node *rb_node_dup(const rb_node *n);

/** Member @p name of group @p g, or NULL. */
rb_node *rb_node_get(const rb_node *g, const char *name);

/** Append @p kid to @p parent (group, list or array); @return false on OOM. */
bool rb_node_append(rb_node *parent, rb_node *kid);

/** Is @p n a number (integer or float)? */
bool rb_node_is_number(const rb_node *n);

/** The numeric value of a number node (a huge integer's as a double). */
double rb_node_number(const rb_node *n);

/**
 * Describe a node for "(got X)": a number as written, a string quoted and
 * shortened (rb_text_quote), "a group", "an array", "a list", true/false.
 */
void rb_node_describe(char *buf, size_t size, const rb_node *n);

/**
 * The shortest of "%.15g", "%.16g", "%.17g" that reads back to exactly
 * @p x, with ".0" appended when it would otherwise read as an integer.
 */
void rb_fmt_double(char *buf, size_t size, double x);

/**
 * The directory part of @p path: "." when it has no slash, "/" for a file
 * in the root.  @return a new string (NULL on OOM).
 */
char *rb_path_dir(const char *path);

/**
 * What is wrong with the text of a string setting: NULL when it is valid
 * UTF-8 without control characters (C0 but the tab, so line breaks too;
 * DEL; C1) and without U+FFFE and U+FFFF, which XML refuses; else the message
 * ("must be valid UTF-8 text", ...).
 */
const char *rb_text_problem(const char *s);

/**
 * @p s quoted for a message: each byte that is not UTF-8 text, or belongs to
 * a control character, as \xNN; longer than @p max bytes: cut (at a
 * character) to max − 3 and "..." appended.  @p buf holds at least
 * max + 3 bytes.
 */
void rb_text_quote(char *buf, size_t size, const char *s, size_t max);

/** A newly allocated string (printf semantics); NULL on OOM. */
char *rb_strfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** A copy of @p s (NULL for NULL or on OOM). */
char *rb_strdup(const char *s);

#endif
