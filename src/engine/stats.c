/* The statistics: from the sums over replications and the merged counts,
 * the results of every group and of the whole cohort (outputs.md): each
 * perspective's summary statistics, monthly means and break-even month,
 * the items, occupancy and outcomes per arm, the budget years, the
 * monthly occupancy and activity, and the band of the cumulative saving. */
#include "engine/engine_internal.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- one series ------------------------------------------------------------
 */

static void stats_of(rb_stats *s, double *scratch, const double *x, int R,
                     bool saving) {
  s->mean = gsl_stats_mean(x, 1, (size_t)R);
  s->sd = R > 1 ? gsl_stats_sd_m(x, 1, (size_t)R, s->mean) : 0.0;
  s->mcse = s->sd / sqrt((double)R);
  memcpy(scratch, x, (size_t)R * sizeof *x);
  s->p2_5 = rb_eng_quantile(scratch, (size_t)R, 0.025);
  s->median = rb_eng_quantile(scratch, (size_t)R, 0.5);
  s->p97_5 = rb_eng_quantile(scratch, (size_t)R, 0.975);
  if (saving) {
    int pos = 0;
    for (int r = 0; r < R; r++) {
      pos += x[r] > 0.0;
    }
    s->prob_positive = (double)pos / (double)R;
  } else {
    s->prob_positive = NAN;
  }
}

/* The 1-based month after the last month with a negative cumulative
 * saving; 0 when it is still negative at the horizon. */
static int break_even(const double *cum, int H) {
  int last_neg = -1;
  for (int t = 0; t < H; t++) {
    if (cum[t] < 0.0) {
      last_neg = t;
    }
  }
  if (last_neg == H - 1) {
    return 0;
  }
  return last_neg + 2;
}

static double ratio(double num, double den) {
  return den > 0.0 ? num / den : NAN;
}

static void outcomes_of(rb_outcomes *o, const double *cnt, double citizens,
                        double placed_months) {
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    o->housed[k] = ratio(cnt[C_HOUSED + k], cnt[C_DEN + k]);
    o->employed[k] = ratio(cnt[C_EMP + k], cnt[C_DEN + k]);
    o->education[k] = ratio(cnt[C_EDU + k], cnt[C_DEN + k]);
  }
  o->retention_24 = ratio(cnt[C_RET], cnt[C_RETDEN]);
  o->relapses = ratio(cnt[C_RELAPSE], citizens);
  o->takeovers = ratio(cnt[C_TAKEOVER], citizens);
  o->extensions = ratio(cnt[C_EXTENSION], citizens);
  o->rehousings = ratio(cnt[C_REHOUSE], citizens);
  o->moved_in = ratio(cnt[C_MOVEDIN], citizens);
  o->months_waiting = ratio(cnt[C_WAIT], cnt[C_MOVEDIN]);
  o->deaths = ratio(cnt[C_DEATH], citizens);
  o->exits = ratio(cnt[C_EXIT], citizens);
  o->exits_own_home = ratio(cnt[C_EXIT_OWN], citizens);
  o->exits_lost = ratio(cnt[C_EXIT] - cnt[C_EXIT_OWN], citizens);
  o->activity_kept_12 = ratio(cnt[C_KEPT], cnt[C_KEPTDEN]);
  o->end_returns = ratio(cnt[C_END_RETURN], citizens);
  const double own = cnt[C_TAKEOVER] + cnt[C_REHOUSE];
  o->end_own_flat_share = ratio(own, own + cnt[C_END_RETURN]);
  o->placed_months = ratio(placed_months, citizens);
  o->subsidised_months = ratio(cnt[C_SUBMONTHS], citizens);
  o->offers = ratio(cnt[C_OFFERS], citizens);
  o->offers_accepted_share = ratio(cnt[C_ACCEPTED], cnt[C_OFFERS]);
  o->subsidy_per_month = NAN; /* filled by the caller */
}

/* ---- one group ---------------------------------------------------------- */

/* The result of index @p ri (rb_eng_n_results): a group, the whole
 * cohort, a kommune or a target group. */
