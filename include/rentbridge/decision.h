/**
 * @file decision.h
 * @brief Decision analysis on top of the engine (spec: outputs.md, "sweep
 * and tornado"; model.md, "Uncertainty"): the sweep of one parameter with
 * its break-even values, the one-way (tornado) sensitivity, and the drivers
 * of the uncertainty in a psa run.
 *
 * Every saving here is the whole cohort's mean discounted saving per citizen
 * (baseline − intervention; positive = the scheme saves money), as in
 * summary.json's "perspectives".  Nothing here prints: texts are returned as
 * strings for the command line to show.
 */
#ifndef RENTBRIDGE_DECISION_H
#define RENTBRIDGE_DECISION_H

#include "rentbridge/engine.h"
#include "rentbridge/output.h"
#include "rentbridge/scenario.h"

#include <stdbool.h>
#include <stdint.h>

/** What became of a chart. */
typedef enum {
  RB_CHART_DRAWN,      /**< gnuplot drew it */
  RB_CHART_NO_GNUPLOT, /**< gnuplot is not installed: script and data kept */
  RB_CHART_FAILED,     /**< gnuplot ran and failed: script and data kept */
  RB_CHART_NONE        /**< nothing to draw (a tornado without ranges) */
} rb_chart_state;

/* ---- pure helpers ----------------------------------------------------------
 */

/**
 * The values at which a curve crosses zero (the break-even values of a
 * sweep).  Between two neighbouring points with opposite signs the crossing
 * is interpolated linearly: x0 + (x1 − x0) · y0 / (y0 − y1).  When exact
 * zeros stand between a negative and a positive point, the first of them is
 * the crossing.  A curve that only touches zero (…, 5, 0, 5, …), or starts or
 * ends at zero without changing sign, does not cross.  A point whose y is
 * not finite breaks the curve: no crossing is interpolated across it.
 *
 * @param[out] out the crossings in increasing order of position; at most
 *             @p max_out are written (@p out may be NULL when max_out = 0).
 * @param x    the values, increasing.
 * @param y    the mean saving at each value.
 * @param n    number of points.
 * @return the number of crossings (which may exceed @p max_out).
 */
int rb_decision_crossings(double *out, int max_out, const double *x,
                          const double *y, int n);

/**
 * Index of the largest finite @p y (the first one on ties).
 * @return the index, or −1 when no @p y is finite.
 */
int rb_decision_argmax(const double *y, int n);

/**
 * The values of a sweep: from + i · step for i = 0 … ⌊(to − from)/step +
 * 1e-9⌋.  A value of a real-valued key is rounded to 15 significant digits
 * (so that 0.1 + 2 · 0.1 is 0.3, the number a user would have written).
 * @param[out] out a new array of *n values (free()), NULL on failure.
 * @param[out] n   number of values.
 * @param integer  the key takes whole numbers: @p from and @p step must be
 *                 integral.
 * @return RB_OK; RB_EUSAGE (a message in @p diag) when step ≤ 0, to < from,
 *         a bound is not finite, more than 10,000 values, or a non-integral
 *         from/step for an integer key; RB_ENOMEM.
 */
rb_status rb_sweep_values(double **out, int *n, double from, double to,
                          double step, bool integer, rb_diag *diag);

/**
 * Format a sweep value as the libconfig literal that --set receives: a whole
 * number below 2^31 as an integer ("2500"), one from 2^31 with the L suffix
 * for an integer key, and any other number with 17 significant digits (it
 * reads back to the same double).
 */
void rb_sweep_literal(char *buf, size_t n, double v, bool integer);

/* ---- sweep -----------------------------------------------------------------
 */

/** One value of a sweep: the whole cohort's results of one full run. */
typedef struct rb_sweep_point {
  double value;                /**< the parameter's value */
  rb_stats saving[RB_P_COUNT]; /**< discounted saving per citizen */
  double housed_12, housed_24; /**< intervention arm: share housed */
  double months_waiting;       /**< intervention arm: mean months placed
                                  before the first move-in */
  double subsidy_per_month;    /**< mean subsidy per subsidised month, kr */
  double share_acceptable;     /**< intervention arm: accepted / offered
                                  flats */
} rb_sweep_point;

