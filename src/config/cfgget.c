/* Internal: typed getters on a config tree (see cfgget.h). */
#include "config/cfgget.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* out = a + sep + b, cut to RB_KEYMAX (out may be a). */
static void kcat(char *out, const char *a, const char *sep, const char *b) {
  const char *parts[3] = {a, sep, b};
  char tmp[RB_KEYMAX];
  size_t p = 0;
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(parts[i]);
    if (p + n > RB_KEYMAX - 1) {
      n = RB_KEYMAX - 1 - p;
    }
    memcpy(tmp + p, parts[i], n);
    p += n;
  }
  tmp[p] = '\0';
  memcpy(out, tmp, p + 1);
}

void rb_key_join(char out[RB_KEYMAX], const char *path, const char *name) {
  kcat(out, path, path[0] == '\0' ? "" : ".", name);
}

void rb_key_index(char out[RB_KEYMAX], const char *path, int i) {
  char idx[24];
  snprintf(idx, sizeof idx, "[%d]", i);
  kcat(out, path, ".", idx);
}

void rb_cfg_problem(rb_check *ck, const rb_node *at, const char *key,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rb_diag_addv(ck->diag, at != NULL ? at->file : ck->top,
               at != NULL ? at->line : 1, key, fmt, ap);
  va_end(ap);
  ck->nerr++;
}

void rb_cfg_expected(rb_check *ck, const rb_node *n, const char *key,
                     const char *what) {
  char got[80];
  rb_node_describe(got, sizeof got, n);
  rb_cfg_problem(ck, n, key, "expected %s (got %s)", what, got);
}

void rb_cfg_missing(rb_check *ck, const rb_node *parent, const char *path,
                    const char *name) {
  char key[RB_KEYMAX];
  rb_key_join(key, path, name);
  rb_cfg_problem(ck, parent, key, "required key missing");
}

static bool in_words(const char *const *words, int n, const char *s) {
  for (int i = 0; i < n; i++) {
    if (strcmp(words[i], s) == 0) {
      return true;
    }
  }
  return false;
}

void rb_cfg_check_keys(rb_check *ck, const rb_node *g, const char *path,
                       const char *const *allowed, int n_allowed) {
  assert(g->type == RB_N_GROUP);
  for (int i = 0; i < g->n; i++) {
    const rb_node *k = g->kids[i];
    if (!in_words(allowed, n_allowed, k->name)) {
      char key[RB_KEYMAX];
      rb_key_join(key, path, k->name);
      rb_cfg_problem(ck, k, key, "unknown key");
    }
  }
}

const rb_node *rb_cfg_member(rb_check *ck, const rb_node *g, const char *path,
                             const char *name, bool required) {
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL && required) {
    rb_cfg_missing(ck, g, path, name);
  }
  return n;
}

bool rb_cfg_number(rb_check *ck, const rb_node *n, const char *key,
                   double *out) {
  if (!rb_node_is_number(n)) {
    rb_cfg_expected(ck, n, key, "a number");
    return false;
  }
  double x = rb_node_number(n);
  if (!isfinite(x)) {
    char got[80];
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(ck, n, key, "not a finite number (got %s)", got);
    return false;
  }
  *out = x;
  return true;
}

bool rb_range_has(const rb_range *r, double x) {
  if (r->min_open ? !(x > r->min) : !(x >= r->min)) {
    return false;
  }
  return x <= r->max;
}

void rb_range_text(char *buf, size_t size, const rb_range *r) {
  char lo[40], hi[40];
  snprintf(lo, sizeof lo, "%g", r->min);
  snprintf(hi, sizeof hi, "%g", r->max);
  if (isinf(r->max)) {
    snprintf(buf, size, "must be %s %s", r->min_open ? ">" : ">=", lo);
  } else {
    snprintf(buf, size, "must be in [%s, %s]", lo, hi);
  }
}

bool rb_cfg_check_range(rb_check *ck, const rb_node *n, const char *key,
                        double x, const rb_range *r) {
  if (rb_range_has(r, x)) {
    return true;
  }
  char got[80], rng[100];
  rb_node_describe(got, sizeof got, n);
  rb_range_text(rng, sizeof rng, r);
  rb_cfg_problem(ck, n, key, "%s (got %s)", rng, got);
  return false;
}

bool rb_cfg_check_size(rb_check *ck, const rb_node *n, const char *key,
                       double x, double limit, const char *beyond) {
  if (!(x > limit || x < -limit)) {
    return true;
  }
  char got[80];
  rb_node_describe(got, sizeof got, n);
  rb_cfg_problem(ck, n, key, "must be at %s %s%g, %s (got %s)",
                 x > 0 ? "most" : "least", x > 0 ? "" : "-", limit, beyond,
                 got);
  return false;
}

bool rb_cfg_int_node(rb_check *ck, const rb_node *n, const char *key,
                     long long lo, long long hi, long long *out) {
  if (n->type != RB_N_INT && n->type != RB_N_INT64) {
    rb_cfg_expected(ck, n, key, "an integer");
    return false;
  }
  if (n->huge || n->ival < lo || n->ival > hi) {
    char got[80];
    rb_node_describe(got, sizeof got, n);
    /* hi INT_MAX or INT64_MAX stands for "no upper bound" unless the
     * value is above it (a huge one is saturated, so above or below). */
    if (lo == hi) {
      rb_cfg_problem(ck, n, key, "must be %lld (got %s)", lo, got);
    } else if ((hi == INT_MAX || hi == INT64_MAX) && n->ival < lo) {
      rb_cfg_problem(ck, n, key, "must be >= %lld (got %s)", lo, got);
    } else {
      rb_cfg_problem(ck, n, key, "must be between %lld and %lld (got %s)", lo,
                     hi, got);
    }
    return false;
  }
  *out = n->ival;
  return true;
}