static rb_group_result *result_of(rb_results *res, const rb_eng *en, int ri) {
  if (ri < en->G) {
    return &res->groups[ri];
  }
  if (ri == en->G) {
    return &res->all;
  }
  if (ri <= en->G + en->K) {
    return &res->kommuner[ri - en->G - 1];
  }
  return &res->targets[ri - en->G - 1 - en->K];
}

/* The name of a view (a kommune or a target group). */
static const char *view_name(const rb_eng *en, int ri) {
  return ri <= en->G + en->K ? en->sc->kommuner[ri - en->G - 1]
                             : en->sc->targets[ri - en->G - 1 - en->K];
}

/* Name, size and mean entry month of result @p gi; returns its size. */
static double group_header(rb_results *res, const rb_eng *en, int gi) {
  rb_group_result *gr = result_of(res, en, gi);
  double es = 0.0;
  if (gi < en->G) {
    const rb_group *g = &en->sc->groups[gi];
    double size = (double)g->size;
    gr->name = g->name;
    gr->size = g->size;
    for (int i = 0; i < gr->size; i++) {
      es += (double)rb_eng_entry_month(g, i);
    }
    gr->mean_entry = es / size;
    return size;
  }
  gr->name = gi == en->G ? "all" : view_name(en, gi);
  double total_size = 0.0;
  for (int g2 = 0; g2 < en->G; g2++) {
    if (rb_eng_in_result(en, gi, g2)) {
      es += res->groups[g2].mean_entry * res->groups[g2].size;
      total_size += (double)res->groups[g2].size;
    }
  }
  gr->size = (int)total_size;
  gr->mean_entry = es / total_size;
  return total_size;
}

/* Statistics not kept (cohort_only): every one NAN. */
static void stats_none(rb_stats *s) {
  s->mean = s->mcse = s->sd = s->p2_5 = s->median = s->p97_5 = NAN;
  s->prob_positive = NAN;
}

/* Every arm's and every saving's statistics of perspective @p p: the
 * saving of arm a against arm b is b's cost − a's in each replication. */
static void persp_stats(rb_persp_result *pr, const rb_eng *en,
                        const rb_eng_sums *S, int gi, int disc, int p,
                        double *scratch) {
  const int R = en->R;
  if (!rb_eng_ser_kept(en, gi)) {
    for (int a = 0; a < en->A; a++) {
      stats_none(&pr->arm[a]);
      for (int b = 0; b < en->A; b++) {
        stats_none(&pr->vs[a][b]);
      }
    }
    stats_none(&pr->saving);
    return;
  }
  double *sv = scratch + R;
  for (int a = 0; a < en->A; a++) {
    const double *xa = S->ser + rb_eng_ser_index(en, gi, disc, p, a);
    stats_of(&pr->arm[a], scratch, xa, R, false);
    for (int b = 0; b < en->A; b++) {
      const double *xb = S->ser + rb_eng_ser_index(en, gi, disc, p, b);
      for (int r = 0; r < R; r++) {
        sv[r] = xb[r] - xa[r];
      }
      stats_of(&pr->vs[a][b], scratch, sv, R, true);
    }
  }
  pr->saving = pr->vs[RB_ARM_INTERVENTION][RB_ARM_BASELINE];
}

/* Monthly means, the cumulative saving and the break-even month of
 * perspective @p p. */
static void persp_months(rb_group_result *gr, rb_persp_result *pr,
                         const rb_eng *en, const rb_eng_sums *S, int gi,
                         int disc, int p, double denom) {
  const int H = en->H;
  double cum = 0.0;
  for (int t = 0; t < H; t++) {
    double mc[RB_MAX_ARMS];
    for (int arm = 0; arm < en->A; arm++) {
      double s = 0.0;
      for (int g2 = 0; g2 < en->G; g2++) {
        if (!rb_eng_in_result(en, gi, g2)) {
          continue;
        }
        s += S->msum[rb_eng_msum_index(en, disc, rb_eng_garm(en, g2, arm), p,
                                       t)];
      }
      mc[arm] = s / denom;
      gr->month_cost[rb_month_cost_index(H, en->A, disc, arm, p, t)] = mc[arm];
    }
    cum += mc[RB_ARM_BASELINE] - mc[RB_ARM_INTERVENTION];
    gr->cum_saving[rb_cum_saving_index(H, disc, p, t)] = cum;
  }
  pr->break_even_month =
      break_even(gr->cum_saving + rb_cum_saving_index(H, disc, p, 0), H);
}