/** A sweep's results. */
typedef struct rb_sweep {
  char *scenario;        /**< the scenario's name (owned) */
  char *title;           /**< the scenario's title (owned) */
  char *param;           /**< the key swept (owned) */
  bool integer_key;      /**< the key takes whole numbers */
  double scenario_value; /**< the key's value in the scenario (NAN when it
                            is not a real-valued parameter) */
  rb_language language;  /**< the scenario's report language */
  int price_year;
  int horizon; /**< months */
  int replications;
  uint64_t seed;
  int threads;
  int n;                          /**< number of values */
  rb_sweep_point *points;         /**< n points, in increasing value (owned) */
  int n_break_even[RB_P_COUNT];   /**< crossings per perspective */
  double *break_even[RB_P_COUNT]; /**< n_break_even[p] values (owned) */
  int best[RB_P_COUNT]; /**< index of the largest mean saving, −1 if none */
} rb_sweep;

/** Progress of a sweep or tornado: run @p run of @p runs (1-based), and
 * within it @p done of @p total replications. */
typedef void (*rb_decision_progress)(void *ctx, int run, int runs, int done,
                                     int total);

/** Options of a sweep. */
typedef struct rb_sweep_opts {
  const char *const *sets; /**< the user's "KEY=VALUE" overrides, in order
                              (--seed and --replications go in here too) */
  int n_sets;
  int threads;                   /**< 0: all cores */
  rb_decision_progress progress; /**< may be NULL */
  void *progress_ctx;
} rb_sweep_opts;

/**
 * Run the business case at every value of @p key from @p from to @p to in
 * steps of @p step.  Each value is a full run of the scenario loaded with
 * the user's overrides and then "KEY=VALUE", with the scenario's seed and
 * replications (common random numbers), so a value equal to the scenario's
 * gives exactly the numbers of `rentbridge run`.  The first scenario (the
 * user's overrides only) is returned in @p base for the folder's
 * scenario.cfg.
 *
 * @param[out] out  the sweep; free with rb_sweep_free() (also on failure).
 * @param[out] base the scenario with the user's overrides; owned by the
 *             caller (rb_scenario_free), NULL on failure.
 * @return RB_OK; RB_EINVALID or RB_EIO from the loader (problems in @p diag,
 *         naming the value that failed); RB_EUSAGE for bad bounds;
 *         RB_ENOMEM or RB_EINTERNAL from the engine.
 */
rb_status rb_sweep_run(rb_sweep *out, rb_scenario **base, const char *path,
                       const char *key, double from, double to, double step,
                       const rb_sweep_opts *opts, rb_diag *diag);

/** Free a sweep's arrays; NULL-safe; the struct is zeroed. */
void rb_sweep_free(rb_sweep *s);

/** Write sweep.csv into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_sweep_write_csv(const char *dir, const rb_sweep *s);

/** Write sweep.json into @p dir (format in docs/decision-tools.md).
 * @return RB_OK or RB_EIO. */
rb_status rb_sweep_write_json(const char *dir, const rb_sweep *s);

/**
 * The sweep's short summary in the scenario's language: the break-even
 * value(s) and the value with the largest mean saving, per perspective.
 * @param[out] out a new string (free()), NULL when out of memory.
 */
rb_status rb_sweep_summary(char **out, const rb_sweep *s);

/**
 * Write a complete sweep folder to @p dir atomically (a temporary sibling
 * renamed into place; an earlier folder kept as <dir>.1, … or replaced when
 * @p force): sweep.csv, sweep.json, summary.txt, sweep.gp and sweep.svg (when
 * gnuplot is installed), scenario.cfg and rules.cfg (the scenario as swept
 * from), manifest.json, and the sweep's own report.html, workbook.xlsx and
 * charts/ (rb_write_sweep_report_files, from sweep.json).
 * @param[out] chart what became of the chart.
 */
rb_status rb_sweep_dir_write(rb_chart_state *chart, const char *dir, bool force,
                             const rb_sweep *s, const rb_scenario *base,
                             rb_run_meta *meta, rb_diag *diag);

/* ---- tornado ---------------------------------------------------------------
 */

/** One bar of a tornado: a parameter at its low and at its high. */
typedef struct rb_tornado_bar {
  int param;                      /**< index in rb_scenario.params */
  double value, low, high;        /**< the parameter's value and range */
  double saving_low[RB_P_COUNT];  /**< mean saving with the parameter low */
  double saving_high[RB_P_COUNT]; /**< … and high */
  double swing[RB_P_COUNT];       /**< |saving_high − saving_low| */
  /** The range changes whether the scheme saves money: the saving at low or
   * at high is on the other side of zero than the base case's (a saving of
   * exactly 0 counts as "does not save"). */
  bool flips_sign[RB_P_COUNT];
  /** Where the sign changes, by linear interpolation between the value and
   * the end that flips (NAN when it does not flip). */
  double threshold[RB_P_COUNT];
} rb_tornado_bar;

