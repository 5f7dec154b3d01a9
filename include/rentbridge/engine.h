/**
 * @file engine.h
 * @brief The Monte Carlo engine (spec: model.md) and its results.
 *
 * rb_engine_run() simulates the cohort in both arms for every replication,
 * in parallel over replications, and reduces the statistics in replication
 * order so that every number is identical whatever the thread count.
 */
#ifndef RENTBRIDGE_ENGINE_H
#define RENTBRIDGE_ENGINE_H

#include "rentbridge/accounts.h"
#include "rentbridge/scenario.h"

#include <stdbool.h>

/** Summary statistics of one series over replications (outputs.md). */
typedef struct rb_stats {
  double mean, mcse, sd, p2_5, median, p97_5;
  double prob_positive; /**< share > 0 (savings only; NAN for arms) */
} rb_stats;

/** One perspective: both arms and the saving (baseline − intervention). */
typedef struct rb_persp_result {
  rb_stats arm[RB_ARM_COUNT];
  rb_stats saving;
  int break_even_month; /**< 1-based; 0 when it never breaks even */
} rb_persp_result;

/** Outcome measures of one arm (model.md); NAN where undefined. */
typedef struct rb_outcomes {
  double housed[3];         /**< share housed at 12/24/36 months after entry */
  double employed[3];       /**< share employed at 12/24/36 months */
  double education[3];      /**< share in education at 12/24/36 months */
  double retention_24;      /**< still housed 24 months after first move-in */
  double relapses;          /**< per citizen */
  double takeovers;         /**< per citizen */
  double extensions;        /**< per citizen */
  double rehousings;        /**< per citizen */
  double moved_in;          /**< share of citizens who moved in from placed */
  double months_waiting;    /**< mean months placed before the first move-in */
  double deaths, exits;     /**< per citizen */
  double placed_months;     /**< citizen-months placed per citizen */
  double subsidised_months; /**< per citizen */
  double subsidy_per_month; /**< mean subsidy per subsidised month, kr */
  double offers;            /**< flat offers per citizen */
  double offers_accepted_share; /**< accepted / offered */
} rb_outcomes;

/** Results for one group, or for the whole cohort. */
typedef struct rb_group_result {
  const char *name;  /**< group name, or "all" */
  int size;          /**< citizens */
  double mean_entry; /**< mean entry month */
  /** [0 = discounted, 1 = undiscounted][perspective] */
  rb_persp_result persp[2][RB_P_COUNT];
  double occupancy[RB_ARM_COUNT][RB_H_COUNT]; /**< citizen-months per citizen */
  rb_outcomes outcomes[RB_ARM_COUNT];
  double bed_months_freed; /**< baseline − intervention placed months, total */
  /** Mean amount per citizen: [arm][item][payer slot][0 = disc, 1 = undisc] */
  double *items;
  /** Mean cumulative saving per citizen: [disc][perspective][month] */
  double *cum_saving;
  /** Mean net cost per citizen per month: [disc][arm][perspective][month] */
  double *month_cost;
} rb_group_result;

/** A run's results. */
typedef struct rb_results {
  int replications;
  int threads;
  int horizon;
  int n_groups;
  rb_group_result *groups; /**< n_groups */
  rb_group_result all;     /**< the whole cohort */
  int n_items;             /**< scenario items + RB_ITEM_COMPUTED_COUNT */
  const char **item_name;  /**< n_items (borrowed or static) */
  const char **item_label;
  rb_kind *item_kind;
  int first_year, n_years;
  /** Whole cohort, undiscounted, mean over replications:
   * [arm][year][payer][resource, transfer, revenue] */
  double *yearly;
  /** Mean number of citizens per month: [arm][month][6 states + not entered] */
  double *monthly_housing;
  /** Mean number per activity among the active: [arm][month][3] */
  double *monthly_activity;
  /** Percentiles of the cumulative discounted saving per citizen, whole
   * cohort: [perspective][month][0 = 2.5 %, 1 = 97.5 %] */
  double *band;
  int band_reps; /**< replications the band is taken over */
  /** psa: per replication the drawn uncertain values [rep][n_drawn] and
   * the savings [rep][disc][perspective] of the whole cohort. */
  int n_drawn;
  int *drawn_param; /**< parameter index of each drawn value */
  double *drawn;
  double *rep_saving;
} rb_results;

/** Options of a run. */
typedef struct rb_run_opts {
  int replications; /**< 0: the scenario's */
  int threads;      /**< 0: all cores */
  bool seed_given;
  uint64_t seed; /**< used when seed_given */
  /** Progress callback (called from the calling thread), may be NULL. */
  void (*progress)(void *ctx, int done, int total);
  void *progress_ctx;
} rb_run_opts;

/**
 * Run the business case.
 * @param[out] out results, free with rb_results_free().
 * @return RB_OK, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_engine_run(rb_results *out, const rb_scenario *sc,
                        const rb_run_opts *opts);

/**
 * Run with explicit parameter values (stochastic mode, no draws), for the
 * tornado and sweeps.  @p values has sc->n_params entries.
 */
rb_status rb_engine_run_values(rb_results *out, const rb_scenario *sc,
                               const rb_run_opts *opts, const double *values);

/** Free what a run allocated; NULL-safe. */
void rb_results_free(rb_results *r);

/** Index of a scenario cost item or computed item in the items arrays. */
static inline int rb_item_index(const rb_results *r, int computed) {
  return r->n_items - RB_ITEM_COMPUTED_COUNT + computed;
}

#endif
