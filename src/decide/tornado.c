/* The tornado: one-way sensitivity of the saving to every value with a
 * range, each at its low and its high with the rest at value (stochastic
 * mode, the scenario's seed), and where a range flips the sign of the
 * saving.  Computation only: the files are output's
 * (src/output/tornado_files.c), the charts report's. */
#include "decide/decide.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rb_tornado_free(rb_tornado *t) {
  if (t == NULL) {
    return;
  }
  free(t->bars);
  memset(t, 0, sizeof *t);
}

/* The whole cohort's mean discounted saving per perspective, sharing the
 * base run's work: a bar reruns only the groups its value reaches
 * (rb_engine_saving_shared). */
static rb_status run_at(double saving[RB_P_COUNT], rb_tornado *t,
                        const rb_scenario *sc, const rb_run_opts *ro,
                        const double *v, rb_engine_share *share) {
  rb_stats s[RB_DISC_COUNT][RB_P_COUNT];
  int simulated = 0;
  rb_status st =
      rb_engine_saving_shared(s, &t->threads, &simulated, sc, ro, v, share);
  if (st != RB_OK) {
    return st;
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    saving[p] = s[RB_DISC][p].mean;
  }
  t->groups_run += simulated;
  return RB_OK;
}

static int cmp_bar(const void *a, const void *b) {
  const rb_tornado_bar *x = a, *y = b;
  double sx = x->swing[RB_P_KOMMUNE], sy = y->swing[RB_P_KOMMUNE];
  if (sx != sy) {
    return sx > sy ? -1 : 1;
  }
  return (x->param > y->param) - (x->param < y->param);
}

/* Where the piecewise-linear curve through (value, base) and (end, at_end)
 * crosses zero. */
static double threshold(double value, double base, double end, double at_end) {
  if (base == at_end) {
    return end;
  }
  return value + (end - value) * base / (base - at_end);
}

/* A bar's swing, and whether and where its range flips the sign of the
 * saving, per perspective. */
static void bar_signs(rb_tornado_bar *bar, const double base[RB_P_COUNT]) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    double lo = bar->saving_low[p], hi = bar->saving_high[p];
    bar->swing[p] = fabs(hi - lo);
    bool saves = base[p] > 0.0;
    bool flip_lo = (lo > 0.0) != saves, flip_hi = (hi > 0.0) != saves;
    bar->flips_sign[p] = flip_lo || flip_hi;
    bar->threshold[p] = NAN;
    if (flip_lo && flip_hi) {
      /* Both ends on the other side: the value itself is near the edge;
       * the threshold lies on the side closer to zero. */
      bar->threshold[p] = fabs(lo) < fabs(hi)
                              ? threshold(bar->value, base[p], bar->low, lo)
                              : threshold(bar->value, base[p], bar->high, hi);
    } else if (flip_lo) {
      bar->threshold[p] = threshold(bar->value, base[p], bar->low, lo);
    } else if (flip_hi) {
      bar->threshold[p] = threshold(bar->value, base[p], bar->high, hi);
    }
  }
}

/* Parameter @p i at its low, then at its high (the rest at @p v, which is
 * left as it was). */
static rb_status run_bar(rb_tornado_bar *bar, rb_tornado *t,
                         const rb_scenario *sc, int i, double *v,
                         const rb_run_opts *ro, rb_decide_progress *pc,
                         rb_engine_share *share) {
  const rb_param *pa = &sc->params[i];
  bar->param = i;
  bar->value = pa->value;
  bar->low = pa->low;
  bar->high = pa->high;
  v[i] = pa->low;
  pc->run++;
  rb_status st = run_at(bar->saving_low, t, sc, ro, v, share);
  v[i] = pa->high;
  pc->run++;
  if (st == RB_OK) {
    st = run_at(bar->saving_high, t, sc, ro, v, share);
  }
  v[i] = pa->value;
  if (st == RB_OK) {
    bar_signs(bar, t->base);
  }
  return st;
}

rb_status rb_tornado_run(rb_tornado *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts) {
  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  int n = 0;
  for (int i = 0; i < sc->n_params; i++) {
    n += sc->params[i].has_range;
  }
  double *v = malloc(((size_t)sc->n_params + 1) * sizeof *v);
  out->bars = calloc((size_t)n + 1, sizeof *out->bars);
  if (v == NULL || out->bars == NULL) {
    free(v);
    rb_tornado_free(out);
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  out->n = n;
  out->replications = sc->info.replications;
  out->seed = sc->info.seed;
  rb_decide_progress pc = {opts != NULL ? opts->progress : NULL,
                           opts != NULL ? opts->progress_ctx : NULL, 1,
                           1 + 2 * n};
  rb_run_opts ro = {0};
  ro.threads = opts != NULL ? opts->threads : 0;
  ro.max_memory = opts != NULL ? opts->max_memory : 0;
  ro.cohort_only = true; /* a bar keeps the whole cohort's saving */
  ro.diag = opts != NULL ? opts->diag : NULL;
  if (pc.fn != NULL) {
    ro.progress = rb_decide_engine_progress;
    ro.progress_ctx = &pc;
  }
  rb_scenario two;
  sc = rb_decide_two_arms(&two, sc);
  rb_engine_share *share = rb_engine_share_new();
  rb_status st = share != NULL ? RB_OK : RB_ENOMEM;
  if (st == RB_OK) {
    st = run_at(out->base, out, sc, &ro, v, share);
  }
  for (int i = 0, b = 0; st == RB_OK && i < sc->n_params; i++) {
    if (sc->params[i].has_range) {
      st = run_bar(&out->bars[b++], out, sc, i, v, &ro, &pc, share);
    }
  }
  rb_engine_share_free(share);
  free(v);
  if (st != RB_OK) {
    rb_tornado_free(out);
    return st;
  }
  qsort(out->bars, (size_t)out->n, sizeof *out->bars, cmp_bar);
  return RB_OK;
}