/** A tornado's results. */
typedef struct rb_tornado {
  double base[RB_P_COUNT]; /**< mean saving with every parameter at value */
  int n;                   /**< bars */
  rb_tornado_bar *bars;    /**< sorted by kommune swing, descending (ties
                              in parameter order); owned */
  int replications;
  uint64_t seed;
  int threads;
} rb_tornado;

/** Options of a tornado. */
typedef struct rb_tornado_opts {
  int threads;                   /**< 0: all cores */
  rb_decision_progress progress; /**< may be NULL */
  void *progress_ctx;
} rb_tornado_opts;

/**
 * One-way sensitivity: a run with every parameter at its value (the base),
 * then, for every parameter with a range (has_range), one run at its low
 * and one at its high, the rest at value.  Always stochastic mode (no
 * draws), with the scenario's seed and replications.  A parameter shared by
 * both arms changes in both.
 * @param[out] out the tornado; free with rb_tornado_free() (also on failure).
 * @return RB_OK, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_tornado_run(rb_tornado *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts);

/** Free a tornado's bars; NULL-safe; the struct is zeroed. */
void rb_tornado_free(rb_tornado *t);

/** Write tornado.csv into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_tornado_write_csv(const char *dir, const rb_tornado *t,
                               const rb_scenario *sc);

/** Write tornado.json into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_tornado_write_json(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc);

/**
 * The tornado's short text in the scenario's language: the base case, the
 * largest swings, and "what must be true" — the values whose range flips
 * the sign of the saving, with the threshold.
 * @param[out] out a new string (free()), NULL when out of memory.
 */
rb_status rb_tornado_summary(char **out, const rb_tornado *t,
                             const rb_scenario *sc);

/**
 * Write a complete tornado folder to @p dir atomically: tornado.csv,
 * tornado.json, summary.txt, tornado-<perspective>.gp and .svg (when gnuplot
 * is installed), scenario.cfg, rules.cfg, manifest.json, and the tornado's
 * own report.html, workbook.xlsx and charts/ (rb_write_tornado_report_files,
 * from tornado.json).
 * @param[out] chart what became of the charts (the worst of the three).
 */
rb_status rb_tornado_dir_write(rb_chart_state *chart, const char *dir,
                               bool force, const rb_tornado *t,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag);

/* ---- psa -------------------------------------------------------------------
 */

/** An input that drives the uncertainty of a psa run. */
typedef struct rb_psa_driver {
  int param;  /**< index in rb_scenario.params */
  double rho; /**< Spearman rank correlation of the drawn value with the
                 replication's saving; NAN when either is constant */
} rb_psa_driver;

/**
 * The drivers of a psa run's uncertainty for one perspective: the Spearman
 * rank correlation (GSL's gsl_stats_spearman, ties given mean ranks) of
 * every drawn input (res->drawn) with the whole cohort's saving per citizen
 * in each replication (res->rep_saving), sorted by |rho| descending (NAN
 * last, ties in parameter order).
 * @param[out] out res->n_drawn entries, allocated by the caller.
 * @param disc 0 = discounted, 1 = undiscounted.
 * @return RB_OK; RB_EINTERNAL when @p res is not a psa run (no draws);
 *         RB_ENOMEM.
 */
rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc);

/**
 * Write a psa run's extra files into the results folder @p dir being
 * filled: psa_drivers.csv (perspective, rank, key, rho), psa_savings.csv
 * (per replication the discounted saving per perspective) and
 * charts/psa_saving_<perspective>.gp/.svg, the histogram of the saving
 * (drawn when gnuplot is installed).  Does nothing for a stochastic run.
 * @return RB_OK or RB_EIO (a chart that cannot be drawn is not an error).
 */
rb_status rb_psa_write_files(const char *dir, const rb_scenario *sc,
                             const rb_results *res);

/* ---- charts ----------------------------------------------------------------
 */

/**
 * Run gnuplot on the script @p script inside the folder @p dir (its output
 * and messages are discarded).
 * @return what became of the chart (never RB_CHART_NONE).
 */
rb_chart_state rb_chart_render(const char *dir, const char *script);

#endif
