/*
 * The scenario loader: a libconfig file (format 1, scenario-format.md) read
 * into a tree, `--set` overrides applied, then converted into an
 * rb_scenario while every rule is checked.  Every problem is reported,
 * each as `FILE:LINE: KEY: message (got X)`.
 *
 * Parameters are created in the canonical order of the resolved file (the
 * order rb_scenario_write() writes them, the psa draw order): the scenario
 * block, subsidy, incomes, costs, groups, each in the order of the spec's
 * tables, whatever the order in the file.
 */
#include "config/cfgtree.h"
#include "rentbridge/scenario.h"
#include "scenario/scenario_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define KEYMAX 512
#define NAMEMAX 64
#define SUM_TOL 1e-9

/** The valid range of a real-valued key. */
typedef struct vspec {
  double min, max;
  bool min_open;    /**< the value must be > min */
  bool probability; /**< a monthly probability */
} vspec;

static const vspec V_PROB = {0.0, 1.0, false, true};
static const vspec V_UNIT = {0.0, 1.0, false, false};
static const vspec V_NONNEG = {0.0, INFINITY, false, false};
static const vspec V_POS = {0.0, INFINITY, true, false};
static const vspec V_ANY = {-INFINITY, INFINITY, false, false};

/** Loader state. */
typedef struct ld {
  rb_scenario *sc;
  rb_diag *diag;
  int nerr;
  bool oom;
  int cap_params;
  unsigned char *bad; /**< per parameter: its value is invalid */
  rb_names files;
  const char *top; /**< the top file (interned) */
  int horizon;     /**< horizon_months, 0 when invalid */
  int period;      /**< period_months, 0 when invalid */
} ld;

/* ------------------------------------------------------------------ */
/* Problems and keys                                                  */
/* ------------------------------------------------------------------ */

static void problem(ld *c, const rb_node *at, const char *key, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

static void problem(ld *c, const rb_node *at, const char *key, const char *fmt,
                    ...) {
  char msg[900];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rb_diag_add(c->diag, at != NULL ? at->file : c->top,
              at != NULL ? at->line : 1, key, "%s", msg);
  c->nerr++;
}

/* out = a + sep + b, truncated to KEYMAX (no format-truncation games). */
static void kcat(char *out, const char *a, const char *sep, const char *b) {
  size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
  char tmp[KEYMAX];
  size_t p = 0;
  const char *parts[3] = {a, sep, b};
  size_t lens[3] = {la, ls, lb};
  for (int i = 0; i < 3; i++) {
    size_t n = lens[i];
    if (p + n > KEYMAX - 1) {
      n = KEYMAX - 1 - p;
    }
    memcpy(tmp + p, parts[i], n);
    p += n;
  }
  tmp[p] = '\0';
  memcpy(out, tmp, p + 1);
}

static void kjoin(char *out, const char *path, const char *name) {
  kcat(out, path, path[0] == '\0' ? "" : ".", name);
}

static void kidx(char *out, const char *path, int i) {
  char idx[24];
  snprintf(idx, sizeof idx, "[%d]", i);
  kcat(out, path, ".", idx);
}

static void describe(char *buf, size_t size, const rb_node *n) {
  rb_node_describe(buf, size, n);
}

static void missing(ld *c, const rb_node *parent, const char *path,
                    const char *name) {
  char key[KEYMAX];
  kjoin(key, path, name);
  problem(c, parent, key, "required key missing");
}

/* Reports every member of group @p g whose name is not in @p allowed. */
static void check_keys(ld *c, const rb_node *g, const char *path,
                       const char *const *allowed) {
  for (int i = 0; i < g->n; i++) {
    const rb_node *k = g->kids[i];
    bool ok = false;
    for (const char *const *a = allowed; *a != NULL; a++) {
      if (strcmp(k->name, *a) == 0) {
        ok = true;
        break;
      }
    }
    if (!ok) {
      char key[KEYMAX];
      kjoin(key, path, k->name);
      problem(c, k, key, "unknown key");
    }
  }
}

static bool is_ident(const char *s) {
  size_t len = strlen(s);
  if (len == 0 || len > NAMEMAX) {
    return false;
  }
  for (size_t i = 0; i < len; i++) {
    char ch = s[i];
    bool alpha =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
    bool digit = ch >= '0' && ch <= '9';
    if (!(alpha || (digit && i > 0))) {
      return false;
    }
  }
  return true;
}

static bool is_scenario_name(const char *s) {
  size_t len = strlen(s);
  if (len == 0 || len > NAMEMAX) {
    return false;
  }
  for (size_t i = 0; i < len; i++) {
    char ch = s[i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
          ch == '-')) {
      return false;
    }
  }
  return true;
}

/* ------------------------------------------------------------------ */
/* Parameters                                                         */
/* ------------------------------------------------------------------ */

static rb_param *P(ld *c, int i) {
  return i >= 0 ? &c->sc->params[i] : NULL;
}

static void mark_bad(ld *c, int i) {
  if (i >= 0) {
    c->bad[i] = 1;
  }
}

static bool is_bad(const ld *c, int i) {
  return i < 0 || c->bad[i] != 0;
}

static int new_param(ld *c, const char *key, const rb_node *at,
                     const vspec *vs) {
  rb_scenario *sc = c->sc;
  if (sc->n_params == c->cap_params) {
    int cap = c->cap_params ? 2 * c->cap_params : 64;
    rb_param *p = realloc(sc->params, (size_t)cap * sizeof *p);
    if (p == NULL) {
      c->oom = true;
      return -1;
    }
    sc->params = p;
    unsigned char *b = realloc(c->bad, (size_t)cap);
    if (b == NULL) {
      c->oom = true;
      return -1;
    }
    c->bad = b;
    c->cap_params = cap;
  }
  int i = sc->n_params;
  rb_param *p = &sc->params[i];
  memset(p, 0, sizeof *p);
  p->key = rb_strdup(key);
  if (p->key == NULL) {
    c->oom = true;
    return -1;
  }
  sc->n_params++;
  c->bad[i] = 0;
  p->file = at != NULL ? at->file : c->top;
  p->line = at != NULL ? at->line : 1;
  p->min = vs->min;
  p->max = vs->max;
  p->probability = vs->probability;
  p->dist = RB_DIST_PLAIN;
  return i;
}

/* A number node: finite int or float. */
static bool num_node(ld *c, const rb_node *n, const char *key, double *out) {
  char got[80];
  if (!rb_node_is_number(n)) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a number (got %s)", got);
    return false;
  }
  double x = rb_node_number(n);
  if (!isfinite(x)) {
    describe(got, sizeof got, n);
    problem(c, n, key, "not a finite number (got %s)", got);
    return false;
  }
  *out = x;
  return true;
}

static bool in_vspec(double x, const vspec *vs) {
  if (vs->min_open ? !(x > vs->min) : !(x >= vs->min)) {
    return false;
  }
  return x <= vs->max;
}

/* A computed sum for a message: ten significant digits hide rounding. */
static void fmt_sum(char *buf, size_t size, double x) {
  snprintf(buf, size, "%.10g", x);
}

static void range_text(char *buf, size_t size, const vspec *vs) {
  char lo[40], hi[40];
  snprintf(lo, sizeof lo, "%g", vs->min);
  snprintf(hi, sizeof hi, "%g", vs->max);
  if (isinf(vs->max)) {
    snprintf(buf, size, "must be %s %s", vs->min_open ? ">" : ">=", lo);
  } else {
    snprintf(buf, size, "must be in [%s, %s]", lo, hi);
  }
}

static bool check_range(ld *c, const rb_node *n, const char *key, double x,
                        const vspec *vs) {
  if (in_vspec(x, vs)) {
    return true;
  }
  char got[80], rng[100];
  describe(got, sizeof got, n);
  range_text(rng, sizeof rng, vs);
  problem(c, n, key, "%s (got %s)", rng, got);
  return false;
}

static const char *const UNCERTAIN_KEYS[] = {
    "value", "low",   "high", "dist",  "source", "a", "b",
    "shape", "scale", "mu",   "sigma", "sd",     NULL};

static const struct {
  const char *name;
  rb_dist dist;
  int slot; /* 1 = p1, 2 = p2 */
  bool positive;
} DIST_PARAMS[] = {
    {"a", RB_DIST_BETA, 1, true},        {"b", RB_DIST_BETA, 2, true},
    {"shape", RB_DIST_GAMMA, 1, true},   {"scale", RB_DIST_GAMMA, 2, true},
    {"mu", RB_DIST_LOGNORMAL, 1, false}, {"sigma", RB_DIST_LOGNORMAL, 2, true},
    {"sd", RB_DIST_NORMAL, 1, true}};

static bool parse_dist(const char *s, rb_dist *out) {
  for (int d = RB_DIST_PERT; d < RB_DIST_COUNT; d++) {
    if (strcmp(s, rb_dist_name((rb_dist)d)) == 0) {
      *out = (rb_dist)d;
      return true;
    }
  }
  return false;
}