/* Add a garm's items to one arm's @p items ([item][slot][disc]): the ones
 * booked, then the housing benefit on its financing and the subsidy. */
static void garm_items(double *items, const rb_eng *en, const rb_eng_sums *S,
                       int ga_i) {
  const rb_garm *ga = &en->base->ga[ga_i];
  const int ni = en->n_items;
  const int hb_item = en->sc->n_costs + RB_ITEM_HOUSING_BENEFIT;
  const int sub_item = en->sc->n_costs + RB_ITEM_RENT_SUBSIDY;
  const double *it = S->items + rb_eng_items_index(en, ga_i, 0, 0, RB_DISC);
  const size_t n = rb_eng_items_size(en, 1);
  for (size_t k = 0; k < n; k++) {
    items[k] += it[k];
  }
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    const double *hb = S->hbsum + rb_eng_hbsum_index(en, disc, ga_i, 0);
    const double *sub = S->subsum + rb_eng_hbsum_index(en, disc, ga_i, 0);
    double th = 0.0, ts = 0.0;
    for (int t = 0; t < en->H; t++) {
      th += hb[t];
      ts += sub[t];
    }
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      items[rb_items_index(ni, 0, hb_item, p, disc)] += th * ga->hb_share[p];
    }
    /* The subsidy: the kommune's, less a state pool's share. */
    items[rb_items_index(ni, 0, sub_item, RB_PAYER_KOMMUNE, disc)] +=
        ts * (1.0 - ga->sub_state);
    if (ga->sub_state > 0.0) {
      items[rb_items_index(ni, 0, sub_item, RB_PAYER_STAT, disc)] +=
          ts * ga->sub_state;
    }
  }
}

/* Add a garm's citizen-months per housing state to @p occ. */
static void garm_occupancy(double occ[RB_H_COUNT], const rb_eng *en,
                           const rb_eng_counts *k, int ga_i) {
  const rb_garm *ga = &en->base->ga[ga_i];
  for (int cell = 0; cell < ga->ncell; cell++) {
    const int h = rb_model_cell_h(ga, cell);
    for (int t = 0; t < en->H; t++) {
      occ[h] += k->E[rb_eng_e_index(en, ga_i, cell, t)];
    }
  }
  for (int g = 0; g < RB_ENG_GONE; g++) {
    for (int t = 0; t < en->H; t++) {
      occ[RB_H_EXITED + g] += k->ED[rb_eng_gone_index(en, ga_i, g, t)];
    }
  }
}

/* Items, occupancy and outcomes of result @p gi in @p arm. */
static void arm_results(rb_group_result *gr, const rb_eng *en,
                        const rb_eng_sums *S, const rb_eng_counts *k, int gi,
                        int arm, double denom) {
  const int ni = en->n_items;
  const int sub_item = en->sc->n_costs + RB_ITEM_RENT_SUBSIDY;
  double *items = gr->items + rb_items_index(ni, arm, 0, 0, RB_DISC);
  double occ[RB_H_COUNT] = {0};
  double gcnt[C_COUNT] = {0};
  for (int g2 = 0; g2 < en->G; g2++) {
    if (!rb_eng_in_result(en, gi, g2)) {
      continue;
    }
    const int ga_i = rb_eng_garm(en, g2, arm);
    garm_items(items, en, S, ga_i);
    garm_occupancy(occ, en, k, ga_i);
    for (int c = 0; c < C_COUNT; c++) {
      gcnt[c] += k->cnt[rb_eng_cnt_index(ga_i, c)];
    }
  }
  const size_t n = rb_eng_items_size(en, 1);
  for (size_t j = 0; j < n; j++) {
    items[j] /= denom;
  }
  for (int h = 0; h < RB_H_COUNT; h++) {
    gr->occupancy[arm][h] = occ[h] / denom;
  }
  outcomes_of(&gr->outcomes[arm], gcnt, denom, occ[RB_H_PLACED]);
  double sub_total =
      (items[rb_items_index(ni, 0, sub_item, RB_PAYER_KOMMUNE, RB_UNDISC)] +
       items[rb_items_index(ni, 0, sub_item, RB_PAYER_STAT, RB_UNDISC)]) *
      denom;
  gr->outcomes[arm].subsidy_per_month = ratio(sub_total, gcnt[C_SUBMONTHS]);
  gr->outcomes[arm].households_housed = gcnt[C_HH_HOUSED] / (double)en->R;
  gr->outcomes[arm].persons_housed = gcnt[C_PERS_HOUSED] / (double)en->R;
}

