/* The value of information of a psa run, value by value and group by group
 * (decision.h, rb_voi_compute; the regression is voi.c's). */
#include "rentbridge/decision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A group's name: "groups.[*]." and a key, or a citizen group's name. */
#define VOI_NAME_MAX 600

/* A group being collected: its name and its columns of res->drawn. */
typedef struct voi_set {
  char name[VOI_NAME_MAX];
  int n, cap;
  int *cols;
} voi_set;

typedef struct voi_sets {
  voi_set *v;
  int n, cap;
} voi_sets;

static bool set_add(voi_sets *s, const char *name, int col) {
  for (int i = 0; i < s->n; i++) {
    voi_set *g = &s->v[i];
    if (strcmp(g->name, name) == 0) {
      if (g->n == g->cap) {
        int cap = g->cap * 2;
        int *c = realloc(g->cols, (size_t)cap * sizeof *c);
        if (c == NULL) {
          return false;
        }
        g->cols = c;
        g->cap = cap;
      }
      g->cols[g->n++] = col;
      return true;
    }
  }
  if (s->n == s->cap) {
    int cap = s->cap > 0 ? s->cap * 2 : 16;
    voi_set *v = realloc(s->v, (size_t)cap * sizeof *v);
    if (v == NULL) {
      return false;
    }
    s->v = v;
    s->cap = cap;
  }
  voi_set *g = &s->v[s->n];
  g->cols = malloc(4 * sizeof *g->cols);
  if (g->cols == NULL) {
    return false;
  }
  snprintf(g->name, sizeof g->name, "%s", name);
  g->n = 1;
  g->cap = 4;
  g->cols[0] = col;
  s->n++;
  return true;
}

/* The groups a key belongs to: "groups.[3].flats.rent.median" is in
 * "groups.[*].flats.rent.median" (the same assumption in every citizen
 * group) and "groups.[3] <name>" (one citizen group's values); any other
 * key in its top-level block, "costs.*". */
static bool key_groups(voi_sets *s, const rb_scenario *sc, const char *key,
                       int col) {
  char name[VOI_NAME_MAX];
  int g = -1, used = 0;
  if (sscanf(key, "groups.[%d].%n", &g, &used) == 1 && used > 0 && g >= 0 &&
      g < sc->n_groups) {
    snprintf(name, sizeof name, "groups.[*].%s", key + used);
    if (!set_add(s, name, col)) {
      return false;
    }
    snprintf(name, sizeof name, "groups.[%d] %s", g, sc->groups[g].name);
    return set_add(s, name, col);
  }
  size_t dot = strcspn(key, ".");
  snprintf(name, sizeof name, "%.*s.*", (int)dot, key);
  return set_add(s, name, col);
}

static void sets_free(voi_sets *s) {
  for (int i = 0; i < s->n; i++) {
    free(s->v[i].cols);
  }
  free(s->v);
}

/* One entry's EVPPI per perspective from its columns. */
static rb_status entry_fill(rb_voi_entry *e, const rb_results *res,
                            const double *const *x_all, double *const *y) {
  const double **x = malloc((size_t)e->n_values * sizeof *x);
  if (x == NULL) {
    return RB_ENOMEM;
  }
  for (int j = 0; j < e->n_values; j++) {
    x[j] = x_all[e->values[j]];
  }
  /* One design and one decomposition for every perspective. */
  rb_status st =
      rb_evppi_n(e->evppi, e->r2, &e->basis, (const double *const *)y,
                 RB_P_COUNT, x, res->replications, e->n_values);
  free(x);
  return st;
}

/* What every entry's fill reads (rb_engine_parallel_for). */
typedef struct fill_ctx {
  rb_voi *v;
  const rb_results *res;
  const double *const *x;
  double *const *y;
} fill_ctx;

static rb_status fill_one(void *ctx, int i) {
  const fill_ctx *fc = ctx;
  return entry_fill(&fc->v->entries[i], fc->res, fc->x, fc->y);
}

/* The per-replication savings and drawn values as columns. */
static double *columns(const rb_results *res, double **y, double **x) {
  int R = res->replications;
  double *buf =
      malloc((size_t)R * (size_t)(RB_P_COUNT + res->n_drawn) * sizeof *buf);
  if (buf == NULL) {
    return NULL;
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    y[p] = buf + (size_t)p * (size_t)R;
    for (int r = 0; r < R; r++) {
      y[p][r] = rb_res_rep_saving(res, r, RB_DISC, p);
    }
  }
  for (int k = 0; k < res->n_drawn; k++) {
    x[k] = buf + (size_t)(RB_P_COUNT + k) * (size_t)R;
    for (int r = 0; r < R; r++) {
      x[k][r] = rb_res_drawn(res, r, k);
    }
  }
  return buf;
}

