/**
 * @file cfgget.h
 * @brief Internal: typed getters on a config tree (cfgtree.h) for the
 * scenario and rules loaders.  A getter that finds a problem reports it as
 * `FILE:LINE: KEY: message (got X)` and the loader goes on, so that every
 * problem of a file is listed at once.  KEY is the libconfig path that
 * `--set` takes (`groups.[0].flats.rent`).  Not part of the public API.
 */
#ifndef RENTBRIDGE_CFGGET_H
#define RENTBRIDGE_CFGGET_H

#include "config/cfgtree.h"

#include <stdbool.h>
#include <stddef.h>

/** Room for a key path; longer paths are cut. */
#define RB_KEYMAX 512

/** The number of entries of the array @p a (a word or key table). */
#define RB_NWORDS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/** Where a conversion's problems go, and how it went. */
typedef struct rb_check {
  rb_diag *diag;   /**< the problems, one line each */
  const char *top; /**< file named by a problem that has no node (line 1) */
  int nerr;        /**< problems reported so far */
  bool oom;        /**< memory ran out somewhere */
} rb_check;

/** The valid range of a real value. */
typedef struct rb_range {
  double min, max;
  bool min_open; /**< the value must be > min */
} rb_range;

/** out = path.name, or name when @p path is "" (out may be @p path). */
void rb_key_join(char out[RB_KEYMAX], const char *path, const char *name);

/** out = path.[i] (out may be @p path). */
void rb_key_index(char out[RB_KEYMAX], const char *path, int i);

/**
 * Report a problem at node @p at (its file and line; NULL: the top file,
 * line 1) about @p key, and count it.
 */
void rb_cfg_problem(rb_check *ck, const rb_node *at, const char *key,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** Report "expected WHAT (got X)" about node @p n. */
void rb_cfg_expected(rb_check *ck, const rb_node *n, const char *key,
                     const char *what);

/** Report that member @p name of @p parent (at @p path) is missing. */
void rb_cfg_missing(rb_check *ck, const rb_node *parent, const char *path,
                    const char *name);

/** Report every member of group @p g whose name is none of @p allowed. */
void rb_cfg_check_keys(rb_check *ck, const rb_node *g, const char *path,
                       const char *const *allowed, int n_allowed);

/**
 * Member @p name of @p g; NULL when absent, which is reported when
 * @p required.
 */
const rb_node *rb_cfg_member(rb_check *ck, const rb_node *g, const char *path,
                             const char *name, bool required);

/** A finite number (an integer or a float) into @p out. */
bool rb_cfg_number(rb_check *ck, const rb_node *n, const char *key,
                   double *out);

/** Is @p x in @p r? */
bool rb_range_has(const rb_range *r, double x);

/** "must be in [MIN, MAX]" or "must be >= MIN" ("> MIN" when open). */
void rb_range_text(char *buf, size_t size, const rb_range *r);

/** Report "RANGE (got X)" about @p n unless @p x is in @p r. */
bool rb_cfg_check_range(rb_check *ck, const rb_node *n, const char *key,
                        double x, const rb_range *r);

/**
 * Report "must be at most LIMIT, BEYOND (got X)" (or "at least −LIMIT")
 * about @p n unless |@p x| ≤ @p limit; @p beyond says why, e.g. "beyond any
 * real amount".
 */
bool rb_cfg_check_size(rb_check *ck, const rb_node *n, const char *key,
                       double x, double limit, const char *beyond);

/** An integer node in [lo, hi] into @p out (unchanged on a problem); a
 * huge literal (beyond 64 bits) is out of every range. */
bool rb_cfg_int_node(rb_check *ck, const rb_node *n, const char *key,
                     long long lo, long long hi, long long *out);

/**
 * Integer member @p name in [lo, hi] into @p out; @p def when absent
 * (a problem when @p required) or on a problem.
 * @return false on a problem.
 */
bool rb_cfg_int(rb_check *ck, const rb_node *g, const char *path,
                const char *name, long long lo, long long hi, bool required,
                long long def, long long *out);

/** String member @p name (owned by the tree), or NULL. */
const char *rb_cfg_string(rb_check *ck, const rb_node *g, const char *path,
                          const char *name, bool required);

/** The words as "a, b, c" for a message. */
void rb_words_text(char *buf, size_t size, const char *const *words, int n);

/**
 * A string member that must be one of @p words.
 * @return its index, @p def when absent and not @p required, or -1 on a
 * problem.
 */
int rb_cfg_word(rb_check *ck, const rb_node *g, const char *path,
                const char *name, const char *const *words, int n,
                bool required, int def);

/** Boolean member @p name into @p out; @p def when absent or on a problem. */
bool rb_cfg_bool(rb_check *ck, const rb_node *g, const char *path,
                 const char *name, bool def, bool *out);

/** Group member @p name; NULL when absent or not a group (reported). */
const rb_node *rb_cfg_group(rb_check *ck, const rb_node *g, const char *path,
                            const char *name, bool required);

/** A list of groups ( {...}, ... ); NULL when absent or malformed. */
const rb_node *rb_cfg_list(rb_check *ck, const rb_node *g, const char *path,
                           const char *name, bool required);

/**
 * Report every string of the tree @p root, wherever it stands (unknown keys
 * and `--set` values included), whose text is refused (rb_text_problem):
 * `FILE:LINE: KEY: must be valid UTF-8 text (got "\xff")`.
 */
void rb_cfg_check_text(rb_check *ck, const rb_node *root);

/** A copy of @p s (NULL for NULL); out of memory sets ck->oom. */
char *rb_cfg_strdup(rb_check *ck, const char *s);

#endif
