/**
 * @file pools_out.h
 * @brief Internal to the library: a run's pools of flats summed by
 * calendar year and over the horizon (docs/model.md, "Pools"), for
 * pools.csv, summary.json, the report and the workbook.
 */
#ifndef RENTBRIDGE_OUTPUT_POOLS_OUT_H
#define RENTBRIDGE_OUTPUT_POOLS_OUT_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

#include <jansson.h>

/** Flats of column @p col (RB_POOL_COL_*) of pool @p pool in @p arm in
 * budget year @p year (0-based from first_year; −1: the whole horizon),
 * mean over replications. */
double rb_pool_flats(const rb_scenario *sc, const rb_results *res, int pool,
                     int arm, int year, int col);

/** The headline's mechanism: of the flats the reference arm returns
 * (*returned), those the arm @p arm takes more (*used: the reference's
 * returned minus the arm's, at least 0), over the horizon, every pool. */
void rb_pool_scheme_uses(const rb_scenario *sc, const rb_results *res, int arm,
                         double *used, double *returned);

/** summary.json's "pools" (per pool its kind, and per arm the flats over
 * the horizon and by year) and "returned_flats" (the reference arm's
 * returned flats over the horizon and those the experiment arm uses,
 * rb_pool_scheme_uses) into @p root; nothing without pools. */
void rb_pools_json_fill(json_t *root, const rb_scenario *sc,
                        const rb_results *res);

/** pools.csv in @p dir: pool, arm, year (or "all"), flats arrived, taken
 * ordinary, taken subsidised, returned.  Nothing without pools.
 * @return RB_OK or RB_EIO. */
rb_status rb_pools_write_csv(const char *dir, const rb_scenario *sc,
                             const rb_results *res);

/** The planner's limit in kommune @p k and @p arm: *months the share of
 * the replications' months in which it binds, *refused the offers it
 * refuses per replication. */
void rb_limit_share(const rb_results *res, int k, int arm, double *months,
                    double *refused);

/** summary.json's "subsidy_limit": the limit, the share of replications
 * in which it binds, and per kommune and arm the share of months and the
 * offers refused; nothing without a limit. */
void rb_limit_json_fill(json_t *root, const rb_scenario *sc,
                        const rb_results *res);

#endif
