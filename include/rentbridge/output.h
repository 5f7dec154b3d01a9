/**
 * @file output.h
 * @brief The results folder (spec: outputs.md): summary.json, the CSV
 * files, parameters, the resolved scenario and the manifest, written under a
 * temporary name and renamed into place when complete.
 */
#ifndef RENTBRIDGE_OUTPUT_H
#define RENTBRIDGE_OUTPUT_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

#include <stdio.h>

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

/** Write summary.json. @return RB_OK or RB_EIO. */
rb_status rb_write_summary_json(const char *path, const rb_scenario *sc,
                                const rb_results *res);

/** Write summary.csv, items.csv, yearly.csv, monthly.csv, outcomes.csv and
 * parameters.csv into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_write_csvs(const char *dir, const rb_scenario *sc,
                        const rb_results *res);

/** Write manifest.json (@p dir holds scenario.cfg already). */
rb_status rb_write_manifest(const char *dir, const rb_scenario *sc,
                            const rb_run_meta *meta);

/**
 * Write a complete results folder for a run to @p dir: a temporary sibling
 * folder is filled and renamed into place; an existing @p dir is first
 * renamed to the first free "<dir>.1", "<dir>.2", … or removed when
 * @p force.  Diagnostics go to @p diag.
 */
rb_status rb_results_dir_write(const char *dir, bool force,
                               const rb_scenario *sc, const rb_results *res,
                               rb_run_meta *meta, rb_diag *diag);

/**
 * Start a folder that is written atomically: create @p dir's parent folders
 * and an empty temporary sibling ".<base>.tmp-<pid>", whose path goes to
 * @p tmp.  Fill it, then rb_dir_commit() (or rb_dir_discard() on failure).
 * @return RB_OK or RB_EIO (a message in @p diag).
 */
rb_status rb_dir_begin(char *tmp, size_t n, const char *dir, rb_diag *diag);

/**
 * Move a filled temporary folder into place as @p dir: an existing @p dir
 * is first renamed to the first free "<dir>.1", "<dir>.2", … or removed
 * when @p force.  On failure the temporary folder is removed.
 * @return RB_OK or RB_EIO (a message in @p diag).
 */
rb_status rb_dir_commit(const char *tmp, const char *dir, bool force,
                        rb_diag *diag);

/** Remove a temporary folder and everything in it. */
void rb_dir_discard(const char *tmp);

/** Write scenario.cfg (the resolved scenario) and rules.cfg (a copy of its
 * rules file) into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_dir_write_scenario(const char *dir, const rb_scenario *sc);

#endif
