/* The drivers of a psa run's uncertainty: the Spearman rank correlation of
 * every drawn input with the replication's saving (decision.h). */
#include "rentbridge/decision.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort_double.h>
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

static bool any_nan(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (isnan(x[i])) {
      return true;
    }
  }
  return false;
}

/* The ranks of @p x (@p n values) at their own positions into @p rank, as
 * gsl_stats_spearman ranks them: in ascending order the i-th value has rank
 * i + 1, and tied values share the mean of their ranks, summed and divided
 * as GSL sums and divides them, so that the ranks are the same doubles.
 * @p perm is room for n indices. */
static void ranks_of(double *rank, const double *x, size_t n, size_t *perm) {
  gsl_sort_index(perm, x, 1, n);
  size_t i = 0;
  while (i < n) {
    const double v = x[perm[i]];
    size_t j = i + 1;
    while (j < n && x[perm[j]] == v) {
      j++;
    }
    double r = (double)i + 1.0;
    if (j - i > 1) {
      r = 0.0;
      for (size_t k = i; k < j; k++) {
        r += (double)k + 1.0;
      }
      r /= (double)(j - i);
    }
    for (size_t k = i; k < j; k++) {
      rank[perm[k]] = r;
    }
    i = j;
  }
}

/* One perspective's saving, ranked once for every input. */
typedef struct saving_ranks {
  double *saving; /**< R savings */
  size_t *order;  /**< the replications by ascending saving */
  double *rank;   /**< 1 … R, the ranks in that order */
  bool constant;  /**< no correlation (NAN) */
  bool general;   /**< ties or NAN: gsl_stats_spearman itself */
} saving_ranks;

/* What each input's correlations read (rb_engine_parallel_for). */
typedef struct drivers_ctx {
  rb_psa_driver *const *out;
  const rb_results *res;
  const saving_ranks *s;
  int n_p;
} drivers_ctx;

/* Input @p k's rank correlation with each saving of @p dc.  The input is
 * ranked once.  gsl_stats_spearman sorts the input with the saving beside
 * it, then the saving with the input's ranks beside it, and correlates the
 * two rank vectors in the saving's order: with no ties in the saving that
 * order is the one ascending order, so the input's ranks taken in it and
 * the saving's ranks 1 … R are the vectors GSL correlates, and rho is the
 * same double.  A saving with ties (or a NAN) leaves an order GSL's heap
 * sort picks, so it goes to gsl_stats_spearman itself. */
static rb_status driver_one(void *ctx, int k) {
  const drivers_ctx *dc = ctx;
  const rb_results *res = dc->res;
  const size_t R = (size_t)res->replications;
  double *work = malloc(4 * R * sizeof *work);
  size_t *perm = malloc(R * sizeof *perm);
  if (work == NULL || perm == NULL) {
    free(work);
    free(perm);
    return RB_ENOMEM;
  }
  double *x = work + 2 * R, *xr = work + 3 * R;
  for (size_t r = 0; r < R; r++) {
    x[r] = rb_res_drawn(res, (int)r, k);
  }
  const bool x_const = R < 2 || constant_series(x, R);
  const bool x_nan = any_nan(x, R);
  bool ranked = false;
  for (int q = 0; q < dc->n_p; q++) {
    const saving_ranks *s = &dc->s[q];
    rb_psa_driver *o = &dc->out[q][k];
    o->param = res->drawn_param[k];
    if (x_const || s->constant) {
      o->rho = NAN;
    } else if (s->general || x_nan) {
      o->rho = gsl_stats_spearman(x, 1, s->saving, 1, R, work);
    } else {
      if (!ranked) {
        ranks_of(xr, x, R, perm);
        ranked = true;
      }
      for (size_t i = 0; i < R; i++) {
        work[i] = xr[s->order[i]];
      }
      o->rho = gsl_stats_correlation(work, 1, s->rank, 1, R);
    }
  }
  free(work);
  free(perm);
  return RB_OK;
}

static void saving_free(saving_ranks *s) {
  free(s->saving);
  free(s->order);
  free(s->rank);
}

/* The saving of perspective @p p ranked: its order and ranks, or whether
 * it is constant or needs gsl_stats_spearman. */
static rb_status saving_make(saving_ranks *s, const rb_results *res,
                             rb_perspective p, int disc) {
  const size_t R = (size_t)res->replications;
  s->saving = malloc(R * sizeof *s->saving);
  s->order = malloc(R * sizeof *s->order);
  s->rank = malloc(R * sizeof *s->rank);
  if (s->saving == NULL || s->order == NULL || s->rank == NULL) {
    return RB_ENOMEM;
  }
  for (size_t r = 0; r < R; r++) {
    s->saving[r] = rb_res_rep_saving(res, (int)r, disc, (int)p);
  }
  s->constant = constant_series(s->saving, R);
  s->general = any_nan(s->saving, R);
  if (!s->constant && !s->general) {
    gsl_sort_index(s->order, s->saving, 1, R);
    for (size_t i = 0; i < R; i++) {
      s->rank[i] = (double)i + 1.0;
      if (i > 0 && s->saving[s->order[i]] == s->saving[s->order[i - 1]]) {
        s->general = true;
      }
    }
  }
  return RB_OK;
}

/* The drivers of @p n_p perspectives @p p into out[0 … n_p − 1]. */
static rb_status drivers_n(rb_psa_driver *const *out, const rb_results *res,
                           const rb_perspective *p, int n_p, int disc) {
  gsl_set_error_handler_off();
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1 || n_p < 1 || n_p > RB_P_COUNT) {
    return RB_EINTERNAL;
  }
  saving_ranks s[RB_P_COUNT] = {0};
  rb_status st = RB_OK;
  for (int q = 0; q < n_p && st == RB_OK; q++) {
    st = saving_make(&s[q], res, p[q], disc);
  }
  if (st == RB_OK) {
    /* Each input on its own: in parallel on the run's threads. */
    drivers_ctx dc = {out, res, s, n_p};
    st = rb_engine_parallel_for(res->n_drawn, res->threads, driver_one, &dc);
  }
  for (int q = 0; q < n_p; q++) {
    saving_free(&s[q]);
    if (st == RB_OK) {
      qsort(out[q], (size_t)res->n_drawn, sizeof *out[q], cmp_driver);
    }
  }
  return st;
}

rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc) {
  return drivers_n(&out, res, &p, 1, disc);
}

rb_status rb_psa_drivers_all(rb_psa_driver *out, const rb_results *res,
                             int disc) {
  rb_psa_driver *each[RB_P_COUNT];
  rb_perspective p[RB_P_COUNT];
  for (int q = 0; q < RB_P_COUNT; q++) {
    each[q] = out + (size_t)q * (size_t)(res->n_drawn > 0 ? res->n_drawn : 0);
    p[q] = (rb_perspective)q;
  }
  return drivers_n(each, res, p, RB_P_COUNT, disc);
}
