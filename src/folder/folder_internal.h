/**
 * @file folder_internal.h
 * @brief The steps every results folder takes (resultdir.c): begin a
 * temporary sibling folder, write the scenario into it, finish it with the
 * manifest and move it into place, or discard it; and what a gnuplot run
 * means for the folder's chart.
 */
#ifndef RENTBRIDGE_FOLDER_INTERNAL_H
#define RENTBRIDGE_FOLDER_INTERNAL_H

#include "base/gnuplot.h"
#include "rentbridge/folder.h"

#include <stddef.h>

/**
 * Start a folder that is written atomically: create @p dir's parent folders
 * and an empty temporary sibling ".<base>.tmp-<pid>", whose path goes to
 * @p tmp.  Fill it, then rb_dir_finish() (or rb_dir_discard() on failure).
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

/**
 * Finish a folder being filled in @p tmp whose files so far were written
 * with status @p st: when RB_OK, manifest.json (with the end time, now)
 * and the move into place (rb_dir_commit()).  On any failure @p tmp is
 * discarded, noting "cannot write the <what>'s results" in @p diag, or for
 * @p what NULL (a run) "cannot write the results" and why.
 * @return @p st, or the status of the step that failed.
 */
rb_status rb_dir_finish(rb_status st, const char *tmp, const char *dir,
                        bool force, const rb_scenario *sc, rb_run_meta *meta,
                        const char *what, rb_diag *diag);

/** What a gnuplot run that ended as @p r means for the folder's chart. */
rb_chart_state rb_dir_chart_state(rb_gp_result r);

#endif