/* An uncertain value { value; low; high; dist; source; ... } into @p p. */
static bool uncertain(ld *c, const rb_node *g, const char *key, const vspec *vs,
                      rb_param *p) {
  char k[KEYMAX], got[80];
  bool ok = true;
  check_keys(c, g, key, UNCERTAIN_KEYS);
  size_t errs0 = (size_t)c->nerr;

  const rb_node *nv = rb_node_get(g, "value");
  const rb_node *nl = rb_node_get(g, "low");
  const rb_node *nh = rb_node_get(g, "high");
  const rb_node *nd = rb_node_get(g, "dist");
  const rb_node *ns = rb_node_get(g, "source");
  double v = 0.0, lo = 0.0, hi = 0.0;
  bool have_v = false, have_l = false, have_h = false;
  if (nv == NULL) {
    missing(c, g, key, "value");
    ok = false;
  } else {
    kjoin(k, key, "value");
    have_v = num_node(c, nv, k, &v) && check_range(c, nv, k, v, vs);
    ok = ok && have_v;
  }
  if (nl != NULL) {
    kjoin(k, key, "low");
    have_l = num_node(c, nl, k, &lo) && check_range(c, nl, k, lo, vs);
    ok = ok && have_l;
  }
  if (nh != NULL) {
    kjoin(k, key, "high");
    have_h = num_node(c, nh, k, &hi) && check_range(c, nh, k, hi, vs);
    ok = ok && have_h;
  }
  if ((nl == NULL) != (nh == NULL)) {
    problem(c, nl != NULL ? nl : nh, key, "low and high go together");
    ok = false;
  }
  bool range = nl != NULL && nh != NULL;
  rb_dist dist = range ? RB_DIST_PERT : RB_DIST_FIXED;
  if (nd != NULL) {
    kjoin(k, key, "dist");
    if (nd->type != RB_N_STRING) {
      describe(got, sizeof got, nd);
      problem(c, nd, k, "expected a string (got %s)", got);
      ok = false;
    } else if (!parse_dist(nd->sval, &dist)) {
      describe(got, sizeof got, nd);
      problem(c, nd, k,
              "expected one of pert, triangular, uniform, beta, gamma, "
              "lognormal, normal, fixed (got %s)",
              got);
      ok = false;
    }
  }
  if (ns != NULL) {
    kjoin(k, key, "source");
    if (ns->type != RB_N_STRING) {
      describe(got, sizeof got, ns);
      problem(c, ns, k, "expected a string (got %s)", got);
      ok = false;
    } else if (p != NULL) {
      p->source = rb_strdup(ns->sval);
      if (p->source == NULL) {
        c->oom = true;
      }
    }
  }
  /* The parameters of each distribution. */
  double par[3] = {0.0, 0.0, 0.0};
  for (size_t i = 0; i < sizeof DIST_PARAMS / sizeof DIST_PARAMS[0]; i++) {
    const rb_node *n = rb_node_get(g, DIST_PARAMS[i].name);
    kjoin(k, key, DIST_PARAMS[i].name);
    if (DIST_PARAMS[i].dist != dist) {
      if (n != NULL) {
        problem(c, n, k, "only for dist \"%s\" (got dist \"%s\")",
                rb_dist_name(DIST_PARAMS[i].dist), rb_dist_name(dist));
        ok = false;
      }
      continue;
    }
    if (n == NULL) {
      problem(c, g, k, "required for dist \"%s\"", rb_dist_name(dist));
      ok = false;
      continue;
    }
    double x;
    if (!num_node(c, n, k, &x)) {
      ok = false;
      continue;
    }
    if (DIST_PARAMS[i].positive && !(x > 0.0)) {
      describe(got, sizeof got, n);
      problem(c, n, k, "must be > 0 (got %s)", got);
      ok = false;
      continue;
    }
    par[DIST_PARAMS[i].slot] = x;
  }
  if ((size_t)c->nerr == errs0) {
    if ((dist == RB_DIST_PERT || dist == RB_DIST_TRIANGULAR ||
         dist == RB_DIST_UNIFORM) &&
        !range) {
      problem(c, g, key, "dist \"%s\" needs low and high", rb_dist_name(dist));
      ok = false;
    }
    if (range && have_v && have_l && have_h && !(lo <= v && v <= hi)) {
      char a[40], b[40], d[40];
      rb_fmt_double(a, sizeof a, lo);
      rb_fmt_double(b, sizeof b, v);
      rb_fmt_double(d, sizeof d, hi);
      problem(c, g, key, "needs low <= value <= high (got %s, %s, %s)", a, b,
              d);
      ok = false;
    }
    if (vs->probability &&
        !(dist == RB_DIST_PERT || dist == RB_DIST_TRIANGULAR ||
          dist == RB_DIST_UNIFORM || dist == RB_DIST_FIXED ||
          ((dist == RB_DIST_BETA || dist == RB_DIST_NORMAL) && range))) {
      problem(c, g, key,
              "a probability takes only a bounded distribution: pert, "
              "triangular, uniform, fixed, or beta or normal with low and "
              "high (got dist \"%s\"%s)",
              rb_dist_name(dist), range ? "" : " without low and high");
      ok = false;
    } else if ((dist == RB_DIST_GAMMA || dist == RB_DIST_LOGNORMAL) &&
               isfinite(vs->max)) {
      char rng[100];
      range_text(rng, sizeof rng, vs);
      problem(c, g, key,
              "dist \"%s\" can draw values outside the key's range "
              "(%s)",
              rb_dist_name(dist), rng);
      ok = false;
    } else if (dist == RB_DIST_BETA && !(vs->min <= 0.0 && vs->max >= 1.0)) {
      char rng[100];
      range_text(rng, sizeof rng, vs);
      problem(c, g, key,
              "dist \"beta\" draws on [0, 1], outside the key's range (%s)",
              rng);
      ok = false;
    }
  }
  if (p != NULL) {
    p->uncertain = true;
    p->value = v;
    p->has_range = range;
    p->low = range ? lo : v;
    p->high = range ? hi : v;
    p->dist = dist;
    p->p1 = par[1];
    p->p2 = par[2];
  }
  return ok && (size_t)c->nerr == errs0;
}

static bool is_schedule_group(const rb_node *n) {
  return n->type == RB_N_GROUP &&
         (rb_node_get(n, "values") != NULL || rb_node_get(n, "breaks") != NULL);
}

/* A value node (plain number or uncertain group) into a new parameter. */
static int value_node(ld *c, const rb_node *v, const char *key,
                      const vspec *vs) {
  int i = new_param(c, key, v, vs);
  rb_param *p = P(c, i);
  bool ok;
  if (is_schedule_group(v)) {
    problem(c, v, key,
            "a schedule is not allowed here (a plain or uncertain value is)");
    ok = false;
  } else if (v->type == RB_N_GROUP) {
    ok = uncertain(c, v, key, vs, p);
  } else {
    double x = 0.0;
    ok = num_node(c, v, key, &x) && check_range(c, v, key, x, vs);
    if (p != NULL) {
      p->value = p->low = p->high = x;
    }
  }
  if (!ok) {
    mark_bad(c, i);
  }
  return i;
}

/* A real value member; absent → @p def (plain) or, when required, an
 * error.  Always returns a parameter index (−1 only without memory). */
static int get_value(ld *c, const rb_node *g, const char *path,
                     const char *name, const vspec *vs, bool required,
                     double def, bool *given) {
  char key[KEYMAX];
  kjoin(key, path, name);
  const rb_node *n = rb_node_get(g, name);
  if (given != NULL) {
    *given = n != NULL;
  }
  if (n != NULL) {
    return value_node(c, n, key, vs);
  }
  int i = new_param(c, key, g, vs);
  rb_param *p = P(c, i);
  if (p != NULL) {
    p->value = p->low = p->high = def;
  }
  if (required) {
    missing(c, g, path, name);
    mark_bad(c, i);
  }
  return i;
}

/* ------------------------------------------------------------------ */
/* Plain members                                                      */
/* ------------------------------------------------------------------ */

static bool get_int(ld *c, const rb_node *g, const char *path, const char *name,
                    long long lo, long long hi, bool required, long long def,
                    long long *out) {
  char key[KEYMAX], got[80];
  *out = def;
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    if (required) {
      missing(c, g, path, name);
      return false;
    }
    return true;
  }
  kjoin(key, path, name);
  if (n->type != RB_N_INT && n->type != RB_N_INT64) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected an integer (got %s)", got);
    return false;
  }
  if (n->ival < lo || n->ival > hi) {
    describe(got, sizeof got, n);
    if (lo == hi) {
      problem(c, n, key, "must be %lld (got %s)", lo, got);
    } else if (hi == INT_MAX || hi == INT64_MAX) {
      problem(c, n, key, "must be >= %lld (got %s)", lo, got);
    } else {
      problem(c, n, key, "must be between %lld and %lld (got %s)", lo, hi, got);
    }
    return false;
  }
  *out = n->ival;
  return true;
}

static const char *get_string(ld *c, const rb_node *g, const char *path,
                              const char *name, bool required) {
  char key[KEYMAX], got[80];
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    if (required) {
      missing(c, g, path, name);
    }
    return NULL;
  }
  if (n->type != RB_N_STRING) {
    kjoin(key, path, name);
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a string (got %s)", got);
    return NULL;
  }
  return n->sval;
}

static char *dup_string(ld *c, const char *s) {
  if (s == NULL) {
    return NULL;
  }
  char *d = rb_strdup(s);
  if (d == NULL) {
    c->oom = true;
  }
  return d;
}

/* Looks a word up in @p words (NULL-terminated); -1 if absent. */
static int word_index(const char *const *words, const char *s) {
  for (int i = 0; words[i] != NULL; i++) {
    if (strcmp(words[i], s) == 0) {
      return i;
    }
  }
  return -1;
}

static void words_text(char *buf, size_t size, const char *const *words) {
  size_t p = 0;
  buf[0] = '\0';
  for (int i = 0; words[i] != NULL && p < size; i++) {
    p += (size_t)snprintf(buf + p, size - p, "%s%s", i ? ", " : "", words[i]);
  }
}

/* A string member that must be one of @p words; @return its index, @p def
 * when absent and not required, or -1 on a problem. */
static int get_word(ld *c, const rb_node *g, const char *path, const char *name,
                    const char *const *words, bool required, int def) {
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    if (required) {
      missing(c, g, path, name);
      return -1;
    }
    return def;
  }
  const char *s = get_string(c, g, path, name, true);
  if (s == NULL) {
    return -1;
  }
  int i = word_index(words, s);
  if (i < 0) {
    char key[KEYMAX], got[80], list[300];
    kjoin(key, path, name);
    describe(got, sizeof got, n);
    words_text(list, sizeof list, words);
    problem(c, n, key, "expected one of %s (got %s)", list, got);
  }
  return i;
}

static bool get_bool(ld *c, const rb_node *g, const char *path,
                     const char *name, bool def, bool *out) {
  *out = def;
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    return true;
  }
  if (n->type != RB_N_BOOL) {
    char key[KEYMAX], got[80];
    kjoin(key, path, name);
    describe(got, sizeof got, n);
    problem(c, n, key, "expected true or false (got %s)", got);
    return false;
  }
  *out = n->bval;
  return true;
}

/* A group member; NULL when absent (reported if required) or not a group. */
static const rb_node *get_group(ld *c, const rb_node *g, const char *path,
                                const char *name, bool required) {
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    if (required) {
      missing(c, g, path, name);
    }
    return NULL;
  }
  if (n->type != RB_N_GROUP) {
    char key[KEYMAX], got[80];
    kjoin(key, path, name);
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a group { ... } (got %s)", got);
    return NULL;
  }
  return n;
}

/* A list of groups ( {...}, {...} ); NULL when absent or malformed. */
static const rb_node *get_list(ld *c, const rb_node *g, const char *path,
                               const char *name, bool required) {
  const rb_node *n = rb_node_get(g, name);
  char key[KEYMAX], got[80];
  kjoin(key, path, name);
  if (n == NULL) {
    if (required) {
      missing(c, g, path, name);
    }
    return NULL;
  }
  bool ok = n->type == RB_N_LIST;
  for (int i = 0; ok && i < n->n; i++) {
    if (n->kids[i]->type != RB_N_GROUP) {
      char ek[KEYMAX];
      kidx(ek, key, i);
      describe(got, sizeof got, n->kids[i]);
      problem(c, n->kids[i], ek, "expected a group { ... } (got %s)", got);
      return NULL;
    }
  }
  if (!ok) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a list of groups ( {...}, ... ) (got %s)",
            got);
    return NULL;
  }
  return n;
}

