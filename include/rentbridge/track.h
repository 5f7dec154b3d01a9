/**
 * @file track.h
 * @brief Tracking a pilot (docs/tracking.md): its citizens in the
 * observed-data format, read and checked like a scenario; the monthly rates
 * they inform, updated from the scenario's values; the observed measures
 * against the forecast.  The track layer sits above folder/: it may use
 * the engine, the decision tools and the writers.
 */
#ifndef RENTBRIDGE_TRACK_H
#define RENTBRIDGE_TRACK_H

#include "rentbridge/output.h"
#include "rentbridge/scenario.h"
#include "rentbridge/status.h"
#include "rentbridge/trace.h"

#include <stdbool.h>

#include <stdint.h>
#include <stdio.h>

/** The observed-data file's header line (docs/tracking.md). */
#define RB_TRACK_HEADER                                                        \
  "citizen,group,month,housing,activity,months_in_state,rent,subsidy"

/**
 * "YYYY-MM" of month @p t (0-based) of the horizon of @p sc.
 * @param buf where, at least 8 bytes.
 * @param n its size.
 * @param sc the scenario (its start).
 * @param t month.
 */
void rb_track_month_text(char *buf, size_t n, const rb_scenario *sc, int t);

/**
 * Write one replication's intervention citizens, one row per citizen and
 * month from entry (docs/tracking.md), to @p f.
 * @param f where (the header first).
 * @param sc a loaded scenario (its mode: psa draws the values first).
 * @param seed the run's seed.
 * @param replication 0-based.
 * @param diag why the run is refused; may be NULL.
 * @return RB_OK, RB_EIO, RB_EINVALID, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_track_simulate_pilot(FILE *f, const rb_scenario *sc, uint64_t seed,
                                  int replication, rb_diag *diag);

/** One observed citizen-month (docs/tracking.md). */
typedef struct rb_obs_row {
  int citizen;         /**< index into rb_observed.ids */
  int group;           /**< index in rb_scenario.groups */
  int month;           /**< 0-based month of the horizon */
  int housing;         /**< rb_housing */
  int activity;        /**< rb_activity */
  int months_in_state; /**< the clock */
  double rent;         /**< NAN when not housed */
  double subsidy;      /**< kr paid in the month */
  int line;            /**< line in the file */
} rb_obs_row;

/** An observed-data file, its rows in file order (a citizen's together). */
typedef struct rb_observed {
  int n_rows;
  rb_obs_row *rows;
  int n_citizens;
  char **ids;     /**< the citizens' ids, in order of first row */
  int last_month; /**< the latest month of any row */
} rb_observed;

/**
 * Read and check an observed-data file against @p sc: every problem to
 * @p diag as `FILE:LINE: column: message (got "X")`.
 * @param[out] out free with rb_observed_free() (zeroed on failure).
 * @param path the CSV file.
 * @param sc the scenario (groups, start, horizon).
 * @param diag where the problems go.
 * @return RB_OK, RB_EINVALID (problems in @p diag), RB_EIO or RB_ENOMEM.
 */
rb_status rb_observed_load(rb_observed *out, const char *path,
                           const rb_scenario *sc, rb_diag *diag);

/** Free an observed file's rows (NULL-safe). */
void rb_observed_free(rb_observed *o);

/** A monthly rate the observed citizens inform, before and after them. */
typedef struct rb_track_rate {
  int group;       /**< index in rb_scenario.groups */
  int param;       /**< the scenario's value: index in rb_scenario.params */
  char what[96];   /**< "move-in from placed (offer accepted)", … */
  double scale;    /**< the rate is scale × the value (a move-in: offers ×
                      the forecast's accepted share); 1 otherwise */
  double exposure; /**< citizen-months at risk */
  double events;   /**< of them, months with the event */
  double prior_a, prior_b; /**< the Beta prior */
  double prior_mean, prior_low, prior_high;
  double post_mean, post_low, post_high; /**< the posterior, 95 % interval */
  double calibrated, cal_low, cal_high;  /**< in the value's unit */
} rb_track_rate;

/** The rates of a pilot. */
typedef struct rb_track_rate_list {
  int n;
  rb_track_rate *rates;
} rb_track_rate_list;

