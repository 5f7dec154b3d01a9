/**
 * @file gnuplot.h
 * @brief Running gnuplot on a chart script: the one place that starts it,
 * for the run reports and the sweep, tornado and psa charts.
 */
#ifndef RENTBRIDGE_GNUPLOT_H
#define RENTBRIDGE_GNUPLOT_H

#include <stddef.h>

/** The time limit, in seconds, for all the charts of one results folder
 * together (RB_GNUPLOT_TIMEOUT, whole seconds, overrides it): a gnuplot
 * still running when it is up is stopped, and the charts after it are not
 * started. */
#define RB_GNUPLOT_TIMEOUT_S 120

/** The largest SVG a chart may be, in bytes: a larger one (or one that is
 * not a complete SVG) is removed and counts as not drawn. */
#define RB_SVG_MAX ((size_t)16 << 20)

/** The time limit in force: $RB_GNUPLOT_TIMEOUT when a whole number from 1
 * to 86,399, else RB_GNUPLOT_TIMEOUT_S. */
int rb_gnuplot_timeout(void);

/** How a gnuplot run ended. */
typedef enum {
  RB_GP_OK,          /**< exit status 0 and a complete SVG */
  RB_GP_NOT_STARTED, /**< the program could not be started */
  RB_GP_FAILED,      /**< it ran and failed (exit status ≠ 0, or a signal),
                          or the run was interrupted */
  RB_GP_TIMEOUT,     /**< stopped, or not started, because the time limit
                          of the folder's charts was up */
  RB_GP_BAD_SVG      /**< exit status 0, but the SVG is missing, empty, not
                          complete or larger than RB_SVG_MAX (removed) */
} rb_gp_result;

/** The program: $RB_GNUPLOT when set and not empty, else "gnuplot". */
const char *rb_gnuplot_program(void);

/**
 * Start the time limit of a results folder's charts: every rb_gnuplot_run()
 * until the matching rb_gnuplot_budget_end() shares one limit of
 * rb_gnuplot_timeout() seconds from now.  Calls nest: only the outermost
 * starts and ends it.  Outside a budget each run has the limit to itself.
 */
void rb_gnuplot_budget_begin(void);

/** End the budget rb_gnuplot_budget_begin() started. */
void rb_gnuplot_budget_end(void);

/**
 * Run the program on @p script inside folder @p dir, with standard input
 * from /dev/null and standard output and error into the file @p log in
 * @p dir (NULL: discarded).  The program's name is resolved (a relative
 * path against the current folder, a bare name along PATH) before it is
 * started in @p dir.
 * @param svg the SVG file in @p dir the script draws, checked after an
 *            exit status 0 (rb_svg_complete()); NULL: not checked.
 * @param[out] err errno of a failed start (RB_GP_NOT_STARTED), else 0.
 * @param[out] wstatus the wait status (RB_GP_OK, RB_GP_FAILED).
 */
rb_gp_result rb_gnuplot_run(const char *dir, const char *script,
                            const char *svg, const char *log, int *err,
                            int *wstatus);

/** The charts rb_gnuplot_run_all draws at once: gnuplot is a process of
 * its own, so as many as the machine has cores, up to 4 (1 on one core). */
int rb_gnuplot_jobs(void);

/** One chart of rb_gnuplot_run_all: its script, SVG and log (names in
 * the folder, kept by the caller) and, after the call, how it went. */
typedef struct rb_gp_chart {
  const char *script, *svg, *log;
  int started;         /**< 0: not run (after a chart that ended the runs) */
  rb_gp_result result; /**< as rb_gnuplot_run's, when started */
  int err, wstatus;    /**< as rb_gnuplot_run's */
} rb_gp_chart;

/**
 * rb_gnuplot_run for each of @p n charts in folder @p dir, up to @p jobs
 * (1 … 4) at once, started in their order under one time limit (the
 * budget's, or RB_GNUPLOT_TIMEOUT from the call).  As one at a time, a
 * chart that cannot be started or meets the time limit ends the runs: the
 * charts after it are not run (those running are stopped, their SVGs
 * removed), and an interrupt fails every chart not yet done.  Each child
 * is in an interrupt slot (rb_interrupt_child_at), so a signal stops all.
 * @return how many charts have a result: charts[0 … k − 1] (those with
 *         started = 1).
 */
int rb_gnuplot_run_all(const char *dir, rb_gp_chart *charts, int n, int jobs);

/** @return 1 when @p path is a regular file of at most @p max bytes that
 * holds one complete SVG document (an `<svg` element, and `</svg>` at its
 * end), else 0. */
int rb_svg_complete(const char *path, size_t max);

#endif
