/**
 * @file folder.h
 * @brief The results folders (spec: outputs.md) of a run, a sweep and a
 * tornado, each written atomically: a temporary sibling folder is filled
 * (the scenario, the files for programs of output.h, the charts, the
 * report of report.h, the manifest) and renamed into place when complete.
 * An earlier rentbridge results folder of that name (its manifest.json says
 * engine "rentbridge") is first renamed to the first free "<dir>.1",
 * "<dir>.2", … or removed when @p force; an empty folder is replaced;
 * anything else is refused (RB_EIO) and left as it is.  When any file
 * cannot be written completely, or the process is interrupted
 * (base/interrupt.h), the temporary folder is removed and an earlier folder
 * stays where it was.  A trailing slash in a folder's name is ignored.
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
 * Check, before the work starts, that a results folder can be written as
 * @p dir: its name is a folder's name (not "", ".", ".." or "/", short
 * enough for its temporary siblings), the nearest existing folder above it
 * is a folder this process may write into (missing ones are created when
 * the folder is written), and what stands at @p dir now, if anything, is an
 * empty folder or a rentbridge results folder.  The writers below check the
 * same again when they start and before they replace anything.
 * @param[out] out @p dir without trailing slashes (at most @p n bytes).
 * @param n    the size of @p out.
 * @param dir  the results folder.
 * @param diag why it cannot be written, naming the path.
 * @return RB_OK or RB_EIO.
 */
rb_status rb_results_dir_check(char *out, size_t n, const char *dir,
                               rb_diag *diag);

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
 * @param diag  problems, including the charts that could not be drawn
 *              (they never fail the run).
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
 * Write the folder of a sweep of two keys: sweep2.csv, summary.txt (the
 * best cell per perspective), scenario.cfg, rules.cfg, manifest.json and
 * its own report.html and workbook.xlsx with a heat map per perspective
 * (rb_write_sweep2_report_files).
 * @return RB_OK, RB_EIO or RB_ENOMEM.
 */
rb_status rb_sweep2_dir_write(const char *dir, bool force, const rb_sweep2 *s,
                              const rb_scenario *base, rb_run_meta *meta,
                              rb_diag *diag);

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

/**
 * Write the waivers' folder (issue 11): the base run's whole results
 * folder (as rb_results_dir_write(), its report and workbook with the
 * waivers' table) and waivers.csv, waivers.json and summary.txt.
 * @return as rb_results_dir_write().
 */
rb_status rb_waivers_dir_write(const char *dir, bool force, const rb_waivers *w,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag);

#endif