/* ------------------------------------------------------------------ */
/* Schedules and payers                                               */
/* ------------------------------------------------------------------ */

/* Breaks: an array of integers >= 1, strictly increasing, @p want long
 * (want < 0: any length).  Fills @p out (n entries). */
static bool read_breaks(ld *c, const rb_node *b, const char *key, int want,
                        int **out, int *n_out) {
  char got[80];
  *out = NULL;
  *n_out = 0;
  if (b->type != RB_N_ARRAY && b->type != RB_N_LIST) {
    describe(got, sizeof got, b);
    problem(c, b, key, "expected an array of integers (got %s)", got);
    return false;
  }
  if (want >= 0 && b->n != want) {
    problem(c, b, key, "needs one fewer entry than values: %d (got %d)", want,
            b->n);
    return false;
  }
  int *br = NULL;
  if (b->n > 0) {
    br = malloc((size_t)b->n * sizeof *br);
    if (br == NULL) {
      c->oom = true;
      return false;
    }
  }
  bool ok = true;
  for (int i = 0; i < b->n; i++) {
    const rb_node *e = b->kids[i];
    char ek[KEYMAX];
    kidx(ek, key, i);
    if (e->type != RB_N_INT && e->type != RB_N_INT64) {
      describe(got, sizeof got, e);
      problem(c, e, ek, "expected an integer (got %s)", got);
      ok = false;
      break;
    }
    if (e->ival < 1 || e->ival > INT_MAX) {
      describe(got, sizeof got, e);
      problem(c, e, ek, "a break must be >= 1 (got %s)", got);
      ok = false;
      break;
    }
    br[i] = (int)e->ival;
    if (i > 0 && br[i] <= br[i - 1]) {
      describe(got, sizeof got, e);
      problem(c, e, ek, "breaks must be strictly increasing (got %s after %d)",
              got, br[i - 1]);
      ok = false;
      break;
    }
  }
  if (!ok) {
    free(br);
    return false;
  }
  *out = br;
  *n_out = b->n;
  return true;
}

static void sched_free(rb_sched *s) {
  free(s->breaks);
  free(s->values);
  s->breaks = NULL;
  s->values = NULL;
  s->n = 0;
  s->scale = -1;
}

static void sched_mark_bad(ld *c, const rb_sched *s) {
  for (int i = 0; i < s->n; i++) {
    mark_bad(c, s->values[i]);
  }
  mark_bad(c, s->scale);
}

/* A value node that may be a schedule { breaks; values; scale; }. */
static void sched_node(ld *c, rb_sched *out, const rb_node *n, const char *key,
                       const vspec *vs, bool allow_schedule) {
  char k[KEYMAX], got[80];
  static const char *const SCHED_KEYS[] = {"breaks", "values", "scale", NULL};
  memset(out, 0, sizeof *out);
  out->scale = -1;
  out->line = n->line;
  if (!is_schedule_group(n)) {
    out->values = malloc(sizeof *out->values);
    if (out->values == NULL) {
      c->oom = true;
      return;
    }
    out->n = 1;
    out->values[0] = value_node(c, n, key, vs);
    return;
  }
  if (!allow_schedule) {
    out->values = malloc(sizeof *out->values);
    if (out->values == NULL) {
      c->oom = true;
      return;
    }
    out->n = 1;
    out->values[0] = value_node(c, n, key, vs);
    return;
  }
  check_keys(c, n, key, SCHED_KEYS);
  const rb_node *nv = rb_node_get(n, "values");
  const rb_node *nb = rb_node_get(n, "breaks");
  const rb_node *ns = rb_node_get(n, "scale");
  bool ok = true;
  if (nv == NULL) {
    missing(c, n, key, "values");
    return;
  }
  kjoin(k, key, "values");
  if ((nv->type != RB_N_ARRAY && nv->type != RB_N_LIST) || nv->n == 0) {
    describe(got, sizeof got, nv);
    problem(c, nv, k, "expected a non-empty array of values (got %s)", got);
    return;
  }
  out->values = malloc((size_t)nv->n * sizeof *out->values);
  if (out->values == NULL) {
    c->oom = true;
    return;
  }
  for (int i = 0; i < nv->n; i++) {
    char ek[KEYMAX];
    kidx(ek, k, i);
    out->values[i] = value_node(c, nv->kids[i], ek, vs);
    if (is_bad(c, out->values[i])) {
      ok = false;
    }
  }
  out->n = nv->n;
  if (nb != NULL) {
    int nb_n = 0;
    kjoin(k, key, "breaks");
    if (!read_breaks(c, nb, k, out->n - 1, &out->breaks, &nb_n)) {
      ok = false;
    }
  } else if (out->n > 1) {
    missing(c, n, key, "breaks");
    ok = false;
  }
  if (ns != NULL) {
    kjoin(k, key, "scale");
    out->scale = value_node(c, ns, k, &V_NONNEG);
    if (is_bad(c, out->scale)) {
      ok = false;
    }
  }
  if (ok && out->n > 1 && out->breaks == NULL) {
    ok = false;
  }
  if (!ok) {
    /* Keep the arrays consistent for the rest of the checks. */
    if (out->breaks == NULL && out->n > 1) {
      out->breaks = calloc((size_t)out->n - 1, sizeof *out->breaks);
      if (out->breaks == NULL) {
        c->oom = true;
        out->n = 1;
      } else {
        for (int i = 0; i < out->n - 1; i++) {
          out->breaks[i] = i + 1;
        }
      }
    }
    sched_mark_bad(c, out);
  }
}

static const char *const PAYER_KEYS[] = {"kommune", "region", "stat", "breaks",
                                         NULL};

static void payer_free(rb_payer_sched *p) {
  free(p->breaks);
  free(p->shares);
  memset(p, 0, sizeof *p);
}

/* A payer: { kommune = 0.5; stat = 0.5; } or a schedule with breaks. */
static void payer_node(ld *c, rb_payer_sched *out, const rb_node *n,
                       const char *key) {
  char k[KEYMAX], got[80];
  memset(out, 0, sizeof *out);
  out->line = n->line;
  if (n->type != RB_N_GROUP) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a group of payer shares (got %s)", got);
    return;
  }
  check_keys(c, n, key, PAYER_KEYS);
  const rb_node *nb = rb_node_get(n, "breaks");
  int rows = 1;
  int *breaks = NULL;
  bool ok = true;
  if (nb != NULL) {
    kjoin(k, key, "breaks");
    int nbr = 0;
    if (!read_breaks(c, nb, k, -1, &breaks, &nbr)) {
      return;
    }
    rows = nbr + 1;
    out->is_schedule = true;
  }
  double(*shares)[RB_PAYER_COUNT] = calloc((size_t)rows, sizeof *shares);
  if (shares == NULL) {
    free(breaks);
    c->oom = true;
    return;
  }
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    const rb_node *e = rb_node_get(n, rb_payer_name((rb_payer)p));
    if (e == NULL) {
      continue;
    }
    kjoin(k, key, rb_payer_name((rb_payer)p));
    if (out->is_schedule) {
      if (e->type != RB_N_ARRAY && e->type != RB_N_LIST) {
        describe(got, sizeof got, e);
        problem(c, e, k,
                "expected an array of %d shares, one per breaks entry plus "
                "one (got %s)",
                rows, got);
        ok = false;
        continue;
      }
      if (e->n != rows) {
        problem(c, e, k, "expected %d shares, one more than breaks (got %d)",
                rows, e->n);
        ok = false;
        continue;
      }
    }
    for (int r = 0; r < rows; r++) {
      const rb_node *x = out->is_schedule ? e->kids[r] : e;
      char ek[KEYMAX];
      if (out->is_schedule) {
        kidx(ek, k, r);
      } else {
        memcpy(ek, k, sizeof ek);
      }
      double v;
      if (x->type == RB_N_GROUP) {
        problem(c, x, ek, "a payer share is a plain number (got a group)");
        ok = false;
        continue;
      }
      if (!num_node(c, x, ek, &v) || !check_range(c, x, ek, v, &V_UNIT)) {
        ok = false;
        continue;
      }
      shares[r][p] = v;
    }
  }
  if (ok) {
    for (int r = 0; r < rows; r++) {
      double sum = 0.0;
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        sum += shares[r][p];
      }
      if (fabs(sum - 1.0) > SUM_TOL) {
        char s[40];
        fmt_sum(s, sizeof s, sum);
        if (out->is_schedule) {
          problem(c, n, key, "payer shares must sum to 1 in entry %d (got %s)",
                  r + 1, s);
        } else {
          problem(c, n, key, "payer shares must sum to 1 (got %s)", s);
        }
        break;
      }
    }
  }
  out->n = rows;
  out->breaks = breaks;
  out->shares = shares;
}

/* ------------------------------------------------------------------ */
/* Blocks                                                             */
/* ------------------------------------------------------------------ */

static const char *const HOUSING_WORDS[] = {"placed",
                                            "housed_subsidised",
                                            "housed_ordinary",
                                            "homeless",
                                            "exited",
                                            "dead",
                                            NULL};
static const char *const ACTIVITY_WORDS[] = {"none", "education", "employed",
                                             NULL};
static const char *const RATE_NAMES[5] = {
    "none_to_education", "none_to_employed", "education_to_employed",
    "education_to_none", "employed_to_none"};

