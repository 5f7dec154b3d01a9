/**
 * @file writers.h
 * @brief The output layer's files that only the library's results folders
 * write (src/folder/): the manifest, a sweep's and a tornado's CSV and
 * JSON, a psa run's extra CSV files, and a text file.  The files a caller
 * of the library writes itself are in rentbridge/output.h.
 */
#ifndef RENTBRIDGE_OUTPUT_WRITERS_H
#define RENTBRIDGE_OUTPUT_WRITERS_H

#include "rentbridge/output.h"

/**
 * Write manifest.json into @p dir, which holds scenario.cfg and rules.cfg
 * already (their SHA-256 are in it): the engine and its version, the
 * command, the files, seed, replications, mode, threads, generator and
 * times.
 * @return RB_OK or RB_EIO.
 */
rb_status rb_write_manifest(const char *dir, const rb_scenario *sc,
                            const rb_run_meta *meta);

/** Write sweep.csv into @p dir (format in docs/decision-tools.md).
 * @return RB_OK or RB_EIO. */
rb_status rb_sweep_write_csv(const char *dir, const rb_sweep *s);

/** Write sweep.json into @p dir (format in docs/decision-tools.md).
 * @return RB_OK or RB_EIO. */
rb_status rb_sweep_write_json(const char *dir, const rb_sweep *s);

/** Write tornado.csv into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_tornado_write_csv(const char *dir, const rb_tornado *t,
                               const rb_scenario *sc);

/** Write waivers.csv into @p dir (docs/decision-tools.md, "Waivers").
 * @return RB_OK or RB_EIO. */
rb_status rb_waivers_write_csv(const char *dir, const rb_waivers *w,
                               const rb_scenario *sc);

/** Write waivers.json into @p dir: what the report's waivers table reads.
 * @return RB_OK or RB_EIO. */
rb_status rb_waivers_write_json(const char *dir, const rb_waivers *w,
                                const rb_scenario *sc);

/** Write tornado.json into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_tornado_write_json(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc);

/**
 * Write a psa run's psa_drivers.csv (perspective, rank, key, rho, low,
 * high, dist, source) and psa_savings.csv (per replication the discounted
 * saving per perspective) into @p dir.  Does nothing for a stochastic run.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_psa_write_csvs(const char *dir, const rb_scenario *sc,
                            const rb_results *res);

/**
 * Write a psa run's value of information, voi.csv and voi.json, into
 * @p dir (rb_voi_compute; docs/decision-tools.md, "What the pilot should
 * measure"), the entries sorted by the kommune's EVPPI.
 * @return RB_OK, RB_EIO, RB_ENOMEM or RB_EINTERNAL (not a psa run).
 */
rb_status rb_voi_write_files(const char *dir, const rb_scenario *sc,
                             const rb_results *res);

/**
 * Write a portfolio's views (docs/portfolio.md) into @p dir: views.csv,
 * views_items.csv and views_outcomes.csv, the rows of summary.csv,
 * items.csv and outcomes.csv per kommune and per target group (and the
 * whole cohort), after a first column `view` (kommune, target or total).
 * Does nothing when the scenario's groups name no views.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_views_write_csvs(const char *dir, const rb_scenario *sc,
                              const rb_results *res);

/**
 * Write a portfolio's budget.csv into @p dir (docs/portfolio.md): per
 * kommune, calendar year, arm and payer the budget lines (budget_lines.h)
 * and their net, in fixed and in current prices, and the citizen-months
 * with a subsidy.  Does nothing without views.
 * @return RB_OK or RB_EIO.
 */
rb_status rb_views_write_budget(const char *dir, const rb_scenario *sc,
                                const rb_results *res);

/** Write sweep2.csv of a sweep of two keys into @p dir (format in
 * docs/decision-tools.md). @return RB_OK or RB_EIO. */
rb_status rb_sweep2_write_csv(const char *dir, const rb_sweep2 *s);

/** Write @p text to @p dir/@p name. @return RB_OK or RB_EIO. */
rb_status rb_out_text_write(const char *dir, const char *name,
                            const char *text);

#endif
