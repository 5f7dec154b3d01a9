/* The drivers of a psa run's uncertainty: the Spearman rank correlation of
 * every drawn input with the replication's saving (decision.h). */
#include "rentbridge/decision.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

/* By |rho| descending, NAN last, ties in parameter order. */
static int cmp_driver(const void *a, const void *b) {
  const rb_psa_driver *x = a, *y = b;
  bool nx = isnan(x->rho), ny = isnan(y->rho);
  if (nx != ny) {
    return nx ? 1 : -1;
  }
  if (!nx) {
    double ax = fabs(x->rho), ay = fabs(y->rho);
    if (ax != ay) {
      return ax > ay ? -1 : 1;
    }
  }
  return (x->param > y->param) - (x->param < y->param);
}

static bool constant_series(const double *x, size_t n) {
  for (size_t i = 1; i < n; i++) {
    if (x[i] != x[0]) {
      return false;
    }
  }
  return true;
}

/* What each input's correlation reads (rb_engine_parallel_for). */
typedef struct drivers_ctx {
  rb_psa_driver *out;
  const rb_results *res;
  const double *saving;
  bool saving_const;
} drivers_ctx;

/* Input @p k's rank correlation with the saving, in its own workspace:
 * gsl_stats_spearman's (2R) and the input's values (R). */
static rb_status driver_one(void *ctx, int k) {
  const drivers_ctx *dc = ctx;
  const rb_results *res = dc->res;
  const int R = res->replications;
  rb_psa_driver *o = &dc->out[k];
  o->param = res->drawn_param[k];
  double *work = malloc(3 * (size_t)R * sizeof *work);
  if (work == NULL) {
    return RB_ENOMEM;
  }
  double *x = work + 2 * (size_t)R;
  for (int r = 0; r < R; r++) {
    x[r] = rb_res_drawn(res, r, k);
  }
  if (R < 2 || dc->saving_const || constant_series(x, (size_t)R)) {
    o->rho = NAN;
  } else {
    o->rho = gsl_stats_spearman(x, 1, dc->saving, 1, (size_t)R, work);
  }
  free(work);
  return RB_OK;
}

rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc) {
  gsl_set_error_handler_off();
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1) {
    return RB_EINTERNAL;
  }
  const int R = res->replications;
  /* gsl_stats_spearman ranks copies of its data, so every input's
   * correlation reads the one series of savings. */
  double *saving = malloc((size_t)R * sizeof *saving);
  if (saving == NULL) {
    return RB_ENOMEM;
  }
  for (int r = 0; r < R; r++) {
    saving[r] = rb_res_rep_saving(res, r, disc, (int)p);
  }
  drivers_ctx dc = {out, res, saving, constant_series(saving, (size_t)R)};
  /* Each input on its own: in parallel on the run's threads. */
  rb_status st =
      rb_engine_parallel_for(res->n_drawn, res->threads, driver_one, &dc);
  free(saving);
  if (st == RB_OK) {
    qsort(out, (size_t)res->n_drawn, sizeof *out, cmp_driver);
  }
  return st;
}
