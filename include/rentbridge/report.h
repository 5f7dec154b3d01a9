/**
 * @file report.h
 * @brief The documents of a results folder for people: report.html for
 * politicians and workbook.xlsx for finance officers (outputs.md).
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

#endif
