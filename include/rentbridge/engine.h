/**
 * @file engine.h
 * @brief The Monte Carlo engine (spec: model.md) and its results.
 *
 * rb_engine_run() simulates the cohort in every arm for every replication,
 * in parallel over replications, and reduces the statistics in replication
 * order so that every number is identical whatever the thread count.
 */
#ifndef RENTBRIDGE_ENGINE_H
#define RENTBRIDGE_ENGINE_H

#include "rentbridge/accounts.h"
#include "rentbridge/scenario.h"

#include <stdbool.h>
#include <stddef.h>

/** Summary statistics of one series over replications (outputs.md). */
typedef struct rb_stats {
  double mean, mcse, sd, p2_5, median, p97_5;
  double prob_positive; /**< share > 0 (savings only; NAN for arms) */
} rb_stats;

/** One perspective: every arm and the savings.  A saving of arm a against
 * arm b is b's cost − a's, per replication (common random numbers). */
typedef struct rb_persp_result {
  rb_stats arm[RB_MAX_ARMS];
  rb_stats saving; /**< arm 0 against the reference (arm 1) */
  /** vs[a][b]: the saving of arm a against arm b (vs[0][1] = saving; an
   * arm against itself 0); a, b < n_arms. */
  rb_stats vs[RB_MAX_ARMS][RB_MAX_ARMS];
  int break_even_month; /**< 1-based; 0 when it never breaks even */
} rb_persp_result;

/** Outcome measures of one arm (model.md); NAN where undefined. */
typedef struct rb_outcomes {
  double housed[3];      /**< share housed at 12/24/36 months after entry */
  double employed[3];    /**< share employed at 12/24/36 months */
  double education[3];   /**< share in education at 12/24/36 months */
  double retention_24;   /**< still housed 24 months after first move-in */
  double relapses;       /**< per citizen */
  double takeovers;      /**< per citizen */
  double extensions;     /**< per citizen */
  double rehousings;     /**< per citizen */
  double moved_in;       /**< share of citizens who moved in from placed */
  double months_waiting; /**< mean months placed before the first move-in */
  double deaths, exits;  /**< per citizen */
  /** exits split (issue 14): to an own permanent home found on own
   * initiative (counted as kept in retention_24), and lost to follow-up */
  double exits_own_home, exits_lost;
  /** Issue 14, the evaluation's measures (application section 5): the
   * households (citizens) and persons (adults + children) that were in a
   * flat at least once, mean counts per run (not per citizen); the share
   * of job or education spells still on 12 months after their start; the
   * returns to placed at a subsidy end per citizen, and the share of the
   * subsidised leases' ends with an own flat (takeover or rehousing), for
   * citizen group 3 the clarification's outcome. */
  double households_housed, persons_housed;
  double activity_kept_12;
  double end_returns, end_own_flat_share;
  double placed_months;         /**< citizen-months placed per citizen */
  double subsidised_months;     /**< per citizen */
  double subsidy_per_month;     /**< mean subsidy per subsidised month, kr */
  double offers;                /**< flat offers per citizen */
  double offers_accepted_share; /**< accepted / offered */
} rb_outcomes;

/** Results for one group, or for the whole cohort. */
typedef struct rb_group_result {
  const char *name;  /**< group name, or "all" */
  int size;          /**< citizens */
  double mean_entry; /**< mean entry month */
  /** [0 = discounted, 1 = undiscounted][perspective] */
  rb_persp_result persp[2][RB_P_COUNT];
  double occupancy[RB_MAX_ARMS][RB_H_COUNT]; /**< citizen-months per citizen */
  rb_outcomes outcomes[RB_MAX_ARMS];
  double bed_months_freed; /**< reference − arm 0 placed months, total */
  /** Mean amount per citizen: [arm][item][payer slot][0 = disc, 1 = undisc] */
  double *items;
  /** Mean cumulative saving per citizen of arm 0 against the reference:
   * [disc][perspective][month] */
  double *cum_saving;
  /** Mean net cost per citizen per month: [disc][arm][perspective][month] */
  double *month_cost;
} rb_group_result;