static void read_scenario_block(ld *c, const rb_node *root) {
  rb_scenario_info *in = &c->sc->info;
  static const char *const KEYS[] = {"name",          "title", "municipality",
                                     "price_year",    "start", "horizon_months",
                                     "replications",  "seed",  "mode",
                                     "discount_rate", "mcpf",  "kommuneskat",
                                     "language",      NULL};
  static const char *const MODES[] = {"stochastic", "psa", NULL};
  static const char *const LANGS[] = {"da", "en", NULL};
  const char *path = "scenario";
  const rb_node *g = get_group(c, root, "", path, true);
  rb_node empty = {0};
  if (g == NULL) {
    empty.type = RB_N_GROUP;
    empty.file = c->top;
    empty.line = 1;
    g = &empty;
  }
  check_keys(c, g, path, KEYS);
  const char *s = get_string(c, g, path, "name", true);
  if (s != NULL && !is_scenario_name(s)) {
    const rb_node *n = rb_node_get(g, "name");
    char got[80];
    describe(got, sizeof got, n);
    problem(c, n, "scenario.name",
            "must be 1-64 characters of a-z, 0-9, _ and - (got %s)", got);
  }
  in->name = dup_string(c, s);
  in->title = dup_string(c, get_string(c, g, path, "title", true));
  in->municipality =
      dup_string(c, get_string(c, g, path, "municipality", true));
  long long v;
  get_int(c, g, path, "price_year", 1900, 2200, true, 0, &v);
  in->price_year = (int)v;
  s = get_string(c, g, path, "start", true);
  if (s != NULL) {
    int y = 0, m = 0;
    char tail = 0;
    bool ok = strlen(s) == 7 && s[4] == '-' &&
              sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 && y >= 1900 &&
              y <= 2200 && m >= 1 && m <= 12;
    for (int i = 0; ok && i < 7; i++) {
      ok = i == 4 || (s[i] >= '0' && s[i] <= '9');
    }
    if (!ok) {
      char got[80];
      const rb_node *n = rb_node_get(g, "start");
      describe(got, sizeof got, n);
      problem(c, n, "scenario.start",
              "expected a month \"YYYY-MM\" between 1900-01 and 2200-12 "
              "(got %s)",
              got);
    }
    in->start_year = y;
    in->start_month = m;
  }
  if (get_int(c, g, path, "horizon_months", 1, 600, true, 0, &v)) {
    c->horizon = (int)v;
  }
  in->horizon_months = (int)v;
  get_int(c, g, path, "replications", 1, 1000000, true, 0, &v);
  in->replications = (int)v;
  get_int(c, g, path, "seed", 0, INT64_MAX, true, 0, &v);
  in->seed = (uint64_t)v;
  int mode = get_word(c, g, path, "mode", MODES, false, 0);
  in->mode = mode == 1 ? RB_MODE_PSA : RB_MODE_STOCHASTIC;
  in->discount_rate =
      get_value(c, g, path, "discount_rate", &V_UNIT, false, 0.035, NULL);
  in->mcpf = get_value(c, g, path, "mcpf", &V_NONNEG, false, 0.0, NULL);
  in->kommuneskat =
      get_value(c, g, path, "kommuneskat", &V_UNIT, false,
                c->sc->rules.kommuneskat_avg, &in->kommuneskat_given);
  int lang = get_word(c, g, path, "language", LANGS, false, 0);
  in->language = lang == 1 ? RB_LANG_EN : RB_LANG_DA;
}

static void read_subsidy_block(ld *c, const rb_node *root) {
  rb_subsidy_cfg *su = &c->sc->subsidy;
  static const char *const KEYS[] = {"cap",
                                     "period_months",
                                     "extension_months",
                                     "max_extensions",
                                     "recompute",
                                     "own_payment",
                                     "require_realistic_takeover",
                                     "p_rehoused_at_end",
                                     "relocation_cost",
                                     NULL};
  static const char *const RECOMPUTE[] = {"monthly", "at_move_in", NULL};
  static const char *const METHODS[] = {"income_share", "residual", "fixed",
                                        NULL};
  static const char *const OWN_PARAM[] = {"share", "min_left", "amount"};
  const char *path = "subsidy";
  const rb_node *g = get_group(c, root, "", path, true);
  rb_node empty = {0};
  if (g == NULL) {
    empty.type = RB_N_GROUP;
    empty.file = c->top;
    empty.line = 1;
    g = &empty;
  }
  su->line = g->line;
  check_keys(c, g, path, KEYS);
  long long v;
  su->cap = get_value(c, g, path, "cap", &V_NONNEG, true, 0.0, NULL);
  if (get_int(c, g, path, "period_months", 1, INT_MAX, true, 0, &v)) {
    c->period = (int)v;
  }
  su->period_months = (int)v;
  get_int(c, g, path, "extension_months", 1, INT_MAX, false, 6, &v);
  su->extension_months = (int)v;
  get_int(c, g, path, "max_extensions", 0, INT_MAX, false, 2, &v);
  su->max_extensions = (int)v;
  int rc = get_word(c, g, path, "recompute", RECOMPUTE, false, 0);
  su->recompute = rc == 1 ? RB_RECOMPUTE_AT_MOVE_IN : RB_RECOMPUTE_MONTHLY;

  const rb_node *op = get_group(c, g, path, "own_payment", true);
  su->own_method = RB_OWN_INCOME_SHARE;
  su->own_param = -1;
  if (op != NULL) {
    static const char *const OP_KEYS[] = {"method", "share", "min_left",
                                          "amount", NULL};
    const char *opath = "subsidy.own_payment";
    check_keys(c, op, opath, OP_KEYS);
    int m = get_word(c, op, opath, "method", METHODS, true, 0);
    for (int i = 0; i < 3; i++) {
      const rb_node *x = rb_node_get(op, OWN_PARAM[i]);
      if (x != NULL && m >= 0 && i != m) {
        char key[KEYMAX];
        kjoin(key, opath, OWN_PARAM[i]);
        problem(c, x, key, "only for method \"%s\" (got method \"%s\")",
                METHODS[i], METHODS[m]);
      }
    }
    if (m >= 0) {
      su->own_method = (rb_own_method)m;
      su->own_param = get_value(c, op, opath, OWN_PARAM[m],
                                m == 0 ? &V_UNIT : &V_NONNEG, true, 0.0, NULL);
    }
  }
  if (su->own_param < 0) {
    /* Keep the parameter table complete even when the method is bad. */
    su->own_param = new_param(c, "subsidy.own_payment.share", g, &V_UNIT);
    mark_bad(c, su->own_param);
  }
  get_bool(c, g, path, "require_realistic_takeover", true,
           &su->require_realistic_takeover);
  su->p_rehoused_at_end =
      get_value(c, g, path, "p_rehoused_at_end", &V_PROB, true, 0.0, NULL);
  su->relocation_cost =
      get_value(c, g, path, "relocation_cost", &V_NONNEG, true, 0.0, NULL);
}

static void read_incomes(ld *c, const rb_node *root) {
  static const char *const KEYS[] = {"gross", "kind", "payer",
                                     "production_factor", NULL};
  static const char *const KINDS[] = {"benefit", "su", "wage", NULL};
  const rb_node *g = get_group(c, root, "", "incomes", true);
  if (g == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  if (g->n > 0) {
    sc->incomes = calloc((size_t)g->n, sizeof *sc->incomes);
    if (sc->incomes == NULL) {
      c->oom = true;
      return;
    }
  }
  for (int i = 0; i < g->n; i++) {
    const rb_node *n = g->kids[i];
    rb_income *in = &sc->incomes[sc->n_incomes++];
    char path[KEYMAX], got[80];
    kjoin(path, "incomes", n->name);
    in->name = dup_string(c, n->name);
    in->line = n->line;
    in->production_factor = -1;
    if (!is_ident(n->name)) {
      problem(c, n, path,
              "an income name must be an identifier of at most 64 "
              "characters (got \"%s\")",
              n->name);
    }
    if (n->type != RB_N_GROUP) {
      describe(got, sizeof got, n);
      problem(c, n, path, "expected a group { gross; kind; ... } (got %s)",
              got);
      in->gross = new_param(c, path, n, &V_NONNEG);
      mark_bad(c, in->gross);
      continue;
    }
    check_keys(c, n, path, KEYS);
    in->gross = get_value(c, n, path, "gross", &V_NONNEG, true, 0.0, NULL);
    int k = get_word(c, n, path, "kind", KINDS, true, 0);
    in->kind = k == 2   ? RB_INCOME_WAGE
               : k == 1 ? RB_INCOME_SU
                        : RB_INCOME_BENEFIT;
    const rb_node *pf = rb_node_get(n, "production_factor");
    if (k == 2) {
      in->production_factor = get_value(c, n, path, "production_factor",
                                        &V_NONNEG, false, 1.0, NULL);
    } else if (pf != NULL && k >= 0) {
      char key[KEYMAX];
      kjoin(key, path, "production_factor");
      problem(c, pf, key, "only for a wage (got kind \"%s\")", KINDS[k]);
    }
    const rb_node *py = rb_node_get(n, "payer");
    char key[KEYMAX];
    kjoin(key, path, "payer");
    if (k == 2 && py != NULL) {
      problem(c, py, key, "a wage has no payer");
    } else if ((k == 0 || k == 1) && py == NULL) {
      problem(c, n, key, "required for kind \"%s\" (who pays the transfer)",
              KINDS[k]);
    } else if (k >= 0 && k != 2 && py != NULL) {
      payer_node(c, &in->payer, py, key);
    }
  }
}

static const char *const RESERVED_ITEMS[] = {
    "rent_subsidy", "housing_benefit", "income", "income_tax",
    "production",   "relocation",      NULL};

/* An array of state or activity words into bits. */
static unsigned word_bits(ld *c, const rb_node *n, const char *key,
                          const char *const *words) {
  char got[80], list[300];
  if (n->type != RB_N_ARRAY && n->type != RB_N_LIST) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected an array of names [\"...\", ...] (got %s)",
            got);
    return 0;
  }
  if (n->n == 0) {
    problem(c, n, key, "must list at least one name (got [])");
    return 0;
  }
  unsigned bits = 0;
  words_text(list, sizeof list, words);
  for (int i = 0; i < n->n; i++) {
    const rb_node *e = n->kids[i];
    char ek[KEYMAX];
    kidx(ek, key, i);
    int w = e->type == RB_N_STRING ? word_index(words, e->sval) : -1;
    if (w < 0) {
      describe(got, sizeof got, e);
      problem(c, e, ek, "expected one of %s (got %s)", list, got);
      continue;
    }
    if (bits & (1u << w)) {
      describe(got, sizeof got, e);
      problem(c, e, ek, "listed twice (got %s)", got);
    }
    bits |= 1u << w;
  }
  return bits;
}

