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

rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc) {
  gsl_set_error_handler_off();
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1) {
    return RB_EINTERNAL;
  }
  const int R = res->replications;
  /* gsl_stats_spearman's workspace (2R), the saving and one input (R each):
   * it ranks copies of its data, so contiguous copies rank the same. */
  double *work = malloc(4 * (size_t)R * sizeof *work);
  if (work == NULL) {
    return RB_ENOMEM;
  }
  double *saving = work + 2 * (size_t)R, *x = saving + R;
  for (int r = 0; r < R; r++) {
    saving[r] = rb_res_rep_saving(res, r, disc, (int)p);
  }
  bool saving_const = constant_series(saving, (size_t)R);
  for (int k = 0; k < res->n_drawn; k++) {
    for (int r = 0; r < R; r++) {
      x[r] = rb_res_drawn(res, r, k);
    }
    out[k].param = res->drawn_param[k];
    if (R < 2 || saving_const || constant_series(x, (size_t)R)) {
      out[k].rho = NAN;
    } else {
      out[k].rho = gsl_stats_spearman(x, 1, saving, 1, (size_t)R, work);
    }
  }
  free(work);
  qsort(out, (size_t)res->n_drawn, sizeof *out, cmp_driver);
  return RB_OK;
}