/** A run's results. */
typedef struct rb_results {
  int n_arms;                        /**< 2 … RB_MAX_ARMS */
  const char *arm_name[RB_MAX_ARMS]; /**< (borrowed from the scenario) */
  /** The words a reader sees for each arm: its label, else its name
   * (borrowed from the scenario) */
  const char *arm_label[RB_MAX_ARMS];
  bool arms_given; /**< the scenario listed its arms: the writers add the
                      savings of every arm against every other */
  int replications;
  int threads;
  int horizon;
  int n_groups;
  rb_group_result *groups; /**< n_groups */
  rb_group_result all;     /**< the whole cohort */
  /** The views of a portfolio (docs/portfolio.md): per kommune and per
   * target group (rb_scenario.kommuner, .targets, in their order) the
   * results of its groups together, from the same replications, so that
   * the kommuner's totals (mean per citizen × size) add up to the whole
   * cohort's, and so do the target groups'.  Only when the scenario's
   * groups name them (rb_scenario.views_given); else 0 and NULL. */
  int n_kommuner;
  rb_group_result *kommuner;
  int n_targets;
  rb_group_result *targets;
  /** The kommuner's budget years (docs/portfolio.md), undiscounted, mean
   * over replications, kr in total (not per citizen):
   * [kommune][arm][item][year][payer] (rb_kommune_year_index); NULL
   * without views. */
  double *kommune_years;
  /** Citizen-months with a subsidy: [kommune][arm][year]. */
  double *kommune_sub_months;
  /** Citizens with a subsidy in at least one month of the year, each
   * counted once a year: [kommune][arm][year] (rb_kommune_sub_index). */
  double *kommune_sub_citizens;
  /** The pools of flats (rb_scenario.pools, docs/model.md, "Pools"): per
   * pool, arm and month the flats arrived, taken on ordinary terms, taken
   * with the subsidy and returned, mean over replications
   * (rb_pool_month_index); 0 and NULL without pools. */
  int n_pools;
  double *pool_months;
  /** The planner's limit (subsidy.limit_citizens; docs/model.md): the
   * share of replications in which it binds (some citizen refused a flat
   * for it), and per kommune (rb_scenario.kommuner), arm and month the
   * share of replications in which it binds in that month and the offers
   * refused for it, mean over replications (rb_limit_month_index); 0 and
   * NULL without a limit. */
  int limit;
  double limit_binding;
  double *limit_months;
  int n_items;            /**< scenario items + RB_ITEM_COMPUTED_COUNT */
  const char **item_name; /**< n_items (borrowed or static) */
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

/** The memory a run may take unless rb_run_opts.max_memory says otherwise:
 * 4 GiB (docs/performance.md, "Memory"). */
#define RB_ENGINE_MAX_MEMORY ((size_t)4 << 30)

/** Options of a run. */
typedef struct rb_run_opts {
  int replications; /**< 0: the scenario's */
  int threads;      /**< 0: all cores */
  bool seed_given;
  uint64_t seed; /**< used when seed_given */
  /** Progress callback (called from the calling thread), may be NULL. */
  void (*progress)(void *ctx, int done, int total);
  void *progress_ctx;
  /** Bytes the run may take (rb_engine_memory() estimates them before
   * anything is allocated); 0: RB_ENGINE_MAX_MEMORY. */
  size_t max_memory;
  /** Only the whole cohort's statistics are wanted (sweeps, tornado): the
   * groups' totals per replication are not kept, so that the memory per
   * replication does not grow with the groups, and the groups' rb_stats
   * are NAN (their monthly means, items and outcomes are as always). */
  bool cohort_only;
  /** Where a refused or failed run says why, as `FILE:LINE: KEY: message`
   * lines (the memory it needs and the option to change, the input whose
   * amounts overflow); may be NULL. */
  rb_diag *diag;
} rb_run_opts;

/**
 * Run the business case: every replication of the scenario's mode
 * (stochastic, or psa with a draw of the uncertain values per
 * replication).  GSL's error handler is turned off (gsl_set_error_handler_off)
 * so that no GSL error aborts the caller's process.
 *
 * A run is refused before it allocates when rb_engine_memory() is above
 * the limit (rb_run_opts.max_memory) or when a clock of the scenario would
 * overflow; it fails when an amount of its compiled tables or a total of
 * its results is not finite (an overflow to inf or NaN).  Each says why in
 * rb_run_opts.diag.  The threads are checked before the parallel part
 * starts (docs/performance.md, "Threads"): when fewer can be started
 * than asked for, the run uses those (results do not depend on the
 * number; rb_results.threads says how many ran).
 * @param[out] out results, free with rb_results_free() (zeroed on failure).
 * @param sc a loaded scenario (rb_scenario_load).
 * @param opts replications, threads, seed, progress, memory limit and
 *   diagnostics; NULL for the scenario's own and the default limit.
 * @return RB_OK; RB_EINVALID when refused or when an amount overflows (the
 *   reason in opts->diag); RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_engine_run(rb_results *out, const rb_scenario *sc,
                        const rb_run_opts *opts);

/**
 * Run with explicit parameter values (stochastic mode, no draws), for the
 * tornado and sweeps.  Turns GSL's error handler off like rb_engine_run().
 * @param[out] out results, free with rb_results_free() (zeroed on failure).
 * @param sc a loaded scenario.
 * @param opts as for rb_engine_run(); may be NULL.
 * @param values sc->n_params parameter values, in the scenario's order.
 * @return as rb_engine_run().
 */
rb_status rb_engine_run_values(rb_results *out, const rb_scenario *sc,
                               const rb_run_opts *opts, const double *values);

/**
 * The memory a run of @p sc with @p opts needs (its tables, the threads'
 * workspaces, the buffers of a chunk of replications, the sums and the
 * results), estimated from the scenario's sizes before anything is
 * allocated; the run refuses when it is above the limit.
 * @param sc a loaded scenario.
 * @param opts as for rb_engine_run(); may be NULL.
 * @return bytes, as a double (an absurd scenario's may exceed SIZE_MAX).
 */
double rb_engine_memory(const rb_scenario *sc, const rb_run_opts *opts);

/**
 * This process's number among the processes a run is split over (the MPI
 * program build/rentbridge-mpi, docs/cluster.md): 0 in a single process
 * and in the first of several, which alone writes files and prints.
 * @return the rank, 0 to rb_engine_processes() − 1.
 */
int rb_engine_process_rank(void);

/**
 * The processes every run is split over: 1 but under the MPI program
 * (rentbridge/engine_mpi.h).  Every process holds the same results.
 * @return at least 1.
 */
int rb_engine_processes(void);

/**
 * The random-number generator the engine draws from, by name, for
 * manifests and reports.
 * @return a static string ("Random123 Philox4x64-10").
 */
const char *rb_engine_rng_name(void);

/**
 * Call @p fn(@p ctx, i) for every i in [0, @p n) on up to @p threads
 * threads (the engine keeps OpenMP to itself: the statistics after a run,
 * such as the EVPPI's one regression per entry, run in parallel through
 * this).  Each call must write only what belongs to its i, so that the
 * result does not depend on the threads.
 * @param threads at most this many threads (≤ 1: in this thread only).
 * @return RB_OK, or the status of the lowest i whose call failed.
 */
rb_status rb_engine_parallel_for(int n, int threads,
                                 rb_status (*fn)(void *ctx, int i), void *ctx);

/**
 * Free what a run allocated and zero @p r.
 * @param r results of rb_engine_run() or rb_engine_run_values(); NULL-safe.
 */
void rb_results_free(rb_results *r);

/* ---- The results' tables ----------------------------------------------
 *
 * Every array of rb_results and rb_group_result is a flat table whose
 * layout is given here once, by its dimensions and an index function; the
 * engine writes and every writer reads through these, never by its own
 * arithmetic.  "disc" is 0 for discounted, 1 for undiscounted amounts. */

/** Discounted (0) or undiscounted (1). */
enum { RB_DISC = 0, RB_UNDISC = 1, RB_DISC_COUNT = 2 };

/** Columns of monthly_housing: the six housing states, then not entered. */
#define RB_MONTHLY_STATES (RB_H_COUNT + 1)
/** The column of monthly_housing for citizens who have not entered yet. */
#define RB_MONTHLY_NOT_ENTERED RB_H_COUNT

/** Outcome months after entry (rb_outcomes' [3] arrays). */
#define RB_OUTCOME_N 3
static const int rb_outcome_months[RB_OUTCOME_N] = {12, 24, 36};

/** Months after the first move-in at which rb_outcomes.retention_24 asks
 * whether the citizen is still housed. */
#define RB_RETENTION_MONTHS 24
/** Months after its start at which a job or education counts as kept. */
#define RB_KEPT_MONTHS 12

/** The band of the cumulative saving is taken over at most this many
 * replications (the first ones). */
#define RB_BAND_MAX_REPS 10000

/** Columns of the yearly table: resource, transfer, revenue. */
enum {
  RB_YEARLY_RESOURCE,
  RB_YEARLY_TRANSFER,
  RB_YEARLY_REVENUE,
  RB_YEARLY_KINDS
};

/** The band's two percentiles: 2.5 % and 97.5 %. */
enum { RB_BAND_LOW, RB_BAND_HIGH, RB_BAND_N };

/** items: [arm][item][payer slot][disc] of @p n_items items. */
static inline size_t rb_items_index(int n_items, int arm, int item, int slot,
                                    int disc) {
  return (((size_t)arm * (size_t)n_items + (size_t)item) * RB_PAYER_SLOTS +
          (size_t)slot) *
             RB_DISC_COUNT +
         (size_t)disc;
}

/** cum_saving: [disc][perspective][month] over @p horizon months. */
static inline size_t rb_cum_saving_index(int horizon, int disc, int p, int t) {
  return ((size_t)disc * RB_P_COUNT + (size_t)p) * (size_t)horizon + (size_t)t;
}

/** month_cost: [disc][arm][perspective][month] of @p n_arms arms. */
static inline size_t rb_month_cost_index(int horizon, int n_arms, int disc,
                                         int arm, int p, int t) {
  return (((size_t)disc * (size_t)n_arms + (size_t)arm) * RB_P_COUNT +
          (size_t)p) *
             (size_t)horizon +
         (size_t)t;
}

/** yearly: [arm][year][payer][RB_YEARLY_*] of @p n_years years. */
static inline size_t rb_yearly_index(int n_years, int arm, int year, int payer,
                                     int col) {
  return (((size_t)arm * (size_t)n_years + (size_t)year) * RB_PAYER_COUNT +
          (size_t)payer) *
             RB_YEARLY_KINDS +
         (size_t)col;
}

/** monthly_housing: [arm][month][RB_MONTHLY_STATES]. */
static inline size_t rb_monthly_housing_index(int horizon, int arm, int t,
                                              int state) {
  return ((size_t)arm * (size_t)horizon + (size_t)t) * RB_MONTHLY_STATES +
         (size_t)state;
}

/** monthly_activity: [arm][month][RB_A_COUNT]. */
static inline size_t rb_monthly_activity_index(int horizon, int arm, int t,
                                               int a) {
  return ((size_t)arm * (size_t)horizon + (size_t)t) * RB_A_COUNT + (size_t)a;
}

/** band: [perspective][month][RB_BAND_LOW/HIGH]. */
static inline size_t rb_band_index(int horizon, int p, int t, int which) {
  return ((size_t)p * (size_t)horizon + (size_t)t) * RB_BAND_N + (size_t)which;
}

/** drawn: [replication][drawn value] of @p n_drawn values. */
static inline size_t rb_drawn_index(int n_drawn, int rep, int k) {
  return (size_t)rep * (size_t)n_drawn + (size_t)k;
}

/** rep_saving: [replication][disc][perspective]. */
static inline size_t rb_rep_saving_index(int rep, int disc, int p) {
  return ((size_t)rep * RB_DISC_COUNT + (size_t)disc) * RB_P_COUNT + (size_t)p;
}

/** kommune_years: [kommune][arm][item][year][payer]. */
static inline size_t rb_kommune_year_index(int n_arms, int n_items, int n_years,
                                           int k, int arm, int item, int year,
                                           int payer) {
  return ((((size_t)k * (size_t)n_arms + (size_t)arm) * (size_t)n_items +
           (size_t)item) *
              (size_t)n_years +
          (size_t)year) *
             RB_PAYER_COUNT +
         (size_t)payer;
}

/** The columns of pool_months: flats arrived, taken ordinary, taken
 * subsidised, returned (arrived = the other three, in every month). */
enum {
  RB_POOL_COL_ARRIVED,
  RB_POOL_COL_ORDINARY,
  RB_POOL_COL_SUBSIDISED,
  RB_POOL_COL_RETURNED,
  RB_POOL_COLS
};

/** pool_months: [pool][arm][month][RB_POOL_COLS]. */
static inline size_t rb_pool_month_index(int n_arms, int horizon, int pool,
                                         int arm, int t, int col) {
  return (((size_t)pool * (size_t)n_arms + (size_t)arm) * (size_t)horizon +
          (size_t)t) *
             RB_POOL_COLS +
         (size_t)col;
}

/** limit_months: [kommune][arm][month][0 = bound, 1 = offers refused]. */
static inline size_t rb_limit_month_index(int n_arms, int horizon, int k,
                                          int arm, int t, int col) {
  return (((size_t)k * (size_t)n_arms + (size_t)arm) * (size_t)horizon +
          (size_t)t) *
             2 +
         (size_t)col;
}

/** kommune_sub_months: [kommune][arm][year]. */
static inline size_t rb_kommune_sub_index(int n_arms, int n_years, int k,
                                          int arm, int year) {
  return ((size_t)k * (size_t)n_arms + (size_t)arm) * (size_t)n_years +
         (size_t)year;
}

/** Kommune @p k's amount of @p item paid by @p payer in budget year
 * @p year (0-based from first_year), kr in total. */
static inline double rb_res_kommune_year(const rb_results *r, int k, int arm,
                                         int item, int year, int payer) {
  return r->kommune_years[rb_kommune_year_index(
      r->n_arms, r->n_items, r->n_years, k, arm, item, year, payer)];
}

/** Mean amount per citizen of @p item for @p slot in @p arm of group @p g. */
static inline double rb_res_item(const rb_results *r, const rb_group_result *g,
                                 int arm, int item, int slot, int disc) {
  return g->items[rb_items_index(r->n_items, arm, item, slot, disc)];
}

/** Mean cumulative saving per citizen of @p g by month @p t (0-based). */
static inline double rb_res_cum_saving(const rb_results *r,
                                       const rb_group_result *g, int disc,
                                       int p, int t) {
  return g->cum_saving[rb_cum_saving_index(r->horizon, disc, p, t)];
}

/** Mean net cost per citizen of @p g in month @p t. */
static inline double rb_res_month_cost(const rb_results *r,
                                       const rb_group_result *g, int disc,
                                       int arm, int p, int t) {
  return g
      ->month_cost[rb_month_cost_index(r->horizon, r->n_arms, disc, arm, p, t)];
}

/** The whole cohort's undiscounted amount of a budget year. */
static inline double rb_res_yearly(const rb_results *r, int arm, int year,
                                   int payer, int col) {
  return r->yearly[rb_yearly_index(r->n_years, arm, year, payer, col)];
}

/** Mean number of citizens in @p state (or RB_MONTHLY_NOT_ENTERED). */
static inline double rb_res_monthly_housing(const rb_results *r, int arm, int t,
                                            int state) {
  return r
      ->monthly_housing[rb_monthly_housing_index(r->horizon, arm, t, state)];
}

/** Mean number in activity @p a among the active in month @p t. */
static inline double rb_res_monthly_activity(const rb_results *r, int arm,
                                             int t, int a) {
  return r->monthly_activity[rb_monthly_activity_index(r->horizon, arm, t, a)];
}

/** A percentile of the cumulative discounted saving (whole cohort). */
static inline double rb_res_band(const rb_results *r, int p, int t, int which) {
  return r->band[rb_band_index(r->horizon, p, t, which)];
}

/** A replication's drawn value @p k (psa). */
static inline double rb_res_drawn(const rb_results *r, int rep, int k) {
  return r->drawn[rb_drawn_index(r->n_drawn, rep, k)];
}

/** A replication's saving of the whole cohort (psa). */
static inline double rb_res_rep_saving(const rb_results *r, int rep, int disc,
                                       int p) {
  return r->rep_saving[rb_rep_saving_index(rep, disc, p)];
}

/** Index of a scenario cost item or computed item in the items arrays. */
static inline int rb_item_index(const rb_results *r, int computed) {
  return r->n_items - RB_ITEM_COMPUTED_COUNT + computed;
}

/** Work shared between stochastic runs of one scenario that differ only
 * in values (the tornado's bars): rb_engine_saving_shared(). */
typedef struct rb_engine_share rb_engine_share;

/** An empty share; NULL when out of memory.  Free with
 * rb_engine_share_free(). */
rb_engine_share *rb_engine_share_new(void);

/** Free a share; NULL-safe. */
void rb_engine_share_free(rb_engine_share *s);

/**
 * The whole cohort's saving of arm 0 against the reference, discounted and
 * undiscounted ([disc][perspective]), of the stochastic run at @p values:
 * bit for bit what rb_engine_run_values() gives as
 * res.all.persp[disc][p].saving, with the work shared through @p share.
 * The first run with a share simulates every group and keeps its compiled
 * model and each group's totals per replication
 * (replications × groups × 12 × arms doubles).  A later run of the same
 * scenario (the same address), seed and replications simulates only the
 * groups whose compiled tables differ from the first run's
 * (rb_model_groups_same: a value read by one group's tables reruns that
 * group only) and adds the first run's totals of the others, in group
 * order, as the run of every group adds them.  A scenario whose groups
 * depend on each other (pools of flats, the planner's limit) has every
 * group simulated in every run.
 * @param[out] saving    the statistics.
 * @param[out] threads   the threads that ran (may be NULL).
 * @param[out] simulated the groups simulated (may be NULL).
 * @param sc     the scenario; it must outlive @p share.
 * @param opts   as rb_engine_run() (cohort_only is implied).
 * @param values a value per parameter (rb_scenario.params).
 * @param share  from rb_engine_share_new(); NULL: nothing shared.
 * @return as rb_engine_run().
 */
rb_status rb_engine_saving_shared(rb_stats saving[RB_DISC_COUNT][RB_P_COUNT],
                                  int *threads, int *simulated,
                                  const rb_scenario *sc,
                                  const rb_run_opts *opts, const double *values,
                                  rb_engine_share *share);

#endif
