/**
 * @file output.h
 * @brief The results files for programs (spec: outputs.md): summary.json
 * and the CSV files of a run, and the short texts of a sweep and a tornado.
 * They are written into a folder the caller has made; the whole results
 * folder, atomically and with its manifest and report, is folder.h's.
 */
#ifndef RENTBRIDGE_OUTPUT_H
#define RENTBRIDGE_OUTPUT_H

#include "rentbridge/decision.h"
#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

#include <stdint.h>

/** How a run was made (manifest.json). */
typedef struct rb_run_meta {
  const char *scenario_path; /**< the scenario file as given */
  const char *command_line;  /**< the whole command line */
  const char *command;       /**< "run", "sweep", ... */
  char start_time[32];       /**< ISO 8601, UTC */
  char end_time[32];
  int threads;
  uint64_t seed;
  int replications;
} rb_run_meta;

/**
 * Write summary.json: the run's facts, per perspective both arms and the
 * saving (discounted and undiscounted), occupancy and outcomes, per group
 * the same, and for a psa run the share of replications that save and the
 * drivers (rb_psa_drivers).
 * @param path the file to write.
 * @param sc   the scenario run.
 * @param res  its results.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_write_summary_json(const char *path, const rb_scenario *sc,
                                const rb_results *res);

/**
 * Write summary.csv, items.csv, yearly.csv, monthly.csv, outcomes.csv and
 * parameters.csv into @p dir, and for a psa run psa_drivers.csv and
 * psa_savings.csv (the psa charts are report's, drawn by the folder).
 * @param dir an existing folder.
 * @param sc  the scenario run.
 * @param res its results.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_write_csvs(const char *dir, const rb_scenario *sc,
                        const rb_results *res);

/**
 * The sweep's short summary in the scenario's language: the break-even
 * value(s) and the value with the largest mean saving, per perspective.
 * @param[out] out a new string (free()), NULL on failure.
 * @param s the sweep.
 * @return RB_OK; RB_EINTERNAL for a sweep without values; RB_ENOMEM.
 */
rb_status rb_sweep_summary(char **out, const rb_sweep *s);

/**
 * The summary of a sweep of two keys in the scenario's language: the best
 * cell (the largest mean saving) per perspective.
 * @param[out] out a new string (free()), NULL on failure.
 * @param s the grid.
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_sweep2_summary(char **out, const rb_sweep2 *s);

/**
 * The tornado's short text in the scenario's language: the base case, the
 * largest swings, and "what must be true" — the values whose range flips
 * the sign of the saving, with the threshold.
 * @param[out] out a new string (free()), NULL on failure.
 * @param t  the tornado.
 * @param sc the scenario it was run on.
 * @return RB_OK or RB_ENOMEM.
 */
/**
 * The prices as text for the terminal and summary.txt, in the scenario's
 * language: per arm and waiver the change of the saving per perspective
 * and of the move-ins when it is off.
 * @param[out] text the text, to free().
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_waivers_summary(char **text, const rb_waivers *w,
                             const rb_scenario *sc);

rb_status rb_tornado_summary(char **out, const rb_tornado *t,
                             const rb_scenario *sc);

#endif