static void read_costs(ld *c, const rb_node *root) {
  static const char *const KEYS[] = {"name",    "label",   "kind", "per_month",
                                     "per_day", "one_off", "on",   "when",
                                     "payer",   NULL};
  static const char *const KINDS[] = {"resource", "transfer", "revenue",
                                      "production", NULL};
  static const char *const EVENTS[] = {"move_in",  "move_out", "takeover",
                                       "rehoused", "relapse",  NULL};
  static const char *const ARMS[] = {"both", "intervention", "baseline", NULL};
  const rb_node *l = get_list(c, root, "", "costs", true);
  if (l == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  if (l->n > 0) {
    sc->costs = calloc((size_t)l->n, sizeof *sc->costs);
    if (sc->costs == NULL) {
      c->oom = true;
      return;
    }
  }
  for (int i = 0; i < l->n; i++) {
    const rb_node *g = l->kids[i];
    rb_cost *ct = &sc->costs[sc->n_costs++];
    char path[KEYMAX], key[KEYMAX], got[80];
    kidx(path, "costs", i);
    ct->line = g->line;
    ct->amount.scale = -1;
    ct->arms = (1u << RB_ARM_COUNT) - 1;
    ct->housing = (1u << RB_H_COUNT) - 1;
    ct->activity = (1u << RB_A_COUNT) - 1;
    check_keys(c, g, path, KEYS);
    const char *name = get_string(c, g, path, "name", true);
    if (name != NULL) {
      const rb_node *nn = rb_node_get(g, "name");
      kjoin(key, path, "name");
      describe(got, sizeof got, nn);
      if (!is_ident(name)) {
        problem(c, nn, key,
                "must be an identifier of at most 64 characters (got %s)", got);
      } else if (word_index(RESERVED_ITEMS, name) >= 0) {
        problem(c, nn, key, "is the name of a computed item (got %s)", got);
      }
      for (int j = 0; j < i; j++) {
        if (sc->costs[j].name != NULL && strcmp(sc->costs[j].name, name) == 0) {
          problem(c, nn, key, "already used by costs.[%d] (got %s)", j, got);
          break;
        }
      }
    }
    ct->name = dup_string(c, name);
    ct->label = dup_string(c, get_string(c, g, path, "label", true));
    int kind = get_word(c, g, path, "kind", KINDS, true, 0);
    ct->kind = kind >= 0 ? (rb_kind)kind : RB_KIND_RESOURCE;

    const rb_node *npm = rb_node_get(g, "per_month");
    const rb_node *npd = rb_node_get(g, "per_day");
    const rb_node *noo = rb_node_get(g, "one_off");
    const rb_node *non = rb_node_get(g, "on");
    int forms = (npm != NULL) + (npd != NULL) + (noo != NULL);
    if (forms != 1) {
      problem(c, g, path,
              "needs exactly one of per_month, per_day and one_off (got %d)",
              forms);
    }
    if (npm != NULL) {
      kjoin(key, path, "per_month");
      sched_node(c, &ct->amount, npm, key, &V_ANY, true);
    } else if (npd != NULL) {
      ct->per_day = true;
      kjoin(key, path, "per_day");
      sched_node(c, &ct->amount, npd, key, &V_ANY, true);
    } else if (noo != NULL) {
      ct->one_off = true;
      kjoin(key, path, "one_off");
      sched_node(c, &ct->amount, noo, key, &V_ANY, false);
    }
    if (noo != NULL) {
      int ev = get_word(c, g, path, "on", EVENTS, true, 0);
      ct->on = ev == 4   ? RB_EV_MOVE_OUT
               : ev >= 0 ? (rb_event)ev
                         : RB_EV_MOVE_IN;
    } else if (non != NULL) {
      kjoin(key, path, "on");
      problem(c, non, key, "only for a one_off item");
    }
    const rb_node *w = get_group(c, g, path, "when", false);
    if (w != NULL) {
      static const char *const WHEN_KEYS[] = {"arm", "housing", "activity",
                                              "groups", NULL};
      char wpath[KEYMAX];
      kjoin(wpath, path, "when");
      check_keys(c, w, wpath, WHEN_KEYS);
      const rb_node *na = rb_node_get(w, "arm");
      if (na != NULL) {
        ct->has_arm = true;
        int a = get_word(c, w, wpath, "arm", ARMS, true, 0);
        ct->arms = a == 1   ? 1u << RB_ARM_INTERVENTION
                   : a == 2 ? 1u << RB_ARM_BASELINE
                            : (1u << RB_ARM_COUNT) - 1;
      }
      /* when.groups is resolved once the groups are read. */
      ct->has_groups = rb_node_get(w, "groups") != NULL;
      const rb_node *nh = rb_node_get(w, "housing");
      const rb_node *nc = rb_node_get(w, "activity");
      if (ct->one_off && (nh != NULL || nc != NULL)) {
        const rb_node *x = nh != NULL ? nh : nc;
        kjoin(key, wpath, x->name);
        problem(c, x, key, "a one-off item's when holds only arm and groups");
      } else {
        if (nh != NULL) {
          ct->has_housing = true;
          kjoin(key, wpath, "housing");
          ct->housing = word_bits(c, nh, key, HOUSING_WORDS);
        }
        if (nc != NULL) {
          ct->has_activity = true;
          kjoin(key, wpath, "activity");
          ct->activity = word_bits(c, nc, key, ACTIVITY_WORDS);
        }
      }
    }
    const rb_node *py = rb_node_get(g, "payer");
    kjoin(key, path, "payer");
    if (kind == RB_KIND_PRODUCTION) {
      if (py != NULL) {
        problem(c, py, key, "a production item has no payer");
      }
    } else if (py == NULL) {
      if (kind >= 0) {
        problem(c, g, key, "required key missing");
      }
    } else {
      payer_node(c, &ct->payer, py, key);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Groups                                                             */
/* ------------------------------------------------------------------ */

static void rent_free(rb_rent *r) {
  free(r->values);
  free(r->weights);
  r->values = NULL;
  r->weights = NULL;
  r->n = 0;
}

static void read_rent(ld *c, rb_rent *r, const rb_node *n, const char *key) {
  static const char *const DISTS[] = {"discrete", "lognormal", "uniform", NULL};
  static const char *const KEYS[] = {"dist",  "values", "weights", "median",
                                     "sigma", "low",    "high",    NULL};
  static const char *const OWN[] = {"values", "weights", "median",
                                    "sigma",  "low",     "high"};
  static const int OWNER[] = {0, 0, 1, 1, 2, 2};
  char k[KEYMAX], got[80];
  memset(r, 0, sizeof *r);
  r->median = r->sigma = r->low = r->high = -1;
  r->line = n->line;
  if (n->type != RB_N_GROUP) {
    describe(got, sizeof got, n);
    problem(c, n, key, "expected a rent distribution { dist = ...; } (got %s)",
            got);
    return;
  }
  check_keys(c, n, key, KEYS);
  int d = get_word(c, n, key, "dist", DISTS, true, 0);
  if (d < 0) {
    return;
  }
  r->dist = (rb_rent_dist)d;
  for (int i = 0; i < 6; i++) {
    const rb_node *x = rb_node_get(n, OWN[i]);
    if (x != NULL && OWNER[i] != d) {
      kjoin(k, key, OWN[i]);
      problem(c, x, k, "only for dist \"%s\" (got dist \"%s\")",
              DISTS[OWNER[i]], DISTS[d]);
    }
  }
  if (d == RB_RENT_DISCRETE) {
    const rb_node *nv = rb_node_get(n, "values");
    const rb_node *nw = rb_node_get(n, "weights");
    if (nv == NULL) {
      missing(c, n, key, "values");
    }
    if (nw == NULL) {
      missing(c, n, key, "weights");
    }
    if (nv == NULL || nw == NULL) {
      return;
    }
    bool ok = true;
    const rb_node *arrs[2] = {nv, nw};
    for (int a = 0; a < 2; a++) {
      if (arrs[a]->type != RB_N_ARRAY || arrs[a]->n == 0) {
        kjoin(k, key, a == 0 ? "values" : "weights");
        describe(got, sizeof got, arrs[a]);
        problem(c, arrs[a], k, "expected a non-empty array of numbers (got %s)",
                got);
        ok = false;
      }
    }
    if (!ok) {
      return;
    }
    if (nv->n != nw->n) {
      kjoin(k, key, "weights");
      problem(c, nw, k, "needs as many weights as values: %d (got %d)", nv->n,
              nw->n);
      return;
    }
    r->values = malloc((size_t)nv->n * sizeof *r->values);
    r->weights = malloc((size_t)nv->n * sizeof *r->weights);
    if (r->values == NULL || r->weights == NULL) {
      c->oom = true;
      rent_free(r);
      return;
    }
    r->n = nv->n;
    kjoin(k, key, "values");
    for (int i = 0; i < nv->n; i++) {
      char ek[KEYMAX];
      kidx(ek, k, i);
      r->values[i] = value_node(c, nv->kids[i], ek, &V_POS);
    }
    kjoin(k, key, "weights");
    double sum = 0.0;
    bool wok = true;
    for (int i = 0; i < nw->n; i++) {
      char ek[KEYMAX];
      kidx(ek, k, i);
      double x = 0.0;
      if (!num_node(c, nw->kids[i], ek, &x) ||
          !check_range(c, nw->kids[i], ek, x, &V_NONNEG)) {
        wok = false;
      }
      r->weights[i] = x;
      sum += x;
    }
    if (wok && !(sum > 0.0 && isfinite(sum))) {
      char s[40];
      fmt_sum(s, sizeof s, sum);
      problem(c, nw, k, "weights must have a positive, finite sum (got %s)", s);
    }
  } else if (d == RB_RENT_LOGNORMAL) {
    r->median = get_value(c, n, key, "median", &V_POS, true, 0.0, NULL);
    r->sigma = get_value(c, n, key, "sigma", &V_POS, true, 0.0, NULL);
  } else {
    r->low = get_value(c, n, key, "low", &V_POS, true, 0.0, NULL);
    r->high = get_value(c, n, key, "high", &V_POS, true, 0.0, NULL);
    if (!is_bad(c, r->low) && !is_bad(c, r->high) &&
        !(P(c, r->low)->high < P(c, r->high)->low)) {
      char a[40], b[40];
      rb_fmt_double(a, sizeof a, P(c, r->low)->value);
      rb_fmt_double(b, sizeof b, P(c, r->high)->value);
      problem(c, n, key, "a uniform rent needs low < high (got %s, %s)", a, b);
    }
  }
}

static void read_flats(ld *c, rb_flats *f, const rb_node *g, const char *path,
                       bool partial) {
  static const char *const KEYS[] = {"offers_per_month", "rent",    "utilities",
                                     "area_m2",          "heating", NULL};
  static const char *const HEATING[] = {"separate", "included", NULL};
  char key[KEYMAX];
  check_keys(c, g, path, KEYS);
  f->line = g->line;
  const rb_node *n;
  if (!partial || (n = rb_node_get(g, "offers_per_month")) != NULL) {
    f->offers_per_month =
        get_value(c, g, path, "offers_per_month", &V_PROB, true, 0.0, NULL);
    f->lines[0] =
        P(c, f->offers_per_month) ? P(c, f->offers_per_month)->line : g->line;
  }
  n = rb_node_get(g, "rent");
  if (n != NULL) {
    rent_free(&f->rent);
    kjoin(key, path, "rent");
    read_rent(c, &f->rent, n, key);
    f->lines[1] = n->line;
  } else if (!partial) {
    missing(c, g, path, "rent");
    memset(&f->rent, 0, sizeof f->rent);
    f->rent.median = f->rent.sigma = f->rent.low = f->rent.high = -1;
  }
  if (!partial || rb_node_get(g, "utilities") != NULL) {
    f->utilities =
        get_value(c, g, path, "utilities", &V_NONNEG, true, 0.0, NULL);
    f->lines[2] = P(c, f->utilities) ? P(c, f->utilities)->line : g->line;
  }
  if (!partial || rb_node_get(g, "area_m2") != NULL) {
    f->area_m2 = get_value(c, g, path, "area_m2", &V_POS, true, 0.0, NULL);
    f->lines[3] = P(c, f->area_m2) ? P(c, f->area_m2)->line : g->line;
  }
  n = rb_node_get(g, "heating");
  if (!partial || n != NULL) {
    int h = get_word(c, g, path, "heating", HEATING, true, 0);
    f->heating_included = h == 1;
    f->lines[4] = n != NULL ? n->line : g->line;
  }
}

static const char *const INITIAL_HOUSING[] = {
    "placed", "housed_subsidised", "housed_ordinary", "homeless", NULL};

static void read_initial(ld *c, rb_initial *in, const rb_node *g,
                         const char *path, bool partial) {
  static const char *const KEYS[] = {"housing", "months_in_state", "activity",
                                     NULL};
  char key[KEYMAX];
  check_keys(c, g, path, KEYS);
  in->line = g->line;
  const rb_node *n = rb_node_get(g, "housing");
  if (!partial || n != NULL) {
    int h = get_word(c, g, path, "housing", INITIAL_HOUSING, true, 0);
    in->housing = h >= 0 ? (rb_housing)h : RB_H_PLACED;
    in->housing_line = n != NULL ? n->line : g->line;
  }
  n = rb_node_get(g, "months_in_state");
  if (!partial || n != NULL) {
    long long v;
    get_int(c, g, path, "months_in_state", 0, INT_MAX, false, 0, &v);
    in->months_in_state = (int)v;
    in->months_line = n != NULL ? n->line : g->line;
  }
  n = rb_node_get(g, "activity");
  if (!partial || n != NULL) {
    const rb_node *a = get_group(c, g, path, "activity", true);
    in->activity_line = n != NULL ? n->line : g->line;
    for (int i = 0; i < RB_A_COUNT; i++) {
      in->activity[i] = 0.0;
    }
    if (a != NULL) {
      char apath[KEYMAX];
      kjoin(apath, path, "activity");
      check_keys(c, a, apath, ACTIVITY_WORDS);
      bool ok = true;
      double sum = 0.0;
      for (int i = 0; i < RB_A_COUNT; i++) {
        const rb_node *x = rb_node_get(a, ACTIVITY_WORDS[i]);
        if (x == NULL) {
          continue;
        }
        kjoin(key, apath, ACTIVITY_WORDS[i]);
        double v = 0.0;
        if (x->type == RB_N_GROUP) {
          problem(c, x, key,
                  "an activity share is a plain number (got a group)");
          ok = false;
          continue;
        }
        if (!num_node(c, x, key, &v) || !check_range(c, x, key, v, &V_UNIT)) {
          ok = false;
          continue;
        }
        in->activity[i] = v;
        sum += v;
      }
      if (ok && fabs(sum - 1.0) > SUM_TOL) {
        char s[40];
        fmt_sum(s, sizeof s, sum);
        problem(c, a, apath, "activity shares must sum to 1 (got %s)", s);
      }
    }
  }
}

static void read_transitions(ld *c, rb_transitions *t, const rb_node *g,
                             const char *path, bool partial) {
  static const char *const KEYS[] = {"placed",          "housed_subsidised",
                                     "housed_ordinary", "homeless",
                                     "activity",        NULL};
  static const rb_housing FROM[4] = {RB_H_PLACED, RB_H_SUBSIDISED,
                                     RB_H_ORDINARY, RB_H_HOMELESS};
  static const char *const TARGETS[RB_T_COUNT] = {"dead", "exited", "homeless",
                                                  "placed"};
  char spath[KEYMAX], key[KEYMAX];
  check_keys(c, g, path, KEYS);
  t->line = g->line;
  for (int s = 0; s < 4; s++) {
    rb_housing from = FROM[s];
    const char *sname = rb_housing_name(from);
    const rb_node *sg = get_group(c, g, path, sname, !partial);
    if (sg == NULL) {
      continue;
    }
    kjoin(spath, path, sname);
    t->state_line[from] = sg->line;
    for (int i = 0; i < sg->n; i++) {
      const rb_node *k = sg->kids[i];
      int ti = -1;
      for (int x = 0; x < RB_T_COUNT; x++) {
        if (strcmp(k->name, TARGETS[x]) == 0) {
          ti = x;
        }
      }
      kjoin(key, spath, k->name);
      if (strcmp(k->name, sname) == 0) {
        problem(c, k, key, "a state does not list itself");
      } else if (strcmp(k->name, "housed_subsidised") == 0 ||
                 strcmp(k->name, "housed_ordinary") == 0) {
        problem(c, k, key,
                "a flat state is not a target (moves into a flat come from "
                "flats)");
      } else if (ti < 0) {
        problem(c, k, key,
                "unknown key (a state lists dead, exited, homeless, placed)");
      }
    }
    /* In the order the writer writes them: placed, homeless, exited, dead. */
    for (int x = RB_T_COUNT - 1; x >= 0; x--) {
      if (strcmp(TARGETS[x], sname) == 0) {
        continue;
      }
      const rb_node *v = rb_node_get(sg, TARGETS[x]);
      if (v == NULL) {
        continue;
      }
      kjoin(key, spath, TARGETS[x]);
      sched_free(&t->out[from][x]);
      sched_node(c, &t->out[from][x], v, key, &V_PROB, true);
    }
  }
  const rb_node *ag = get_group(c, g, path, "activity", !partial);
  if (ag != NULL) {
    static const char *const AKEYS[] = {"housed", "not_housed", NULL};
    char apath[KEYMAX];
    kjoin(apath, path, "activity");
    check_keys(c, ag, apath, AKEYS);
    for (int h = 0; h < 2; h++) {
      const rb_node *hg = get_group(c, ag, apath, AKEYS[h], !partial);
      if (hg == NULL) {
        continue;
      }
      char hpath[KEYMAX];
      kjoin(hpath, apath, AKEYS[h]);
      t->activity_line[h] = hg->line;
      static const char *const RKEYS[] = {
          "none_to_education", "none_to_employed", "education_to_employed",
          "education_to_none", "employed_to_none", NULL};
      check_keys(c, hg, hpath, RKEYS);
      for (int r = 0; r < 5; r++) {
        if (partial && rb_node_get(hg, RATE_NAMES[r]) == NULL) {
          continue;
        }
        t->activity[h][r] =
            get_value(c, hg, hpath, RATE_NAMES[r], &V_PROB, true, 0.0, NULL);
      }
    }
  }
}

static void arm_free(rb_arm_spec *a) {
  rent_free(&a->flats.rent);
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      sched_free(&a->transitions.out[s][t]);
    }
  }
}

static void arm_init(rb_arm_spec *a) {
  memset(a, 0, sizeof *a);
  a->flats.offers_per_month = -1;
  a->flats.utilities = -1;
  a->flats.area_m2 = -1;
  a->flats.rent.median = a->flats.rent.sigma = -1;
  a->flats.rent.low = a->flats.rent.high = -1;
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      a->transitions.out[s][t].scale = -1;
    }
  }
  for (int h = 0; h < 2; h++) {
    for (int r = 0; r < 5; r++) {
      a->transitions.activity[h][r] = -1;
    }
  }
}