bool rb_cfg_int(rb_check *ck, const rb_node *g, const char *path,
                const char *name, long long lo, long long hi, bool required,
                long long def, long long *out) {
  *out = def;
  const rb_node *n = rb_cfg_member(ck, g, path, name, required);
  if (n == NULL) {
    return !required;
  }
  char key[RB_KEYMAX];
  rb_key_join(key, path, name);
  return rb_cfg_int_node(ck, n, key, lo, hi, out);
}

/* Member @p name when it has type @p type; one of another type is reported
 * as "expected WHAT" (NULL). */
static const rb_node *typed(rb_check *ck, const rb_node *g, const char *path,
                            const char *name, bool required, rb_ntype type,
                            const char *what) {
  const rb_node *n = rb_cfg_member(ck, g, path, name, required);
  if (n != NULL && n->type != type) {
    char key[RB_KEYMAX];
    rb_key_join(key, path, name);
    rb_cfg_expected(ck, n, key, what);
    return NULL;
  }
  return n;
}

const char *rb_cfg_string(rb_check *ck, const rb_node *g, const char *path,
                          const char *name, bool required) {
  const rb_node *n =
      typed(ck, g, path, name, required, RB_N_STRING, "a string");
  return n != NULL ? n->sval : NULL;
}

void rb_words_text(char *buf, size_t size, const char *const *words, int n) {
  size_t p = 0;
  buf[0] = '\0';
  for (int i = 0; i < n && p < size; i++) {
    p += (size_t)snprintf(buf + p, size - p, "%s%s", i ? ", " : "", words[i]);
  }
}

int rb_cfg_word(rb_check *ck, const rb_node *g, const char *path,
                const char *name, const char *const *words, int n,
                bool required, int def) {
  const rb_node *x = rb_cfg_member(ck, g, path, name, required);
  if (x == NULL) {
    return required ? -1 : def;
  }
  const char *s = rb_cfg_string(ck, g, path, name, true);
  if (s == NULL) {
    return -1;
  }
  for (int i = 0; i < n; i++) {
    if (strcmp(words[i], s) == 0) {
      return i;
    }
  }
  char key[RB_KEYMAX], got[80], list[300];
  rb_key_join(key, path, name);
  rb_node_describe(got, sizeof got, x);
  rb_words_text(list, sizeof list, words, n);
  rb_cfg_problem(ck, x, key, "expected one of %s (got %s)", list, got);
  return -1;
}

bool rb_cfg_bool(rb_check *ck, const rb_node *g, const char *path,
                 const char *name, bool def, bool *out) {
  *out = def;
  if (rb_node_get(g, name) == NULL) {
    return true;
  }
  const rb_node *n =
      typed(ck, g, path, name, false, RB_N_BOOL, "true or false");
  if (n == NULL) {
    return false;
  }
  *out = n->bval;
  return true;
}

const rb_node *rb_cfg_group(rb_check *ck, const rb_node *g, const char *path,
                            const char *name, bool required) {
  return typed(ck, g, path, name, required, RB_N_GROUP, "a group { ... }");
}

const rb_node *rb_cfg_list(rb_check *ck, const rb_node *g, const char *path,
                           const char *name, bool required) {
  const rb_node *n = rb_cfg_member(ck, g, path, name, required);
  if (n == NULL) {
    return NULL;
  }
  char key[RB_KEYMAX];
  rb_key_join(key, path, name);
  if (n->type != RB_N_LIST) {
    rb_cfg_expected(ck, n, key, "a list of groups ( {...}, ... )");
    return NULL;
  }
  for (int i = 0; i < n->n; i++) {
    if (n->kids[i]->type != RB_N_GROUP) {
      char ek[RB_KEYMAX];
      rb_key_index(ek, key, i);
      rb_cfg_expected(ck, n->kids[i], ek, "a group { ... }");
      return NULL;
    }
  }
  return n;
}

char *rb_cfg_strdup(rb_check *ck, const char *s) {
  if (s == NULL) {
    return NULL;
  }
  char *d = rb_strdup(s);
  if (d == NULL) {
    ck->oom = true;
  }
  return d;
}

/* Every string at or below @p n (at @p key) whose text is refused. */
static void check_text(rb_check *ck, const rb_node *n, const char *key) {
  if (n->type == RB_N_STRING) {
    const char *problem = rb_text_problem(n->sval);
    if (problem != NULL) {
      char got[80];
      rb_node_describe(got, sizeof got, n);
      rb_cfg_problem(ck, n, key, "%s (got %s)", problem, got);
    }
    return;
  }
  for (int i = 0; i < n->n; i++) {
    char k[RB_KEYMAX];
    if (n->type == RB_N_GROUP) {
      rb_key_join(k, key, n->kids[i]->name);
    } else {
      rb_key_index(k, key, i);
    }
    check_text(ck, n->kids[i], k);
  }
}

void rb_cfg_check_text(rb_check *ck, const rb_node *root) {
  check_text(ck, root, "");
}
