/* Every total of a run finite (model.md, "Limits"): inputs whose sums go
 * past the largest double give inf or NaN, which no output can show (a
 * "nan kr", a null in summary.json, a break-even in month 1).  A run whose
 * results hold one fails, naming the item that overflowed and the input
 * most likely to blame. */
#include "engine/engine_internal.h"

#include <math.h>

/* The first amount of @p x[0 .. n) not finite, or −1. */
static long first_bad(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i])) {
      return (long)i;
    }
  }
  return -1;
}

static bool stats_finite(const rb_stats *s, bool saving) {
  const double x[] = {s->mean, s->mcse, s->sd, s->p2_5, s->median, s->p97_5};
  return first_bad(x, 6) < 0 && (!saving || isfinite(s->prob_positive));
}

/* Result @p gr's items: the first not finite, its item in *item. */
static bool items_bad(const rb_results *res, const rb_group_result *gr,
                      int *item, double *x) {
  const size_t n = rb_items_index(res->n_items, res->n_arms, 0, 0, 0);
  const long k = first_bad(gr->items, n);
  if (k < 0) {
    return false;
  }
  /* [arm][item][slot][disc]: the item of entry k. */
  *item = (int)(((size_t)k / (RB_PAYER_SLOTS * RB_DISC_COUNT)) %
                (size_t)res->n_items);
  *x = gr->items[k];
  return true;
}

/* Result @p gr's statistics, monthly means and cumulative saving finite
 * (the groups' statistics are not there when cohort_only). */
static bool group_finite(const rb_results *res, const rb_group_result *gr,
                         bool stats, double *x) {
  const int H = res->horizon;
  for (int disc = 0; stats && disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &gr->persp[disc][p];
      for (int arm = 0; arm < res->n_arms; arm++) {
        if (!stats_finite(&pr->arm[arm], false) ||
            !stats_finite(&pr->vs[arm][RB_ARM_BASELINE], arm != 1)) {
          *x = pr->vs[arm][RB_ARM_BASELINE].mean;
          return false;
        }
      }
      if (!stats_finite(&pr->saving, true)) {
        *x = pr->saving.mean;
        return false;
      }
    }
  }
  long k =
      first_bad(gr->month_cost,
                rb_month_cost_index(H, res->n_arms, RB_DISC_COUNT, 0, 0, 0));
  if (k >= 0) {
    *x = gr->month_cost[k];
    return false;
  }
  k = first_bad(gr->cum_saving, rb_cum_saving_index(H, RB_DISC_COUNT, 0, 0));
  if (k >= 0) {
    *x = gr->cum_saving[k];
    return false;
  }
  for (int arm = 0; arm < res->n_arms; arm++) {
    if (isinf(gr->outcomes[arm].subsidy_per_month)) {
      *x = gr->outcomes[arm].subsidy_per_month;
      return false;
    }
  }
  return true;
}

/* The whole cohort's tables finite. */
static bool cohort_finite(const rb_results *res, double *x) {
  const size_t ny = rb_yearly_index(res->n_years, res->n_arms, 0, 0, 0);
  const size_t nb = rb_band_index(res->horizon, RB_P_COUNT, 0, 0);
  long k = first_bad(res->yearly, ny);
  if (k >= 0) {
    *x = res->yearly[k];
    return false;
  }
  k = first_bad(res->band, nb);
  if (k >= 0) {
    *x = res->band[k];
    return false;
  }
  if (res->rep_saving != NULL) {
    k = first_bad(res->rep_saving,
                  rb_rep_saving_index(res->replications, 0, 0));
    if (k >= 0) {
      *x = res->rep_saving[k];
      return false;
    }
  }
  return true;
}

/* The item with the largest total of the whole cohort in magnitude: the
 * one most likely to have made a sum of items overflow. */
static int largest_item(const rb_results *res) {
  int best = 0;
  double big = -1.0;
  const size_t n = rb_items_index(res->n_items, res->n_arms, 0, 0, 0);
  for (size_t k = 0; k < n; k++) {
    const double a = fabs(res->all.items[k]);
    if (a > big) {
      big = a;
      best =
          (int)((k / (RB_PAYER_SLOTS * RB_DISC_COUNT)) % (size_t)res->n_items);
    }
  }
  return best;
}

rb_status rb_eng_check_results(const rb_results *res, const rb_eng *en,
                               rb_diag *d) {
  const double *v = en->base->v;
  int item;
  double x;
  for (int gi = 0; gi <= en->G; gi++) {
    const rb_group_result *gr = gi < en->G ? &res->groups[gi] : &res->all;
    if (items_bad(res, gr, &item, &x)) {
      rb_model_blame(d, en->sc, v, item, gi < en->G ? gi : -1,
                     "the run's total", x);
      return RB_EINVALID;
    }
  }
  bool ok = cohort_finite(res, &x);
  int bad_group = -1;
  for (int gi = 0; ok && gi <= en->G; gi++) {
    const rb_group_result *gr = gi < en->G ? &res->groups[gi] : &res->all;
    ok = group_finite(res, gr, rb_eng_ser_kept(en, gi), &x);
    bad_group = !ok && gi < en->G ? gi : -1;
  }
  if (ok) {
    return RB_OK;
  }
  rb_model_blame(d, en->sc, v, largest_item(res), bad_group,
                 "a sum of the run's totals", x);
  return RB_EINVALID;
}
