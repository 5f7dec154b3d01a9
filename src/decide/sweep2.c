/* The sweep of two parameters (decision.h, rb_sweep2): for every value of
 * the second key, the one-parameter sweep of the first with the second set
 * (rb_sweep_run), so every cell is a full run with the scenario's seed and
 * the best cell per perspective is the largest mean saving of the grid. */
#include "decide/decide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Is @p key a real-valued parameter of @p sc (else it takes integers)? */
static bool real_key(const rb_scenario *sc, const char *key) {
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return true;
    }
  }
  return false;
}

/* Row @p j: the sweep of @p key with "KEY2=VALUE2" after the user's sets. */
static rb_status grid_row(rb_sweep2 *out, int j, const char *path,
                          const char *key, const double k1[3],
                          const rb_sweep_opts *opts, rb_diag *diag) {
  const char **sets = malloc(((size_t)opts->n_sets + 1) * sizeof *sets);
  char lit[64], set[4200];
  if (sets == NULL) {
    return RB_ENOMEM;
  }
  for (int k = 0; k < opts->n_sets; k++) {
    sets[k] = opts->sets[k];
  }
  rb_sweep_literal(lit, sizeof lit, out->values2[j], out->integer_key2);
  snprintf(set, sizeof set, "%s=%s", out->param2, lit);
  sets[opts->n_sets] = set;
  rb_sweep_opts o = *opts;
  o.sets = sets;
  o.n_sets = opts->n_sets + 1;
  rb_scenario *b = NULL;
  rb_status st =
      rb_sweep_run(&out->rows[j], &b, path, key, k1[0], k1[1], k1[2], &o, diag);
  rb_scenario_free(b);
  free(sets);
  return st;
}

/* The best cell of every perspective (ties: the first in row order). */
static void best_cells(rb_sweep2 *s) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    double best = -INFINITY;
    s->best_i[p] = s->best_j[p] = -1;
    for (int j = 0; j < s->n2; j++) {
      for (int i = 0; i < s->rows[j].n; i++) {
        const double m = s->rows[j].points[i].saving[p].mean;
        if (isfinite(m) && m > best) {
          best = m;
          s->best_i[p] = i;
          s->best_j[p] = j;
        }
      }
    }
  }
}

rb_status rb_sweep2_run(rb_sweep2 *out, rb_scenario **base, const char *path,
                        const char *key, double from, double to, double step,
                        const char *key2, double from2, double to2,
                        double step2, const rb_sweep_opts *opts,
                        rb_diag *diag) {
  memset(out, 0, sizeof *out);
  *base = NULL;
  rb_load_opts lo = {opts->sets, opts->n_sets, opts->params};
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, &lo, diag);
  if (st != RB_OK) {
    return st;
  }
  out->param2 = strdup(key2);
  out->integer_key2 = !real_key(sc, key2);
  st = out->param2 == NULL
           ? RB_ENOMEM
           : rb_sweep_values(&out->values2, &out->n2, from2, to2, step2,
                             out->integer_key2, diag);
  double *v1 = NULL;
  int n1 = 0;
  if (st == RB_OK) {
    st = rb_sweep_values(&v1, &n1, from, to, step, !real_key(sc, key), diag);
    free(v1);
  }
  if (st == RB_OK && (double)n1 * out->n2 > RB_SWEEP_MAX_VALUES) {
    rb_diag_add(diag, NULL, 0, NULL,
                "at most %d cells in a sweep of two keys (got %d × %d); use "
                "larger steps",
                RB_SWEEP_MAX_VALUES, n1, out->n2);
    st = RB_EUSAGE;
  }
  if (st == RB_OK) {
    out->rows = calloc((size_t)out->n2, sizeof *out->rows);
    st = out->rows == NULL ? RB_ENOMEM : RB_OK;
  }
  const double k1[3] = {from, to, step};
  for (int j = 0; st == RB_OK && j < out->n2; j++) {
    st = grid_row(out, j, path, key, k1, opts, diag);
  }
  if (st != RB_OK) {
    rb_scenario_free(sc);
    return st;
  }
  best_cells(out);
  *base = sc;
  return RB_OK;
}

void rb_sweep2_free(rb_sweep2 *s) {
  if (s == NULL) {
    return;
  }
  for (int j = 0; s->rows != NULL && j < s->n2; j++) {
    rb_sweep_free(&s->rows[j]);
  }
  free(s->rows);
  free(s->values2);
  free(s->param2);
  memset(s, 0, sizeof *s);
}
