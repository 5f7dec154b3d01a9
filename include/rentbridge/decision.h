/**
 * @file decision.h
 * @brief Decision analysis on top of the engine (spec: outputs.md, "sweep
 * and tornado"; model.md, "Uncertainty"): the sweep of one parameter with
 * its break-even values, the one-way (tornado) sensitivity, and the drivers
 * of the uncertainty in a psa run.
 *
 * Every saving here is the whole cohort's mean discounted saving per citizen
 * (baseline − intervention; positive = the scheme saves money), as in
 * summary.json's "perspectives".  Everything here computes; nothing writes a
 * file or prints.  The files and texts of a sweep, a tornado and a psa run
 * are output.h's, their folders folder.h's.
 */
#ifndef RENTBRIDGE_DECISION_H
#define RENTBRIDGE_DECISION_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

#include <stdbool.h>
#include <stdint.h>

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
  int n;                  /**< number of values */
  rb_sweep_point *points; /**< n points, in increasing value (owned) */
  /** The engine runs made: fewer than n where values that reach neither
   * the reference arm nor the model-wide part ran as arms of one run
   * (docs/decision-tools.md). */
  int runs;
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
  size_t max_memory;  /**< each run's limit (rb_run_opts.max_memory) */
  const char *params; /**< a parameters file (--params) applied before the
                         sets, or NULL */
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
 * @param path the scenario file.
 * @param key  the scenario key to sweep (its libconfig path).
 * @param from, to, step the values (at most 10,000; whole numbers for an
 *             integer key).
 * @param opts the user's overrides, threads and progress.
 * @param diag where problems are explained.
 * @return RB_OK; RB_EINVALID or RB_EIO from the loader (problems in @p diag,
 *         naming the value that failed); RB_EUSAGE for bad bounds;
 *         RB_EINVALID from the engine when a run is refused or overflows
 *         (the reason in @p diag); RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_sweep_run(rb_sweep *out, rb_scenario **base, const char *path,
                       const char *key, double from, double to, double step,
                       const rb_sweep_opts *opts, rb_diag *diag);

/** Free a sweep's arrays; the struct is zeroed.
 * @param s the sweep, may be NULL. */
void rb_sweep_free(rb_sweep *s);

/** A sweep of two parameters at once (docs/decision-tools.md, "Two
 * parameters"): a grid, one one-parameter sweep of the first key per value
 * of the second. */
typedef struct rb_sweep2 {
  char *param2;      /**< the second key (owned) */
  bool integer_key2; /**< it takes whole numbers */
  int n2;            /**< values of the second key */
  double *values2;   /**< n2, increasing (owned) */
  rb_sweep *rows;    /**< n2 sweeps of the first key, row j at values2[j] */
  /** The cell with the largest mean saving per perspective: the first
   * key's value index and the second's; −1 when none. */
  int best_i[RB_P_COUNT], best_j[RB_P_COUNT];
} rb_sweep2;

/**
 * Run the business case at every cell of a grid: every value of @p key
 * (from, to, step) at every value of @p key2 (from2, to2, step2), each a
 * full run with the user's overrides, then "KEY2=VALUE2" and "KEY=VALUE"
 * (common random numbers: a cell at the scenario's values gives exactly
 * `rentbridge run`'s numbers).  At most 10,000 cells.
 * @param[out] out the grid; free with rb_sweep2_free() (also on failure).
 * @param[out] base as for rb_sweep_run().
 * @return as rb_sweep_run().
 */
rb_status rb_sweep2_run(rb_sweep2 *out, rb_scenario **base, const char *path,
                        const char *key, double from, double to, double step,
                        const char *key2, double from2, double to2,
                        double step2, const rb_sweep_opts *opts, rb_diag *diag);

/** Free a grid; the struct is zeroed. @param s may be NULL. */
void rb_sweep2_free(rb_sweep2 *s);

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
  /** The groups the runs simulated, summed over the runs: a bar reruns
   * only the groups its value reaches (rb_engine_saving_shared), so this
   * is at most (1 + 2n) × the scenario's groups. */
  long groups_run;
} rb_tornado;

/** Options of a tornado. */
typedef struct rb_tornado_opts {
  int threads;                   /**< 0: all cores */
  rb_decision_progress progress; /**< may be NULL */
  void *progress_ctx;
  size_t max_memory; /**< each run's limit (rb_run_opts.max_memory) */
  rb_diag *diag;     /**< why a run was refused (rb_run_opts.diag) */
} rb_tornado_opts;