static rb_status entry_init(rb_voi_entry *e, const char *name, bool group,
                            const int *cols, int n) {
  e->name = strdup(name);
  e->values = malloc((size_t)n * sizeof *e->values);
  e->group = group;
  e->n_values = n;
  if (e->name == NULL || e->values == NULL) {
    return RB_ENOMEM;
  }
  memcpy(e->values, cols, (size_t)n * sizeof *cols);
  return RB_OK;
}

/* The entries: every drawn value, then every group of two or more. */
static rb_status entries_make(rb_voi *v, const rb_scenario *sc,
                              const rb_results *res) {
  voi_sets s = {0};
  rb_status st = RB_OK;
  for (int k = 0; k < res->n_drawn && st == RB_OK; k++) {
    if (!key_groups(&s, sc, sc->params[res->drawn_param[k]].key, k)) {
      st = RB_ENOMEM;
    }
  }
  int n_groups = 0;
  for (int i = 0; i < s.n; i++) {
    n_groups += s.v[i].n >= 2;
  }
  v->entries = calloc((size_t)(res->n_drawn + n_groups), sizeof *v->entries);
  if (st == RB_OK && v->entries == NULL) {
    st = RB_ENOMEM;
  }
  for (int k = 0; k < res->n_drawn && st == RB_OK; k++) {
    v->n_entries++;
    st = entry_init(&v->entries[k], sc->params[res->drawn_param[k]].key, false,
                    &k, 1);
  }
  v->n_single = v->n_entries;
  for (int i = 0; i < s.n && st == RB_OK; i++) {
    if (s.v[i].n >= 2) {
      st = entry_init(&v->entries[v->n_entries++], s.v[i].name, true,
                      s.v[i].cols, s.v[i].n);
    }
  }
  sets_free(&s);
  return st;
}

rb_status rb_voi_compute(rb_voi *out, const rb_scenario *sc,
                         const rb_results *res) {
  memset(out, 0, sizeof *out);
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1) {
    return RB_EINTERNAL;
  }
  out->replications = res->replications;
  out->citizens = res->all.size;
  double *y[RB_P_COUNT];
  double **x = malloc((size_t)res->n_drawn * sizeof *x);
  double *buf = x != NULL ? columns(res, y, x) : NULL;
  rb_status st = buf == NULL ? RB_ENOMEM : entries_make(out, sc, res);
  for (int p = 0; p < RB_P_COUNT && st == RB_OK; p++) {
    double m = 0.0;
    for (int r = 0; r < res->replications; r++) {
      m += y[p][r];
    }
    out->mean[p] = m / res->replications;
    out->evpi[p] = rb_voi_loss(y[p], res->replications, out->mean[p]);
  }
  if (st == RB_OK) {
    /* One regression per entry, each on its own: in parallel on the
     * run's threads, the same numbers on any number. */
    fill_ctx fc = {out, res, (const double *const *)x, y};
    st = rb_engine_parallel_for(out->n_entries, res->threads, fill_one, &fc);
  }
  free(buf);
  free(x);
  if (st != RB_OK) {
    rb_voi_free(out);
  }
  return st;
}

/* NAN below every number. */
static int cmp_desc(double a, double b) {
  if (isnan(a) || isnan(b)) {
    return isnan(a) - isnan(b);
  }
  return (a < b) - (a > b);
}

static int cmp_entry(const rb_voi *v, rb_perspective p, int i, int j) {
  const rb_voi_entry *x = &v->entries[i], *y = &v->entries[j];
  int c = cmp_desc(x->evppi[p], y->evppi[p]);
  if (c == 0) {
    c = cmp_desc(x->r2[p], y->r2[p]);
  }
  return c != 0 ? c : (i > j) - (i < j);
}

void rb_voi_order(int *order, const rb_voi *v, rb_perspective p) {
  /* Insertion sort: a few hundred entries, and no state outside the call
   * (qsort has no context argument in C11). */
  for (int i = 0; i < v->n_entries; i++) {
    int e = i, j = i;
    for (; j > 0 && cmp_entry(v, p, order[j - 1], e) > 0; j--) {
      order[j] = order[j - 1];
    }
    order[j] = e;
  }
}

void rb_voi_free(rb_voi *v) {
  if (v == NULL) {
    return;
  }
  for (int i = 0; i < v->n_entries; i++) {
    free(v->entries[i].name);
    free(v->entries[i].values);
  }
  free(v->entries);
  memset(v, 0, sizeof *v);
}