static void *dup_array(ld *c, const void *src, size_t bytes) {
  if (src == NULL || bytes == 0) {
    return NULL;
  }
  void *d = malloc(bytes);
  if (d == NULL) {
    c->oom = true;
    return NULL;
  }
  memcpy(d, src, bytes);
  return d;
}

/* A deep copy of an arm that refers to the same parameters. */
static void arm_copy(ld *c, rb_arm_spec *dst, const rb_arm_spec *src) {
  *dst = *src;
  rb_rent *r = &dst->flats.rent;
  r->values = dup_array(c, src->flats.rent.values,
                        (size_t)src->flats.rent.n * sizeof *r->values);
  r->weights = dup_array(c, src->flats.rent.weights,
                         (size_t)src->flats.rent.n * sizeof *r->weights);
  if (r->n > 0 && (r->values == NULL || r->weights == NULL)) {
    rent_free(r);
  }
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      const rb_sched *a = &src->transitions.out[s][t];
      rb_sched *b = &dst->transitions.out[s][t];
      b->values = dup_array(c, a->values, (size_t)a->n * sizeof *b->values);
      b->breaks = dup_array(
          c, a->breaks, (size_t)(a->n > 1 ? a->n - 1 : 0) * sizeof *b->breaks);
      if ((a->n > 0 && b->values == NULL) || (a->n > 1 && b->breaks == NULL)) {
        free(b->values);
        free(b->breaks);
        b->values = NULL;
        b->breaks = NULL;
        b->n = 0;
      }
    }
  }
}

/* The largest value of a parameter in psa mode and tornado: its high. */
static double high_of(const ld *c, int i) {
  return c->sc->params[i].high;
}

/* Sums of probabilities out of each state (offers included) and of the
 * activity rates, at every break, uncertain values at their high. */
