/**
 * @file report.h
 * @brief The documents of a results folder for people: report.html for
 * politicians and workbook.xlsx for finance officers (outputs.md), for a
 * run and for a sweep's or a tornado's own folder.
 */
#ifndef RENTBRIDGE_REPORT_H
#define RENTBRIDGE_REPORT_H

#include "rentbridge/output.h"

/**
 * Write report.html, workbook.xlsx and charts/ into @p dir (a results
 * folder being filled; @p results_parent is where sibling sweep/tornado
 * folders may stand).  Never fails the run: a part that cannot be made is
 * explained in the report and noted in @p diag.
 */
void rb_write_report_files(const char *dir, const char *results_parent,
                           const rb_scenario *sc, const rb_results *res,
                           const rb_run_meta *meta, rb_diag *diag);

/**
 * Write a sweep's own report.html, workbook.xlsx and charts/ into @p dir (a
 * sweep folder being filled that holds sweep.json, scenario.cfg and
 * rules.cfg already).  Every number is taken from that sweep.json.  @p sc is
 * the scenario as swept from, @p meta how the sweep was made.  Never fails
 * the sweep: a part that cannot be made is explained in the report and
 * noted in @p diag.
 */
void rb_write_sweep_report_files(const char *dir, const rb_scenario *sc,
                                 const rb_run_meta *meta, rb_diag *diag);

/**
 * Write a tornado's own report.html, workbook.xlsx and charts/ into @p dir
 * (a tornado folder being filled that holds tornado.json, scenario.cfg and
 * rules.cfg already), every number from that tornado.json.  Never fails the
 * tornado, as rb_write_sweep_report_files().
 */
void rb_write_tornado_report_files(const char *dir, const rb_scenario *sc,
                                   const rb_run_meta *meta, rb_diag *diag);

#endif
