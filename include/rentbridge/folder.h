/**
 * @file folder.h
 * @brief The results folders (spec: outputs.md) of a run, a sweep and a
 * tornado, each written atomically: a temporary sibling folder is filled
 * (the scenario, the files for programs of output.h, the charts, the
 * report of report.h, the manifest) and renamed into place when complete.
 * An existing folder of that name is first renamed to the first free
 * "<dir>.1", "<dir>.2", … or removed when @p force.
 */
#ifndef RENTBRIDGE_FOLDER_H
#define RENTBRIDGE_FOLDER_H

#include "rentbridge/decision.h"
#include "rentbridge/engine.h"
#include "rentbridge/output.h"
#include "rentbridge/scenario.h"

#include <stdbool.h>

/** What became of a folder's chart(s). */
typedef enum {
  RB_CHART_DRAWN,      /**< gnuplot drew it */
  RB_CHART_NO_GNUPLOT, /**< gnuplot is not installed: script and data kept */
  RB_CHART_FAILED,     /**< gnuplot ran and failed: script and data kept */
  RB_CHART_NONE        /**< nothing to draw (a tornado without ranges) */
} rb_chart_state;

/**
 * Write a run's results folder: scenario.cfg and rules.cfg (the resolved
 * scenario and a copy of its rules file), summary.json and the CSV files
 * (output.h), for a psa run the histograms of the saving in charts/,
 * report.html, workbook.xlsx and charts/ (report.h; sweep and tornado
 * folders of the same scenario beside @p dir are shown in the report), and
 * manifest.json.
 * @param dir   the folder.
 * @param force replace an existing folder instead of keeping it.
 * @param sc    the scenario run.
 * @param res   its results.
 * @param meta  how the run was made; its end time is set here.
 * @param diag  problems, including the parts of the report that could not
 *              be made (they never fail the run).
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_results_dir_write(const char *dir, bool force,
                               const rb_scenario *sc, const rb_results *res,
                               rb_run_meta *meta, rb_diag *diag);

/**
 * Write a sweep's folder: sweep.csv, sweep.json, summary.txt, sweep.gp and
 * sweep.svg (when gnuplot is installed), scenario.cfg and rules.cfg (the
 * scenario as swept from), manifest.json, and the sweep's own report.html,
 * workbook.xlsx and charts/ (rb_write_sweep_report_files, from sweep.json).
 * @param[out] chart what became of the chart.
 * @param dir   the folder.
 * @param force replace an existing folder instead of keeping it.
 * @param s     the sweep.
 * @param base  the scenario as swept from (rb_sweep_run's @p base).
 * @param meta  how the sweep was made; its end time is set here.
 * @param diag  problems.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_sweep_dir_write(rb_chart_state *chart, const char *dir, bool force,
                             const rb_sweep *s, const rb_scenario *base,
                             rb_run_meta *meta, rb_diag *diag);

/**
 * Write a tornado's folder: tornado.csv, tornado.json, summary.txt,
 * tornado.dat and tornado-<perspective>.gp and .svg (when gnuplot is
 * installed), scenario.cfg, rules.cfg, manifest.json, and the tornado's
 * own report.html, workbook.xlsx and charts/ (rb_write_tornado_report_files,
 * from tornado.json).
 * @param[out] chart what became of the charts (the worst of the three).
 * @param dir   the folder.
 * @param force replace an existing folder instead of keeping it.
 * @param t     the tornado.
 * @param sc    the scenario it was run on.
 * @param meta  how the tornado was made; its end time is set here.
 * @param diag  problems.
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_tornado_dir_write(rb_chart_state *chart, const char *dir,
                               bool force, const rb_tornado *t,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag);

#endif