static void check_arm_sums(ld *c, const rb_arm_spec *a, const rb_arm_spec *base,
                           const char *tpath, const rb_node *at_default) {
  char key[KEYMAX];
  static const rb_housing FROM[4] = {RB_H_PLACED, RB_H_SUBSIDISED,
                                     RB_H_ORDINARY, RB_H_HOMELESS};
  for (int s = 0; s < 4; s++) {
    rb_housing from = FROM[s];
    const rb_sched *sch[RB_T_COUNT + 1];
    int ns = 0;
    bool bad = false;
    for (int t = 0; t < RB_T_COUNT; t++) {
      const rb_sched *x = &a->transitions.out[from][t];
      if (x->n == 0) {
        continue;
      }
      for (int i = 0; i < x->n; i++) {
        bad = bad || is_bad(c, x->values[i]);
      }
      if (x->scale >= 0) {
        bad = bad || is_bad(c, x->scale);
      }
      sch[ns++] = x;
    }
    int offers = from == RB_H_PLACED ? a->flats.offers_per_month : -1;
    if (from == RB_H_PLACED) {
      bad = bad || is_bad(c, offers);
    }
    if (bad) {
      continue;
    }
    /* Months to check: 0 and every break of every schedule involved. */
    bool fail = false;
    double worst = 0.0;
    int worst_m = 0;
    for (int i = -1; i < ns && !fail; i++) {
      int count = i < 0 ? 1 : sch[i]->n - 1;
      for (int b = 0; b < count && !fail; b++) {
        int m = i < 0 ? 0 : sch[i]->breaks[b];
        double sum = offers >= 0 ? high_of(c, offers) : 0.0;
        for (int j = 0; j < ns; j++) {
          const rb_sched *x = sch[j];
          double v = high_of(c, x->values[rb_sched_index(x->breaks, x->n, m)]);
          if (x->scale >= 0) {
            v *= high_of(c, x->scale);
          }
          sum += v;
        }
        if (sum > 1.0 + SUM_TOL) {
          fail = true;
          worst = sum;
          worst_m = m;
        }
      }
    }
    if (fail) {
      char sv[40];
      fmt_sum(sv, sizeof sv, worst);
      kjoin(key, tpath, rb_housing_name(from));
      rb_node at = {0};
      at.file = at_default->file;
      /* The baseline's problem points into the baseline block. */
      bool own = a->transitions.state_line[from] > 0 &&
                 (base == NULL || a->transitions.state_line[from] !=
                                      base->transitions.state_line[from]);
      at.line = own ? a->transitions.state_line[from] : at_default->line;
      problem(c, &at, key,
              "probabilities out of %s%s sum to more than 1 at "
              "months_in_state %d, uncertain values at their high (got %s)",
              rb_housing_name(from),
              from == RB_H_PLACED ? ", offers included," : "", worst_m, sv);
    }
  }
  for (int h = 0; h < 2; h++) {
    const int *r = a->transitions.activity[h];
    static const char *const FROMS[2] = {"none", "education"};
    for (int pair = 0; pair < 2; pair++) {
      int x = r[2 * pair], y = r[2 * pair + 1];
      if (is_bad(c, x) || is_bad(c, y)) {
        continue;
      }
      double sum = high_of(c, x) + high_of(c, y);
      if (sum > 1.0 + SUM_TOL) {
        char sv[40];
        fmt_sum(sv, sizeof sv, sum);
        char apath[KEYMAX];
        kjoin(apath, tpath, "activity");
        kjoin(key, apath, h == 0 ? "housed" : "not_housed");
        rb_node at = {0};
        at.file = at_default->file;
        bool own = a->transitions.activity_line[h] > 0 &&
                   (base == NULL || a->transitions.activity_line[h] !=
                                        base->transitions.activity_line[h]);
        at.line = own ? a->transitions.activity_line[h] : at_default->line;
        problem(c, &at, key,
                "the rates out of %s sum to more than 1, uncertain values at "
                "their high (got %s)",
                FROMS[pair], sv);
      }
    }
  }
}

static int income_index(const rb_scenario *sc, const char *name) {
  for (int i = 0; i < sc->n_incomes; i++) {
    if (sc->incomes[i].name != NULL && strcmp(sc->incomes[i].name, name) == 0) {
      return i;
    }
  }
  return -1;
}

/* The group's own terms (extensions of format 1): kommuneskat and a
 * subsidy block with require_realistic_takeover and p_rehoused_at_end. */
static void read_group_terms(ld *c, rb_group *gr, const rb_node *g,
                             const char *path) {
  if (rb_node_get(g, "kommuneskat") != NULL) {
    gr->kommuneskat =
        get_value(c, g, path, "kommuneskat", &V_UNIT, true, 0.0, NULL);
  }
  const rb_node *su = get_group(c, g, path, "subsidy", false);
  if (su == NULL) {
    return;
  }
  static const char *const SKEYS[] = {"require_realistic_takeover",
                                      "p_rehoused_at_end", NULL};
  char sub[KEYMAX];
  kjoin(sub, path, "subsidy");
  check_keys(c, su, sub, SKEYS);
  if (rb_node_get(su, "require_realistic_takeover") != NULL) {
    bool b = false;
    get_bool(c, su, sub, "require_realistic_takeover", true, &b);
    gr->require_realistic_takeover = b ? 1 : 0;
  }
  if (rb_node_get(su, "p_rehoused_at_end") != NULL) {
    gr->p_rehoused_at_end =
        get_value(c, su, sub, "p_rehoused_at_end", &V_PROB, true, 0.0, NULL);
  }
}

/* when.groups of every cost item: names of groups, each once. */
static void resolve_cost_groups(ld *c, const rb_node *root) {
  rb_scenario *sc = c->sc;
  const rb_node *l = rb_node_get(root, "costs");
  if (l == NULL || sc->costs == NULL || sc->n_groups == 0) {
    return;
  }
  for (int i = 0; i < sc->n_costs && i < l->n; i++) {
    rb_cost *ct = &sc->costs[i];
    if (!ct->has_groups) {
      continue;
    }
    const rb_node *w = rb_node_get(l->kids[i], "when");
    const rb_node *n = w != NULL ? rb_node_get(w, "groups") : NULL;
    if (n == NULL) {
      continue;
    }
    char key[KEYMAX], got[80];
    kidx(key, "costs", i);
    kjoin(key, key, "when.groups");
    ct->in_group = calloc((size_t)sc->n_groups, sizeof *ct->in_group);
    if (ct->in_group == NULL) {
      c->oom = true;
      return;
    }
    if (n->type != RB_N_ARRAY && n->type != RB_N_LIST) {
      describe(got, sizeof got, n);
      problem(c, n, key, "expected an array of group names (got %s)", got);
      continue;
    }
    if (n->n == 0) {
      problem(c, n, key, "must list at least one group (got [])");
      continue;
    }
    for (int k = 0; k < n->n; k++) {
      const rb_node *e = n->kids[k];
      char ek[KEYMAX];
      kidx(ek, key, k);
      int gi = -1;
      for (int j = 0; e->type == RB_N_STRING && j < sc->n_groups; j++) {
        if (sc->groups[j].name != NULL &&
            strcmp(sc->groups[j].name, e->sval) == 0) {
          gi = j;
        }
      }
      describe(got, sizeof got, e);
      if (gi < 0) {
        problem(c, e, ek, "no such group in groups (got %s)", got);
      } else if (ct->in_group[gi]) {
        problem(c, e, ek, "listed twice (got %s)", got);
      } else {
        ct->in_group[gi] = true;
      }
    }
  }
}

static void read_group(ld *c, rb_group *gr, const rb_node *g, int gi) {
  static const char *const KEYS[] = {
      "name",      "label",       "citizen_group", "size",  "entry_months",
      "household", "initial",     "income",        "flats", "transitions",
      "baseline",  "kommuneskat", "subsidy",       NULL};
  rb_scenario *sc = c->sc;
  char path[KEYMAX], key[KEYMAX], sub[KEYMAX], got[80];
  kidx(path, "groups", gi);
  gr->line = g->line;
  arm_init(&gr->arm[RB_ARM_INTERVENTION]);
  arm_init(&gr->arm[RB_ARM_BASELINE]);
  for (int i = 0; i <= RB_A_COUNT; i++) {
    gr->income[i] = -1;
  }
  gr->kommuneskat = gr->p_rehoused_at_end = -1;
  gr->require_realistic_takeover = -1;
  check_keys(c, g, path, KEYS);
  const char *name = get_string(c, g, path, "name", true);
  if (name != NULL) {
    const rb_node *nn = rb_node_get(g, "name");
    kjoin(key, path, "name");
    describe(got, sizeof got, nn);
    if (!is_ident(name)) {
      problem(c, nn, key,
              "must be an identifier of at most 64 characters (got %s)", got);
    } else if (strcmp(name, "all") == 0) {
      problem(c, nn, key, "\"all\" names the whole cohort (got %s)", got);
    }
    for (int j = 0; j < gi; j++) {
      if (sc->groups[j].name != NULL && strcmp(sc->groups[j].name, name) == 0) {
        problem(c, nn, key, "already used by groups.[%d] (got %s)", j, got);
        break;
      }
    }
  }
  gr->name = dup_string(c, name);
  gr->label = dup_string(c, get_string(c, g, path, "label", true));
  long long v;
  get_int(c, g, path, "citizen_group", 1, 3, true, 1, &v);
  gr->citizen_group = (int)v;
  get_int(c, g, path, "size", 1, 100000, true, 1, &v);
  gr->size = (int)v;
  if (get_int(c, g, path, "entry_months", 1, INT_MAX, false, 1, &v) &&
      c->horizon > 0 && v > c->horizon) {
    const rb_node *n = rb_node_get(g, "entry_months");
    kjoin(key, path, "entry_months");
    describe(got, sizeof got, n);
    problem(c, n, key, "must be between 1 and horizon_months (%d) (got %s)",
            c->horizon, got);
  }
  gr->entry_months = (int)v;

  const rb_node *hh = get_group(c, g, path, "household", true);
  gr->adults = 1;
  if (hh != NULL) {
    static const char *const HKEYS[] = {"adults", "children", NULL};
    kjoin(sub, path, "household");
    check_keys(c, hh, sub, HKEYS);
    get_int(c, hh, sub, "adults", 1, 2, true, 1, &v);
    gr->adults = (int)v;
    get_int(c, hh, sub, "children", 0, 10, true, 0, &v);
    gr->children = (int)v;
  }

  rb_arm_spec *ai = &gr->arm[RB_ARM_INTERVENTION];
  const rb_node *ini = get_group(c, g, path, "initial", true);
  if (ini != NULL) {
    kjoin(sub, path, "initial");
    read_initial(c, &ai->initial, ini, sub, false);
    if (ai->initial.housing == RB_H_SUBSIDISED && c->period > 0 &&
        ai->initial.months_in_state >= c->period) {
      const rb_node *mn = rb_node_get(ini, "months_in_state");
      kjoin(key, sub, "months_in_state");
      problem(c, mn != NULL ? mn : ini, key,
              "must be below subsidy.period_months (%d) when starting in "
              "housed_subsidised (got %d)",
              c->period, ai->initial.months_in_state);
    }
  }

  const rb_node *inc = get_group(c, g, path, "income", true);
  if (inc != NULL) {
    static const char *const IKEYS[] = {"none", "education", "employed",
                                        "future", NULL};
    kjoin(sub, path, "income");
    check_keys(c, inc, sub, IKEYS);
    for (int i = 0; i <= RB_A_COUNT; i++) {
      const char *s = get_string(c, inc, sub, IKEYS[i], true);
      if (s == NULL) {
        continue;
      }
      gr->income[i] = income_index(sc, s);
      if (gr->income[i] < 0) {
        const rb_node *n = rb_node_get(inc, IKEYS[i]);
        kjoin(key, sub, IKEYS[i]);
        describe(got, sizeof got, n);
        problem(c, n, key, "no such income profile in incomes (got %s)", got);
      }
    }
  }

  const rb_node *fl = get_group(c, g, path, "flats", true);
  if (fl != NULL) {
    kjoin(sub, path, "flats");
    read_flats(c, &ai->flats, fl, sub, false);
  }
  const rb_node *tr = get_group(c, g, path, "transitions", true);
  if (tr != NULL) {
    kjoin(sub, path, "transitions");
    read_transitions(c, &ai->transitions, tr, sub, false);
  }
  /* A missing block leaves parameters unset: give them bad placeholders. */
  if (ai->flats.offers_per_month < 0) {
    kjoin(sub, path, "flats.offers_per_month");
    ai->flats.offers_per_month = new_param(c, sub, g, &V_PROB);
    mark_bad(c, ai->flats.offers_per_month);
  }
  for (int h = 0; h < 2; h++) {
    for (int r = 0; r < 5; r++) {
      if (ai->transitions.activity[h][r] < 0) {
        char t1[KEYMAX], t2[KEYMAX];
        kjoin(t1, path, "transitions.activity");
        kjoin(t2, t1, h == 0 ? "housed" : "not_housed");
        kjoin(sub, t2, RATE_NAMES[r]);
        ai->transitions.activity[h][r] = new_param(c, sub, g, &V_PROB);
        mark_bad(c, ai->transitions.activity[h][r]);
      }
    }
  }
  kjoin(sub, path, "transitions");
  check_arm_sums(c, ai, NULL, sub, tr != NULL ? tr : g);

  /* The baseline arm: the intervention's, with the override merged in. */
  rb_arm_spec *ab = &gr->arm[RB_ARM_BASELINE];
  arm_copy(c, ab, ai);
  const rb_node *bl = get_group(c, g, path, "baseline", false);
  if (bl != NULL) {
    static const char *const BKEYS[] = {"flats", "transitions", "initial",
                                        NULL};
    static const char *const FIXED[] = {
        "name",      "label",  "citizen_group", "size", "entry_months",
        "household", "income", "baseline",      NULL};
    char bpath[KEYMAX];
    gr->has_baseline = true;
    gr->baseline_line = bl->line;
    kjoin(bpath, path, "baseline");
    for (int i = 0; i < bl->n; i++) {
      const rb_node *k = bl->kids[i];
      if (word_index(BKEYS, k->name) >= 0) {
        continue;
      }
      kjoin(key, bpath, k->name);
      if (word_index(FIXED, k->name) >= 0) {
        problem(c, k, key,
                "cannot be overridden in the baseline (the same citizens in "
                "both arms)");
      } else {
        problem(c, k, key,
                "unknown key (the baseline may override flats, transitions "
                "and initial)");
      }
    }
    const rb_node *bf = get_group(c, bl, bpath, "flats", false);
    if (bf != NULL) {
      kjoin(sub, bpath, "flats");
      read_flats(c, &ab->flats, bf, sub, true);
    }
    const rb_node *bt = get_group(c, bl, bpath, "transitions", false);
    if (bt != NULL) {
      kjoin(sub, bpath, "transitions");
      read_transitions(c, &ab->transitions, bt, sub, true);
    }
    const rb_node *bi = get_group(c, bl, bpath, "initial", false);
    if (bi != NULL) {
      kjoin(sub, bpath, "initial");
      read_initial(c, &ab->initial, bi, sub, true);
      if (ab->initial.housing == RB_H_SUBSIDISED) {
        const rb_node *hn = rb_node_get(bi, "housing");
        kjoin(key, sub, "housing");
        problem(c, hn != NULL ? hn : bi, key,
                "the baseline arm cannot start in housed_subsidised (got "
                "\"housed_subsidised\")");
      }
    }
    if (bf != NULL || bt != NULL) {
      kjoin(sub, bpath, "transitions");
      check_arm_sums(c, ab, ai, sub, bt != NULL ? bt : bl);
    }
  }
  read_group_terms(c, gr, g, path);
}