/**
 * One-way sensitivity: a run with every parameter at its value (the base),
 * then, for every parameter with a range (has_range), one run at its low
 * and one at its high, the rest at value.  Always stochastic mode (no
 * draws), with the scenario's seed and replications.  A parameter shared by
 * both arms changes in both.
 * @param[out] out the tornado; free with rb_tornado_free() (also on failure).
 * @param sc   the scenario.
 * @param opts threads, progress, memory limit and diagnostics; may be NULL
 *   (all cores, no progress, the default limit).
 * @return RB_OK; RB_EINVALID when a run is refused or overflows (the
 *   reason in opts->diag); RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_tornado_run(rb_tornado *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts);

/** Free a tornado's bars; the struct is zeroed.
 * @param t the tornado, may be NULL. */
void rb_tornado_free(rb_tornado *t);

/* ---- waivers (issue 11)
 * ------------------------------------------------------
 */

/** Why a waiver's row has no run of its own. */
typedef enum {
  RB_WAIVER_PRICED,   /**< run with the waiver off */
  RB_WAIVER_ABOLISHED /**< the rule it waives no longer exists (the
                         kontanthjælpsloft since 1.7.2025): no effect */
} rb_waiver_state;

/** One waiver of one arm's scheme, priced: the same run (seed, common
 * random numbers) with that one waiver off. */
typedef struct rb_waiver_row {
  int arm; /**< the arm whose scheme has it */
  rb_waiver waiver;
  rb_waiver_state state;
  double saving_with[RB_P_COUNT];         /**< the arm's mean saving against the
                                             reference per citizen, discounted */
  double saving_without[RB_P_COUNT];      /**< … with the waiver off */
  double moved_in_with, moved_in_without; /**< citizens who moved in from
                                             placed (whole cohort, mean) */
} rb_waiver_row;

/** Every granted waiver of every arm with a subsidy, priced. */
typedef struct rb_waivers {
  rb_results base; /**< the run with every waiver as the scenario has it */
  int n;
  rb_waiver_row *rows; /**< owned */
  int replications;
  uint64_t seed;
  int threads;
  /** The engine runs made, the base run included: the rows of the arms
   * other than the reference run as arms of one run where they may, up to
   * RB_MAX_ARMS − 1 a run (docs/decision-tools.md). */
  int runs;
} rb_waivers;

/**
 * Price each waiver: the base run, then for every arm whose scheme offers a
 * subsidy and every waiver that scheme grants, one run with only that
 * waiver off (the scenario's seed and replications: common random
 * numbers), in stochastic mode.  A waiver of a rule that no longer exists
 * (the rules' kontanthjaelpsloft.abolished) is listed without a run.  The
 * delebolig waiver changes only shared flats of two tenants: in a scenario
 * without them its run equals the base run.
 * @param[out] out the prices; free with rb_waivers_free() (also on failure).
 * @param sc the scenario.
 * @param opts threads, progress, memory limit, diagnostics; may be NULL.
 * @return as rb_tornado_run().
 */
rb_status rb_waivers_run(rb_waivers *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts);

/** Free the prices and the base run; the struct is zeroed (NULL-safe). */
void rb_waivers_free(rb_waivers *w);

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
 * @param res  a psa run's results.
 * @param p    the perspective of the saving.
 * @param disc RB_DISC (discounted) or RB_UNDISC.
 * @return RB_OK; RB_EINTERNAL when @p res is not a psa run (no draws);
 *         RB_ENOMEM.
 */
rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc);

/**
 * rb_psa_drivers for every perspective at once: each drawn input is ranked
 * once for all of them (the numbers are rb_psa_drivers' for each
 * perspective, bit for bit).
 * @param[out] out RB_P_COUNT × res->n_drawn entries, allocated by the
 *             caller: perspective p's from out + p · res->n_drawn.
 * @return as rb_psa_drivers.
 */
rb_status rb_psa_drivers_all(rb_psa_driver *out, const rb_results *res,
                             int disc);

/* ---- value of information ----------------------------------------------
 *
 * The decision is "the scheme or today's practice"; per perspective the
 * net benefit of the scheme over today's practice is the replication's
 * saving (docs/decision-tools.md, "What the pilot should measure"). */