/**
 * Per group, each monthly rate the observed citizens inform (the move-in
 * from placed, the moves out of each state the scenario writes as one
 * value, job entry), from the months up to @p as_of: the exposure-months
 * and events, and the beta-binomial update of a Beta prior with the
 * value's mean and its low-high as ±2 sd (docs/tracking.md).
 * @param[out] out free with rb_track_rates_free().
 * @param sc the scenario.
 * @param o the observed citizens.
 * @param as_of the last month (0-based) whose rows count.
 * @param accepted_share per group the share of offered flats accepted in
 *   the forecast (a move-in is offers × share); NULL for 1.
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_track_rates(rb_track_rate_list *out, const rb_scenario *sc,
                         const rb_observed *o, int as_of,
                         const double *accepted_share);

/** Free rb_track_rates()'s list (NULL-safe). */
void rb_track_rates_free(rb_track_rate_list *r);

/** The evaluation measures compared month by month. */
enum {
  RB_TM_HOUSED,   /**< share housed (housed_subsidised or _ordinary) */
  RB_TM_EMPLOYED, /**< share employed */
  RB_TM_SUBSIDY,  /**< mean rent subsidy paid per citizen, kr */
  RB_TRACK_MEASURES
};

/** The measures' names ("housed", "employed", "subsidy"). */
extern const char *const rb_track_measure_names[RB_TRACK_MEASURES];

/** The observed measures against the forecast's band, months 0 … as_of. */
typedef struct rb_track_band {
  int as_of;        /**< the last month compared, 0-based */
  int n_months;     /**< as_of + 1 */
  int replications; /**< of the forecast */
  double *citizens; /**< [t] observed citizens with a row in month t */
  /** [t][measure] (rb_track_band_index): the observed value, the
   * forecast's mean and 2.5/97.5 % over replications; NAN where no
   * citizen is observed */
  double *observed, *mean, *low, *high;
  int *outside; /**< [t][measure]: 1 where the observed leaves the band */
} rb_track_band;

/** [t][measure] in rb_track_band's tables. */
static inline size_t rb_track_band_index(int t, int k) {
  return (size_t)t * RB_TRACK_MEASURES + (size_t)k;
}

/**
 * The forecast's band for the observed months and groups: @p replications
 * replications of @p sc (its mode), each traced (rb_engine_trace); in each
 * month a measure is the mean over the groups' citizens in the books,
 * weighted by the observed citizens of each group in that month.
 * @param[out] b free with rb_track_band_free().
 * @param sc the scenario.
 * @param o the observed citizens.
 * @param as_of the last month compared (0-based, within the horizon).
 * @param replications of the forecast.
 * @param seed its seed.
 * @param diag why a run is refused; may be NULL.
 * @return RB_OK, RB_EINVALID, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_track_band_compute(rb_track_band *b, const rb_scenario *sc,
                                const rb_observed *o, int as_of,
                                int replications, uint64_t seed, rb_diag *diag);

/** Free a band (NULL-safe). */
void rb_track_band_free(rb_track_band *b);

/** What `rentbridge track` is asked. */
typedef struct rb_track_opts {
  const char *observed;    /**< the observed-data file */
  const char *as_of;       /**< "YYYY-MM", or NULL for its last month */
  int replications;        /**< of the forecast; 0: the scenario's */
  uint64_t seed;           /**< of the forecast */
  const char *const *sets; /**< the scenario's --set, for calibrated.cfg */
  int n_sets;
} rb_track_opts;

/**
 * Track a pilot: read and check the observed file (nothing is written when
 * it has a problem), forecast the scenario, update the rates, and write the
 * results folder @p dir atomically like a run's (docs/tracking.md):
 * rates.csv, observed.csv, calibrated.cfg, charts/fan_*.svg, report.html,
 * workbook.xlsx, scenario.cfg, rules.cfg, manifest.json.
 * @param dir the folder (rb_results_dir_check()).
 * @param force replace an earlier folder rather than keep it as dir.N.
 * @param sc the scenario loaded with @p o->sets.
 * @param o the observed file and the forecast's settings.
 * @param meta the manifest's facts.
 * @param diag problems: the observed file's as FILE:LINE: column: message.
 * @return RB_OK, RB_EINVALID, RB_EIO, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_track_dir_write(const char *dir, bool force, const rb_scenario *sc,
                             const rb_track_opts *o, rb_run_meta *meta,
                             rb_diag *diag);

/**
 * The start states of a new forecast from month @p as_of: each observed
 * citizen that entered before @p as_of and whose state at its start is
 * known (its row of that month, or its death or move away before), in the
 * order of the file, as the next citizen of its group (at most the group's
 * size); for rb_engine_run_from().
 * @param[out] out the states (free()).
 * @param[out] n their number.
 * @param sc the scenario.
 * @param o the observed citizens.
 * @param as_of the month (0-based).
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_track_start_states(rb_start_state **out, int *n,
                                const rb_scenario *sc, const rb_observed *o,
                                int as_of);

#endif