static void read_groups(ld *c, const rb_node *root) {
  const rb_node *l = get_list(c, root, "", "groups", true);
  if (l == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  if (l->n == 0) {
    problem(c, l, "groups", "needs at least one group (got an empty list)");
    return;
  }
  sc->groups = calloc((size_t)l->n, sizeof *sc->groups);
  if (sc->groups == NULL) {
    c->oom = true;
    return;
  }
  for (int i = 0; i < l->n; i++) {
    sc->n_groups++;
    read_group(c, &sc->groups[i], l->kids[i], i);
  }
}

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

static char *dir_of(const char *path) {
  const char *s = strrchr(path, '/');
  if (s == NULL) {
    return rb_strdup(".");
  }
  if (s == path) {
    return rb_strdup("/");
  }
  size_t len = (size_t)(s - path);
  char *d = malloc(len + 1);
  if (d != NULL) {
    memcpy(d, path, len);
    d[len] = '\0';
  }
  return d;
}

static void read_rules(ld *c, const rb_node *root, const char *dir) {
  rb_scenario *sc = c->sc;
  const char *rp = get_string(c, root, "", "rules", true);
  if (rp == NULL) {
    return;
  }
  const rb_node *n = rb_node_get(root, "rules");
  char got[80];
  describe(got, sizeof got, n);
  sc->rules_path = dup_string(c, rp);
  if (rp[0] == '\0') {
    problem(c, n, "rules", "expected the path of a rules file (got \"\")");
    return;
  }
  if (rp[0] == '/' || strcmp(dir, ".") == 0) {
    sc->rules_resolved = dup_string(c, rp);
  } else {
    sc->rules_resolved = rb_strfmt("%s/%s", dir, rp);
    if (sc->rules_resolved == NULL) {
      c->oom = true;
    }
  }
  if (sc->rules_resolved == NULL) {
    return;
  }
  struct stat st;
  if (stat(sc->rules_resolved, &st) != 0) {
    problem(c, n, "rules", "cannot read the rules file %s: %s (got %s)",
            sc->rules_resolved, strerror(errno), got);
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    problem(c, n, "rules", "the rules file %s is not a regular file (got %s)",
            sc->rules_resolved, got);
    return;
  }
  rb_diag sub;
  rb_diag_init(&sub);
  rb_status s = rb_rules_load(&sc->rules, sc->rules_resolved, &sub);
  if (s == RB_EIO) {
    problem(c, n, "rules", "cannot read the rules file %s (got %s)",
            sc->rules_resolved, got);
  } else if (s == RB_ENOMEM) {
    c->oom = true;
  } else if (s != RB_OK) {
    problem(c, n, "rules",
            "the rules file %s is invalid, its problems follow (got %s)",
            sc->rules_resolved, got);
    for (size_t i = 0; i < sub.n; i++) {
      rb_diag_add_raw(c->diag, sub.msgs[i]);
    }
  }
  rb_diag_free(&sub);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                       */
/* ------------------------------------------------------------------ */

static void groups_free(rb_scenario *sc) {
  for (int g = 0; g < sc->n_groups; g++) {
    rb_group *gr = &sc->groups[g];
    free(gr->name);
    free(gr->label);
    arm_free(&gr->arm[RB_ARM_INTERVENTION]);
    arm_free(&gr->arm[RB_ARM_BASELINE]);
  }
  free(sc->groups);
}

void rb_scenario_free(rb_scenario *sc) {
  if (sc == NULL) {
    return;
  }
  free(sc->path);
  free(sc->rules_path);
  free(sc->rules_resolved);
  rb_rules_free(&sc->rules);
  free(sc->info.name);
  free(sc->info.title);
  free(sc->info.municipality);
  for (int i = 0; i < sc->n_incomes; i++) {
    free(sc->incomes[i].name);
    payer_free(&sc->incomes[i].payer);
  }
  free(sc->incomes);
  for (int i = 0; i < sc->n_costs; i++) {
    free(sc->costs[i].name);
    free(sc->costs[i].label);
    sched_free(&sc->costs[i].amount);
    free(sc->costs[i].in_group);
    payer_free(&sc->costs[i].payer);
  }
  free(sc->costs);
  groups_free(sc);
  for (int i = 0; i < sc->n_params; i++) {
    free(sc->params[i].key);
    free(sc->params[i].source);
  }
  free(sc->params);
  for (int i = 0; i < sc->n_files; i++) {
    free(sc->files[i]);
  }
  free(sc->files);
  free(sc);
}

rb_status rb_scenario_load(rb_scenario **out, const char *path,
                           const rb_load_opts *opts, rb_diag *diag) {
  *out = NULL;
  ld c;
  memset(&c, 0, sizeof c);
  c.diag = diag;
  c.sc = calloc(1, sizeof *c.sc);
  char *dir = dir_of(path);
  rb_node *root = NULL;
  rb_status st = RB_OK;
  if (c.sc == NULL || dir == NULL) {
    st = RB_ENOMEM;
    goto done;
  }
  c.sc->path = rb_strdup(path);
  c.top = rb_names_intern(&c.files, path);
  if (c.sc->path == NULL || c.top == NULL) {
    st = RB_ENOMEM;
    goto done;
  }
  st = rb_cfg_read_file(&root, path, strcmp(dir, ".") == 0 ? NULL : dir,
                        &c.files, diag);
  if (st != RB_OK) {
    goto done;
  }
  if (root->line <= 0) {
    root->line = 1;
  }
  if (opts != NULL && opts->n_sets > 0) {
    const char *set_file = rb_names_intern(&c.files, "--set");
    if (set_file == NULL) {
      st = RB_ENOMEM;
      goto done;
    }
    int e =
        rb_scenario_apply_sets(root, opts->sets, opts->n_sets, set_file, diag);
    if (e < 0) {
      st = RB_ENOMEM;
      goto done;
    }
    c.nerr += e;
  }

  static const char *const TOP_KEYS[] = {"format",  "scenario", "rules",
                                         "subsidy", "incomes",  "costs",
                                         "groups",  NULL};
  check_keys(&c, root, "", TOP_KEYS);
  long long fmt;
  get_int(&c, root, "", "format", 1, 1, true, 1, &fmt); /* only format 1 */
  read_rules(&c, root, dir);
  read_scenario_block(&c, root);
  read_subsidy_block(&c, root);
  read_incomes(&c, root);
  read_costs(&c, root);
  read_groups(&c, root);
  resolve_cost_groups(&c, root);

  if (c.oom) {
    st = RB_ENOMEM;
  } else if (c.nerr > 0) {
    st = RB_EINVALID;
  }
done:
  rb_node_free(root);
  free(dir);
  free(c.bad);
  if (c.sc != NULL) {
    c.sc->files = c.files.names;
    c.sc->n_files = c.files.n;
  } else {
    for (int i = 0; i < c.files.n; i++) {
      free(c.files.names[i]);
    }
    free(c.files.names);
  }
  if (st != RB_OK) {
    rb_scenario_free(c.sc);
    return st;
  }
  *out = c.sc;
  return RB_OK;
}