/* The results of result @p gi (rb_eng_n_results). */
static void group_results(rb_results *res, const rb_eng *en,
                          const rb_eng_sums *S, const rb_eng_counts *k, int gi,
                          double *scratch) {
  rb_group_result *gr = result_of(res, en, gi);
  const double size = group_header(res, en, gi);
  const double denom = size * (double)en->R;
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      rb_persp_result *pr = &gr->persp[disc][p];
      persp_stats(pr, en, S, gi, disc, p, scratch);
      persp_months(gr, pr, en, S, gi, disc, p, denom);
    }
  }
  for (int arm = 0; arm < en->A; arm++) {
    arm_results(gr, en, S, k, gi, arm, denom);
  }
  gr->bed_months_freed = (gr->occupancy[RB_ARM_BASELINE][RB_H_PLACED] -
                          gr->occupancy[RB_ARM_INTERVENTION][RB_H_PLACED]) *
                         size;
}

/* ---- the whole cohort --------------------------------------------------- */

/* Budget years: the direct sums, then the housing benefit and the subsidy,
 * as a mean over replications. */
static void yearly_results(rb_results *res, const rb_eng *en,
                           const rb_eng_sums *S) {
  const rb_model *m = en->base;
  const size_t ny = rb_eng_yearly_size(en);
  for (size_t k = 0; k < ny; k++) {
    res->yearly[k] = S->yearly[k];
  }
  for (int gi = 0; gi < en->G; gi++) {
    for (int arm = 0; arm < en->A; arm++) {
      const int ga_i = rb_eng_garm(en, gi, arm);
      const double *hu = S->hbsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
      const double *su = S->subsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
      for (int t = 0; t < en->H; t++) {
        const int y = m->year_of[t];
        for (int p = 0; p < RB_PAYER_COUNT; p++) {
          res->yearly[rb_yearly_index(en->n_years, arm, y, p,
                                      RB_YEARLY_TRANSFER)] +=
              hu[t] * m->ga[ga_i].hb_share[p];
        }
        const double st = m->ga[ga_i].sub_state;
        res->yearly[rb_yearly_index(en->n_years, arm, y, RB_PAYER_KOMMUNE,
                                    RB_YEARLY_TRANSFER)] += su[t] * (1.0 - st);
        if (st > 0.0) {
          res->yearly[rb_yearly_index(en->n_years, arm, y, RB_PAYER_STAT,
                                      RB_YEARLY_TRANSFER)] += su[t] * st;
        }
      }
    }
  }
  for (size_t k = 0; k < ny; k++) {
    res->yearly[k] /= (double)en->R;
  }
}

/* Add a garm's citizens per month by housing state and activity. */
static void monthly_counts(rb_results *res, const rb_eng *en,
                           const rb_eng_counts *k, int gi, int arm) {
  const int H = en->H;
  const int ga_i = rb_eng_garm(en, gi, arm);
  const rb_garm *ga = &en->base->ga[ga_i];
  for (int cell = 0; cell < ga->ncell; cell++) {
    const int h = rb_model_cell_h(ga, cell);
    const int a = rb_model_cell_a(ga, cell);
    for (int t = 0; t < H; t++) {
      double x = k->E[rb_eng_e_index(en, ga_i, cell, t)];
      res->monthly_housing[rb_monthly_housing_index(H, arm, t, h)] += x;
      res->monthly_activity[rb_monthly_activity_index(H, arm, t, a)] += x;
    }
  }
  for (int g = 0; g < RB_ENG_GONE; g++) {
    for (int t = 0; t < H; t++) {
      res->monthly_housing[rb_monthly_housing_index(H, arm, t,
                                                    RB_H_EXITED + g)] +=
          k->ED[rb_eng_gone_index(en, ga_i, g, t)];
    }
  }
}

