/**
 * @file gnuplot.h
 * @brief Running gnuplot on a chart script: the one place that starts it,
 * for the run reports and the sweep, tornado and psa charts.
 */
#ifndef RENTBRIDGE_GNUPLOT_H
#define RENTBRIDGE_GNUPLOT_H

/** A gnuplot that has not finished after this many seconds is stopped
 * (RB_GNUPLOT_TIMEOUT, whole seconds, overrides it). */
#define RB_GNUPLOT_TIMEOUT_S 120

/** The time limit in force: $RB_GNUPLOT_TIMEOUT when a positive whole
 * number, else RB_GNUPLOT_TIMEOUT_S. */
int rb_gnuplot_timeout(void);

/** How a gnuplot run ended. */
typedef enum {
  RB_GP_OK,          /**< exit status 0 */
  RB_GP_NOT_STARTED, /**< the program could not be started */
  RB_GP_FAILED,      /**< it ran and failed (exit status ≠ 0, or a signal) */
  RB_GP_TIMEOUT      /**< stopped after RB_GNUPLOT_TIMEOUT_S seconds */
} rb_gp_result;

/** The program: $RB_GNUPLOT when set and not empty, else "gnuplot". */
const char *rb_gnuplot_program(void);

/**
 * Run the program on @p script inside folder @p dir, with standard input
 * from /dev/null and standard output and error into the file @p log in
 * @p dir (NULL: discarded).
 * @param[out] err errno of a failed start (RB_GP_NOT_STARTED), else 0.
 * @param[out] wstatus the wait status (RB_GP_OK, RB_GP_FAILED).
 */
rb_gp_result rb_gnuplot_run(const char *dir, const char *script,
                            const char *log, int *err, int *wstatus);

#endif
