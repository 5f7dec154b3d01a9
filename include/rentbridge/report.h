/**
 * @file report.h
 * @brief The documents of a results folder for people: report.html for
 * politicians and workbook.xlsx for finance officers, with their charts/
 * (docs/report.md), for a run and for a sweep's or a tornado's own folder.
 *
 * A chart gnuplot cannot draw (not installed, failing, out of time) never
 * fails what it documents: it is explained in the report and noted in the
 * diagnostics.  A file that cannot be written completely (a full disk, a
 * file-size limit) is an error: the writers return RB_EIO, and the results
 * folder that would hold it is not put in place.
 */
#ifndef RENTBRIDGE_REPORT_H
#define RENTBRIDGE_REPORT_H

#include "rentbridge/engine.h"
#include "rentbridge/output.h"
#include "rentbridge/scenario.h"
#include "rentbridge/status.h"

/**
 * Write a run's report.html, workbook.xlsx and charts/ into its results
 * folder.  Sweep and tornado folders of the same scenario that stand in
 * @p results_parent (<name>-sweep-<key>/, <name>-tornado/) are included.
 * @param dir the results folder being filled (it holds scenario.cfg and
 * rules.cfg already)
 * @param results_parent the folder the results folder stands in; NULL or ""
 * for the current folder
 * @param sc the scenario as run
 * @param res the run's results
 * @param meta how the run was made (manifest data)
 * @param diag receives a note for every part that could not be made
 * @return RB_OK, RB_EIO when a file cannot be written (why in @p diag) or
 * RB_ENOMEM
 */
rb_status rb_write_report_files(const char *dir, const char *results_parent,
                                const rb_scenario *sc, const rb_results *res,
                                const rb_run_meta *meta, rb_diag *diag);

/**
 * Write a sweep's own report.html, workbook.xlsx and charts/, every number
 * taken from the sweep.json in its folder.
 * @param dir the sweep folder being filled (it holds sweep.json,
 * scenario.cfg and rules.cfg already)
 * @param sc the scenario as swept from
 * @param meta how the sweep was made
 * @param diag receives a note for every part that could not be made
 * @return RB_OK, RB_EIO when sweep.json cannot be read back or a file
 * cannot be written, or RB_ENOMEM
 */
rb_status rb_write_sweep_report_files(const char *dir, const rb_scenario *sc,
                                      const rb_run_meta *meta, rb_diag *diag);

/**
 * Write a tornado's own report.html, workbook.xlsx and charts/, every
 * number taken from the tornado.json in its folder.
 * @param dir the tornado folder being filled (it holds tornado.json,
 * scenario.cfg and rules.cfg already)
 * @param sc the scenario the tornado varied
 * @param meta how the tornado was made
 * @param diag receives a note for every part that could not be made
 * @return RB_OK, RB_EIO when tornado.json cannot be read back or a file
 * cannot be written, or RB_ENOMEM
 */
rb_status rb_write_tornado_report_files(const char *dir, const rb_scenario *sc,
                                        const rb_run_meta *meta, rb_diag *diag);

/**
 * Write a sweep of two keys' own report.html and workbook.xlsx: per
 * perspective a heat map of the mean saving per citizen over the grid,
 * with the best cell marked (docs/decision-tools.md, "Two parameters").
 * @param dir the folder being filled
 * @param sc the scenario as swept from
 * @param s the grid
 * @return RB_OK, RB_EIO or RB_EINTERNAL for an empty grid
 */
rb_status rb_write_sweep2_report_files(const char *dir, const rb_scenario *sc,
                                       const rb_sweep2 *s);

#endif