/** One drawn value, or a group of them, and what knowing it is worth. */
typedef struct rb_voi_entry {
  char *name;   /**< the value's key, or the group's name (owned) */
  bool group;   /**< a group of values */
  int n_values; /**< values in it */
  int *values;  /**< their columns of rb_results.drawn (owned) */
  int basis;    /**< columns of the smooth, intercept included; 0 when
                   the regression was not estimable (EVPPI NAN) */
  double evppi[RB_P_COUNT]; /**< kr per citizen, discounted; NAN when not
                               estimable */
  double r2[RB_P_COUNT];    /**< share of the saving's variance the smooth
                               explains; NAN when not estimable */
} rb_voi_entry;

/** The value of information of a psa run. */
typedef struct rb_voi {
  int replications;
  int citizens;            /**< the enrolled population (whole cohort) */
  double mean[RB_P_COUNT]; /**< mean saving per citizen (discounted) */
  double evpi[RB_P_COUNT]; /**< EVPI, kr per citizen (discounted) */
  int n_single;            /**< entries[0 .. n_single): one value each, in
                              the order of rb_results.drawn */
  int n_entries;           /**< then the groups */
  rb_voi_entry *entries;   /**< (owned) */
} rb_voi;

/**
 * EVPPI of one set of inputs by the regression method of Strong, Oakley and
 * Brennan (2014): the saving @p y of each replication is regressed by least
 * squares (GSL's column-balanced SVD, the singular values at or below
 * 1e-12 of the largest left out, as gsl_multifit_linear_tsvd) on a smooth
 * of the inputs: per
 * input a cubic B-spline (gsl_bspline, uniform breakpoints over the drawn
 * range) added up over the inputs (an additive model) with one intercept;
 * with too few replications for the splines, a straight line per input.
 * EVPPI = mean(max(0, ĝ)) − max(0, mean(y)), ĝ the fitted values
 * (rb_voi_loss).  @p r2 is adjusted for the columns:
 * 1 − (1 − R²)(n − 1)/(n − columns), at least 0.
 * @param[out] evppi kr as @p y; NAN when not estimable.
 * @param[out] r2 the share of y's variance ĝ explains (may be NULL).
 * @param[out] basis columns used, 0 when not estimable (may be NULL).
 * @param y @p n savings.
 * @param x @p n_x inputs, each @p n values.
 * @param n replications.
 * @param n_x inputs.
 * @return RB_OK (also when not estimable); RB_ENOMEM.
 */
/**
 * The expected loss of deciding by the mean: mean(max(0, g)) − max(0, m)
 * for values @p g whose mean is @p m, computed as the mean of the part of
 * g on the other side of zero than m (exactly 0 when every g has m's sign).
 * It is the EVPI of savings g, and the EVPPI of fitted values g.
 * @param g @p n values.
 * @param n count.
 * @param m their mean.
 * @return kr as g, ≥ 0.
 */
double rb_voi_loss(const double *g, int n, double m);

rb_status rb_evppi(double *evppi, double *r2, int *basis, const double *y,
                   const double *const *x, int n, int n_x);

/**
 * rb_evppi() of @p n_y outcomes @p y[k] on the same inputs @p x: one
 * design matrix and one decomposition for all, the same numbers as n_y
 * calls of rb_evppi().
 * @param[out] evppi n_y values.
 * @param[out] r2 n_y values, or NULL.
 */
rb_status rb_evppi_n(double *evppi, double *r2, int *basis,
                     const double *const *y, int n_y, const double *const *x,
                     int n, int n_x);

/**
 * The EVPI and, for every drawn value and every group of values (the same
 * key in every citizen group; one citizen group's values; the values of one
 * top-level block such as costs), the EVPPI, per perspective, of a psa run.
 * EVPI = mean(max(0, saving)) − max(0, mean(saving)) over replications.
 * @param[out] out free with rb_voi_free().
 * @param sc the scenario run.
 * @param res its psa results (res->n_drawn > 0).
 * @return RB_OK; RB_EINTERNAL when @p res is not a psa run; RB_ENOMEM.
 */
rb_status rb_voi_compute(rb_voi *out, const rb_scenario *sc,
                         const rb_results *res);

/**
 * The entries of @p v sorted for one perspective: by EVPPI, then by the
 * variance explained, largest first (NAN last, ties in entry order).
 * @param[out] order v->n_entries indices into v->entries.
 * @param v value of information.
 * @param p perspective.
 */
void rb_voi_order(int *order, const rb_voi *v, rb_perspective p);

/** Free what rb_voi_compute() allocated and zero @p v (NULL-safe). */
void rb_voi_free(rb_voi *v);

#endif
