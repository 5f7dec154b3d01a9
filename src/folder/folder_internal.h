/**
 * @file folder_internal.h
 * @brief The steps every results folder takes (resultdir.c): begin a
 * temporary sibling folder, write the scenario into it, finish it with the
 * manifest and move it into place, or discard it; what a gnuplot run means
 * for the folder's chart; and where a folder may go (dircheck.c).
 */
#ifndef RENTBRIDGE_FOLDER_INTERNAL_H
#define RENTBRIDGE_FOLDER_INTERNAL_H

#include "base/gnuplot.h"
#include "rentbridge/folder.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/** Room a folder's name leaves for its temporary siblings' suffixes
 * (".tmp-<pid>", ".old-<pid>", a leading '.') and a kept copy's ".N". */
#define RB_DIR_SUFFIX_ROOM 32

/** A results folder being written. */
typedef struct rb_dir_job {
  char dir[PATH_MAX];   /**< where it goes (rb_results_dir_check()) */
  char tmp[PATH_MAX];   /**< the temporary sibling being filled */
  bool force;           /**< replace an earlier folder rather than keep it */
  bool active;          /**< @p tmp exists and is watched for interrupts */
  rb_chart_state chart; /**< the worst of its charts (rb_dir_write()) */
} rb_dir_job;

/**
 * Start a folder that is written atomically: check @p dir
 * (rb_results_dir_check()), create its parent folders, remove the
 * temporary folders beside it of runs that were stopped, and make an empty
 * temporary sibling ".<base>.tmp-<pid>" (job->tmp).  From here until
 * rb_dir_finish() or rb_dir_discard() an interrupt is noted instead of
 * ending the process (base/interrupt.h), and the charts share one time
 * limit (rb_gnuplot_budget_begin()).
 * @return RB_OK or RB_EIO (a message in @p diag).
 */
rb_status rb_dir_begin(rb_dir_job *job, const char *dir, bool force,
                       rb_diag *diag);

/** Remove the temporary folder and everything in it; the job ends. */
void rb_dir_discard(rb_dir_job *job);

/** Write scenario.cfg (the resolved scenario) and rules.cfg (a copy of its
 * rules file) into @p dir. @return RB_OK or RB_EIO. */
rb_status rb_dir_write_scenario(const char *dir, const rb_scenario *sc);

/**
 * Finish a folder whose files so far were written with status @p st: when
 * RB_OK and not interrupted, manifest.json (with the end time, now) and the
 * move into place: an earlier rentbridge results folder of that name is
 * first renamed to the first free "<dir>.1", "<dir>.2", … or, when
 * job->force, replaced; an empty folder is replaced; anything else is
 * refused and left as it is.  On any failure the temporary folder is
 * discarded and an earlier folder stays where it was, noting "cannot write
 * the <what>'s results" in @p diag, or for @p what NULL (a run) "cannot
 * write the results" and why.
 * @return @p st, or the status of the step that failed.
 */
rb_status rb_dir_finish(rb_status st, rb_dir_job *job, const rb_scenario *sc,
                        rb_run_meta *meta, const char *what, rb_diag *diag);

/** The files of one kind of folder, written into job->tmp (its charts'
 * state into job->chart) from the scenario @p sc and the kind's own
 * @p ctx.  @return RB_OK or why not (a message in @p diag). */
typedef rb_status (*rb_dir_fill)(rb_dir_job *job, const rb_scenario *sc,
                                 rb_run_meta *meta, const void *ctx,
                                 rb_diag *diag);

/**
 * Write a whole results folder: rb_dir_begin(), the scenario
 * (rb_dir_write_scenario()), the kind's own files by @p fill, then
 * rb_dir_finish() with @p what; @p chart (unless NULL) the charts' state,
 * RB_CHART_NONE when none was drawn.
 * @return RB_OK or the status of the step that failed.
 */
rb_status rb_dir_write(rb_chart_state *chart, const char *dir, bool force,
                       const rb_scenario *sc, rb_run_meta *meta,
                       const char *what, rb_diag *diag, rb_dir_fill fill,
                       const void *ctx);

/** A run's own files (summary.json, the CSVs, a psa run's charts, the
 * report) into job->tmp; @p ctx is the rb_results (rb_dir_fill). */
rb_status rb_dir_run_fill(rb_dir_job *job, const rb_scenario *sc,
                          rb_run_meta *meta, const void *ctx, rb_diag *diag);

/** What a gnuplot run that ended as @p r means for the folder's chart. */
rb_chart_state rb_dir_chart_state(rb_gp_result r);

/** What stands where a results folder goes. */
typedef enum {
  RB_DIR_ABSENT,  /**< nothing */
  RB_DIR_EMPTY,   /**< an empty folder (replaced) */
  RB_DIR_RESULTS, /**< a folder whose manifest.json says rentbridge */
  RB_DIR_OTHER    /**< anything else: never moved, replaced or removed */
} rb_dir_kind;

/** @return what stands at @p dir (a symbolic link is RB_DIR_OTHER). */
rb_dir_kind rb_dir_kind_of(const char *dir);

/** Note in @p diag why what stands at @p dir is left as it is. */
void rb_dir_refuse(const char *dir, rb_diag *diag);

/** @p dir's parent folder into @p parent ("." when @p dir has no slash,
 * "" for the root); @return its last part. */
const char *rb_dir_split(char parent[PATH_MAX], const char *dir);

/** Remove the temporary folders ".<name>.tmp-<pid>" and ".<name>.old-<pid>"
 * in @p parent that belong to this user and whose process no longer
 * exists (a run that was killed). */
void rb_dir_clean_stale(const char *parent);

#endif
