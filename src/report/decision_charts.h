/**
 * @file decision_charts.h
 * @brief The charts of a sweep's and a tornado's own folder and a psa
 * run's histograms of the saving: each a gnuplot script (with its data)
 * written into the folder being filled, then drawn to SVG by gnuplot.  A
 * chart that gnuplot cannot draw keeps its script and data; what became of
 * it is returned for the folder to report.
 */
#ifndef RENTBRIDGE_REPORT_DECISION_CHARTS_H
#define RENTBRIDGE_REPORT_DECISION_CHARTS_H

#include "base/gnuplot.h"
#include "rentbridge/decision.h"

/**
 * sweep.gp (the mean saving with its 95 % band per perspective against the
 * value, the intervention arm's outcomes below; data: sweep.csv, written
 * before), drawn to sweep.svg.
 * @param[out] drawn how gnuplot ended (set when the script was written).
 * @param dir the sweep's folder being filled.
 * @param s   the sweep.
 * @return RB_OK, or RB_EIO when the script cannot be written.
 */
rb_status rb_sweep_chart(rb_gp_result *drawn, const char *dir,
                         const rb_sweep *s);

/**
 * tornado.dat, the tornado charts' data: rank, key for people, then the
 * base, low and high saving per perspective.
 * @param dir the tornado's folder being filled.
 * @param t   the tornado.
 * @param sc  the scenario it was run on.
 * @return RB_OK or RB_EIO.
 */
rb_status rb_tornado_chart_data(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc);

/**
 * tornado-<perspective>.gp (a bar per parameter from the base saving to the
 * saving at low and at high; data: tornado.dat), drawn to its .svg.
 * @param[out] drawn how gnuplot ended (set when the script was written).
 * @param dir the tornado's folder being filled.
 * @param t   the tornado.
 * @param sc  the scenario it was run on.
 * @param p   the perspective.
 * @return RB_OK, or RB_EIO when the script cannot be written.
 */
rb_status rb_tornado_chart(rb_gp_result *drawn, const char *dir,
                           const rb_tornado *t, const rb_scenario *sc,
                           rb_perspective p);

/**
 * A psa run's histograms of the discounted saving per citizen over the
 * replications: charts/psa_saving_<perspective>.csv (30 equal bins from the
 * smallest to the largest saving, counted by GSL's gsl_histogram) and .gp,
 * drawn to .svg when gnuplot can.  Does nothing for a stochastic run.
 * @param dir the run's folder being filled (charts/ is made when missing).
 * @param sc  the scenario run.
 * @param res its results.
 * @return RB_OK; RB_EIO when a file cannot be written (a chart that cannot
 *         be drawn is not an error); RB_ENOMEM.
 */
rb_status rb_psa_charts(const char *dir, const rb_scenario *sc,
                        const rb_results *res);

#endif