/* Citizens who have not entered by month @p t. */
static int not_entered(const rb_eng *en, int t) {
  int n = 0;
  for (int gi = 0; gi < en->G; gi++) {
    const rb_group *g = &en->sc->groups[gi];
    for (int i = 0; i < g->size; i++) {
      n += rb_eng_entry_month(g, i) > t;
    }
  }
  return n;
}

/* Monthly occupancy and activity of the whole cohort, mean over
 * replications. */
static void monthly_results(rb_results *res, const rb_eng *en,
                            const rb_eng_counts *k) {
  const int H = en->H;
  for (int arm = 0; arm < en->A; arm++) {
    for (int gi = 0; gi < en->G; gi++) {
      monthly_counts(res, en, k, gi, arm);
    }
    for (int t = 0; t < H; t++) {
      double *mh =
          res->monthly_housing + rb_monthly_housing_index(H, arm, t, 0);
      double *ma =
          res->monthly_activity + rb_monthly_activity_index(H, arm, t, 0);
      for (int h = 0; h < RB_H_COUNT; h++) {
        mh[h] /= (double)en->R;
      }
      for (int a = 0; a < RB_A_COUNT; a++) {
        ma[a] /= (double)en->R;
      }
      mh[RB_MONTHLY_NOT_ENTERED] = not_entered(en, t);
    }
  }
}

/* The band: percentiles of the cumulative discounted saving over the first
 * nb replications. */
static void band_results(rb_results *res, const rb_eng *en,
                         const rb_eng_sums *S) {
  const size_t nb = (size_t)S->nb;
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int t = 0; t < en->H; t++) {
      double *row = S->band + rb_eng_band_index(en, S, p, t);
      res->band[rb_band_index(en->H, p, t, RB_BAND_LOW)] =
          rb_eng_quantile(row, nb, 0.025);
      res->band[rb_band_index(en->H, p, t, RB_BAND_HIGH)] =
          rb_eng_quantile(row, nb, 0.975);
    }
  }
  res->band_reps = S->nb;
}

/* What each result's statistics read (rb_engine_parallel_for). */
typedef struct results_ctx {
  rb_results *res;
  const rb_eng *en;
  const rb_eng_sums *S;
  const rb_eng_counts *k;
  int first; /* the index of the result of i = 0 */
} results_ctx;

/* Result first + @p i, in its own scratch; it writes only its own
 * rb_group_result, so the numbers do not depend on the threads. */
static rb_status result_one(void *ctx, int i) {
  const results_ctx *rc = ctx;
  double *scratch = malloc((size_t)rc->en->R * 2 * sizeof *scratch);
  if (scratch == NULL) {
    return RB_ENOMEM;
  }
  group_results(rc->res, rc->en, rc->S, rc->k, rc->first + i, scratch);
  free(scratch);
  return RB_OK;
}

rb_status rb_eng_finalize(rb_results *res, const rb_eng *en,
                          const rb_eng_sums *S, const rb_eng_counts *k) {
  /* The groups, then the views over them (the whole cohort, kommuner,
   * target groups), whose headers read the groups': each on the run's
   * threads. */
  results_ctx rc = {res, en, S, k, 0};
  rb_status st = rb_engine_parallel_for(en->G, res->threads, result_one, &rc);
  rc.first = en->G;
  if (st == RB_OK) {
    st = rb_engine_parallel_for(rb_eng_n_results(en) - en->G, res->threads,
                                result_one, &rc);
  }
  if (st != RB_OK) {
    return st;
  }
  yearly_results(res, en, S);
  rb_eng_kommune_years(res, en, S, k);
  for (size_t i = 0; res->pool_months != NULL && i < rb_eng_pcnt_size(en);
       i++) {
    res->pool_months[i] = k->pcnt[i] / (double)en->R;
  }
  if (res->limit_months != NULL) {
    const size_t nl = rb_eng_lcnt_size(en) - 1;
    for (size_t i = 0; i < nl; i++) {
      res->limit_months[i] = k->lcnt[i] / (double)en->R;
    }
    res->limit_binding = k->lcnt[nl] / (double)en->R;
  }
  monthly_results(res, en, k);
  band_results(res, en, S);
  return RB_OK;
}
