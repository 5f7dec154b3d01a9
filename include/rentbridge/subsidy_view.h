/**
 * @file subsidy_view.h
 * @brief The deterministic subsidy view (`rentbridge subsidy`, subsidy.md):
 * one group's subsidy case at a rent, every intermediate amount, for a case
 * worker to follow by hand; the same over the group's rent distribution;
 * and the share of offered flats that can be taken with the subsidy and
 * without it.
 *
 * A view always has the terms and the flat the engine uses for the group
 * (its own kommuneskat and policy in a portfolio file), so its gaps and
 * offer decisions are the engine's.  The flat is the group's
 * intervention-arm flat.  Plain values only (no psa draws).
 */
#ifndef RENTBRIDGE_SUBSIDY_VIEW_H
#define RENTBRIDGE_SUBSIDY_VIEW_H

#include "rentbridge/scenario.h"
#include "rentbridge/status.h"
#include "rentbridge/subsidy.h"

#include <stdbool.h>

/** For an @p activity argument below: every activity, in enum order. */
#define RB_SUBSIDY_ALL_ACTIVITIES (-1)

/** Rents a table shows for a continuous rent distribution. */
#define RB_SUBSIDY_TABLE_QUANTILES 5

/** Points over which a continuous rent distribution is integrated for the
 * pool shares (midpoint quantiles). */
#define RB_SUBSIDY_POOL_POINTS 1000

/** One group of a scenario, ready for its cases. */
typedef struct rb_subsidy_view {
  const rb_scenario *sc;      /**< the scenario (not owned) */
  const rb_group *group;      /**< the group shown (points into sc) */
  rb_scheme_terms terms;      /**< the group's terms, as the engine's */
  rb_scheme_terms base_terms; /**< the baseline arm's terms: they differ
                                 for a shared flat of two tenants (the
                                 delebolig waiver is the scheme's) */
  rb_flat_case flat;       /**< household and intervention-arm flat; rent 0 */
  double kommuneskat_rate; /**< the rate its tax uses: the group's, else the
                              scenario's, else the rules' average */
} rb_subsidy_view;

/** One case: an activity's income at one rent. */
typedef struct rb_subsidy_case {
  rb_activity activity;
  double flat_rent; /**< the flat's monthly rent (a shared flat: all of it;
                       the result's rent is the tenant's share) */
  const rb_income *profile;        /**< the activity's income profile */
  const rb_income *future_profile; /**< the group's future income profile */
  rb_income_case income;           /**< the profile's plain values */
  rb_income_case future_income;    /**< the future profile's plain values */
  rb_subsidy_result now;   /**< on the activity's income; its future_gap on
                              the future income */
  rb_subsidy_result later; /**< the same flat on the future income */
  rb_offer_outcome offer[RB_ARM_SPECS]; /**< an offer of the flat per arm */
} rb_subsidy_case;

/** The rents of a table over the group's rent distribution. */
typedef struct rb_subsidy_table {
  bool discrete; /**< discrete values and weights, else quantiles */
  int n;         /**< number of rents */
  double *rent;  /**< [n] monthly rents (owned) */
  double *weight_or_quantile; /**< [n] discrete: a value's share of the
                                 weights; continuous: its quantile (owned) */
  /** Per activity and arm: the share of offered flats that is taken (not
   * refused), weighted by the rent distribution (discrete: its weights;
   * continuous: RB_SUBSIDY_POOL_POINTS midpoint quantiles). */
  double pool_share[RB_A_COUNT][RB_ARM_SPECS];
} rb_subsidy_table;

/**
 * Prepare the view of one group: its terms and flat as the engine compiles
 * them, on the scenario's plain values.
 * @param[out] v the view; it points into @p sc, which must outlive it.
 * @param sc a loaded scenario.
 * @param group the group's name, or NULL for the first group.
 * @param d the problem, if any, as one line without a prefix.
 * @return RB_OK; RB_EUSAGE when @p sc has no group named @p group;
 *         RB_EINVALID when it has no group at all; RB_EINTERNAL when the
 *         group lacks an income profile; RB_ENOMEM.
 */
rb_status rb_subsidy_view_init(rb_subsidy_view *v, const rb_scenario *sc,
                               const char *group, rb_diag *d);

/**
 * Compute one case: tax, boligsikring, own payment, gap and subsidy on the
 * activity's income and on the future income, and the offer in each arm.
 * @param[out] out the case.
 * @param v a view from rb_subsidy_view_init().
 * @param activity the activity whose income is used.
 * @param rent the monthly rent without utilities, kr.
 */
void rb_subsidy_view_case(rb_subsidy_case *out, const rb_subsidy_view *v,
                          rb_activity activity, double rent);

/**
 * The rents of the table (discrete: every value and its share of the
 * weights; lognormal: the 5/25/50/75/95 % quantiles; uniform: five evenly
 * spaced points) and every activity's pool shares.
 * @param[out] t the table; release it with rb_subsidy_table_free() (also
 *             after a failure).
 * @param v a view from rb_subsidy_view_init().
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_subsidy_view_table(rb_subsidy_table *t, const rb_subsidy_view *v);

/**
 * Release what rb_subsidy_view_table() allocated; @p t is then empty.
 * @param t a table, or NULL.
 */
void rb_subsidy_table_free(rb_subsidy_table *t);

/**
 * The cases at one rent as a JSON array, one object per activity (every
 * intermediate amount; subsidy.md, "Seeing one case"), indented by two,
 * reals with 12 significant digits, without a final newline.
 * @param[out] out the text, malloc'ed (the caller frees it); NULL on failure.
 * @param v a view from rb_subsidy_view_init().
 * @param rent the monthly rent without utilities, kr.
 * @param activity one activity, or RB_SUBSIDY_ALL_ACTIVITIES.
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_subsidy_view_cases_json(char **out, const rb_subsidy_view *v,
                                     double rent, int activity);

/**
 * The table as a JSON array: for each activity, one object per rent of
 * @p t, as rb_subsidy_view_cases_json() writes it plus `weight` (discrete)
 * or `quantile` and the activity's `pool_share_intervention` and
 * `pool_share_baseline`.
 * @param[out] out the text, malloc'ed (the caller frees it); NULL on failure.
 * @param v a view from rb_subsidy_view_init().
 * @param t its table from rb_subsidy_view_table().
 * @param activity one activity, or RB_SUBSIDY_ALL_ACTIVITIES.
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_subsidy_view_table_json(char **out, const rb_subsidy_view *v,
                                     const rb_subsidy_table *t, int activity);

#endif
